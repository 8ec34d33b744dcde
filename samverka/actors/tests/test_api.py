"""The register's API: anyone reads the public directory; an actor's representatives
update their entry, under the same rules and with the same messages as the pages."""

import json

import pytest
from django.urls import reverse
from drf_spectacular.validation import validate_schema
from rest_framework.test import APIClient

from samverka.actors.models import Actor, ActorMembership
from samverka.actors.tests.factories import ActorFactory, AssociationFactory
from samverka.core.models import AuditEvent
from samverka.core.tests.helpers import says
from samverka.municipality.models import Area

LIST = "/api/v1/actors/"


def detail(actor) -> str:
    return f"{LIST}{actor.slug}/"


@pytest.fixture
def api():
    return APIClient(enforce_csrf_checks=True)


def logged_in(api: APIClient, user) -> APIClient:
    """Session login as in a browser, with the CSRF token from a page."""
    api.force_login(user)
    api.get(reverse("accounts:dashboard"))
    api.credentials(HTTP_X_CSRFTOKEN=api.cookies["csrftoken"].value)
    return api


def test_anyone_reads_the_directory_page_by_page(api, actor, other_actor):
    for n in range(55):
        ActorFactory(name=f"Förening {n:02d}")
    ActorFactory(name="Arkiverad förening", status=Actor.Status.ARCHIVED)
    first = api.get(LIST).json()
    assert first["count"] == 57
    assert len(first["results"]) == 50
    assert first["previous"] is None and "page=2" in first["next"]
    second = api.get(first["next"]).json()
    assert len(second["results"]) == 7
    names = [a["name"] for a in first["results"] + second["results"]]
    assert names[-1] == "Öar utan gränser"  # Swedish order, Ö last
    assert "Arkiverad förening" not in names


def test_an_entry_has_its_public_fields_and_nobody_personal(api, actor, representative, editor):
    actor.areas.set([Area.objects.get(slug="omsorg")])
    data = api.get(detail(actor)).json()
    assert data["name"] == "Parkinson Ekerö"
    assert data["organisation_number"] == actor.organisation_number
    assert data["areas"] == ["omsorg"]
    assert data["verified"] is False
    assert data["url"].endswith(detail(actor))
    text = json.dumps(data)
    assert "eva@example.org" not in text and "Lindgren" not in text and "memberships" not in text


@pytest.mark.parametrize(("params", "expected"), [
    ({"area": "omsorg"}, ["Parkinson Ekerö"]),
    ({"q": "oar granser"}, ["Öar utan gränser"]),
    ({"kind": "association"}, ["Parkinson Ekerö"]),
    ({"verified": "true"}, []),
])
def test_the_api_has_the_directory_filters(api, actor, other_actor, params, expected):
    actor.areas.set([Area.objects.get(slug="omsorg")])
    assert [a["name"] for a in api.get(LIST, params).json()["results"]] == expected


@pytest.mark.parametrize("query", ["?sdg=x", "?kind=spaceship", "?page=abc", "?page=99"])
def test_bad_filters_are_a_client_error_not_a_crash(api, actor, query):
    response = api.get(LIST + query)
    assert response.status_code in (400, 404)
    assert response.json()


def test_a_word_no_area_has_finds_nothing(api, actor):
    response = api.get(LIST + "?area=nonsense")
    assert response.status_code == 200
    assert response.json()["results"] == []


def test_an_archived_actor_is_not_found(api, actor):
    Actor.objects.filter(pk=actor.pk).update(status=Actor.Status.ARCHIVED)
    assert api.get(detail(actor)).status_code == 404


def test_the_openapi_document_is_valid_and_describes_the_actors(api, db):
    response = api.get("/api/openapi.json")
    assert response.status_code == 200
    schema = json.loads(response.content)
    validate_schema(schema)
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/actors/" in schema["paths"]
    assert "/api/v1/actors/{slug}/" in schema["paths"]
    assert set(schema["paths"]["/api/v1/actors/{slug}/"]) >= {"get", "patch", "put"}
    parameters = {p["name"] for p in schema["paths"]["/api/v1/actors/"]["get"]["parameters"]}
    assert {"page", "q", "area", "target_group", "district", "language", "sdg", "kind", "verified"} <= parameters


def test_a_representative_updates_the_entry(api, actor, representative):
    api = logged_in(api, representative)
    response = api.patch(detail(actor), {"summary": "Ny sammanfattning", "areas": ["omsorg", "folkhalsa"]},
                         format="json")
    assert response.status_code == 200, response.content
    assert response.json()["summary"] == "Ny sammanfattning"
    actor.refresh_from_db()
    assert actor.summary == "Ny sammanfattning"
    assert sorted(actor.areas.values_list("slug", flat=True)) == ["folkhalsa", "omsorg"]
    event = AuditEvent.objects.for_object(actor).get()
    assert (event.action, event.user) == ("actor.update", representative)
    assert set(event.changes) == {"summary", "areas"}


