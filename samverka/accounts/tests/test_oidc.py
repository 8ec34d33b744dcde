"""Logging in with the municipality's own identity provider (OpenID Connect), against a
real stub provider on 127.0.0.1: allauth makes its HTTP calls to it with `requests`."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth import SESSION_KEY

from samverka.accounts.models import User
from samverka.accounts.tests.factories import UserFactory
from samverka.communication.models import OutboxMessage
from samverka.settings import _oidc_providers

from .oidc_stub import OIDCStub

ANNA = {
    "sub": "se-eid-7f3a9c",
    "given_name": "Anna",
    "family_name": "Öberg",
    "email": "anna.oberg@example.org",
    "email_verified": True,
    # A Swedish e-ID broker may send the personal identity number; it must not be stored.
    "https://id.oidc.se/claim/personalIdentityNumber": "194001019999",
}
CALLBACK = "http://testserver/konto/oidc/eid/login/callback/"


@pytest.fixture(scope="module")
def stub():
    with OIDCStub() as running:
        yield running


@pytest.fixture
def eid(stub, settings, monkeypatch, db):
    """The installation is configured through its OIDC_* variables, as in production."""
    stub.next_person = dict(ANNA)
    stub.id_token_overrides.clear()
    stub.userinfo_overrides.clear()
    for name, value in {
        "OIDC_SERVER_URL": stub.url, "OIDC_CLIENT_ID": stub.client_id, "OIDC_CLIENT_SECRET": stub.client_secret,
        "OIDC_NAME": "Ekerö e-legitimation", "OIDC_TRUST_EMAIL_VERIFIED": "1",
    }.items():
        monkeypatch.setenv(name, value)
    settings.SOCIALACCOUNT_PROVIDERS = _oidc_providers()
    return stub


def start_login(client, prefix=""):
    """Press the provider's button on the log-in page (a POST, so no site can start it)."""
    page = client.get(f"{prefix}/konto/oidc/eid/login/?process=login")
    assert page.status_code == 200
    response = client.post(f"{prefix}/konto/oidc/eid/login/", {"process": "login"})
    assert response.status_code == 302
    return response["Location"]


def log_in_with_eid(client, stub, prefix=""):
    callback_url = stub.authorize(start_login(client, prefix))
    assert callback_url.startswith(CALLBACK)
    return client.get(callback_url)


def logged_in_user(client):
    return User.objects.get(pk=client.session[SESSION_KEY]) if SESSION_KEY in client.session else None


def assert_refused(response):
    assert response.status_code == 401
    assert "socialaccount/authentication_error.html" in [t.name for t in response.templates]


def test_the_login_page_offers_the_municipalitys_identity_provider(client, eid):
    page = client.get("/en/konto/login/").content.decode()
    assert 'href="/en/konto/oidc/eid/login/?process=login"' in page
    assert "Log in with Ekerö e-legitimation" in page
    assert "Log in with Ekerö e-legitimation" in client.get("/en/konto/signup/").content.decode()


def test_without_oidc_settings_there_is_no_provider_button(client, db, settings):
    settings.SOCIALACCOUNT_PROVIDERS = {}
    page = client.get("/konto/login/").content.decode()
    assert "/konto/oidc/" not in page
    assert client.get("/konto/oidc/eid/login/").status_code == 404


def test_login_redirects_to_the_provider_with_state_nonce_and_pkce(client, eid):
    authorize_url = start_login(client)
    parts = urlsplit(authorize_url)
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == f"{eid.url}/authorize"
    assert query["client_id"] == eid.client_id
    assert query["redirect_uri"] == CALLBACK
    assert query["response_type"] == "code"
    assert set(query["scope"].split()) == {"openid", "profile", "email"}
    assert len(query["state"]) >= 12
    assert len(query["nonce"]) >= 32
    assert query["code_challenge_method"] == "S256" and len(query["code_challenge"]) >= 43
    # Each attempt gets its own state and nonce.
    again = {k: v[0] for k, v in parse_qs(urlsplit(start_login(client)).query).items()}
    assert again["state"] != query["state"] and again["nonce"] != query["nonce"]


