"""A need's, an activity's, a grant programme's and an application's page show the ideas of the
idea lab that led to them. The idea lab sits above those apps, so the links come from the portal
(a context processor); the public sees only the ideas their authors made public."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from samverka.activities.tests.factories import ActivityFactory
from samverka.grants.tests.factories import ApplicationFactory
from samverka.ideas import services as idea_services
from samverka.ideas.tests.factories import CoachFactory, IdeaFactory
from samverka.needs.tests.factories import NeedFactory


@pytest.fixture(autouse=True)
def _english():
    """These tests read the pages' English words: their addresses are the English ones."""
    from django.utils import translation

    with translation.override("en"):
        yield

pytestmark = pytest.mark.django_db


def link(idea) -> str:
    return f'<a href="{idea.get_absolute_url()}"><bdi>{idea.title}</bdi></a>'


def shown(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def coach(db):
    from samverka.accounts.tests.factories import UserFactory

    user = UserFactory(first_name="Karin", last_name="Ahlgren")
    CoachFactory(user=user)
    return user


def public_idea(coach, **kwargs):
    return IdeaFactory(is_public=True, coach=coach, **kwargs)


def test_a_need_shows_the_public_idea_it_came_from_and_hides_a_private_one(client, coach, resident):
    need = NeedFactory()
    open_idea = public_idea(coach, title="Läxhjälp i Stenhamra", need=need)
    private = IdeaFactory(title="Residents egen idé", need=need, author=resident, coach=coach)
    IdeaFactory(title="Annan idé", is_public=True, coach=coach, need=NeedFactory())

    html = shown(client, need.get_absolute_url())
    assert "From the idea lab" in html and link(open_idea) in html
    assert private.title not in html and "Annan idé" not in html

    # The author sees their own idea too; the coach sees every idea.
    client.force_login(resident)
    assert link(private) in shown(client, need.get_absolute_url())
    client.force_login(coach)
    html = shown(client, need.get_absolute_url())
    assert link(private) in html and link(open_idea) in html


def test_a_page_without_ideas_shows_no_section(client):
    assert "From the idea lab" not in shown(client, NeedFactory().get_absolute_url())


def test_an_activity_shows_its_idea_at_once_after_the_coach_links_it(client, coach):
    activity = ActivityFactory(title="Repaircafé i Skå")
    idea = public_idea(coach, title="Repaircafé")
    # The public page is cached for visitors; linking the idea renews the idea lab's stamp.
    assert "From the idea lab" not in shown(client, activity.get_absolute_url())
    idea_services.link_activity(by=coach, idea=idea, activity=activity)
    assert link(idea) in shown(client, activity.get_absolute_url())
    cache.clear()


def test_the_application_and_its_programme_show_the_idea(client, coach, actor, representative, other_actor):
    application = ApplicationFactory(actor=actor, title="Ungdomarnas idrottskväll")
    idea = public_idea(coach, title="Idrottskväll för unga", application=application)
    hidden = IdeaFactory(title="Inte publik idé", coach=coach, application=application)

    client.force_login(representative)
    html = shown(client, application.get_absolute_url())
    assert link(idea) in html and hidden.title not in html
    html = shown(client, application.programme.get_absolute_url())
    assert link(idea) in html and hidden.title not in html
    # Another programme's page does not.
    other = ApplicationFactory(actor=other_actor)
    assert "From the idea lab" not in shown(client, other.programme.get_absolute_url())


def test_the_links_cost_one_query(client, coach, django_assert_num_queries):
    need = NeedFactory()
    public_idea(coach, need=need)
    client.get(need.get_absolute_url())
    cache.clear()
    with CaptureQueriesContext(connection) as one:
        client.get(need.get_absolute_url())
    few = len(one)
    for n in range(5):
        public_idea(coach, title=f"Idé nummer {n}", need=need)
    cache.clear()
    with django_assert_num_queries(few):
        html = shown(client, need.get_absolute_url())
    assert "Idé nummer 4" in html
