"""The officials' inbox, a case page, the sender's page and "my messages" cost the same
number of database queries with 10 cases as with 100: no query per case or per step."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from samverka.cases.models import Case, CaseEvent
from samverka.cases.tests.factories import CaseFactory
from samverka.municipality.models import District

pytestmark = pytest.mark.django_db


def fill(count, *, office, start, user=None, handler=None):
    districts = list(District.objects.all()) or [None]
    today = timezone.localdate()
    for n in range(start, start + count):
        case = CaseFactory(office=office, reference=f"EVI-2026-{n:04d}", district=districts[n % len(districts)],
                           answer_by=today + timedelta(days=n % 9 - 4), user=user,
                           assigned_to=handler if n % 2 else None, email="lina@example.org",
                           status=[Case.Status.RECEIVED, Case.Status.IN_PROGRESS, Case.Status.ANSWERED][n % 3])
        for kind in ("received", "routed", "note", "answer"):
            CaseEvent.objects.create(case=case, kind=kind, by=handler, office=office, text="Text")


def queries(client, url, params=None) -> int:
    client.get(url, params or {})  # warm the caches (municipality, vocabularies) first
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params or {})
    assert response.status_code == 200, url
    return len(captured)


@pytest.fixture
def districts(db):
    for n, name in enumerate(["Ekerö centrum", "Stenhamra", "Skå"]):
        District.objects.create(slug=f"d{n}", name=name, position=n)


@pytest.mark.parametrize("params", [{}, {"status": "all"}, {"mine": "on", "status": "all"}])
def test_the_inbox(client, official, culture, districts, params):
    fill(10, office=culture, start=1, handler=official)
    client.force_login(official)
    small = queries(client, reverse("cases:inbox"), params)
    fill(90, office=culture, start=11, handler=official)
    assert queries(client, reverse("cases:inbox"), params) == small


def test_the_inbox_for_the_administrator(client, administrator, culture, social, districts):
    fill(10, office=culture, start=1)
    client.force_login(administrator)
    small = queries(client, reverse("cases:inbox"))
    fill(90, office=social, start=11)
    assert queries(client, reverse("cases:inbox")) == small


def test_a_case_page_the_senders_page_and_my_messages(client, official, culture, resident, districts):
    fill(10, office=culture, start=1, user=resident, handler=official)
    case = Case.objects.order_by("pk").first()
    client.force_login(official)
    small_case = queries(client, case.get_absolute_url())
    client.force_login(resident)
    small_status = queries(client, case.get_private_url())
    small_mine = queries(client, reverse("cases:mine"))
    fill(90, office=culture, start=11, user=resident, handler=official)
    for kind in ("note", "rerouted", "answer") * 10:
        CaseEvent.objects.create(case=case, kind=kind, by=official, office=culture, from_office=culture, text="Mer")
    client.force_login(official)
    assert queries(client, case.get_absolute_url()) == small_case
    client.force_login(resident)
    assert queries(client, case.get_private_url()) == small_status
    assert queries(client, reverse("cases:mine")) == small_mine
