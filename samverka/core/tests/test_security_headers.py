"""What ASVS asks of headers, cookies and sessions that the page tests do not check:
the policy's base-uri and object-src, HSTS and secure cookies in production, HttpOnly and
SameSite on the session cookie, and a new session key at every log-in."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.urls import reverse

from samverka.accounts.tests.factories import PASSWORD
from samverka.core.tests.test_health import directives

ROOT = Path(__file__).resolve().parents[3]


def test_the_policy_forbids_base_and_object_elements(client, db):
    policy = directives(client.get(reverse("home"))["Content-Security-Policy"])
    assert policy["base-uri"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]


def test_production_settings_send_hsts_for_a_year_with_subdomains_and_secure_cookies(tmp_path):
    script = ("from django.conf import settings as s; import json; print(json.dumps([s.SECURE_HSTS_SECONDS, "
              "s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, "
              "s.SESSION_COOKIE_HTTPONLY, s.DEBUG]))")
    env = {key: value for key, value in os.environ.items() if key not in {"DEBUG", "SECURE_HSTS_SECONDS"}}
    env |= {"HTTPS": "1", "SAMVERKA_VAR_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "samverka.settings"}
    result = subprocess.run([sys.executable, "-c", f"import django; django.setup(); {script}"], cwd=ROOT, env=env,  # noqa: S603
                            capture_output=True, text=True, timeout=120, check=True)
    hsts, subdomains, session_secure, csrf_secure, redirect, http_only, debug = json.loads(result.stdout)
    assert hsts >= 365 * 24 * 3600 and subdomains
    assert session_secure and csrf_secure and redirect and http_only and not debug


def test_the_session_cookie_is_http_only_and_same_site(client, resident):
    client.post(reverse("account_login"), {"login": resident.email, "password": PASSWORD})
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie.value
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


def test_logging_in_gives_a_new_session_key(client, resident):
    session = client.session
    session["visited"] = True
    session.save()
    before = session.session_key
    client.cookies[settings.SESSION_COOKIE_NAME] = before

    response = client.post(reverse("account_login"), {"login": resident.email, "password": PASSWORD})

    assert response.status_code == 302
    after = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert after and after != before
    assert client.get(reverse("accounts:dashboard")).status_code == 200
