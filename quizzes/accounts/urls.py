from django.urls import path

from quizzes.accounts import views

urlpatterns = [
    path("accounts/signup/", views.signup, name="signup"),
    path("accounts/profile/", views.profile, name="profile"),
    path("", views.home, name="home"),
    path("courses/join/", views.join, name="join"),
    path("c/<slug:slug>/members/", views.members, name="members"),
    path("c/<slug:slug>/members/<int:pk>/revoke/", views.revoke, name="revoke"),
]
