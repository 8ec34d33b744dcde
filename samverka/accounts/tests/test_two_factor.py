"""Two-factor authentication (TOTP) that the administrator can require of officials, and
brute-force protection of the log-in."""

from __future__ import annotations

import time

import pytest
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    SECRET_SESSION_KEY,
    format_hotp_value,
    hotp_value,
    validate_totp_code,
)
from allauth.mfa.utils import decrypt
from django.contrib.auth import SESSION_KEY

from samverka.accounts.tests.factories import PASSWORD
from samverka.municipality import services
from samverka.municipality.models import Municipality

ACTIVATE = "/konto/2fa/totp/activate/"


def current_code(secret: str) -> str:
    """The code an authenticator app shows now (computed as allauth checks it). Near the end
    of a period the code could expire before the server sees it, so wait for the next one."""
    period = mfa_settings.TOTP_PERIOD
    if (remaining := period - time.time() % period) < 2:
        time.sleep(remaining + 0.05)
    return format_hotp_value(hotp_value(secret, int(time.time()) // period))


def a_wrong_code(secret: str) -> str:
    return next(code for code in ("000000", "123456", "999999") if not validate_totp_code(secret, code))


def log_in(client, user, password=PASSWORD, prefix=""):
    return client.post(f"{prefix}/konto/login/", {"login": user.email, "password": password})


def logged_in_id(client):
    return client.session.get(SESSION_KEY)


def activate_totp(client, password=PASSWORD) -> str:
    """Set up an authenticator app through allauth's pages (which first ask for the
    password again); returns the shared secret."""
    page = client.get(ACTIVATE)
    if page.status_code == 302 and page["Location"].startswith("/konto/reauthenticate/"):
        assert client.post(page["Location"], {"password": password})["Location"] == ACTIVATE
        page = client.get(ACTIVATE)
    assert page.status_code == 200
    secret = client.session[SECRET_SESSION_KEY]
    response = client.post(ACTIVATE, {"code": current_code(secret)})
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    return secret


@pytest.fixture
def required(db):
    municipality = Municipality.current()
    municipality.require_two_factor_for_officials = True
    return services.save_configuration(by=None, obj=municipality)


def test_an_official_is_sent_to_set_up_two_factor_from_every_page(client, official, required):
    response = log_in(client, official)
    assert response.status_code == 302 and logged_in_id(client) == str(official.pk)

    for path, target in [("/konto/", ACTIVATE), ("/aktorer/", ACTIVATE), ("/konto/uppgifter/", ACTIVATE),
                         ("/en/aktorer/", "/en" + ACTIVATE), ("/ar/konto/", "/ar" + ACTIVATE),
                         ("/admin/", ACTIVATE)]:
        response = client.get(path)
        assert (response.status_code, response["Location"]) == (302, target), path
    assert client.get("/api/v1/actors/").status_code == 403
    explained = client.get("/en/konto/", follow=True).content.decode()
    assert "Your municipality requires officials to use two-factor authentication" in explained
    # What remains open: setting it up (in any language, after confirming the password),
    # the accessibility statement, logging out.
    for prefix in ("", "/en", "/ar"):
        response = client.get(prefix + ACTIVATE)
        assert response.status_code == 302 and response["Location"].startswith(prefix + "/konto/reauthenticate/")
        assert client.get(response["Location"]).status_code == 200
    activate_page = client.post(response["Location"], {"password": PASSWORD}, follow=True)
    assert activate_page.status_code == 200 and activate_page.redirect_chain[-1][0] == "/ar" + ACTIVATE
    assert client.get("/tillganglighet/").status_code == 200
    assert client.post("/en/konto/logout/").status_code == 302
    assert logged_in_id(client) is None


def test_once_the_authenticator_is_set_up_the_official_works_and_logs_in_with_a_code(client, official, required):
    log_in(client, official)
    secret = activate_totp(client)

    authenticator = Authenticator.objects.get(user=official, type=Authenticator.Type.TOTP)
    assert decrypt(authenticator.data["secret"]) == secret
    assert client.get("/aktorer/").status_code == 200
    assert client.get("/konto/").status_code == 200

    client.post("/konto/logout/")
    response = log_in(client, official)
    assert response.status_code == 302 and response["Location"] == "/konto/2fa/authenticate/"
    assert logged_in_id(client) is None  # the password alone is not enough

    response = client.post("/konto/2fa/authenticate/", {"code": a_wrong_code(secret)})
    assert response.status_code == 200 and response.context["form"].errors
    assert logged_in_id(client) is None

    response = client.post("/konto/2fa/authenticate/", {"code": current_code(secret)})
    assert response.status_code == 302
    assert logged_in_id(client) == str(official.pk)
    assert client.get("/aktorer/").status_code == 200


def test_a_wrong_code_does_not_set_up_the_authenticator(client, official, required):
    log_in(client, official)
    client.post(client.get(ACTIVATE)["Location"], {"password": PASSWORD})
    client.get(ACTIVATE)
    secret = client.session[SECRET_SESSION_KEY]

    response = client.post(ACTIVATE, {"code": a_wrong_code(secret)})

    assert response.status_code == 200 and response.context["form"].errors["code"]
    assert not Authenticator.objects.filter(user=official).exists()
    assert client.get("/aktorer/")["Location"] == ACTIVATE


def test_removing_the_authenticator_brings_the_requirement_back(client, official, required):
    log_in(client, official)
    activate_totp(client)
    assert client.get("/aktorer/").status_code == 200

    # Removed in this session through allauth's page …
    response = client.post("/konto/2fa/totp/deactivate/")
    assert response.status_code == 302
    assert not Authenticator.objects.filter(user=official, type=Authenticator.Type.TOTP).exists()
    assert client.get("/aktorer/")["Location"] == ACTIVATE

    # … or elsewhere (another session, the admin): this session notices at once too.
    activate_totp(client)
    assert client.get("/aktorer/").status_code == 200
    Authenticator.objects.filter(user=official).delete()
    assert client.get("/aktorer/")["Location"] == ACTIVATE


def test_an_administrator_must_set_up_two_factor_too(client, administrator, required):
    log_in(client, administrator)
    assert client.get("/admin/")["Location"] == ACTIVATE


def test_a_resident_is_never_forced(client, resident, representative, required):
    for person in (resident, representative):
        log_in(client, person)
        assert client.get("/aktorer/").status_code == 200
        assert client.get("/konto/").status_code == 200
        client.post("/konto/logout/")


def test_officials_are_not_forced_when_the_setting_is_off(client, official, administrator):
    assert not Municipality.current().require_two_factor_for_officials
    for person in (official, administrator):
        log_in(client, person)
        assert client.get("/aktorer/").status_code == 200
        assert client.get("/konto/").status_code == 200
        client.post("/konto/logout/")


def test_an_official_who_logged_in_long_ago_confirms_the_password_then_sets_up(client, official, required, settings):
    """Setting up an authenticator asks for the password again after a while; that page
    must stay reachable, or the official would be sent round in circles."""
    settings.ACCOUNT_REAUTHENTICATION_TIMEOUT = 0
    log_in(client, official)

    response = client.get(ACTIVATE)
    assert response.status_code == 302 and response["Location"].startswith("/konto/reauthenticate/")
    response = client.post(response["Location"], {"password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == ACTIVATE
    settings.ACCOUNT_REAUTHENTICATION_TIMEOUT = 300
    activate_totp(client)
    assert client.get("/aktorer/").status_code == 200


def test_the_admin_log_in_page_cannot_skip_the_code(client, administrator):
    log_in(client, administrator)
    activate_totp(client)
    client.post("/konto/logout/")

    response = client.post("/admin/login/?next=/admin/", {"username": administrator.email, "password": PASSWORD})

    assert logged_in_id(client) is None
    assert response.status_code == 302 and response["Location"].startswith("/konto/login/")


def test_failed_logins_are_limited(client, official):
    # Five wrong passwords for one account from one place: even the right one is refused
    # there for a while (the owner elsewhere still gets in: tests/test_rate_limits.py).
    for _ in range(5):
        response = log_in(client, official, password="not-the-password")
        assert response.status_code == 200 and logged_in_id(client) is None
    response = log_in(client, official)
    assert response.status_code == 429 and logged_in_id(client) is None

    # Guessing on across many addresses from one place runs into a 429.
    statuses = [client.post("/konto/login/", {"login": f"guess{n}@example.org", "password": "x" * 10}).status_code
                for n in range(40)]
    assert statuses[-1] == 429
    assert logged_in_id(client) is None
