"""The knowledge bank as open data (/api/v1/guides/): the published guides in every language
they are written in, searched as the page searches them (Swedish-aware: "föreningarna" finds
"förening"), filtered by topic and office. A draft never appears, by list or by address, and
who wrote a guide never; a constant number of queries however many guides."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from samverka.guides.models import Topic
from samverka.guides.tests.factories import make_guide
from samverka.municipality.tests.factories import OfficeFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/guides/"


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def guides(official):
    office = OfficeFactory(slug="kultur-och-fritidskontoret", name="Kultur- och fritidskontoret")
    start = make_guide(by=official, topic=Topic.START_ASSOCIATION, title_sv="Så startar du en förening",
                       title_en="How to start an association", body_ar="## كيف تبدأ\n\nاقرأ أولاً.")
    grant = make_guide(by=official, topic=Topic.APPLY_GRANT, office=office, title_sv="Så söker du bidrag",
                       summary_sv="Om föreningsbidrag och hur du ansöker.")
    draft = make_guide(by=official, published=False, title_sv="Hemligt utkast om lokaler")
    return {"start": start, "grant": grant, "draft": draft}


def slugs(response) -> list[str]:
    return [row["slug"] for row in response.json()["results"]]


def test_anyone_reads_the_published_guides_in_every_language(api, guides):
    response = api.get(LIST)
    assert response.status_code == 200
    assert sorted(slugs(response)) == sorted([guides["start"].slug, guides["grant"].slug])
    start = api.get(f"{LIST}{guides['start'].slug}/").json()
    assert start["title_sv"] == "Så startar du en förening" and start["title_en"] == "How to start an association"
    assert start["body_ar"].startswith("## كيف تبدأ") and start["topic"] == "start_association"
    assert start["page"].endswith(guides["start"].get_absolute_url())
    assert "created_by" not in start and "invited_actor" not in start and "search_text" not in start


def test_a_draft_is_not_found_by_its_address(api, guides):
    assert api.get(f"{LIST}{guides['draft'].slug}/").status_code == 404
    assert guides["draft"].slug not in slugs(api.get(LIST))


def test_search_finds_inflected_swedish_words_and_the_filters_narrow(api, guides):
    assert slugs(api.get(LIST, {"q": "föreningarna"})) == [guides["start"].slug, guides["grant"].slug]
    assert slugs(api.get(LIST, {"q": "bidrag"})) == [guides["grant"].slug]
    assert slugs(api.get(LIST, {"topic": "apply_grant"})) == [guides["grant"].slug]
    assert slugs(api.get(LIST, {"office": "kultur-och-fritidskontoret"})) == [guides["grant"].slug]
    assert slugs(api.get(LIST, {"office": "finns-inte"})) == []
    assert api.get(LIST, {"topic": "nonsense"}).status_code == 400


def test_queries_stay_constant_as_guides_grow(api, guides, official):
    with CaptureQueriesContext(connection) as few:
        api.get(LIST)
    for _ in range(6):
        make_guide(by=official, office=OfficeFactory())
    with CaptureQueriesContext(connection) as many:
        assert len(slugs(api.get(LIST))) == 8
    assert len(many) == len(few)
