from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

from samverka.municipality.models import Municipality

# Pages an official without two-factor authentication may still open: setting it up
# (which may ask for the password again first), recovery codes, logging out, and the
# pages the law wants reachable from everywhere.
ALLOWED_URL_NAMES = frozenset({
    "mfa_activate_totp", "mfa_index", "mfa_reauthenticate", "mfa_view_recovery_codes",
    "mfa_generate_recovery_codes", "mfa_download_recovery_codes",
    "account_reauthenticate", "account_logout",
    "accessibility", "privacy", "healthz", "theme_css",
})


class RequireOfficialTwoFactorMiddleware:
    """When the administrator requires it, an official (or an administrator, or anyone who
    can enter the admin) must set up two-factor authentication (TOTP) before doing anything
    else. Once set up, allauth asks for the code at every login.

    Nothing is remembered in the session: whether the person has a TOTP authenticator is
    looked up on each request (one indexed query, only for officials and only while the
    requirement is on), so removing the authenticator, in this session or any other, puts
    the requirement back at once."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._must_set_up(request, getattr(request, "user", None)) and not self._allowed(request):
            if request.path_info.startswith("/api/"):
                return JsonResponse({"detail": _("Set up two-factor authentication to continue.")}, status=403)
            messages.info(request, _("Your municipality requires officials to use two-factor "
                                     "authentication. Set it up to continue."))
            return redirect("mfa_activate_totp")
        return self.get_response(request)

    @staticmethod
    def _must_set_up(request, user) -> bool:
        if user is None or not user.is_authenticated:
            return False
        # The setting first: the page's layout reads it anyway (once per request), while
        # `is_official` asks for the user's offices, which most pages never need.
        if not Municipality.of_request(request).require_two_factor_for_officials:
            return False
        if not (user.is_superuser or user.is_staff or user.is_official):
            return False
        from allauth.mfa.models import Authenticator

        return not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()

    @staticmethod
    def _allowed(request) -> bool:
        if request.path_info.startswith("/static/"):
            return True
        try:
            # resolve() understands the language prefixes (/en/, /ar/) of i18n_patterns.
            match = resolve(request.path_info)
        except Resolver404:
            return False
        return match.url_name in ALLOWED_URL_NAMES
