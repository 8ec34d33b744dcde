"""The directory and the actor page cost the same number of database queries whether
the register holds 10 actors or 200: no query per actor (no N+1)."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samverka.actors.models import Actor
from samverka.actors.tests.factories import ActorFactory, AssociationFactory, MembershipFactory
from samverka.municipality.models import Area, District, Language, SdgGoal, TargetGroup


def fill(count: int, start: int) -> None:
    areas = list(Area.objects.all())
    districts = list(District.objects.all())
    groups = list(TargetGroup.objects.all())
    languages = list(Language.objects.all())
    goals = list(SdgGoal.objects.all())
    for n in range(start, start + count):
        factory = AssociationFactory if n % 2 else ActorFactory
        actor = factory(name=f"Förening {n:04d}", slug=f"forening-{n:04d}")
        actor.areas.set([areas[n % len(areas)], areas[(n + 3) % len(areas)]])
        actor.districts.set([districts[n % len(districts)]])
        actor.target_groups.set([groups[n % len(groups)]])
        actor.languages.set([languages[n % len(languages)]])
        actor.sdg_goals.set([goals[n % len(goals)]])
        if n % 3 == 0:
            MembershipFactory(actor=actor)


def queries(client, url: str, **params) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(captured)


@pytest.fixture
def districts(db):
    for n, name in enumerate(["Ekerö centrum", "Stenhamra", "Skå", "Färentuna", "Adelsö", "Munsö"]):
        District.objects.create(slug=f"d{n}", name=name, position=n)


@pytest.fixture
def pages(actor, representative, official, resident):
    return {
        "anonymous": (None, reverse("actors:directory"), {}),
        "anonymous, filtered": (None, reverse("actors:directory"), {"area": "kultur", "q": "förening"}),
        "anonymous, page 2": (None, reverse("actors:directory"), {"page": "2"}),
        "resident": (resident, reverse("actors:directory"), {}),
        "representative": (representative, reverse("actors:directory"), {}),
        "official, filtered": (official, reverse("actors:directory"), {"district": "d1", "verified": "true"}),
        "actor page, anonymous": (None, actor.get_absolute_url(), {}),
        "actor page, representative": (representative, actor.get_absolute_url(), {}),
        "actor page, official": (official, actor.get_absolute_url(), {}),
        "home": (None, reverse("home"), {}),
        "open data": (None, reverse("actors:export_json"), {}),
        "api list": (None, "/api/v1/actors/", {}),
    }


def measure(client, pages) -> dict[str, int]:
    """Queries per page: with nothing in the cache, and again with the cache warm (the
    public page cache for anonymous visitors)."""
    counts = {}
    for label, (user, url, params) in pages.items():
        client.logout()
        if user is not None:
            client.force_login(user)
        queries(client, url, **params)  # fill the per-process caches (content types)
        cache.clear()
        counts[f"{label}, cold"] = queries(client, url, **params)
        counts[label] = queries(client, url, **params)
    return counts


def test_pages_cost_the_same_with_10_and_200_actors(client, districts, pages, actor):
    actor.areas.set(Area.objects.all()[:3])
    actor.districts.set(District.objects.all()[:2])
    actor.sdg_goals.set(SdgGoal.objects.all()[:2])
    fill(9, start=0)
    Actor.objects.filter(pk__in=Actor.objects.values("pk")[:3]).update(verified_at="2026-01-01T00:00Z")
    with_10 = measure(client, pages)

    fill(190, start=100)
    Actor.objects.filter(pk__in=Actor.objects.values("pk")[:60]).update(verified_at="2026-01-01T00:00Z")
    assert Actor.objects.count() == 200
    with_200 = measure(client, pages)

    assert with_200 == with_10


def test_the_directory_stays_within_a_small_budget(client, districts, pages, actor):
    fill(30, start=0)
    counts = measure(client, pages)
    # the municipality's settings, count, page, two prefetches, the five lists of the filter form
    assert counts["anonymous, cold"] <= 11, counts
    # filtered: one more query per chosen area or district (its key looked up)
    assert counts["anonymous, filtered, cold"] <= 12, counts
    # the whole page from the public page cache
    assert counts["anonymous"] == 0, counts
    assert counts["actor page, anonymous"] == 0, counts
    # logged in, never from the page cache: the session, the user, the user's offices and
    # actors, the municipality's settings, count, page, two prefetches and the five lists
    assert counts["representative"] <= 14, counts
    # the session, the user, offices, actors, the municipality's settings, the actor and its
    # five lists, the coming activities, and what it takes part in (the portal's context
    # processor: partnerships, compacts, groups, the visitor's own group roles, and the links
    # across organisations the actor is a party to, for "contact us through the link")
    assert counts["actor page, representative"] <= 17, counts
    assert counts["actor page, official"] <= 17, counts
    # the municipality's settings, the actor and its five lists, the coming activities,
    # its partnerships, compacts, groups and links across organisations
    assert counts["actor page, anonymous, cold"] <= 13, counts
