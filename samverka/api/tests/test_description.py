"""The API's description (/api/openapi.json) is valid OpenAPI and says what the API does:
anyone reads, a write needs a signed-in session and its CSRF token, and each operation
lists the errors it can answer."""

import pytest
from django.urls import reverse
from drf_spectacular.validation import validate_schema
from rest_framework.test import APIClient


@pytest.fixture
def description(db):
    response = APIClient().get("/api/openapi.json")
    assert response.status_code == 200
    return response.json()


def _operations(description):
    for path, operations in description["paths"].items():
        for method, operation in operations.items():
            yield method.upper(), path, operation


def test_the_description_is_valid_openapi(description):
    validate_schema(description)


def test_reads_are_open_and_writes_need_a_session_and_its_csrf_token(description):
    schemes = description["components"]["securitySchemes"]
    assert schemes["cookieAuth"] == {"type": "apiKey", "in": "cookie", "name": "sessionid",
                                     "description": "The session cookie of a signed-in user."}
    assert schemes["csrfToken"]["in"] == "header" and schemes["csrfToken"]["name"] == "X-CSRFToken"
    for method, path, operation in _operations(description):
        if method == "GET":
            assert {} in operation["security"], path
        else:
            assert operation["security"] == [{"cookieAuth": [], "csrfToken": []}], (method, path)


def test_every_operation_lists_the_errors_it_can_answer(description):
    for method, path, operation in _operations(description):
        answers = set(operation["responses"])
        assert "429" in answers, (method, path)
        if "{" in path:
            assert "404" in answers, (method, path)
        if method != "GET":
            assert {"400", "403"} <= answers, (method, path)
            assert list(operation["requestBody"]["content"]) == ["application/json"], (method, path)
        elif "{" not in path:
            assert {"400", "404"} <= answers, (method, path)  # a filter's value of the wrong kind; no such page


def test_a_filter_word_that_does_not_exist_finds_nothing_and_a_wrong_kind_is_refused(actor):
    api = APIClient()
    assert api.get("/api/v1/actors/").json()["count"] == 1
    response = api.get("/api/v1/actors/", {"area": "finns-inte"})
    assert response.status_code == 200 and response.json()["count"] == 0
    response = api.get("/api/v1/activities/", {"from_date": "inte-ett-datum"})
    assert response.status_code == 400 and "from_date" in response.json()


def test_the_api_takes_json_only(representative, actor):
    api = APIClient(enforce_csrf_checks=True)
    api.force_login(representative)
    api.get(reverse("accounts:dashboard"))  # a page sets the CSRF cookie
    api.credentials(HTTP_X_CSRFTOKEN=api.cookies["csrftoken"].value)
    response = api.patch(f"/api/v1/actors/{actor.slug}/", "summary=Nytt",
                         content_type="application/x-www-form-urlencoded")
    assert response.status_code == 415 and "detail" in response.json()
    assert api.patch(f"/api/v1/actors/{actor.slug}/", {"summary": "Nytt"}, format="json").status_code == 200
    actor.refresh_from_db()
    assert actor.summary == "Nytt"
