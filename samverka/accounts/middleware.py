from django.shortcuts import redirect
from django.urls import reverse

from samverka.municipality.models import Municipality

SESSION_KEY = "official_mfa_ok"


class RequireOfficialTwoFactorMiddleware:
    """When the administrator requires it, an official must set up two-factor
    authentication (TOTP) before doing anything else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None and user.is_authenticated and not request.session.get(SESSION_KEY)
            and Municipality.current().require_two_factor_for_officials
            and (user.is_official or user.is_superuser)
        ):
            from allauth.mfa.models import Authenticator

            if Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
                request.session[SESSION_KEY] = True
            elif not self._allowed(request.path_info):
                return redirect("mfa_activate_totp")
        return self.get_response(request)

    @staticmethod
    def _allowed(path: str) -> bool:
        allowed = [reverse("mfa_activate_totp"), reverse("mfa_index"), reverse("account_logout"), "/static/",
                   reverse("mfa_generate_recovery_codes")]
        return any(path.startswith(p) or path.endswith(p) for p in allowed)