def test_first_login_creates_the_person_from_the_claims_and_the_next_login_reuses_them(client, eid):
    response = log_in_with_eid(client, eid)

    assert response.status_code == 302 and response["Location"] == "/konto/"
    anna = User.objects.get(email="anna.oberg@example.org")
    assert (anna.first_name, anna.last_name) == ("Anna", "Öberg")
    assert not anna.has_usable_password()
    assert logged_in_user(client) == anna
    account = SocialAccount.objects.get(user=anna)
    assert (account.provider, account.uid) == ("eid", ANNA["sub"])
    assert "194001019999" not in str(account.extra_data)
    assert EmailAddress.objects.get(user=anna).verified  # trusted here: OIDC_TRUST_EMAIL_VERIFIED=1
    assert "Anna" in client.get("/konto/").content.decode()
    # The code was exchanged with the client's credentials and the PKCE verifier.
    exchange = eid.token_requests[-1]
    assert exchange["authorization"].startswith("Basic ") and exchange["form"]["code_verifier"]
    assert exchange["form"]["redirect_uri"] == CALLBACK

    client.post("/konto/logout/")
    assert logged_in_user(client) is None
    eid.next_person = {**ANNA, "given_name": "Anna-Karin"}  # names may change at the provider
    response = log_in_with_eid(client, eid)

    assert response.status_code == 302
    assert logged_in_user(client) == anna
    assert User.objects.count() == 1 and SocialAccount.objects.count() == 1


def test_a_wrong_state_shows_an_error_and_creates_nobody(client, eid):
    callback_url = eid.authorize(start_login(client))
    code = parse_qs(urlsplit(callback_url).query)["code"][0]

    response = client.get("/konto/oidc/eid/login/callback/", {"code": code, "state": "forged-state"})

    assert_refused(response)
    assert not User.objects.exists() and logged_in_user(client) is None
    # The same code with no state at all is refused too.
    assert_refused(client.get("/konto/oidc/eid/login/callback/", {"code": code}))
    assert not User.objects.exists()


def test_a_callback_cannot_be_replayed(client, eid):
    callback_url = eid.authorize(start_login(client))
    client.get(callback_url)
    client.post("/konto/logout/")

    response = client.get(callback_url)

    assert_refused(response)
    assert logged_in_user(client) is None


@pytest.mark.parametrize("tampered", [
    {"nonce": "from-another-login"},
    {"aud": "some-other-client"},
    {"iss": "https://impostor.example"},
    {"exp": 1000},
])
def test_an_id_token_that_does_not_match_the_login_is_refused(client, eid, tampered):
    eid.id_token_overrides.update(tampered)

    response = log_in_with_eid(client, eid)

    assert_refused(response)
    assert not User.objects.exists() and logged_in_user(client) is None


def test_userinfo_about_another_subject_is_refused(client, eid):
    eid.userinfo_overrides["sub"] = "someone-else"

    response = log_in_with_eid(client, eid)

    assert_refused(response)
    assert not User.objects.exists()


def test_english_visitors_use_the_same_redirect_uri_and_come_back_in_english(client, eid):
    authorize_url = start_login(client, prefix="/en")
    assert parse_qs(urlsplit(authorize_url).query)["redirect_uri"] == [CALLBACK]

    response = client.get(eid.authorize(authorize_url))

    assert response["Location"] == "/en/konto/"
    assert logged_in_user(client).email == ANNA["email"]


def test_an_unverified_address_from_the_provider_is_confirmed_by_email_first(client, eid, settings, monkeypatch):
    monkeypatch.delenv("OIDC_TRUST_EMAIL_VERIFIED")
    settings.SOCIALACCOUNT_PROVIDERS = _oidc_providers()  # the default: not trusted

    response = log_in_with_eid(client, eid)

    assert response.status_code == 302 and "confirm-email" in response["Location"]
    anna = User.objects.get(email=ANNA["email"])
    assert not EmailAddress.objects.get(user=anna).verified
    assert logged_in_user(client) is None
    assert OutboxMessage.objects.filter(to=ANNA["email"]).count() == 1


