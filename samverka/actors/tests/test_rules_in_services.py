"""The register's services hold its rules themselves: the page, the API, the admin and a
command alike cannot change an actor for someone without the right."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from samverka.actors import services
from samverka.actors.models import Actor, ActorMembership, Invitation
from samverka.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_someone_elses_actor_cannot_be_changed_archived_or_verified(representative, resident, other_actor):
    attempts = [
        lambda: services.update_actor(by=representative, actor=other_actor, data={"summary": "Kapad"}),
        lambda: services.confirm_details(by=representative, actor=other_actor),
        lambda: services.set_status(by=representative, actor=other_actor, status=Actor.Status.ARCHIVED),
        lambda: services.verify_actor(by=representative, actor=other_actor),
        lambda: services.request_annual_update(by=resident, actors=[other_actor]),
        lambda: services.invite_representative(by=representative, actor=other_actor, email="x@example.org",
                                               role=ActorMembership.Role.EDITOR),
    ]
    for attempt in attempts:
        with pytest.raises(PermissionDenied):
            attempt()
    other_actor.refresh_from_db()
    assert other_actor.summary != "Kapad" and other_actor.status != Actor.Status.ARCHIVED
    assert not other_actor.is_verified and other_actor.update_requested_at is None
    assert not Invitation.objects.exists() and not AuditEvent.objects.exists()


def test_an_editor_cannot_manage_the_people_of_the_page(editor, representative, actor):
    owner = ActorMembership.objects.get(user=representative, actor=actor)
    with pytest.raises(PermissionDenied):
        services.change_role(by=editor, membership=owner, role=ActorMembership.Role.EDITOR)
    with pytest.raises(PermissionDenied):
        services.remove_representative(by=editor, membership=owner)
    owner.refresh_from_db()
    assert owner.role == ActorMembership.Role.OWNER


def test_an_anonymous_visitor_cannot_add_an_actor():
    with pytest.raises(PermissionDenied):
        services.create_actor(by=AnonymousUser(), data={"name": "Spökföreningen", "kind": "association"})
    assert not Actor.objects.filter(name="Spökföreningen").exists()
