"""Assignments and hours: the volunteer logs hours on their own assignment; the need's
publisher (or the activity's organiser) sees them and sets the status; nobody else gets
in, and nothing changes for them."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from samverka.accounts.tests.factories import UserFactory
from samverka.activities.tests.factories import ActivityFactory
from samverka.core.models import AuditEvent, Submission
from samverka.core.tests.helpers import says
from samverka.needs.tests.factories import NeedFactory
from samverka.volunteers.models import Assignment, HoursLog
from samverka.volunteers.tests.factories import AssignmentFactory, HoursLogFactory, VolunteerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def assignment(resident, official):
    volunteer = VolunteerFactory(user=resident, email=resident.email, name="Lina Sandberg")
    need = NeedFactory(office=official.office_memberships.get().office, title="Skräpplockardag")
    return AssignmentFactory(volunteer=volunteer, need=need)


def log(client, assignment, token="h1", **data):  # noqa: S107 (a form token, not a password)
    payload = {"date": timezone.localdate().isoformat(), "hours": "2,5", "note": "Plockade skräp vid stranden.",
               "submission_token": token, **data}
    return client.post(reverse("volunteers:log_hours", args=[assignment.pk]), payload)


def test_the_volunteer_logs_hours(client, resident, assignment):
    client.force_login(resident)
    page = client.get(reverse("volunteers:index")).content.decode()
    assert "Skräpplockardag" in page
    response = log(client, assignment)
    assert response.status_code == 302
    entry = HoursLog.objects.get()
    assert float(entry.hours) == 2.5 and entry.volunteer == assignment.volunteer and entry.assignment == assignment
    assert AuditEvent.objects.filter(action="hours.log").count() == 1
    page = client.get(reverse("volunteers:assignment", args=[assignment.pk])).content.decode()
    assert "Plockade skräp vid stranden." in page


def test_a_double_submit_logs_once(client, resident, assignment):
    client.force_login(resident)
    log(client, assignment, token="same")
    log(client, assignment, token="same")
    assert HoursLog.objects.count() == 1


@pytest.mark.parametrize(("data", "message"), [
    ({"hours": "0"}, "Write at least 0.25 hours."),
    ({"hours": "0.1"}, "Write at least 0.25 hours."),
    ({"hours": "-2"}, "Write at least 0.25 hours."),
    ({"hours": "25"}, "Write at most 24 hours."),
    ({"hours": "1000000"}, None),
    ({"hours": "två"}, "Write a number of hours, for example 2 or 1.5."),
    ({"date": (timezone.localdate() + timedelta(days=1)).isoformat()}, "The date cannot be in the future."),
    ({"date": "1899-01-01"}, None),
    ({"date": "inte ett datum"}, None),
    ({"note": "x" * 501}, None),
])
def test_bad_hours_get_a_message(client, resident, assignment, data, message):
    client.force_login(resident)
    response = log(client, assignment, **data)
    assert response.status_code == 400
    if message:
        assert says(message) in response.content.decode()
    assert not HoursLog.objects.exists()


def test_no_hours_on_a_cancelled_assignment(client, resident, assignment):
    Assignment.objects.filter(pk=assignment.pk).update(status=Assignment.Status.CANCELLED)
    client.force_login(resident)
    response = log(client, assignment)
    assert response.status_code == 400
    assert not HoursLog.objects.exists()


def test_the_publisher_sees_the_hours_and_sets_the_status(client, official, assignment):
    HoursLogFactory(assignment=assignment, hours=3)
    client.force_login(official)
    page = client.get(reverse("volunteers:index")).content.decode()
    assert "Lina Sandberg" in page and says("Volunteers on your needs and activities") in page
    response = client.get(reverse("volunteers:assignment", args=[assignment.pk]))
    assert response.status_code == 200 and response.context["total"] == 3
    client.post(reverse("volunteers:assignment_status", args=[assignment.pk]), {"status": "done"})
    assignment.refresh_from_db()
    assert assignment.status == "done"


def test_an_activitys_organiser_sees_its_volunteers(client, representative, actor):
    activity = ActivityFactory(actor=actor, title="Språkcafé")
    item = AssignmentFactory(need=None, activity=activity, volunteer__name="Karin Öberg")
    HoursLogFactory(assignment=item, hours=2)
    client.force_login(representative)
    page = client.get(reverse("volunteers:index")).content.decode()
    assert "Karin Öberg" in page and "Språkcafé" in page
    assert client.get(reverse("volunteers:assignment", args=[item.pk])).status_code == 200


# ---------------------------------------------------------------- who may


def state():
    return {"hours": list(HoursLog.objects.values()), "assignments": list(Assignment.objects.values()),
            "audit": AuditEvent.objects.count(), "submissions": Submission.objects.count()}


@pytest.fixture
def people(resident, official, representative, process_leader, administrator):
    other_volunteer = UserFactory(email="kim@example.org")
    VolunteerFactory(user=other_volunteer, email=other_volunteer.email)
    return {"anonymous": None, "other_volunteer": other_volunteer, "representative": representative,
            "process_leader": process_leader, "official": official, "administrator": administrator}


URLS = {
    "view": ("volunteers:assignment", "get", None, ["anonymous", "other_volunteer", "representative", "process_leader"]),
    "log": ("volunteers:log_hours", "post", {"date": "2026-01-01", "hours": "2", "submission_token": "z"},
            ["anonymous", "other_volunteer", "representative", "process_leader", "official"]),
    "status": ("volunteers:assignment_status", "post", {"status": "cancelled"},
               ["anonymous", "other_volunteer", "representative", "process_leader"]),
}
CASES = [(key, who) for key, (*_, refused) in URLS.items() for who in refused]


@pytest.mark.parametrize(("key", "who"), CASES, ids=[f"{k}-{w}" for k, w in CASES])
def test_without_the_right_nothing_happens(client, assignment, people, key, who):
    name, method, data, _ = URLS[key]
    user = people[who]
    if user is not None:
        client.force_login(user)
    before = state()
    response = getattr(client, method)(reverse(name, args=[assignment.pk]), data or {})
    if user is None:
        assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
    else:
        assert response.status_code in (403, 404)
    assert state() == before


@pytest.mark.parametrize("key", list(URLS))
def test_an_unknown_assignment_is_not_found(client, administrator, key):
    name, method, data, _ = URLS[key]
    client.force_login(administrator)
    assert getattr(client, method)(reverse(name, args=[999999]), data or {}).status_code == 404
