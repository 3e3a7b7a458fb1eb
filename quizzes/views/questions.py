"""Views for questions (see urls.py)."""

urlpatterns: list = []
