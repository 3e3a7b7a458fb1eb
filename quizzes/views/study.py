"""Views for study (see urls.py)."""

urlpatterns: list = []
