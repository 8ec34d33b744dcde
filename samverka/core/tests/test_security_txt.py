"""/.well-known/security.txt (RFC 9116) and the disclosure policy it points to."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone


def fields(response) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for line in response.content.decode().splitlines():
        name, _, value = line.partition(": ")
        found.setdefault(name, []).append(value)
    return found


def test_security_txt_names_contact_expiry_languages_policy_and_canonical(client, db, settings):
    settings.SITE_URL = "https://samverka.ekero.se"
    settings.SECURITY_CONTACTS = ["mailto:sakerhet@ekero.se", "https://ekero.se/sakerhet"]
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    found = fields(response)
    assert found["Contact"] == ["mailto:sakerhet@ekero.se", "https://ekero.se/sakerhet"]
    assert found["Preferred-Languages"] == ["sv, en"]
    assert found["Policy"] == ["https://samverka.ekero.se/sakerhet/"]
    assert found["Canonical"] == ["https://samverka.ekero.se/.well-known/security.txt"]
    assert set(found) == {"Contact", "Expires", "Preferred-Languages", "Policy", "Canonical"}


def test_expires_is_computed_ahead_and_less_than_a_year_away(client, db):
    expires = datetime.strptime(fields(client.get("/.well-known/security.txt"))["Expires"][0], "%Y-%m-%dT%H:%M:%SZ")
    ahead = expires.replace(tzinfo=UTC) - timezone.now()
    assert timedelta(days=90) < ahead < timedelta(days=365)


def test_expires_moves_with_the_clock(client, db, monkeypatch):
    later = timezone.now() + timedelta(days=400)
    monkeypatch.setattr(timezone, "now", lambda: later)
    expires = fields(client.get("/.well-known/security.txt"))["Expires"][0]
    assert expires.startswith(str((later + timedelta(days=180)).year))


def test_security_txt_needs_no_language_prefix_and_sets_no_cookie(client, db):
    response = client.get("/.well-known/security.txt", HTTP_ACCEPT_LANGUAGE="ar")
    assert response.status_code == 200
    assert "sessionid" not in response.cookies
    assert "Policy: http://127.0.0.1:8000/sakerhet/" in response.content.decode()


def test_security_txt_only_answers_get(client, db):
    assert client.post("/.well-known/security.txt").status_code == 405


def test_the_policy_page_names_the_contact_and_links_security_txt(client, db, settings):
    settings.SECURITY_CONTACTS = ["mailto:sakerhet@ekero.se"]
    html = client.get(reverse("security_policy")).content.decode()
    assert '<a href="mailto:sakerhet@ekero.se">sakerhet@ekero.se</a>' in html
    assert 'href="/.well-known/security.txt"' in html
    assert "Rapportera ett säkerhetsproblem" in html


@pytest.mark.parametrize("language, heading", [("en", "<h1>Report a security problem</h1>"),
                                               ("ar", "<h1>الإبلاغ عن مشكلة أمنية</h1>")])
def test_the_policy_page_in_english_and_arabic(client, db, language, heading):
    with_prefix = reverse("security_policy").replace("/sakerhet/", f"/{language}/sakerhet/")
    html = client.get(with_prefix).content.decode()
    assert heading in html


def test_every_page_links_the_policy_from_the_footer(client, db):
    html = client.get(reverse("home")).content.decode()
    footer = html[html.index('<footer class="site-footer">'):]
    assert f'href="{reverse("security_policy")}"' in footer
    assert footer.index(reverse("accessibility")) < footer.index(reverse("security_policy"))
