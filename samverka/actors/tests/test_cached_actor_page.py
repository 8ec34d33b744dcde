"""The actor page keeps the actor's row and its article in the cache, for logged-in visitors
too. Each visitor still sees exactly their own rights, a change shows at once, and an
actor that is not public stays hidden from everyone who may not see it."""

import re

from django.urls import reverse

from samverka.actors import services
from samverka.core.tests.helpers import says


def page(client, actor, user=None) -> str:
    client.logout()
    if user is not None:
        client.force_login(user)
    response = client.get(actor.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_each_visitor_sees_only_their_own_rights_on_the_cached_page(client, actor, representative, editor,
                                                                    resident, official):
    people = reverse("actors:people", args=[actor.slug])
    edit = reverse("actors:edit", args=[actor.slug])
    verify = reverse("actors:verify", args=[actor.slug])

    owner_page = page(client, actor, representative)
    assert people in owner_page and edit in owner_page and verify not in owner_page

    editor_page = page(client, actor, editor)
    assert edit in editor_page and people not in editor_page

    for stranger in (resident, None):
        stranger_page = page(client, actor, stranger)
        assert edit not in stranger_page and people not in stranger_page
        assert says("Manage") not in stranger_page

    official_page = page(client, actor, official)
    assert verify in official_page and edit not in official_page and people not in official_page

    assert people in page(client, actor, representative)


def test_the_officials_forms_carry_the_officials_own_token(client, actor, official, representative):
    page(client, actor, official)
    page(client, actor, representative)
    client.handler.enforce_csrf_checks = True
    action = reverse("actors:request_update", args=[actor.slug])
    form = re.search(rf'action="{re.escape(action)}">.*?name="csrfmiddlewaretoken" value="([^"]+)"',
                     page(client, actor, official), re.S)
    assert client.post(action, {"csrfmiddlewaretoken": form.group(1)}).status_code == 302


def test_a_request_for_an_update_shows_at_once_to_the_representative(client, actor, representative, official):
    assert says("The details are up to date") not in page(client, actor, representative)
    client.force_login(official)
    client.post(reverse("actors:request_update", args=[actor.slug]))
    assert says("The details are up to date") in page(client, actor, representative)


def test_a_change_by_the_representative_shows_at_once(client, actor, representative):
    page(client, actor, representative)
    services.update_actor(by=representative, actor=actor, data={"summary": "Vi ses på Kajutan varje tisdag."})
    assert "Vi ses på Kajutan varje tisdag." in page(client, actor, representative)


def test_an_archived_actor_stays_hidden_after_its_representative_has_seen_it(client, actor, representative,
                                                                             resident):
    services.set_status(by=representative, actor=actor, status="archived")
    assert says("Archived") in page(client, actor, representative)
    client.force_login(resident)
    assert client.get(actor.get_absolute_url()).status_code == 404
    client.logout()
    assert client.get(actor.get_absolute_url()).status_code == 404
