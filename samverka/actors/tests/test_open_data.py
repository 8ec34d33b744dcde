"""A journalist downloads the register as open data: public fields only, the same
filters as the directory, archived actors left out."""

import csv
import io
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from samverka.actors import services
from samverka.actors.models import Actor
from samverka.actors.tests.factories import ActorFactory
from samverka.municipality.models import Area

CSV_URL = reverse("actors:export_csv")
JSON_URL = reverse("actors:export_json")


def csv_rows(response) -> list[dict]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def json_rows(response) -> list[dict]:
    assert response.status_code == 200
    data = json.loads(response.content)
    assert data["count"] == len(data["actors"])
    assert data["license"] == "CC0-1.0"
    return data["actors"]


@pytest.fixture
def register(actor, representative, editor, official, other_actor):
    """Parkinson Ekerö with representatives, an invitation and history; an archived actor."""
    actor.areas.set([Area.objects.get(slug="omsorg")])
    actor.email = "info@parkinson-ekero.example"
    actor.verified_at = timezone.now()
    actor.save()
    services.update_actor(by=representative, actor=actor, data={"description": "Hemlig historik: gammal text"})
    services.update_actor(by=representative, actor=actor, data={"description": "Vi ses varje torsdag."})
    services.invite_representative(by=representative, actor=actor, email="inbjuden@example.org", role="editor")
    ActorFactory(name="Nedlagd förening", status=Actor.Status.ARCHIVED)
    return actor


PRIVATE = ["eva@example.org", "Eva Lindgren", "Lindgren", "oskar@example.org", "Oskar", "sara@example.org",
           "inbjuden@example.org", "Hemlig historik", "Nedlagd förening", "search_text", "name_key", "last_confirmed"]


@pytest.mark.parametrize("url", [CSV_URL, JSON_URL])
def test_only_public_fields_are_exported(client, register, url):
    body = client.get(url).content.decode("utf-8-sig")
    for secret in PRIVATE:
        assert secret not in body, secret
    assert "Parkinson Ekerö" in body and "info@parkinson-ekero.example" in body


def test_the_csv_has_a_row_per_public_actor(client, register):
    rows = csv_rows(client.get(CSV_URL))
    assert [r["name"] for r in rows] == ["Parkinson Ekerö", "Öar utan gränser"]
    parkinson = rows[0]
    assert set(parkinson) == {
        "name", "kind", "organisation_number", "summary", "description", "areas", "target_groups", "districts",
        "languages", "sdg_goals", "email", "website", "phone", "meeting_place", "accessibility", "verified", "url",
        "updated_at"}
    assert parkinson["areas"] == "omsorg"
    assert parkinson["verified"] == "True"
    assert parkinson["description"] == "Vi ses varje torsdag."
    assert parkinson["url"].endswith(register.get_absolute_url())
    assert "attachment" in client.get(CSV_URL)["Content-Disposition"]


def test_the_json_has_the_same_actors(client, register):
    rows = json_rows(client.get(JSON_URL))
    assert [r["name"] for r in rows] == ["Parkinson Ekerö", "Öar utan gränser"]
    assert rows[0]["areas"] == ["omsorg"]
    assert rows[0]["verified"] is True
    assert rows[1]["organisation_number"] == ""


@pytest.mark.parametrize("params", [{"area": "omsorg"}, {"q": "parkinson"}, {"verified": "true"}, {"kind": "association"}])
def test_the_export_follows_the_filters(client, register, params):
    assert [r["name"] for r in json_rows(client.get(JSON_URL, params))] == ["Parkinson Ekerö"]
    assert [r["name"] for r in csv_rows(client.get(CSV_URL, params))] == ["Parkinson Ekerö"]


def test_a_logged_in_official_gets_the_same_public_export(client, register, official):
    client.force_login(official)
    body = client.get(JSON_URL).content.decode()
    assert "Nedlagd förening" not in body
    assert "eva@example.org" not in body


def test_garbage_filters_give_the_whole_export(client, register):
    assert len(json_rows(client.get(JSON_URL, {"area": "nonsense", "sdg": "x"}))) == 2


def test_a_formula_in_a_name_is_not_run_by_a_spreadsheet(client, db):
    ActorFactory(name="=HYPERLINK(\"http://evil.example\",\"klicka\")", summary="+SUM(1,2)")
    rows = csv_rows(client.get(CSV_URL))
    assert rows[0]["name"] == "'=HYPERLINK(\"http://evil.example\",\"klicka\")"
    assert rows[0]["summary"] == "'+SUM(1,2)"
    # JSON is not opened by spreadsheets: it keeps the text exactly.
    assert json_rows(client.get(JSON_URL))[0]["summary"] == "+SUM(1,2)"
