"""allauth's rate limits answered in our words: log-in, sign-up and password reset.

Wrong passwords are counted twice (AccountAdapter.pre_authenticate): per account *and*
client address, where a few stop a guesser, and per account from everywhere, with a ceiling
one address cannot reach. Whoever knows an address can no longer lock its owner out."""

from allauth.account import app_settings
from allauth.core.internal.ratelimit import parse_rates

from samverka.core.ratelimit import too_many_requests

# The allauth actions that each of its pages counts; the wait is the longest window among them.
ACTIONS_OF_VIEW = {
    "account_login": ("login", "login_failed"),
    "account_signup": ("signup",),
    "account_reset_password": ("reset_password",),
    "account_reset_password_from_key": ("reset_password_from_key",),
    "account_email": ("manage_email", "confirm_email"),
    "account_change_password": ("change_password",),
    "account_reauthenticate": ("reauthenticate",),
    "account_request_login_code": ("request_login_code",),
    "mfa_authenticate": ("login_failed",),
    "mfa_reauthenticate": ("login_failed",),
}


def window(*actions: str) -> int:
    """Seconds until the longest of the actions' rates lets a request through again, at most."""
    rates = [rate for action in actions for rate in parse_rates(app_settings.RATE_LIMITS.get(action))]
    return int(max((rate.duration for rate in rates), default=60))


def handler429(request):
    """allauth's answer at a limit (`handler429` of the root URLconf)."""
    match = request.resolver_match
    actions = ACTIONS_OF_VIEW.get(match.url_name if match else "", ())
    return too_many_requests(request, retry_after=window(*actions))


def too_many_wrong_passwords(request, action: str):
    """`action` is the limit reached: "login_failed" (this client, for this account or for
    many) or "login_failed_account" (this account, from many clients)."""
    return too_many_requests(request, retry_after=window(action), context={"reason": action})
