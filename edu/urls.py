from django.contrib import admin
from django.urls import include, path

# Django's log-in and password views are in quizzes/accounts/urls.py (the reset is throttled).
urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("quizzes.urls")),
]
