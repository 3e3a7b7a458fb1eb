"""Views for notes (see urls.py)."""

urlpatterns: list = []
