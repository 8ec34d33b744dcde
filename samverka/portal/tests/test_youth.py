"""The young people's entrance, /unga/: what is open to their age, and only that; cached for
visitors; the same number of queries however much there is."""

import pytest
from django.urls import reverse

from samverka.activities.tests.factories import ActivityFactory
from samverka.core.tests.helpers import says
from samverka.dialogue.models import Process
from samverka.dialogue.tests.factories import ProcessFactory
from samverka.needs.tests.factories import NeedFactory
from samverka.networks.models import Group
from samverka.networks.tests.factories import GroupFactory

URL = reverse("youth")


def fill(n: int, actor):
    for i in range(n):
        ActivityFactory(actor=actor, title=f"Ungdomskväll {n}-{i}", min_age=13, max_age=19)
        NeedFactory(title=f"Läxhjälpare {n}-{i}", min_age=15)
        ProcessFactory(title=f"Unga tycker till {n}-{i}", audience=Process.Audience.YOUTH,
                       status=Process.Status.OPEN)
        GroupFactory(name=f"Elevrådet {n}-{i}", kind=Group.Kind.PUPILS_COUNCIL)


def test_it_lists_what_is_open_to_young_people_and_nothing_else(client, actor):
    fill(1, actor)
    ActivityFactory(actor=actor, title="Seniorgympa", min_age=65)
    ActivityFactory(actor=actor, title="Teaterverkstad för vuxna", min_age=18)
    NeedFactory(title="Besöksvän på boendet", min_age=16, record_extract_required=True)
    NeedFactory(title="Styrelseledamot", min_age=18)
    ProcessFactory(title="Dialog för alla", audience=Process.Audience.EVERYONE, status=Process.Status.OPEN)
    page = client.get(URL).content.decode()
    for shown in ("Ungdomskväll 1-0", "Läxhjälpare 1-0", "Unga tycker till 1-0", "Elevrådet 1-0"):
        assert shown in page
    for hidden in ("Seniorgympa", "Teaterverkstad för vuxna", "Besöksvän på boendet", "Styrelseledamot", "Dialog för alla"):
        assert hidden not in page
    assert says("For you who are 13 to 19") in page
    assert page.count("<h1") == 1


def test_it_is_linked_from_the_home_page(client, db):
    assert URL in client.get(reverse("home")).content.decode()


def test_a_second_visit_is_served_from_the_cache(client, actor, django_assert_num_queries):
    fill(1, actor)
    client.get(URL)
    with django_assert_num_queries(0):
        assert client.get(URL).status_code == 200


@pytest.mark.parametrize("language", ["en", "ar"])
def test_it_speaks_english_and_arabic(client, db, language):
    page = client.get(f"/{language}/unga/").content.decode()
    assert f'lang="{language}"' in page


def test_the_queries_do_not_grow_with_the_data(client, actor, django_assert_max_num_queries):
    from django.core.cache import cache

    fill(2, actor)
    with django_assert_max_num_queries(30) as small:
        client.get(URL)
    fill(10, actor)
    cache.clear()
    with django_assert_max_num_queries(len(small.captured_queries)):
        page = client.get(URL).content.decode()
    assert "Ungdomskväll 10-0" in page
