"""The load balancer asks /healthz whether this app server can serve; every response
carries the security headers a public service needs."""

import pytest
from django.db import OperationalError, connection
from django.urls import reverse


def test_healthz_answers_when_the_database_does(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_healthz_says_503_when_the_database_does_not(client, db, monkeypatch):
    class BrokenCursor:
        def __enter__(self):
            raise OperationalError("could not connect to server")

        def __exit__(self, *args):
            return False

    with monkeypatch.context() as patch:
        patch.setattr(connection, "cursor", lambda: BrokenCursor())
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "OperationalError"}


def test_healthz_needs_no_session_and_no_language(client, db):
    response = client.get("/healthz", HTTP_ACCEPT_LANGUAGE="ar")
    assert response.status_code == 200
    assert "sessionid" not in response.cookies


@pytest.fixture
def pages(actor, representative):
    return {
        "home": reverse("home"),
        "directory": reverse("actors:directory"),
        "actor": actor.get_absolute_url(),
        "login": reverse("account_login"),
        "signup": reverse("account_signup"),
        "accessibility": reverse("accessibility"),
        "english home": "/en/",
        "arabic directory": "/ar/aktorer/",
        "not found": "/finns-inte/",
        "healthz": "/healthz",
        "api": "/api/v1/actors/",
        "openapi": "/api/openapi.json",
        "export": reverse("actors:export_csv"),
        "edit (logged in)": reverse("actors:edit", args=[actor.slug]),
    }


def directives(header: str) -> dict[str, list[str]]:
    result = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            result[words[0]] = words[1:]
    return result


def test_every_response_has_the_security_headers(client, pages, representative):
    client.force_login(representative)
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code < 500, name
        csp = directives(response["Content-Security-Policy"])
        script_src = csp.get("script-src", csp.get("default-src"))
        assert "'unsafe-inline'" not in script_src, name
        assert "'unsafe-eval'" not in script_src, name
        assert "'none'" in csp["frame-ancestors"] or "'self'" not in csp["frame-ancestors"], name
        assert "'none'" in csp["object-src"], name
        assert response["X-Content-Type-Options"] == "nosniff", name
        assert response["Referrer-Policy"] == "same-origin", name
        assert response["X-Frame-Options"] == "DENY", name


def test_html_pages_load_no_inline_script(client, pages):
    import re

    for name, url in pages.items():
        response = client.get(url)
        if not response.get("Content-Type", "").startswith("text/html"):
            continue
        for attributes, body in re.findall(r"<script([^>]*)>(.*?)</script>", response.content.decode(), re.S):
            assert "src=" in attributes and not body.strip(), f"{name}: inline script {body[:80]!r}"
        assert not re.search(r"\son(click|load|error|submit|change)=", response.content.decode()), name
