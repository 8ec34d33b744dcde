"""The public Agenda 2030 pages: what is linked to a goal, only what everyone may see."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from samverka.activities.models import Activity
from samverka.activities.tests.factories import ActivityFactory
from samverka.actors.models import Actor
from samverka.actors.tests.factories import ActorFactory
from samverka.dialogue.models import Process
from samverka.dialogue.tests.factories import ProcessFactory
from samverka.grants.tests.factories import ProgrammeFactory
from samverka.matching.models import Programme as MatchingProgramme
from samverka.matching.tests.factories import ProgrammeFactory as MatchingProgrammeFactory
from samverka.municipality.tests.factories import OfficeFactory
from samverka.needs.tests.factories import NeedFactory
from samverka.networks.tests.factories import GroupFactory
from samverka.news.models import Post
from samverka.news.tests.factories import PostFactory
from samverka.partnerships.tests.factories import PartnershipFactory
from samverka.plans.models import ActionPlan, Goal, Indicator, IndicatorValue

GOAL = 3
URL = reverse("goals:goal", args=[GOAL])


def tagged(obj):
    obj.sdg_goals.add(GOAL)
    return obj


def plan(n: int, status=ActionPlan.Status.PUBLISHED):
    office = OfficeFactory(name=f"Kontoret {n}")
    action_plan = ActionPlan.objects.create(office=office, title=f"Handlingsplan {n}", slug=f"plan-{n}",
                                            first_year=2026, last_year=2027, status=status)
    goal = tagged(Goal.objects.create(plan=action_plan, title=f"Fler aktiva äldre {n}"))
    indicator = Indicator.objects.create(goal=goal, name=f"Deltagare i träffpunkter {n}", target=120)
    for month, value in ((1, 80), (3, 95), (5, 104)):
        IndicatorValue.objects.create(indicator=indicator, measured_on=dt.date(2026, month, 1), value=value)
    return goal


def world(n: int):
    """`n` of each kind linked to the goal, and one of each that nobody but its owners may see."""
    for i in range(n):
        tagged(ActorFactory(name=f"Förening {n}-{i}"))
        tagged(ActivityFactory(title=f"Friskvård {n}-{i}", actor=None, office=OfficeFactory()))
        tagged(NeedFactory(title=f"Behov {n}-{i}"))
        tagged(ProcessFactory(title=f"Dialog {n}-{i}"))
        tagged(GroupFactory(name=f"Grupp {n}-{i}"))
        tagged(PartnershipFactory(title=f"Partnerskap {n}-{i}"))
        tagged(ProgrammeFactory(name=f"Folkhälsobidrag {n}-{i}"))
        tagged(MatchingProgrammeFactory(name=f"Besöksvän {n}-{i}"))
        tagged(PostFactory(title=f"Nyhet om hälsa {n}-{i}"))
        plan(f"{n}-{i}")
    tagged(ActorFactory(name=f"Arkiverad {n}", status=Actor.Status.ARCHIVED))
    tagged(ActivityFactory(title=f"Utkast {n}", status=Activity.Status.DRAFT, actor=None, office=OfficeFactory()))
    tagged(ActivityFactory(title=f"Förbi {n}", actor=None, office=OfficeFactory(),
                           start=timezone.now() - dt.timedelta(days=3)))
    tagged(ProcessFactory(title=f"Dialogutkast {n}", status=Process.Status.DRAFT))
    tagged(GroupFactory(name=f"Slutet rum {n}", is_public=False))
    tagged(PartnershipFactory(title=f"Hemligt avtal {n}", is_public=False))
    tagged(MatchingProgrammeFactory(name=f"Vänutkast {n}", status=MatchingProgramme.Status.DRAFT))
    tagged(PostFactory(title=f"Nyhetsutkast {n}", status=Post.Status.DRAFT))
    tagged(PostFactory(title=f"Nyhet i morgon {n}", published_at=timezone.now() + dt.timedelta(days=1)))
    plan(f"utkast-{n}", status=ActionPlan.Status.DRAFT)


def test_a_goal_page_shows_what_is_linked_and_public_only(client, db):
    world(2)
    page = client.get(URL).content.decode()
    for name in ("Förening 2-0", "Friskvård 2-1", "Behov 2-0", "Dialog 2-1", "Grupp 2-0", "Partnerskap 2-1",
                 "Folkhälsobidrag 2-0", "Besöksvän 2-1", "Nyhet om hälsa 2-0",
                 "Fler aktiva äldre 2-0", "Deltagare i träffpunkter 2-1"):
        assert name in page
    for hidden in ("Arkiverad", "Utkast 2", "Förbi 2", "Dialogutkast", "Slutet rum", "Hemligt avtal", "Vänutkast",
                   "Nyhetsutkast", "Nyhet i morgon",
                   "Fler aktiva äldre utkast"):
        assert hidden not in page
    # The indicator's latest value against its target, with its chart.
    assert "Senaste: 104" in page and "målvärde 120" in page and 'class="chart__svg chart__svg--line"' in page


def test_long_lists_are_cut_with_a_link_to_the_apps_own_list(client, db):
    world(7)
    page = client.get(URL).content.decode()
    assert "Förening 7-0" in page and "Förening 7-6" not in page
    assert f'{reverse("actors:directory")}?sdg={GOAL}' in page


def test_the_index_lists_the_17_goals_with_their_counts(client, db):
    world(1)
    page = client.get(reverse("goals:index")).content.decode()
    assert page.count('class="card__title"') == 17
    assert f"{gettext('Associations and other actors')}: 1" in page
    assert f"{gettext('Matching programmes')}: 1" in page
    assert f"{gettext('News')}: 1" in page


def test_an_unknown_goal_is_not_found(client, db):
    assert client.get(reverse("goals:goal", args=[18])).status_code == 404


def test_the_pages_are_cached_and_show_a_change_at_once(client, db, django_assert_num_queries):
    world(1)
    client.get(URL)
    with django_assert_num_queries(0):
        client.get(URL)
    from samverka.core import versions

    tagged(ActorFactory(name="Ny förening"))
    versions.renew("actors")
    assert "Ny förening" in client.get(URL).content.decode()


@pytest.mark.parametrize("url", [URL, reverse("goals:index")])
def test_the_queries_do_not_grow_with_the_data(client, db, url, django_assert_max_num_queries, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    world(1)
    client.get(url)
    with django_assert_max_num_queries(60) as small:
        client.get(url)
    world(4)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(url)


def test_a_new_news_post_shows_on_the_cached_goal_page_at_once(client, db):
    from samverka.core import versions

    client.get(URL)
    tagged(PostFactory(title="Ny nyhet om hälsa"))
    versions.renew("news")  # as the news service does on publishing
    assert "Ny nyhet om hälsa" in client.get(URL).content.decode()
