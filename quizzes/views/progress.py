"""Views for progress (see urls.py)."""

urlpatterns: list = []
