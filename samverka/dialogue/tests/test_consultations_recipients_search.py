"""The recipients page searches the register (name, kind, area) instead of listing every actor;
what is ticked is kept across searches, without JavaScript; queries constant as it grows."""

import re

import pytest
from django.urls import reverse

from samverka.actors.models import Actor
from samverka.actors.tests.factories import ActorFactory
from samverka.dialogue import selectors
from samverka.dialogue.models import Recipient
from samverka.municipality.models import Area

from .factories_consultations import *  # noqa: F403  (its fixtures)


@pytest.fixture(autouse=True)
def _english():
    """These tests read the pages' English words: their addresses are the English ones."""
    from django.utils import translation

    with translation.override("en"):
        yield

pytestmark = pytest.mark.django_db


def _ticked(page) -> list[str]:
    """The actors ticked on the page."""
    inputs = re.findall(r'<input[^>]*name="actors"[^>]*>', page)
    return [re.search(r'value="(\d+)"', i).group(1) for i in inputs if " checked" in i]


def _url(consultation):
    return reverse("dialogue:consultation_recipients", args=[consultation.pk])


def test_a_search_by_name_kind_and_area_keeps_the_ticked(client, ali, consultation, pensioners_council):
    area = Area.objects.create(name="Idrott", slug="idrott-sok")
    football = ActorFactory(name="Ekerö IK", slug="ekero-ik", kind=Actor.Kind.ASSOCIATION)
    football.areas.add(area)
    church = ActorFactory(name="Ekerö församling", slug="ekero-forsamling", kind=Actor.Kind.FAITH)
    study = ActorFactory(name="Studiefrämjandet", slug="studieframjandet", kind=Actor.Kind.STUDY)
    client.force_login(ali)
    url = _url(consultation)
    response = client.post(url, {"q": "ekerö", "kind": "", "area": "", "actors": [study.pk], "search": "1"})
    assert response.status_code == 302 and response.url.startswith(url + "?")
    assert not Recipient.objects.exists()  # a search saves nothing
    page = client.get(response.url).content.decode()
    assert "Ekerö IK" in page and "Ekerö församling" in page
    assert _ticked(page) == [str(study.pk)]
    page = client.get(url, {"q": "", "kind": "faith", "area": "", "actors": [study.pk], "searched": 1}).text
    assert "Ekerö församling" in page and "Ekerö IK" not in page and "Studiefrämjandet" in page
    page = client.get(url, {"area": area.pk, "searched": 1}).text
    assert "Ekerö IK" in page and "Ekerö församling" not in page
    client.post(url, {"groups": [pensioners_council.pk], "actors": [study.pk, church.pk], "q": "ekerö"})
    assert set(Recipient.objects.values_list("actor", flat=True)) == {study.pk, church.pk, None}


def test_a_long_register_shows_the_first_matches_and_says_so(client, ali, consultation, monkeypatch):
    monkeypatch.setattr(selectors, "RECIPIENT_MATCHES", 3)
    for n in range(5):
        ActorFactory(name=f"Förening {n}", slug=f"forening-{n}")
    client.force_login(ali)
    page = client.get(_url(consultation), {"q": "Förening", "searched": 1}).text
    assert "Förening 2" in page and "Förening 3" not in page and "Narrow the search" in page


def test_the_page_asks_as_many_queries_however_long_the_register(client, ali, consultation,
                                                                  django_assert_num_queries):
    client.force_login(ali)
    url = _url(consultation)
    ActorFactory.create_batch(3)
    client.get(url, {"q": "a", "searched": 1})
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        client.get(url, {"q": "", "searched": 1})
    ActorFactory.create_batch(60)
    with django_assert_num_queries(len(small.captured_queries)):
        client.get(url, {"q": "", "searched": 1})
