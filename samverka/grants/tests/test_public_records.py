"""Every decision is public: the page (filterable, cached for visitors), CSV and the API,
with a number of queries that does not grow with the decisions."""

from datetime import date

import pytest
from django.urls import reverse

from samverka.accounts.tests.factories import UserFactory
from samverka.grants import services
from samverka.municipality.models import Area

from .factories import CommitteeFactory, ProgrammeFactory, SubmittedApplicationFactory, decided, decision_right, review


@pytest.fixture
def social(db):
    return ProgrammeFactory(committee=CommitteeFactory(slug="socialnamnden", name="Socialnämnden"),
                            name="Verksamhetsstöd", slug="verksamhetsstod-2026", kind="operating", pool=135_000)


@pytest.fixture
def culture(db):
    return ProgrammeFactory(name="Aktivitetsbidrag", slug="aktivitetsbidrag-2026")


def _decide(programme, name, amount, reasons):
    return decided(SubmittedApplicationFactory(programme=programme, actor__name=name), amount=amount, reasons=reasons)


def test_everyone_sees_who_got_what_and_why(client, social):
    _decide(social, "Brottsofferjouren", 84_000, "Samverkansöverenskommelse: stöd till brottsutsatta.")
    _decide(social, "BRIS", 10_000, "Stödlinje som når barn i kommunen.")
    page = client.get(reverse("grants:decisions")).content.decode()
    assert "Brottsofferjouren" in page and "84\xa0000 kr" in page and "stöd till brottsutsatta" in page
    assert "BRIS" in page


def test_filter_by_committee_year_programme_and_area(client, social, culture):
    _decide(social, "RSMH Ekerö", 12_000, "Mötesplats för psykisk hälsa.")
    chess = _decide(culture, "Ekerö Schack", 5_000, "Schack för unga.")
    area = Area.objects.first()
    chess.application.actor.areas.add(area)
    url = reverse("grants:decisions")
    for query in ({"committee": "kultur-och-fritidsnamnden"}, {"programme": "aktivitetsbidrag-2026"},
                  {"area": area.slug}):
        page = client.get(url, query).content.decode()
        assert "Ekerö Schack" in page and "RSMH Ekerö" not in page, query
    assert "RSMH Ekerö" in client.get(url, {"year": "2026"}).content.decode()
    assert "RSMH Ekerö" not in client.get(url, {"year": "2025"}).content.decode()
    csv_text = client.get(url, {"committee": "socialnamnden", "format": "csv"}).content.decode()
    assert "RSMH Ekerö" in csv_text and "Ekerö Schack" not in csv_text


def test_the_page_is_cached_and_a_new_decision_shows_at_once(client, social, django_assert_num_queries,
                                                             django_capture_on_commit_callbacks):
    url = reverse("grants:decisions")
    client.get(url)
    with django_assert_num_queries(0):
        client.get(url)
    application = SubmittedApplicationFactory(programme=social, actor__name="Parkinson Ekerö")
    reviewer = UserFactory()
    review(application, reviewer)
    decision_right(reviewer, social.committee)
    with django_capture_on_commit_callbacks(execute=True):
        services.decide(by=reviewer, application=application, outcome="granted", amount=15_000,
                        reasons="Träffar för personer med Parkinson.", meeting_date=date(2026, 6, 10))
    assert "Parkinson Ekerö" in client.get(url).content.decode()


def test_queries_do_not_grow_with_the_decisions(client, social, culture):
    url = reverse("grants:decisions")
    _decide(social, "SRF", 8_000, "Syntolkning.")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # the first visit creates the municipality's settings
    with CaptureQueriesContext(connection) as few:
        client.get(url, {"year": "2026"})
    for n in range(20):
        _decide(culture if n % 2 else social, f"Förening {n}", 1_000, "Bra.")
    with CaptureQueriesContext(connection) as many:
        client.get(url, {"year": "2026", "page": "1"})
    assert len(many) == len(few)
    with CaptureQueriesContext(connection) as api_many:
        client.get("/api/v1/grant-decisions/?format=json")
    assert len(api_many) <= len(few) + 2


def test_the_api_gives_the_decisions_as_open_data(client, social):
    _decide(social, "FMN", 9_000, "Föräldrastöd.")
    data = client.get("/api/v1/grant-decisions/", {"committee": "socialnamnden"}, HTTP_ACCEPT="application/json").json()
    rows = data["results"] if isinstance(data, dict) else data
    assert rows[0]["applicant"] == "FMN" and rows[0]["amount"] == 9000 and rows[0]["reasons"] == "Föräldrastöd."
    assert "applicant_user" not in rows[0]
