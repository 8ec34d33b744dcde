"""Every logged-in request reads its session, its user and the user's roles (one query
each, with Django's own session and authentication machinery); a session ends at once
when it is ended."""

from datetime import timedelta

from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from samverka.accounts.models import User
from samverka.actors.models import Actor, ActorMembership
from samverka.actors.rules import actor_memberships
from samverka.actors.tests.factories import MembershipFactory

DASHBOARD = reverse("accounts:dashboard")


def logged_in_client(user) -> tuple[Client, str]:
    client = Client()
    client.force_login(user)
    return client, client.cookies[settings.SESSION_COOKIE_NAME].value


def test_a_session_ends_at_once_when_its_owner_logs_out(resident):
    client, key = logged_in_client(resident)
    assert client.get(DASHBOARD).status_code == 200
    client.post(reverse("account_logout"))

    thief = Client()
    thief.cookies[settings.SESSION_COOKIE_NAME] = key
    assert thief.get(DASHBOARD).status_code == 302  # to the login page


def test_a_deleted_or_expired_session_logs_no_one_in(resident, representative):
    client, key = logged_in_client(resident)
    Session.objects.filter(session_key=key).delete()
    assert client.get(DASHBOARD).status_code == 302

    client, key = logged_in_client(representative)
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() - timedelta(seconds=1))
    assert client.get(DASHBOARD).status_code == 302


def test_a_deactivated_user_is_logged_out_on_the_next_request(resident):
    client, _key = logged_in_client(resident)
    User.objects.filter(pk=resident.pk).update(is_active=False)
    assert client.get(DASHBOARD).status_code == 302


def test_an_officials_offices_and_actors_are_one_query_each_per_request(official, actor, other_actor,
                                                                        django_assert_num_queries):
    MembershipFactory(actor=actor, user=official, role=ActorMembership.Role.OWNER)
    Actor.objects.filter(pk=other_actor.pk).update(status=Actor.Status.ARCHIVED)
    MembershipFactory(actor=other_actor, user=official, role=ActorMembership.Role.EDITOR)
    offices = frozenset(official.office_memberships.values_list("office_id", flat=True))
    user = User.objects.get(pk=official.pk)
    with django_assert_num_queries(2):
        for _ in range(2):  # asked again, answered from the user object
            assert user.office_ids == offices and offices
            assert user.is_official
            assert actor_memberships(user) == {
                actor.pk: (ActorMembership.Role.OWNER, Actor.Status.ACTIVE),
                other_actor.pk: (ActorMembership.Role.EDITOR, Actor.Status.ARCHIVED),
            }


def test_a_user_without_roles_has_none(resident, django_assert_num_queries):
    user = User.objects.get(pk=resident.pk)
    with django_assert_num_queries(2):
        assert user.office_ids == frozenset()
        assert actor_memberships(user) == {}
    assert User().office_ids == frozenset()
