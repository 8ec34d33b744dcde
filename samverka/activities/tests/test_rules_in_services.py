"""The services hold the rules themselves: whatever calls them (the page, the API, the
admin, a command) cannot organise for someone else or change someone else's activity."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from samverka.activities import services
from samverka.activities.models import Activity, Feature, MeetingPlace
from samverka.activities.tests.factories import ActivityFactory, MeetingPlaceFactory, in_days
from samverka.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def activity_data(**organiser) -> dict:
    return {"title": "Stickcafé", "summary": "Vi stickar.", "start": in_days(8, 14), "end": in_days(8, 16),
            "address": "Ekerö bibliotek", **organiser}


@pytest.mark.parametrize("who", ["resident", "representative", "official"])
def test_nobody_organises_for_an_actor_they_do_not_act_for(request, who, other_actor):
    person = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        services.create_activity(by=person, data=activity_data(actor=other_actor, office=None))
    assert not Activity.objects.exists() and not AuditEvent.objects.exists()


def test_eva_organises_for_her_association_and_sara_for_her_office(representative, actor, official):
    office = official.office_memberships.get().office
    with pytest.raises(PermissionDenied):
        services.create_activity(by=representative, data=activity_data(actor=None, office=office))
    services.create_activity(by=representative, data=activity_data(actor=actor, office=None))
    services.create_activity(by=official, data=activity_data(actor=None, office=office))
    assert set(Activity.objects.values_list("actor", "office")) == {(actor.pk, None), (None, office.pk)}


def test_someone_elses_activity_cannot_be_changed_cancelled_or_featured(representative, resident, other_actor):
    theirs = ActivityFactory(actor=other_actor, title="Deras", status=Activity.Status.DRAFT)
    occurrence = theirs.occurrences.first()
    today = timezone.localdate()
    attempts = [
        lambda: services.update_activity(by=representative, activity=theirs, data={"title": "Kapad"}),
        lambda: services.publish_activity(by=representative, activity=theirs),
        lambda: services.cancel_activity(by=representative, activity=theirs),
        lambda: services.delete_activity(by=representative, activity=theirs),
        lambda: services.cancel_occurrence(by=representative, occurrence=occurrence),
        lambda: services.feature_activity(by=resident, activity=theirs, starts_on=today,
                                          ends_on=today + timedelta(days=7)),
    ]
    for attempt in attempts:
        with pytest.raises(PermissionDenied):
            attempt()
    theirs.refresh_from_db()
    assert theirs.title == "Deras" and theirs.status == Activity.Status.DRAFT and not theirs.exdates
    assert not Feature.objects.exists() and not AuditEvent.objects.exists()


def test_meeting_places_keep_their_rules(resident, representative, other_actor, official):
    with pytest.raises(PermissionDenied):
        services.propose_place(by=resident, data={"name": "Min lokal", "kind": "other", "address": "Väg 1"})
    with pytest.raises(PermissionDenied):  # a place run by an association Eva does not represent
        services.propose_place(by=representative, data={"name": "Deras lokal", "kind": "other", "address": "Väg 2",
                                                        "owner": other_actor})
    place = MeetingPlaceFactory(name="Biblioteket", status=MeetingPlace.Status.PROPOSED)
    with pytest.raises(PermissionDenied):
        services.review_place(by=representative, place=place, approve=True)
    with pytest.raises(PermissionDenied):
        services.delete_place(by=official, place=place)
    place.refresh_from_db()
    assert place.status == MeetingPlace.Status.PROPOSED and MeetingPlace.objects.count() == 1
    assert not AuditEvent.objects.exists()
