"""Views for reports (see urls.py)."""

urlpatterns: list = []
