"""Eva (owner) and Oskar (editor) keep Parkinson Ekerö's page up to date."""

import re

import pytest
from django.urls import reverse

from samverka.actors.models import Actor
from samverka.actors.tests.factories import AssociationFactory
from samverka.core.models import AuditEvent
from samverka.core.tests.helpers import flash, says
from samverka.municipality.models import Area, District


def page_data(actor: Actor, **changes) -> dict:
    """What the edit form sends back when nothing is touched, with `changes`."""
    data = {
        "name": actor.name, "kind": actor.kind, "organisation_number": actor.organisation_number or "",
        "summary": actor.summary, "description": actor.description, "email": actor.email,
        "website": actor.website, "phone": actor.phone, "meeting_place": actor.meeting_place,
        "accessibility": actor.accessibility,
    }
    for name in ("areas", "target_groups", "districts", "languages", "sdg_goals"):
        data[name] = [obj.pk for obj in getattr(actor, name).all()]
    data.update(changes)
    return data


def edit_url(actor):
    return reverse("actors:edit", args=[actor.slug])


def test_the_edit_form_shows_the_current_details(client, actor, representative):
    actor.areas.set([Area.objects.get(slug="omsorg")])
    client.force_login(representative)
    body = client.get(edit_url(actor)).content.decode()
    assert 'value="Parkinson Ekerö"' in body
    assert f'value="{actor.organisation_number}"' in body
    checked = re.findall(r'<input type="checkbox" name="areas" value="(\d+)"[^>]*checked', body)
    assert checked == [str(Area.objects.get(slug="omsorg").pk)]


@pytest.mark.parametrize("who", ["representative", "editor"])
def test_a_representative_changes_the_page(client, actor, who, request):
    user = request.getfixturevalue(who)
    district = District.objects.create(slug="skå", name="Skå")
    client.force_login(user)
    response = client.post(edit_url(actor), page_data(
        actor, summary="Vi stöttar personer med Parkinsons sjukdom.", districts=[district.pk],
        meeting_place="Kajutan"))
    assert response.status_code == 302
    assert response["Location"] == actor.get_absolute_url()
    assert flash(response) == [says("The changes are saved and shown on the public page.")]

    actor.refresh_from_db()
    assert actor.summary == "Vi stöttar personer med Parkinsons sjukdom."
    assert actor.meeting_place == "Kajutan"
    assert list(actor.districts.all()) == [district]

    event = AuditEvent.objects.for_object(actor).get()
    assert event.action == "actor.update"
    assert event.user == user
    assert set(event.changes) == {"summary", "meeting_place", "districts"}
    assert event.changes["meeting_place"] == ["", "Kajutan"]
    assert event.changes["districts"] == [[], ["Skå"]]

    client.logout()
    assert "Vi stöttar personer med Parkinsons sjukdom." in client.get(actor.get_absolute_url()).content.decode()


def test_saving_without_changes_records_nothing(client, actor, representative):
    client.force_login(representative)
    response = client.post(edit_url(actor), page_data(actor))
    assert response.status_code == 302
    assert not AuditEvent.objects.exists()


def test_the_search_follows_a_new_name(client, actor, representative):
    client.force_login(representative)
    client.post(edit_url(actor), page_data(actor, name="Parkinsonföreningen på Ekerö"))
    actor.refresh_from_db()
    assert actor.name == "Parkinsonföreningen på Ekerö"
    assert actor.slug == "parkinson-ekero"  # the address stays, links keep working
    results = client.get(reverse("actors:directory"), {"q": "parkinsonforeningen"}).context["actors"]
    assert [a["id"] for a in results] == [actor.pk]


def test_a_representative_cannot_take_another_actors_name(client, actor, other_actor, representative):
    client.force_login(representative)
    response = client.post(edit_url(actor), page_data(actor, name="öar utan GRÄNSER"))
    assert says("%(name)s is already in the register. If you represent it, ask its representatives to invite you.",
                name="Öar utan gränser") in response.content.decode()
    actor.refresh_from_db()
    assert actor.name == "Parkinson Ekerö"


def test_a_representative_cannot_take_another_associations_number(client, actor, representative):
    neighbour = AssociationFactory(name="RSMH Ekerö")
    client.force_login(representative)
    response = client.post(edit_url(actor), page_data(actor, organisation_number=neighbour.organisation_number))
    assert says("The organisation number belongs to %(name)s, which is already in the register.",
                name="RSMH Ekerö") in response.content.decode()
    actor.refresh_from_db()
    assert actor.organisation_number != neighbour.organisation_number


def test_an_invalid_change_keeps_the_input_and_changes_nothing(client, actor, representative):
    client.force_login(representative)
    before = Actor.objects.values().get(pk=actor.pk)
    response = client.post(edit_url(actor), page_data(actor, summary="Ny sammanfattning", website="inte en adress"))
    body = response.content.decode()
    assert response.status_code == 200
    assert 'value="Ny sammanfattning"' in body
    assert 'value="inte en adress"' in body
    # The page heading still names the stored actor, not the unsaved input.
    assert Actor.objects.values().get(pk=actor.pk) == before
    assert not AuditEvent.objects.exists()


def test_an_owner_archives_and_restores_the_page(client, actor, representative):
    client.force_login(representative)
    archive = reverse("actors:archive", args=[actor.slug])
    response = client.post(archive, {"archive": "1"})
    assert flash(response) == [says("The actor is archived and no longer listed.")]
    actor.refresh_from_db()
    assert actor.status == Actor.Status.ARCHIVED
    assert client.get(actor.get_absolute_url()).status_code == 200  # Eva still sees it
    assert client.get(edit_url(actor)).status_code == 200

    client.logout()
    assert client.get(actor.get_absolute_url()).status_code == 404
    client.force_login(representative)

    response = client.post(archive, {"archive": "0"})
    assert flash(response) == [says("The actor is listed in the directory again.")]
    actor.refresh_from_db()
    assert actor.status == Actor.Status.ACTIVE
    assert list(AuditEvent.objects.for_object(actor).values_list("action", "changes")) == [
        ("actor.status", {"status": ["archived", "active"]}),
        ("actor.status", {"status": ["active", "archived"]}),
    ]


def test_the_page_offers_representatives_what_they_may_do(client, actor, representative, editor, resident):
    edit, people = edit_url(actor), reverse("actors:people", args=[actor.slug])
    client.force_login(representative)
    body = client.get(actor.get_absolute_url()).content.decode()
    assert edit in body and people in body
    client.force_login(editor)
    body = client.get(actor.get_absolute_url()).content.decode()
    assert edit in body and people not in body
    client.force_login(resident)
    body = client.get(actor.get_absolute_url()).content.decode()
    assert edit not in body and people not in body
