from dataclasses import dataclass
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.models import EmailAddress
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.core.internal import ratelimit  # the usage it returns can be given back
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.helpers import render_authentication_error
from allauth.socialaccount.providers.oauth2.client import OAuth2Error
from allauth.socialaccount.providers.openid_connect.provider import OpenIDConnectProvider
from allauth.socialaccount.providers.openid_connect.views import OpenIDConnectOAuth2Adapter
from django.conf import settings
from django.shortcuts import resolve_url
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.crypto import constant_time_compare, get_random_string

from samverka.communication.services import queue_message
from samverka.municipality.models import Municipality

from .ratelimits import too_many_wrong_passwords

APP = "allauth.account"  # where allauth reads ACCOUNT_RATE_LIMITS from


@dataclass(frozen=True)
class PlatformSite:
    """What allauth's e-mails call `current_site` (the Sites framework is not installed):
    the platform as its pages name it ("Samverka Ekerö") and the address of SITE_URL."""

    name: str
    domain: str

    @classmethod
    def current(cls) -> "PlatformSite":
        return cls(name=f"Samverka {Municipality.current().short_name}",
                   domain=urlsplit(settings.SITE_URL).netloc)


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        """allauth's messages (verification, password reset) go through the outbox too."""
        context = {"email": email, **context, "current_site": PlatformSite.current()}
        message = self.render_mail(template_prefix, email, context)
        html = next((body for body, mime in getattr(message, "alternatives", []) if mime == "text/html"), "")
        if not html:  # every e-mail has an HTML part; allauth's templates give only text
            html = render_to_string("email/from_text.html", {"subject": message.subject, "text": message.body})
        queue_message(channel="email", to=email, subject=message.subject, body_text=message.body,
                      body_html=html)

    def get_client_ip(self, request):
        # TrustedProxyMiddleware has already put the client's address here.
        return request.META.get("REMOTE_ADDR", "")

    def pre_authenticate(self, request, **credentials):
        """Count a log-in attempt against its account *and* client address ("login_failed":
        five wrong passwords in five minutes stop that client for that account), then against
        the account alone ("login_failed_account": a ceiling one address cannot reach, since
        the first limit lets it try at most 60 times an hour). The owner, from anywhere else,
        still gets in while someone guesses. A successful log-in gives both back (allauth
        rolls back `_login_failed_rl_usage`). Past a limit the answer is 429."""
        account = self._get_login_attempts_cache_key(request, **credentials)
        client = ratelimit.get_ip(request)
        per_client = ratelimit.consume(request, app=APP, action="login_failed", key=f"{account}:{client}")
        if not per_client:
            raise ImmediateHttpResponse(too_many_wrong_passwords(request, "login_failed"))
        per_account = ratelimit.consume(request, app=APP, action="login_failed_account", key=account)
        if not per_account:
            per_client.rollback()
            raise ImmediateHttpResponse(too_many_wrong_passwords(request, "login_failed_account"))
        self._login_failed_rl_usage = ratelimit.RateLimitUsage(usage=[*per_client.usage, *per_account.usage])

    def _delete_login_attempts_cached_email(self, request, **credentials):
        """After a password reset the new password may be tried at once, from where it was set
        and from everywhere."""
        account = self._get_login_attempts_cache_key(request, **credentials)
        ratelimit.clear(request, app=APP, action="login_failed", key=f"{account}:{ratelimit.get_ip(request)}")
        ratelimit.clear(request, app=APP, action="login_failed_account", key=account)


# The claims kept on the linked account (SocialAccount.extra_data). Whatever else an identity
# provider sends (a Swedish e-ID broker may send the personal identity number) is dropped
# before anything is stored: the platform needs a stable identifier and a name, nothing more.
KEPT_CLAIMS = frozenset({
    "iss", "sub", "given_name", "family_name", "name", "email", "email_verified", "acr", "amr", "auth_time",
})


