"""The API takes what its description says and refuses the rest with 400 and the field's
name: a yes-or-no is true or false, a number is a number, a text is a text. A word of a
vocabulary that does not exist is no error: the list is empty."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from samverka.activities.models import MeetingPlace
from samverka.activities.tests.factories import MeetingPlaceFactory
from samverka.actors.models import Actor
from samverka.core.models import AuditEvent
from samverka.core.tests.helpers import says


@pytest.fixture
def api():
    return APIClient(enforce_csrf_checks=True)


@pytest.mark.parametrize(("query", "message"), [
    ({"verified": "yes"}, "Write true or false."),
    ({"verified": ""}, "Give a value, or leave the parameter out."),
    ({"kind": ""}, "Give a value, or leave the parameter out."),
    ({"sdg": "fyra"}, "Write a whole number."),
    ({"sdg": "-1"}, "Write a whole number."),
    ({"sdg": "9223372036854775808"}, "The number is too large."),
    ({"from_date": ""}, "Give a value, or leave the parameter out."),
    ({"help_kind": "mat\x00"}, "Null characters are not allowed."),
])
def test_a_filter_value_of_the_wrong_kind_is_refused(api, actor, query, message):
    lists = {"from_date": "/api/v1/activities/", "help_kind": "/api/v1/needs/"}
    response = api.get(next((lists[name] for name in query if name in lists), "/api/v1/actors/"), query)
    assert response.status_code == 400
    [name] = query
    assert response.json() == {name: [says(message)]}


@pytest.mark.parametrize("query", [{"verified": "false"}, {"area": ""}, {"sdg": "4"}, {"area": "finns-inte"}])
def test_a_filter_value_of_the_right_kind_is_answered(api, actor, query):
    assert api.get("/api/v1/actors/", query).status_code == 200


@pytest.mark.parametrize("page", ["", "x", "999"])
def test_a_page_that_is_not_there_is_404(api, actor, page):
    response = api.get("/api/v1/actors/", {"page": page})
    assert response.status_code == 404 and "detail" in response.json()


@pytest.mark.parametrize(("field", "value", "type_name"), [
    ("summary", 5, "string"),
    ("summary", True, "string"),
    ("areas", "kultur", "array"),
    ("sdg_goals", [True], None),
])
def test_a_value_of_the_wrong_json_type_is_refused_and_nothing_changes(api, actor, representative, field, value,
                                                                        type_name):
    api.force_login(representative)
    api.get(reverse("accounts:dashboard"))  # a page sets the CSRF cookie
    api.credentials(HTTP_X_CSRFTOKEN=api.cookies["csrftoken"].value)
    before = Actor.objects.values().get(pk=actor.pk)
    response = api.patch(f"/api/v1/actors/{actor.slug}/", {field: value}, format="json")
    assert response.status_code == 400
    if type_name:
        assert response.json() == {field: [says("Give a value of the type %(type)s.", type=type_name)]}
    assert Actor.objects.values().get(pk=actor.pk) == before
    assert not AuditEvent.objects.exists()


def test_a_yes_or_no_in_a_body_is_true_or_false(api, actor, representative):
    place = MeetingPlaceFactory(owner=actor, proposed_by=representative)
    api.force_login(representative)
    api.get(reverse("accounts:dashboard"))
    api.credentials(HTTP_X_CSRFTOKEN=api.cookies["csrftoken"].value)
    response = api.patch(f"/api/v1/meeting-places/{place.slug}/", {"hearing_loop": 1}, format="json")
    assert response.status_code == 400
    assert response.json() == {"hearing_loop": [says("Give a value of the type %(type)s.", type="boolean")]}
    assert api.patch(f"/api/v1/meeting-places/{place.slug}/", {"hearing_loop": True}, format="json").status_code == 200
    assert MeetingPlace.objects.get(pk=place.pk).hearing_loop is True


def test_a_text_longer_than_its_limit_is_refused_even_with_spaces_around(api, actor, representative):
    api.force_login(representative)
    api.get(reverse("accounts:dashboard"))
    api.credentials(HTTP_X_CSRFTOKEN=api.cookies["csrftoken"].value)
    response = api.post("/api/v1/meeting-places/", {"name": "Kajutan", "kind": "library",
                                                    "address": " " + "a" * 299 + " "}, format="json")
    assert response.status_code == 400 and list(response.json()) == ["address"]
    assert not MeetingPlace.objects.filter(name="Kajutan").exists()


def test_a_null_character_in_a_body_is_refused_not_a_server_error(api, actor, representative):
    api.force_login(representative)
    api.get(reverse("accounts:dashboard"))
    api.credentials(HTTP_X_CSRFTOKEN=api.cookies["csrftoken"].value)
    response = api.post("/api/v1/meeting-places/", {"name": "Kajutan", "kind": "library", "address": "Hamnen 1",
                                                    "district": "ekero\x00centrum"}, format="json")
    assert response.status_code == 400 and list(response.json()) == ["district"]
    assert not MeetingPlace.objects.filter(name="Kajutan").exists()
