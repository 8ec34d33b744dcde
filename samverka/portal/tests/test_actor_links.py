"""An actor's page links what the actor takes part in higher up the layers: its partnerships,
the local compacts it signed and its networks and groups, as far as the visitor may see them.
The links come from the portal (a context processor), so the actors app imports none of it."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from samverka.networks.models import Group, Membership
from samverka.networks.tests.factories import GroupFactory, MembershipFactory, SeatFactory
from samverka.partnerships import services as partnership_services
from samverka.partnerships.tests.factories import CompactFactory, PartyFactory, SignatureFactory

pytestmark = pytest.mark.django_db


def page(client, actor) -> str:
    response = client.get(actor.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_the_actor_page_links_its_partnerships_compacts_and_groups(client, actor, other_actor):
    partnership = PartyFactory(actor=actor, partnership__title="Läxhjälp på biblioteket").partnership
    compact = SignatureFactory(actor=actor, compact__title="Överenskommelsen för Ekerö").compact
    runs = GroupFactory(name="Parkinsonnätverket", actor=actor, office=None)
    seat = SeatFactory(actor=actor, group__name="Rådet för funktionshinderfrågor").group
    represented = MembershipFactory(actor=actor, group__name="Integrationsnätverket").group
    PartyFactory(actor=other_actor, partnership__title="Någon annans partnerskap")
    GroupFactory(name="Någon annans nätverk", actor=other_actor, office=None)

    html = page(client, actor)

    for item, text in ((partnership, "Läxhjälp på biblioteket"), (compact, "Överenskommelsen för Ekerö"),
                       (runs, "Parkinsonnätverket"), (seat, "Rådet för funktionshinderfrågor"),
                       (represented, "Integrationsnätverket")):
        assert f'<a href="{item.get_absolute_url()}"><bdi>{text}</bdi></a>' in html, text
    assert "Någon annans" not in html


def test_the_actor_page_hides_what_the_visitor_may_not_see_and_what_is_over(client, actor):
    PartyFactory(actor=actor, partnership__title="Hemligt partnerskap", partnership__is_public=False)
    PartyFactory(actor=actor, partnership__title="Lämnat partnerskap",
                 ended_on=timezone.localdate() - timedelta(days=1))
    GroupFactory(name="Slutet nätverk", actor=actor, office=None, is_public=False)
    GroupFactory(name="Nedlagt nätverk", actor=actor, office=None, lifecycle=Group.Lifecycle.CLOSED)
    MembershipFactory(actor=actor, group__name="Lämnad grupp", status=Membership.Status.LEFT)

    html = page(client, actor)

    for text in ("Hemligt partnerskap", "Lämnat partnerskap", "Slutet nätverk", "Nedlagt nätverk", "Lämnad grupp"):
        assert text not in html, text
    assert 'id="takes-part-title"' not in html


def test_a_closed_group_shows_to_its_members_on_the_actor_page(client, actor, representative):
    MembershipFactory(actor=actor, user=representative, group__name="Slutet nätverk", group__is_public=False)

    assert "Slutet nätverk" not in page(client, actor)
    client.force_login(representative)
    assert "Slutet nätverk" in page(client, actor)


def test_a_new_signature_shows_at_once_on_the_cached_actor_page(client, actor, representative,
                                                                django_capture_on_commit_callbacks):
    compact = CompactFactory(title="Överenskommelsen för Ekerö")
    assert "Överenskommelsen för Ekerö" not in page(client, actor)

    with django_capture_on_commit_callbacks(execute=True):
        partnership_services.sign_compact(by=representative, compact=compact, actor=actor)

    assert "Överenskommelsen för Ekerö" in page(client, actor)


def queries(client, actor) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        page(client, actor)
    return len(captured)


def test_the_actor_page_costs_the_same_with_more_partnerships_and_groups(client, actor):
    def fill(count):
        for _ in range(count):
            PartyFactory(actor=actor)
            SignatureFactory(actor=actor)
            GroupFactory(actor=actor, office=None)
            SeatFactory(actor=actor)

    fill(1)
    page(client, actor)  # the per-process caches
    few = queries(client, actor)
    fill(10)

    assert queries(client, actor) == few
