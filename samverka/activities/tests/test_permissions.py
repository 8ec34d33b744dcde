"""For every object URL of activities and meeting places: a person without the right is
refused and nothing changes. Anonymous visitors are sent to log in; signed-in people get
403 when they can see the object but may not do this, 404 when they cannot see it."""

import pytest
from django.forms.models import model_to_dict
from django.urls import reverse
from django.utils import timezone

from samverka.accounts.tests.factories import UserFactory
from samverka.activities.models import Activity, Feature, MeetingPlace, Occurrence, Registration
from samverka.activities.tests.factories import (
    ActivityFactory,
    MeetingPlaceFactory,
    RegistrationActivityFactory,
    RegistrationFactory,
)
from samverka.activities.tests.helpers import activity_form
from samverka.actors.models import ActorMembership
from samverka.actors.tests.factories import MembershipFactory
from samverka.communication.models import OutboxMessage
from samverka.core.models import AuditEvent, Submission
from samverka.municipality.tests.factories import OfficeMembershipFactory

ANONYMOUS, RESIDENT, OTHER_REPRESENTATIVE = "anonymous", "resident", "other_representative"
REPRESENTATIVE, EDITOR, OFFICIAL, PROCESS_LEADER, ADMINISTRATOR = (
    "representative", "editor", "official", "process_leader", "administrator")
OUTSIDERS = [ANONYMOUS, RESIDENT, OTHER_REPRESENTATIVE, PROCESS_LEADER]
ORGANISERS = [REPRESENTATIVE, EDITOR]


def _post(data):
    return ("post", data)


def _edit_data(scene):
    data = activity_form("", title="Kapad", date=(timezone.localdate() + timezone.timedelta(days=12)).isoformat())
    data.pop("organiser")
    return data


# key → (url name, how to call it, who must be refused)
URLS = {
    "edit:get": ("activities:edit", ("get", None), [*OUTSIDERS, OFFICIAL]),
    "edit:post": ("activities:edit", _post(_edit_data), [*OUTSIDERS, OFFICIAL]),
    "publish": ("activities:publish", _post({}), [*OUTSIDERS, OFFICIAL]),
    "cancel": ("activities:cancel", _post({}), [*OUTSIDERS, OFFICIAL]),
    "cancel_occurrence": ("activities:cancel_occurrence", _post({}), [*OUTSIDERS, OFFICIAL]),
    "move_occurrence:get": ("activities:move_occurrence", ("get", None), [*OUTSIDERS, OFFICIAL]),
    "move_occurrence:post": ("activities:move_occurrence", _post(lambda scene: {
        "date": (timezone.localdate() + timezone.timedelta(days=9)).isoformat(), "start_time": "12:00",
        "end_time": "13:00"}), [*OUTSIDERS, OFFICIAL]),
    "participants": ("activities:participants", ("get", None), [*OUTSIDERS, OFFICIAL]),
    "participants_csv": ("activities:participants_csv", ("get", None), [*OUTSIDERS, OFFICIAL]),
    "feature:get": ("activities:feature", ("get", None), [*OUTSIDERS, *ORGANISERS]),
    "feature:post": ("activities:feature", _post({"starts_on": "2030-01-01", "ends_on": "2030-01-10"}),
                     [*OUTSIDERS, *ORGANISERS]),
    "unfeature": ("activities:unfeature", _post({}), [*OUTSIDERS, *ORGANISERS]),
    "place_edit:get": ("places:edit", ("get", None), [*OUTSIDERS, EDITOR]),
    "place_edit:post": ("places:edit", _post({"name": "Kapad", "kind": "other", "address": "Kapad 1"}),
                        [*OUTSIDERS, EDITOR]),
    "place_review": ("places:review", _post({"decision": "approve"}), [*OUTSIDERS, *ORGANISERS]),
}
CASES = [(key, who) for key, (_, _, refused) in URLS.items() for who in refused]


@pytest.fixture
def scene(actor, representative, editor, official, process_leader, administrator, other_actor, resident):
    """Parkinson Ekerö's language café with one participant and a feature; a meeting
    place Eva proposed (run by no one yet)."""
    other_representative = UserFactory(first_name="Amal", last_name="Haddad", email="amal@example.org")
    MembershipFactory(actor=other_actor, user=other_representative, role=ActorMembership.Role.OWNER)
    activity = RegistrationActivityFactory(actor=actor, title="Språkcafé", status=Activity.Status.DRAFT)
    Activity.objects.filter(pk=activity.pk).update(status=Activity.Status.PUBLISHED)
    activity.refresh_from_db()
    occurrence = activity.occurrences.get()
    RegistrationFactory(occurrence=occurrence, email="lina@example.org")
    feature = Feature.objects.create(activity=activity, starts_on=timezone.localdate(),
                                     ends_on=timezone.localdate(), created_by=official)
    place = MeetingPlaceFactory(name="Kajutan", status=MeetingPlace.Status.PROPOSED, proposed_by=representative)
    return {
        "activity": activity, "occurrence": occurrence, "feature": feature, "place": place,
        "people": {ANONYMOUS: None, RESIDENT: resident, OTHER_REPRESENTATIVE: other_representative,
                   EDITOR: editor, OFFICIAL: official, PROCESS_LEADER: process_leader,
                   REPRESENTATIVE: representative, ADMINISTRATOR: administrator},
    }


