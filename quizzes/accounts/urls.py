from django.contrib.auth import views as auth_views
from django.urls import path
from django.views.decorators.http import require_http_methods

from quizzes.accounts import views

# Django's form views also take PUT as a POST: only GET and POST here (and HEAD, OPTIONS).
FORM_METHODS = {"http_method_names": ["get", "post", "head", "options"]}

# Django's authentication views (as django.contrib.auth.urls), with the password reset throttled.
auth_urlpatterns = [
    path("accounts/login/", auth_views.LoginView.as_view(**FORM_METHODS), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password_change/",
        auth_views.PasswordChangeView.as_view(**FORM_METHODS),
        name="password_change",
    ),
    path(
        "accounts/password_change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("accounts/password_reset/", views.PasswordResetView.as_view(**FORM_METHODS), name="password_reset"),
    path(
        "accounts/password_reset/done/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "accounts/reset/<uidb64>/<token>/",
        # Its dispatch answers an invalid link before the method check: check the method first.
        require_http_methods(["GET", "POST", "HEAD", "OPTIONS"])(
            auth_views.PasswordResetConfirmView.as_view()
        ),
        name="password_reset_confirm",
    ),
    path(
        "accounts/reset/done/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"
    ),
]

urlpatterns = [
    *auth_urlpatterns,
    path("accounts/signup/", views.signup, name="signup"),
    path("accounts/profile/", views.profile, name="profile"),
    path("accounts/delete/", views.account_delete, name="account_delete"),
    path("", views.home, name="home"),
    path("courses/join/", views.join, name="join"),
    path("c/<slug:slug>/members/", views.members, name="members"),
    path("c/<slug:slug>/members/join-code/", views.new_join_code, name="members_join_code"),
    path("c/<slug:slug>/members/<int:pk>/revoke/", views.revoke, name="revoke"),
    path("c/<slug:slug>/members/removed/<int:pk>/let-back/", views.let_back, name="members_let_back"),
]