def test_an_editor_updates_the_entry_too(api, actor, editor):
    response = logged_in(api, editor).patch(detail(actor), {"meeting_place": "Kajutan"}, format="json")
    assert response.status_code == 200
    actor.refresh_from_db()
    assert actor.meeting_place == "Kajutan"


def test_a_write_without_the_csrf_token_is_refused(api, actor, representative):
    api.force_login(representative)
    response = api.patch(detail(actor), {"summary": "Utan token"}, format="json")
    assert response.status_code == 403
    actor.refresh_from_db()
    assert actor.summary != "Utan token"
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize("who", ["anonymous", "resident", "official", "other_representative"])
def test_others_cannot_update_the_entry(api, actor, other_actor, who, request):
    if who == "other_representative":
        user = request.getfixturevalue("resident")
        other_actor.memberships.create(user=user, role=ActorMembership.Role.OWNER)
    elif who != "anonymous":
        user = request.getfixturevalue(who)
    if who != "anonymous":
        api = logged_in(api, user)
    before = Actor.objects.values().get(pk=actor.pk)
    for method in ("patch", "put"):
        response = getattr(api, method)(detail(actor), {"summary": "Kapad", "name": "Kapad"}, format="json")
        assert response.status_code in (401, 403), (method, response.status_code)
    assert api.delete(detail(actor)).status_code == 405  # the API deletes no entry, for anyone
    assert api.post(LIST, {"name": "Ny", "kind": "network", "summary": "x"}, format="json").status_code in (401, 403, 405)
    assert Actor.objects.values().get(pk=actor.pk) == before
    assert Actor.objects.count() == 2
    assert not AuditEvent.objects.exists()


def test_an_invalid_organisation_number_gets_the_pages_message(api, actor, representative):
    response = logged_in(api, representative).patch(detail(actor), {"organisation_number": "802400-1234"},
                                                    format="json")
    assert response.status_code == 400
    assert response.json()["organisation_number"] == [
        says("Write a valid organisation number: ten digits, for example 802400-1235.")]
    actor.refresh_from_db()
    assert actor.organisation_number != "802400-1234"
    assert not AuditEvent.objects.exists()


def test_the_api_stores_the_organisation_number_as_the_page_does(api, actor, representative):
    actor.organisation_number = None  # once set, only an official changes it (grants:details)
    actor.save(update_fields=["organisation_number"])
    response = logged_in(api, representative).patch(detail(actor), {"organisation_number": "7179001008"},
                                                    format="json")
    assert response.status_code == 200, response.content
    actor.refresh_from_db()
    assert actor.organisation_number == "717900-1008"


def test_a_set_organisation_number_changes_only_through_an_official(api, actor, representative):
    old = actor.organisation_number
    response = logged_in(api, representative).patch(detail(actor), {"organisation_number": "7179001008"},
                                                    format="json")
    assert response.status_code == 400
    actor.refresh_from_db()
    assert actor.organisation_number == old


def test_the_api_refuses_another_actors_name_and_number(api, actor, representative):
    neighbour = AssociationFactory(name="RSMH Ekerö")
    api = logged_in(api, representative)
    response = api.patch(detail(actor), {"name": "rsmh ekero"}, format="json")
    assert response.status_code == 400
    assert response.json()["name"] == [says(
        "%(name)s is already in the register. If you represent it, ask its representatives to invite you.",
        name="RSMH Ekerö")]
    response = api.patch(detail(actor), {"organisation_number": neighbour.organisation_number}, format="json")
    assert response.status_code == 400
    actor.refresh_from_db()
    assert actor.name == "Parkinson Ekerö"


@pytest.mark.parametrize(("field", "value"), [("summary", "x" * 201), ("summary", ""), ("website", "javascript:alert(1)"),
                                              ("areas", ["finns-inte"]), ("kind", "spaceship")])
def test_bad_input_over_the_api_is_refused(api, actor, representative, field, value):
    before = Actor.objects.values().get(pk=actor.pk)
    response = logged_in(api, representative).patch(detail(actor), {field: value}, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert Actor.objects.values().get(pk=actor.pk) == before


def test_fields_kept_by_the_municipality_cannot_be_set_over_the_api(api, actor, representative):
    response = logged_in(api, representative).patch(
        detail(actor), {"status": "archived", "verified": True, "slug": "kapad"}, format="json")
    assert response.status_code == 200
    actor.refresh_from_db()
    assert (actor.status, actor.is_verified, actor.slug) == ("active", False, "parkinson-ekero")


def test_script_over_the_api_is_stored_as_text(api, actor, representative, client):
    logged_in(api, representative).patch(detail(actor), {"summary": "<script>alert(1)</script>"}, format="json")
    body = client.get(actor.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
