from django.contrib.auth import views as auth_views
from django.urls import path

from improvement.views import accounts, feeds
from improvement.views.accounts import SignInView, ThrottledPasswordResetView

urlpatterns = [
    path("sign-in/", SignInView.as_view(), name="login"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("password-reset/", ThrottledPasswordResetView.as_view(), name="password_reset"),
    path("password-reset/sent/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("account/", accounts.account, name="account"),
    path("account/api-tokens/", accounts.api_token_create, name="api_token_create"),
    path("account/api-tokens/<int:pk>/revoke/", accounts.api_token_revoke, name="api_token_revoke"),
    path("account/calendar-links/", accounts.calendar_feed_create, name="calendar_feed_create"),
    path("account/calendar-links/<int:pk>/revoke/", accounts.calendar_feed_revoke, name="calendar_feed_revoke"),
    path("calendar/<str:secret>.ics", feeds.calendar_feed, name="calendar_feed"),
    path("password-reset/done/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
]