def test_an_existing_account_with_the_same_address_is_not_taken_over(client, eid):
    lina = UserFactory(email=ANNA["email"], first_name="Lina")

    response = log_in_with_eid(client, eid)

    assert logged_in_user(client) is None
    assert not SocialAccount.objects.exists()
    assert User.objects.get() == lina  # no second account with the address either
    assert response.status_code == 302
    assert OutboxMessage.objects.filter(to=ANNA["email"]).count() == 1  # "you already have an account"


def test_a_provider_that_sends_no_address_leads_to_a_form_asking_for_one(client, eid):
    eid.next_person = {"sub": "se-eid-000111", "given_name": "Omar", "family_name": "Haddad"}

    response = log_in_with_eid(client, eid)

    assert response.status_code == 302 and response["Location"] == "/konto/3rdparty/signup/"
    form = client.get("/konto/3rdparty/signup/").content.decode()
    assert 'value="Omar"' in form and 'value="Haddad"' in form
    client.post("/konto/3rdparty/signup/", {"email": "omar@example.org", "first_name": "Omar",
                                            "last_name": "Haddad"})
    omar = User.objects.get(email="omar@example.org")
    assert SocialAccount.objects.get(user=omar).uid == "se-eid-000111"
    assert OutboxMessage.objects.filter(to="omar@example.org").exists()  # confirm the address


def test_settings_refuse_an_unencrypted_provider_address(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    monkeypatch.setenv("OIDC_SERVER_URL", "http://idp.example.se")
    monkeypatch.setenv("OIDC_CLIENT_ID", "samverka")
    with pytest.raises(ImproperlyConfigured):
        _oidc_providers()
    monkeypatch.setenv("OIDC_SERVER_URL", "https://idp.example.se/")
    app = _oidc_providers()["openid_connect"]["APPS"][0]
    assert app["provider_id"] == "eid"
    assert app["settings"]["server_url"] == "https://idp.example.se"
    assert app["settings"]["scope"] == ["openid", "profile", "email"]


def test_an_official_with_two_factor_still_gives_the_code_after_the_identity_provider(client, eid):
    from allauth.mfa.models import Authenticator

    from samverka.municipality.tests.factories import OfficeMembershipFactory

    from .test_two_factor import ACTIVATE, activate_totp, current_code

    log_in_with_eid(client, eid)
    anna = logged_in_user(client)
    OfficeMembershipFactory(user=anna)
    secret = activate_totp(client)  # no password to confirm: the provider is her only way in
    assert client.get(ACTIVATE).status_code == 302  # set up
    client.post("/konto/logout/")

    response = log_in_with_eid(client, eid)

    assert response.status_code == 302 and response["Location"] == "/konto/2fa/authenticate/"
    assert logged_in_user(client) is None
    client.post("/konto/2fa/authenticate/", {"code": current_code(secret)})
    assert logged_in_user(client) == anna
    assert Authenticator.objects.filter(user=anna).exists()


def test_a_resident_with_a_password_account_connects_the_identity_provider_and_uses_it(client, eid, resident):
    from .factories import PASSWORD

    client.post("/konto/login/", {"login": resident.email, "password": PASSWORD})
    assert "Ekerö e-legitimation" in client.get("/konto/3rdparty/").content.decode()
    response = client.post("/konto/oidc/eid/login/", {"process": "connect"})
    response = client.get(eid.authorize(response["Location"]))
    assert response.status_code == 302
    assert SocialAccount.objects.get(uid=ANNA["sub"]).user == resident
    client.post("/konto/logout/")

    log_in_with_eid(client, eid)

    assert logged_in_user(client) == resident
    assert User.objects.count() == 1
