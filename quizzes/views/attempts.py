"""Views for attempts (see urls.py)."""

urlpatterns: list = []
