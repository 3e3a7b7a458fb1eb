"""A person's own data, for them to download (any signed-in person, only their own)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_safe

from quizzes.insight import owndata


@login_required
@require_safe
def account_data(request: HttpRequest) -> HttpResponse:
    """Everything the app holds about the signed-in person, as a ZIP of JSON and CSVs."""
    now = timezone.now()
    response = HttpResponse(owndata.export_zip(request.user, now=now), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="medquiz-my-data-{now:%Y-%m-%d}.zip"'
    return response
