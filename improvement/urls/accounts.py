from django.contrib.auth import views as auth_views
from django.urls import path

from improvement.views.accounts import SignInView, ThrottledPasswordResetView, account

urlpatterns = [
    path("sign-in/", SignInView.as_view(), name="login"),
    path("account/", account, name="account"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("password-reset/", ThrottledPasswordResetView.as_view(), name="password_reset"),
    path("password-reset/sent/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("password-reset/done/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
]
