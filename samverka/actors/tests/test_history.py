"""Every change to an entry is recorded: who, what and when. Officials and the
actor's representatives can read the history; nobody else."""

import pytest
from django.urls import reverse

from samverka.actors import services
from samverka.core.models import AuditEvent
from samverka.core.tests.helpers import says


def history_url(actor):
    return reverse("actors:history", args=[actor.slug])


@pytest.fixture
def changed(actor, representative, official):
    services.update_actor(by=representative, actor=actor, data={"summary": "Ny text om föreningen"})
    services.verify_actor(by=official, actor=actor)
    return actor


@pytest.mark.parametrize("who", ["representative", "editor", "official", "administrator"])
def test_those_responsible_read_the_history(client, changed, who, request):
    client.force_login(request.getfixturevalue(who))
    response = client.get(history_url(changed))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Eva Lindgren" in body and "Sara Nyström" in body
    changed_page, verified = says("Changed the page"), says("Verified the association")
    assert changed_page in body and verified in body
    assert "Ny text om föreningen" in body
    # newest first
    assert body.index(verified) < body.index(changed_page)


def test_the_actor_page_links_to_the_history_for_officials_only(client, changed, official, resident):
    client.force_login(official)
    assert history_url(changed) in client.get(changed.get_absolute_url()).content.decode()
    client.force_login(resident)
    assert history_url(changed) not in client.get(changed.get_absolute_url()).content.decode()


def test_a_resident_may_not_read_the_history(client, changed, resident):
    client.force_login(resident)
    assert client.get(history_url(changed)).status_code == 403


def test_the_representative_of_another_actor_may_not_read_the_history(client, changed, other_actor, resident):
    other_actor.memberships.create(user=resident, role="owner")
    client.force_login(resident)
    assert client.get(history_url(changed)).status_code == 403


def test_an_anonymous_visitor_is_asked_to_log_in(client, changed):
    response = client.get(history_url(changed))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_history_shows_only_this_actors_events(client, changed, other_actor, official, administrator):
    services.update_actor(by=administrator, actor=other_actor, data={"summary": "Helt annan förening"})
    client.force_login(official)
    body = client.get(history_url(changed)).content.decode()
    assert "Helt annan förening" not in body


def test_script_in_a_change_is_shown_as_text(client, actor, representative, official):
    services.update_actor(by=representative, actor=actor, data={"summary": "<script>alert(1)</script>"})
    client.force_login(official)
    body = client.get(history_url(actor)).content.decode()
    assert "<script>alert(1)" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_each_service_records_its_change(actor, representative, editor, official):
    from samverka.actors.models import Actor

    services.confirm_details(by=editor, actor=actor)
    services.set_status(by=representative, actor=actor, status=Actor.Status.ARCHIVED)
    services.request_annual_update(by=official, actors=[actor])
    membership = actor.memberships.get(user=editor)
    services.change_role(by=representative, membership=membership, role="owner")
    services.remove_representative(by=representative, membership=membership)
    invitation = services.invite_representative(by=representative, actor=actor, email="ny@example.org", role="editor")
    services.revoke_invitation(by=representative, invitation=invitation)
    assert list(AuditEvent.objects.for_object(actor).order_by("id").values_list("action", "user_label")) == [
        ("actor.confirm", "Oskar Falk"),
        ("actor.status", "Eva Lindgren"),
        ("actor.request_update", "Sara Nyström"),
        ("actor.change_role", "Eva Lindgren"),
        ("actor.remove_person", "Eva Lindgren"),
        ("actor.invite", "Eva Lindgren"),
        ("actor.revoke_invitation", "Eva Lindgren"),
    ]
