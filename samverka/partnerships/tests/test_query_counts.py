"""The list of partnerships, a partnership's page, the compacts and "your partnerships" cost the
same number of queries with 5 partnerships as with 50: nothing per partnership, party,
contribution, milestone or signature."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from samverka.actors.tests.factories import ActorFactory
from samverka.municipality.models import Area, SdgGoal

from .factories import (
    CompactFactory,
    ContributionFactory,
    DocumentFactory,
    GoalFactory,
    MilestoneFactory,
    PartnershipFactory,
    PartyFactory,
    SignatureFactory,
)


def fill(count, start, office, compact):
    areas, goals = list(Area.objects.all()), list(SdgGoal.objects.all())
    made = []
    for n in range(start, start + count):
        item = PartnershipFactory(office=office, title=f"Partnerskap {n}", slug=f"p-{n}")
        item.areas.set(areas[n % len(areas):n % len(areas) + 2])
        item.sdg_goals.set([goals[n % len(goals)]])
        actor = ActorFactory(name=f"Förening {n}")
        party = PartyFactory(partnership=item, actor=actor)
        PartyFactory(partnership=item, actor=None, office=office)
        ContributionFactory(party=party)
        MilestoneFactory(partnership=item, due_on=timezone.localdate() + timedelta(days=n % 30))
        SignatureFactory(compact=compact, actor=actor)
        made.append(item)
    return made[0]


def growing(detail):
    """More parts on the one partnership whose page is measured."""
    for n in range(5):
        party = PartyFactory(partnership=detail, actor=ActorFactory(name=f"Extra {n}"))
        ContributionFactory(party=party)
        ContributionFactory(party=party, kind="money", amount=1000, unit="sek")
        GoalFactory(partnership=detail)
        MilestoneFactory(partnership=detail)
        DocumentFactory(partnership=detail, visibility="public")


def queries(client, url, params=None) -> int:
    client.get(url, params or {})
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params or {})
    assert response.status_code == 200, url
    return len(captured)


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["anonymous", "official", "representative"])
def test_queries_do_not_grow_with_the_data(client, official, representative, office, settings, who):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}  # measure the views
    compact = CompactFactory(office=office, slug="ekero")
    detail = fill(5, 0, office, compact)
    if who != "anonymous":
        client.force_login({"official": official, "representative": representative}[who])
    if who == "representative":
        PartyFactory(partnership=detail, actor=representative.actor_memberships.get().actor)
    pages = {
        "list": (reverse("partnerships:index"), {}),
        "list, filtered": (reverse("partnerships:index"), {"office": office.slug, "area": "kultur", "goal": "4"}),
        "partnership": (detail.get_absolute_url(), {}),
        "compacts": (reverse("partnerships:compacts"), {}),
        "compact": (compact.get_absolute_url(), {}),
    }
    if who != "anonymous":
        pages["mine"] = (reverse("partnerships:mine"), {})
    few = {name: queries(client, url, params) for name, (url, params) in pages.items()}
    fill(45, 5, office, compact)
    growing(detail)
    many = {name: queries(client, url, params) for name, (url, params) in pages.items()}
    assert many == few
