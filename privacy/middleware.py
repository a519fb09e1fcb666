"""Nobody on staff reaches a page until they have verified a second factor.

Runs after the actor is attached. A signed-in staff member (or a peer who turned
two-factor authentication on) whose session has not been verified is sent to
set it up, or to type a code, and comes back to the page they asked for.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

from privacy import twofactor

# Paths a half-signed-in person may still use: signing out, the two-factor pages, static files, health.
EXEMPT_PREFIXES = ("/two-factor/", "/accounts/logout/", "/static/", "/healthz")
# Web pages under /api/ (managing tokens, reading the documentation) redirect like any page.
API_PAGES = ("/api/tokens/", "/api/docs/")
SESSION_FLAG = "second_factor_expected"
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._must_verify(request):
            if request.path_info.startswith("/api/") and not request.path_info.startswith(API_PAGES):
                return JsonResponse(
                    {"detail": "Verify your second factor on the website before using the API with this session."},
                    status=403,
                )
            user = request.user
            target = "privacy:two_factor_verify" if twofactor.has_confirmed_device(user) else "privacy:two_factor"
            return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    @staticmethod
    def _must_verify(request) -> bool:
        if request.path_info.startswith(EXEMPT_PREFIXES):
            return False
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return False
        return bool(request.session.get(SESSION_FLAG)) or twofactor.is_required(request.actor)


class PrivateResponseMiddleware:
    """Pages shown to a signed-in person are never stored by browsers or shared caches,
    and no page may use the camera, microphone, location or payment features."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not request.path_info.startswith("/static/"):
            response["Cache-Control"] = "no-store, private"
        return response