def url_for(name: str, scene) -> str:
    if name.startswith("places:"):
        return reverse(name, args=[scene["place"].slug])
    slug = scene["activity"].slug
    if name in ("activities:cancel_occurrence", "activities:move_occurrence"):
        return reverse(name, args=[slug, scene["occurrence"].pk])
    if name == "activities:unfeature":
        return reverse(name, args=[slug, scene["feature"].pk])
    return reverse(name, args=[slug])


def state() -> dict:
    return {
        "activities": [model_to_dict(a, exclude=["image", "areas", "target_groups", "languages", "sdg_goals"])
                       for a in Activity.objects.order_by("pk")],
        "occurrences": list(Occurrence.objects.order_by("pk").values()),
        "registrations": list(Registration.objects.order_by("pk").values()),
        "features": list(Feature.objects.order_by("pk").values()),
        "places": list(MeetingPlace.objects.order_by("pk").values()),
        "audit": AuditEvent.objects.count(), "outbox": OutboxMessage.objects.count(),
        "submissions": Submission.objects.count(),
    }


def _call(client, key, scene, user):
    name, (method, data), _ = URLS[key]
    if callable(data):
        data = data(scene)
    client.logout()
    if user is not None:
        client.force_login(user)
    return getattr(client, method)(url_for(name, scene), data or {})


@pytest.mark.parametrize(("key", "who"), CASES, ids=[f"{k}-{w}" for k, w in CASES])
def test_without_the_right_nothing_happens(client, scene, key, who, django_capture_on_commit_callbacks):
    user = scene["people"][who]
    before = state()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = _call(client, key, scene, user)
    if user is None:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login") + "?next=")
    else:
        assert response.status_code in (403, 404)
    assert state() == before
    assert callbacks == []


@pytest.mark.parametrize("key", [k for k in URLS if not k.startswith("place")])
def test_a_draft_is_not_found_by_strangers(client, scene, key, resident):
    Activity.objects.filter(pk=scene["activity"].pk).update(status=Activity.Status.DRAFT)
    before = state()
    assert _call(client, key, scene, resident).status_code == 404
    assert state() == before


@pytest.mark.parametrize("key", list(URLS))
def test_an_unknown_object_is_not_found(client, scene, key, administrator):
    name, (method, data), _ = URLS[key]
    client.force_login(administrator)
    slug = scene["place"].slug if name.startswith("places:") else scene["activity"].slug
    url = url_for(name, scene).replace(slug, "finns-inte", 1)
    assert getattr(client, method)(url, {}).status_code == 404


@pytest.mark.parametrize("key", ["edit:get", "move_occurrence:get", "participants", "participants_csv", "feature:get",
                                 "place_edit:get"])
def test_the_right_people_get_in(client, scene, key):
    """The refusals above are not simply broken pages."""
    refused = URLS[key][2]
    for who, user in scene["people"].items():
        if who in refused or user is None:
            continue
        assert _call(client, key, scene, user).status_code == 200, who


def test_an_office_activity_is_managed_by_that_offices_officials_only(client, official, db):
    sara_office = official.office_memberships.get().office
    activity = ActivityFactory(actor=None, office=sara_office, title="Prova-på-dag")
    other_official = OfficeMembershipFactory(office__slug="socialkontoret").user
    client.force_login(official)
    assert client.get(reverse("activities:edit", args=[activity.slug])).status_code == 200
    assert client.get(reverse("activities:participants", args=[activity.slug])).status_code == 200
    client.force_login(other_official)
    assert client.get(reverse("activities:edit", args=[activity.slug])).status_code == 403
    assert client.post(reverse("activities:cancel", args=[activity.slug])).status_code == 403
    activity.refresh_from_db()
    assert activity.status == Activity.Status.PUBLISHED


def test_get_is_not_allowed_on_actions(client, scene):
    client.force_login(scene["people"][REPRESENTATIVE])
    for key in ("publish", "cancel", "cancel_occurrence", "unfeature", "place_review"):
        name = URLS[key][0]
        assert client.get(url_for(name, scene)).status_code == 405, key