class _CallbackWithoutLanguagePrefix(OpenIDConnectOAuth2Adapter):
    """The redirect URI sent to the provider is always the default language's
    (/konto/oidc/<id>/login/callback/), whatever language the visitor browses in, so a
    municipality registers exactly one redirect URI with its provider."""

    def get_callback_url(self, request, app):
        with translation.override(settings.LANGUAGE_CODE):
            return super().get_callback_url(request, app)


class MunicipalOIDCProvider(OpenIDConnectProvider):
    """allauth's OpenID Connect provider, stricter where a municipality needs it to be:

    - a fresh `nonce` goes with every authorization request and must come back in the ID
      token (checked in SocialAccountAdapter.pre_social_login, where the login state is known);
    - `sub` from the userinfo endpoint must be the ID token's `sub`;
    - only KEPT_CLAIMS are stored;
    - the provider's `email_verified` is believed only when the installation says so
      (OIDC_TRUST_EMAIL_VERIFIED); otherwise the address is confirmed by e-mail like any other.
    """

    oauth2_adapter_class = _CallbackWithoutLanguagePrefix

    def redirect(self, request, process, next_url=None, data=None, **kwargs):
        if not next_url and process == "login":
            # Come back in the language the person started in (the callback URL has none).
            next_url = resolve_url(settings.LOGIN_REDIRECT_URL)
        auth_params = kwargs.pop("auth_params", None)
        auth_params = dict(self.get_auth_params() if auth_params is None else auth_params)
        nonce = get_random_string(32)
        auth_params["nonce"] = nonce
        # Extra keyword arguments are stashed in the login state, server side.
        return super().redirect(request, process, next_url=next_url, data=data, auth_params=auth_params,
                                nonce=nonce, **kwargs)

    def sociallogin_from_response(self, request, response):
        id_token = response.get("id_token") or {}
        userinfo = response.get("userinfo") or {}
        if id_token and userinfo and userinfo.get("sub") != id_token.get("sub"):
            raise OAuth2Error("The userinfo 'sub' is not the ID token's 'sub'.")
        kept = {part: {k: v for k, v in claims.items() if k in KEPT_CLAIMS}
                for part, claims in response.items() if part in {"id_token", "userinfo"} and isinstance(claims, dict)}
        login = super().sociallogin_from_response(request, kept)
        login._oidc_nonce = id_token.get("nonce")
        login._oidc_has_id_token = bool(id_token)
        return login

    def extract_email_addresses(self, data):
        trusted = bool(self.app.settings.get("trust_email_verified", False))
        return [EmailAddress(email=address.email, verified=trusted and address.verified is True, primary=True)
                for address in super().extract_email_addresses(data)]


def _municipal(provider):
    if type(provider) is OpenIDConnectProvider:
        return MunicipalOIDCProvider(provider.request, app=provider.app)
    return provider


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """Identity providers (OpenID Connect) sign people in; names come from their claims.
    Accounts are linked by the provider's `sub`, never by e-mail address
    (SOCIALACCOUNT_EMAIL_AUTHENTICATION stays off)."""

    def get_provider(self, request, provider, client_id=None):
        return _municipal(super().get_provider(request, provider, client_id=client_id))

    def list_providers(self, request):
        return [_municipal(provider) for provider in super().list_providers(request)]

    def pre_social_login(self, request, sociallogin):
        expected = (sociallogin.state or {}).get("nonce")
        if expected is not None and isinstance(sociallogin.provider, MunicipalOIDCProvider):
            received = getattr(sociallogin, "_oidc_nonce", None)
            if not getattr(sociallogin, "_oidc_has_id_token", False) or not constant_time_compare(
                    str(received or ""), expected):
                raise ImmediateHttpResponse(render_authentication_error(
                    request, sociallogin.provider, exception=OAuth2Error("The ID token's nonce does not match.")))
        super().pre_social_login(request, sociallogin)

    def populate_user(self, request, sociallogin, data):
        user = super().populate_user(request, sociallogin, data)
        user.first_name = (data.get("first_name") or "")[:100]
        user.last_name = (data.get("last_name") or "")[:100]
        return user
