"""Views for quizzes (see urls.py)."""

urlpatterns: list = []
