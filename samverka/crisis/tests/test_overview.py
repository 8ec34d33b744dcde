"""The live overview: open requests by part of the municipality and by time waited,
volunteers available, the longest-waiting first, in a constant number of queries."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from samverka.crisis import selectors

from .factories import CrisisVolunteerFactory, HelpRequestFactory, TaskFactory, VolunteerFactory


@pytest.fixture
def filled(crisis, districts):
    now = timezone.now()
    with time_machine.travel(now - timedelta(hours=30)):
        HelpRequestFactory(crisis=crisis, district=districts[1], reference="KH-OLDEST", priority="urgent",
                           created_at=timezone.now())
    HelpRequestFactory(crisis=crisis, district=districts[0], created_at=now - timedelta(minutes=10))
    HelpRequestFactory(crisis=crisis, district=districts[0], created_at=now - timedelta(hours=3), status="new")
    assigned = HelpRequestFactory(crisis=crisis, district=districts[0], status="assigned")
    HelpRequestFactory(crisis=crisis, district=districts[2], status="done")
    busy = VolunteerFactory()
    CrisisVolunteerFactory(crisis=crisis, volunteer=busy)
    TaskFactory(help_request=assigned, volunteer=busy, status="accepted")
    for _ in range(3):
        CrisisVolunteerFactory(crisis=crisis)
    CrisisVolunteerFactory(crisis=crisis, confirmed_at=None, volunteer=VolunteerFactory(confirmed_at=None))
    return crisis


def test_the_counts(filled, districts):
    data = selectors.overview(filled)
    assert data["unmatched_total"] == 3 and data["open_total"] == 4 and data["done_total"] == 1
    rows = {row["district"].pk: row for row in data["by_district"]}
    assert rows[districts[0].pk]["total"] == 3 and rows[districts[0].pk]["unmatched"] == 2
    assert rows[districts[1].pk]["urgent"] == 1 and districts[2].pk not in rows
    assert dict(data["by_age"]) == {"under_1h": 1, "under_6h": 1, "under_24h": 0, "under_3d": 1, "older": 0}
    assert data["volunteers"] == {"signed_up": 5, "confirmed": 4, "available": 3}
    assert data["waiting"][0].reference == "KH-OLDEST"


def test_the_page_for_a_triaging_official_and_the_process_leader(client, filled, triager, process_leader):
    for user in (triager, process_leader):
        client.force_login(user)
        page = client.get(reverse("crisis:overview", args=[filled.pk])).content.decode()
        assert "KH-OLDEST" in page and "Stenhamra" in page
    assert 'hx-trigger="every 30s"' in page
    client.force_login(triager)
    assert client.get(reverse("crisis:overview")).status_code == 200  # the crisis under way


def test_the_htmx_refresh_returns_the_live_part_only(client, filled, triager):
    client.force_login(triager)
    response = client.get(reverse("crisis:overview", args=[filled.pk]), headers={"HX-Request": "true"})
    page = response.content.decode()
    assert page.lstrip().startswith('<div id="live"') and "<html" not in page


def test_queries_are_constant(client, filled, districts, triager, django_assert_num_queries):
    client.force_login(triager)
    url = reverse("crisis:overview", args=[filled.pk])
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for n in range(40):
        HelpRequestFactory(crisis=filled, district=districts[n % 3], status="open" if n % 2 else "assigned")
        CrisisVolunteerFactory(crisis=filled)
    with django_assert_num_queries(len(small)):
        client.get(url)
    with CaptureQueriesContext(connection) as listing_small:
        client.get(reverse("crisis:requests", args=[filled.pk]))
    for n in range(20):
        HelpRequestFactory(crisis=filled, district=districts[n % 3])
    with django_assert_num_queries(len(listing_small)):
        client.get(reverse("crisis:requests", args=[filled.pk]))
