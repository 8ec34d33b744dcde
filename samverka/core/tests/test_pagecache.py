"""Public pages are cached for visitors who are not logged in, and a change to the
register shows at once."""

import pytest
from django.urls import reverse

from samverka.actors import services
from samverka.core import versions


def test_a_visitor_sees_a_change_to_the_register_at_once(client, actor, representative):
    url = reverse("actors:directory")
    assert actor.summary in client.get(url).content.decode()
    services.update_actor(by=representative, actor=actor, data={"summary": "Vi har bytt lokal till Kajutan."})
    body = client.get(url).content.decode()
    assert "Vi har bytt lokal till Kajutan." in body


def test_a_second_visit_is_served_from_the_cache_with_no_query(client, actor, django_assert_num_queries):
    url = reverse("actors:detail", args=[actor.slug])
    first = client.get(url)
    with django_assert_num_queries(0):
        second = client.get(url)
    assert second.content == first.content
    assert second["Content-Security-Policy"]


def test_logged_in_visitors_get_a_fresh_page(client, actor, representative):
    client.force_login(representative)
    url = reverse("actors:detail", args=[actor.slug])
    client.get(url)
    response = client.get(url)
    # their page is built for them: it offers them the edit link
    assert reverse("actors:edit", args=[actor.slug]) in response.content.decode()


def test_each_language_has_its_own_cached_page(client, actor):
    url = reverse("actors:detail", args=[actor.slug])
    swedish = client.get(url)
    english = client.get("/en" + url)
    assert b'lang="sv"' in swedish.content
    assert b'lang="en"' in english.content


def test_a_representatives_list_with_an_archived_actor_is_never_shown_to_others(client, actor, representative,
                                                                                resident):
    services.set_status(by=representative, actor=actor, status="archived")
    url = reverse("actors:directory")
    client.force_login(representative)
    assert actor.name in client.get(url).content.decode()
    client.force_login(resident)
    assert actor.name not in client.get(url).content.decode()
    client.logout()
    assert actor.name not in client.get(url).content.decode()


def test_a_stamp_must_name_an_app(client, db):
    """A misspelt app in `renew` or `@cache_public_page` fails loudly instead of leaving a page stale."""
    versions.renew("actors")
    with pytest.raises(LookupError):
        versions.renew("actor")
    with pytest.raises(LookupError):
        versions.current("actors", "activitys")
