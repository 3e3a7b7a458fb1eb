"""Views for drafts (see urls.py)."""

urlpatterns: list = []
