"""Views for articles (see urls.py)."""

urlpatterns: list = []
