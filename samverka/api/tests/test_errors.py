"""Whatever goes wrong under /api/, the answer is JSON with a `detail` (or, for refused
data, the fields and what to change): a program reading the API never gets a web page."""

import json

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from samverka.actors.models import Actor
from samverka.core.tests.helpers import says


@pytest.fixture
def api():
    return APIClient(enforce_csrf_checks=True)


def _json(response) -> dict:
    assert response["Content-Type"] in {"application/json", "application/vnd.oai.openapi+json"}, response.content[:200]
    return json.loads(response.content)


@pytest.mark.parametrize("path", ["/api/nothing-here/", "/api/nothing-here", "/api/", "/api/v2/actors/",
                                  "/api/v1/nothing-here/", "/api/v1/actors/parkinson-ekero/nothing/"])
def test_an_address_that_names_nothing_answers_404_in_json(api, actor, path):
    response = api.get(path, HTTP_ACCEPT="text/html,application/xhtml+xml,*/*;q=0.8")  # as a browser asks
    assert response.status_code == 404
    assert set(_json(response)) == {"detail"}


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_writing_to_an_address_that_names_nothing_is_404_in_json_too(api, representative, method):
    api.force_login(representative)  # signed in, and without a CSRF token: still told nothing is there
    response = getattr(api, method)("/api/nothing-here/", {"name": "x"}, format="json")
    assert response.status_code == 404
    assert "detail" in _json(response)


@pytest.mark.parametrize(("method", "path"), [
    ("delete", "/api/v1/actors/parkinson-ekero/"),
    ("post", "/api/v1/needs/"),
    ("delete", "/api/v1/occurrences/"),
    ("put", "/api/openapi.json"),
])
@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "administrator"])
def test_a_method_an_address_does_not_take_is_405_in_json(api, administrator, actor, method, path, signed_in):
    if signed_in:
        api.force_login(administrator)
        api.get(reverse("accounts:dashboard"))  # a page sets the CSRF cookie
        api.credentials(HTTP_X_CSRFTOKEN=api.cookies["csrftoken"].value)
    response = getattr(api, method)(path)
    assert response.status_code == 405
    assert "detail" in _json(response)
    assert Actor.objects.filter(slug="parkinson-ekero").exists()


def test_a_write_without_an_account_is_403_in_json(api, actor):
    response = api.patch(f"/api/v1/actors/{actor.slug}/", {"name": "Kapad"}, format="json")
    assert response.status_code == 403
    assert "detail" in _json(response)
    actor.refresh_from_db()
    assert actor.name == "Parkinson Ekerö"


def test_an_unknown_thing_is_404_in_json(api, db):
    response = api.get("/api/v1/actors/finns-inte/")
    assert response.status_code == 404
    assert "detail" in _json(response)


def test_a_server_error_in_the_api_is_500_in_json(api, actor, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr("samverka.actors.api.ActorViewSet.get_queryset", broken)
    api.raise_request_exception = False
    response = api.get("/api/v1/actors/")
    assert response.status_code == 500
    assert _json(response) == {"detail": says("The fault is ours, not yours. Please try again in a moment.")}
    assert "database" not in response.content.decode()
