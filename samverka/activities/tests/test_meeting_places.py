"""Eva proposes Kajutan as a meeting place; Sara, an official, approves it (or says why
not). Everyone finds approved places, what they offer and the activities held there."""

import pytest
from django.urls import reverse

from samverka.activities.models import MeetingPlace
from samverka.activities.tests.factories import ActivityFactory, MeetingPlaceFactory
from samverka.activities.tests.helpers import field_error
from samverka.communication.models import OutboxMessage
from samverka.core.models import AuditEvent
from samverka.core.tests.helpers import flash, h1_count, says
from samverka.municipality.models import District, TargetGroup

CREATE = reverse("places:create")
LIST = reverse("places:list")


def place_form(**changes):
    data = {
        "name": "Kajutan", "kind": "day_centre", "address": "Ekerö centrum 5", "district": "",
        "opening_hours": "Måndag–fredag 10–16", "offers": "Öppen träffpunkt för seniorer med fika och gympa.",
        "target_groups": [TargetGroup.objects.get(slug="aldre").pk], "website": "", "owner": "",
        "step_free_entry": "on", "hearing_loop": "on", "accessibility_notes": "Ramp vid entrén.",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_eva_proposes_a_place_and_it_waits_for_approval(client, representative, actor):
    client.force_login(representative)
    assert client.get(CREATE).status_code == 200
    response = client.post(CREATE, place_form(owner=actor.pk))
    place = MeetingPlace.objects.get()
    assert response["Location"] == place.get_absolute_url()
    assert flash(response) == [says("Thank you! The municipality checks the place, usually within a week. You get an e-mail when it is done.")]
    assert place.status == MeetingPlace.Status.PROPOSED and place.proposed_by == representative
    assert place.owner == actor and place.step_free_entry and place.hearing_loop and not place.accessible_toilet
    assert client.get(place.get_absolute_url()).status_code == 200  # Eva sees her proposal
    client.logout()
    assert client.get(place.get_absolute_url()).status_code == 404
    assert "Kajutan" not in client.get(LIST).content.decode()


def test_sara_approves_and_eva_is_told(client, representative, official):
    place = MeetingPlaceFactory(name="Kajutan", status=MeetingPlace.Status.PROPOSED, proposed_by=representative)
    client.force_login(official)
    assert "Kajutan" in client.get(LIST).content.decode()  # in the proposals waiting
    response = client.post(reverse("places:review", args=[place.slug]), {"decision": "approve", "note": ""})
    assert flash(response) == [says("The place is approved and shown in the register.")]
    place.refresh_from_db()
    assert place.status == MeetingPlace.Status.APPROVED and place.reviewed_by == official
    assert OutboxMessage.objects.get().to == "eva@example.org"
    assert AuditEvent.objects.for_object(place).get().action == "place.approve"
    client.logout()
    assert "Kajutan" in client.get(LIST).content.decode()


def test_not_approving_needs_a_reason(client, representative, official):
    place = MeetingPlaceFactory(status=MeetingPlace.Status.PROPOSED, proposed_by=representative)
    client.force_login(official)
    response = client.post(reverse("places:review", args=[place.slug]), {"decision": "reject", "note": " "})
    assert response.status_code == 400
    assert says("Tell the proposer why the place is not approved.") in field_error(response.content.decode(), "note")
    place.refresh_from_db()
    assert place.status == MeetingPlace.Status.PROPOSED
    client.post(reverse("places:review", args=[place.slug]), {"decision": "reject", "note": "Lokalen är en privatbostad."})
    place.refresh_from_db()
    assert place.status == MeetingPlace.Status.REJECTED and place.review_note == "Lokalen är en privatbostad."
    assert "Lokalen är en privatbostad." in OutboxMessage.objects.get().body_text


def test_an_officials_proposal_is_approved_at_once(client, official):
    client.force_login(official)
    client.post(CREATE, place_form(name="Ekerö bibliotek", kind="library"))
    assert MeetingPlace.objects.get().status == MeetingPlace.Status.APPROVED


def test_a_resident_without_an_association_cannot_propose(client, resident):
    client.force_login(resident)
    assert client.get(CREATE).status_code == 403
    assert client.post(CREATE, place_form()).status_code == 403
    assert not MeetingPlace.objects.exists()


def test_eva_cannot_name_another_association_as_owner(client, representative, other_actor):
    client.force_login(representative)
    body = client.post(CREATE, place_form(owner=other_actor.pk)).content.decode()
    assert field_error(body, "owner")
    assert not MeetingPlace.objects.exists()


@pytest.mark.parametrize(("changes", "field"), [({"name": ""}, "name"), ({"kind": "castle"}, "kind"),
                                                 ({"address": ""}, "address"), ({"website": "javascript:alert(1)"}, "website")])
def test_bad_input_is_explained_and_kept(client, representative, changes, field):
    client.force_login(representative)
    body = client.post(CREATE, place_form(**changes)).content.decode()
    assert field_error(body, field)
    assert "Öppen träffpunkt för seniorer med fika och gympa." in body
    assert not MeetingPlace.objects.exists()


def test_the_place_page_shows_what_it_offers_and_the_activities_there(client, actor):
    place = MeetingPlaceFactory(name="Stockbygården", offers="Träffpunkt för seniorer.", step_free_entry=True)
    ActivityFactory(actor=actor, title="Gympa för seniorer", place=place)
    ActivityFactory(actor=actor, title="Någon annanstans")
    body = client.get(place.get_absolute_url()).content.decode()
    assert h1_count(body) == 1 and "<h1><bdi>Stockbygården</bdi></h1>" in body
    assert "Träffpunkt för seniorer." in body
    assert "Gympa för seniorer" in body and "Någon annanstans" not in body
    assert f'{reverse("activities:feed")}?place={place.slug}' in body


def test_the_list_filters_by_kind_district_and_accessibility(client, db):
    skå = District.objects.create(slug="ska", name="Skå")
    MeetingPlaceFactory(name="Skå bygdegård", kind="association", district=skå, accessible_toilet=True)
    MeetingPlaceFactory(name="Ekerö bibliotek", kind="library", step_free_entry=True, hearing_loop=True)
    MeetingPlaceFactory(name="Förslaget", status=MeetingPlace.Status.PROPOSED)

    def names(**params):
        body = client.get(LIST, params).content.decode()
        return {n for n in ("Skå bygdegård", "Ekerö bibliotek", "Förslaget") if n in body}

    assert names() == {"Skå bygdegård", "Ekerö bibliotek"}
    assert names(kind="library") == {"Ekerö bibliotek"}
    assert names(district="ska") == {"Skå bygdegård"}
    assert names(accessible="on") == {"Ekerö bibliotek"}
    assert names(hearing_loop="on", accessible_toilet="on") == set()
    assert names(q="bygdegard") == {"Skå bygdegård"}
    assert client.get(LIST, {"district": "x" * 999, "kind": "<b>", "page": "abc"}).status_code == 200


def test_the_places_open_data(client, db):
    MeetingPlaceFactory(name="Ekerö bibliotek", kind="library")
    MeetingPlaceFactory(name="Förslaget", status=MeetingPlace.Status.PROPOSED)
    data = client.get(reverse("places:export_json")).json()
    assert [p["name"] for p in data["meeting_places"]] == ["Ekerö bibliotek"]
    assert "Ekerö bibliotek" in client.get(reverse("places:export_csv")).content.decode("utf-8-sig")


def test_the_owner_keeps_an_approved_place_up_to_date(client, representative, actor):
    place = MeetingPlaceFactory(name="Föreningslokalen", owner=actor)
    client.force_login(representative)
    response = client.post(reverse("places:edit", args=[place.slug]),
                           place_form(name="Föreningslokalen", opening_hours="Tisdagar 18–21", owner=actor.pk))
    assert response.status_code == 302
    place.refresh_from_db()
    assert place.opening_hours == "Tisdagar 18–21"
