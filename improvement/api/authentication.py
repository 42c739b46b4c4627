"""Who is asking: a personal API token (`Authorization: Bearer <token>`), or the browser's session
(DRF's SessionAuthentication, which checks CSRF on anything but a read)."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from improvement.selectors.api import api_token_find
from improvement.services.api_tokens import api_token_mark_used


class ApiTokenAuthentication(authentication.BaseAuthentication):
    """A token reads as its user: their council, their role, their advisers' grants."""

    keywords = ("bearer", "token")

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower().decode(errors="replace") not in self.keywords:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed("Send the token as: Authorization: Bearer <token>.")
        try:
            secret = header[1].decode("ascii")
        except UnicodeDecodeError as error:
            raise exceptions.AuthenticationFailed("That token is not valid.") from error
        token = api_token_find(secret=secret)
        if token is None:
            raise exceptions.AuthenticationFailed("That token is not valid, or it has been revoked.")
        api_token_mark_used(token=token, today=timezone.localdate())
        return token.user, token

    def authenticate_header(self, request):
        return 'Bearer realm="api"'


class ApiTokenScheme(OpenApiAuthenticationExtension):
    """How the schema names the token: HTTP bearer authentication."""

    target_class = ApiTokenAuthentication
    name = "apiToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A personal API token from your account page in the tracker.",
        }
