"""Maja, the administrator, corrects volunteers, assignments and hours in /admin/. Her
changes go through the volunteers' services: they are in the history, and a volunteer who
leaves has their assignments under way cancelled. Staff without the right change nothing."""

import pytest
from django.urls import reverse

from samverka.core.models import AuditEvent
from samverka.core.tests.admin_forms import admin_form, staff_client
from samverka.needs.tests.factories import NeedFactory
from samverka.volunteers.models import Assignment, HoursLog, Volunteer
from samverka.volunteers.tests.factories import AssignmentFactory, HoursLogFactory, VolunteerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ali():
    return VolunteerFactory(name="Ali Hassan", email="ali@example.org")


def change_url(volunteer):
    return reverse("admin:volunteers_volunteer_change", args=[volunteer.pk])


def test_a_correction_in_the_admin_is_in_the_history(maja, ali, administrator):
    response = maja.post(change_url(ali), admin_form(maja, change_url(ali), name="Ali Hassan Omar"))
    assert response.status_code == 302, response.content.decode()[:2000]
    ali.refresh_from_db()
    assert ali.name == "Ali Hassan Omar"
    event = AuditEvent.objects.get(action="volunteer.update")
    assert event.user == administrator and event.changes == {"name": ["Ali Hassan", "Ali Hassan Omar"]}


def test_leaving_set_in_the_admin_cancels_the_assignments_under_way(maja, ali):
    assignment = AssignmentFactory(volunteer=ali)
    response = maja.post(change_url(ali), admin_form(maja, change_url(ali), status="left"))
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.status == Assignment.Status.CANCELLED
    assert AuditEvent.objects.get(action="volunteer.leave").changes == {"status": ["active", "left"]}


def test_an_assignment_changed_and_removed_in_the_admin_is_recorded(maja, ali):
    assignment = AssignmentFactory(volunteer=ali)
    url = reverse("admin:volunteers_assignment_change", args=[assignment.pk])
    assert maja.post(url, admin_form(maja, url, status="done", role="Värd")).status_code == 302
    assignment.refresh_from_db()
    assert (assignment.status, assignment.role) == (Assignment.Status.DONE, "Värd")
    assert AuditEvent.objects.get(action="assignment.status").changes == {"status": ["active", "done"]}
    assert AuditEvent.objects.get(action="assignment.update").changes == {"role": ["", "Värd"]}

    response = maja.post(reverse("admin:volunteers_assignment_delete", args=[assignment.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not Assignment.objects.exists()
    assert AuditEvent.objects.filter(action="assignment.delete").count() == 1


def test_hours_are_corrected_and_removed_through_the_service(maja, ali):
    entry = HoursLogFactory(assignment=AssignmentFactory(volunteer=ali))
    url = reverse("admin:volunteers_hourslog_change", args=[entry.pk])
    assert maja.post(url, admin_form(maja, url, hours="30")).status_code == 200  # more than a day: shown again
    entry.refresh_from_db()
    assert entry.hours == 2
    assert maja.post(url, admin_form(maja, url, hours="3.5")).status_code == 302
    assert AuditEvent.objects.get(action="hours.correct").target_label == "Ali Hassan"
    assert maja.post(reverse("admin:volunteers_hourslog_delete", args=[entry.pk]), {"post": "yes"}).status_code == 302
    assert not HoursLog.objects.exists()
    assert AuditEvent.objects.filter(action="hours.delete").count() == 1


def test_staff_without_the_right_get_403_and_nothing_changes(maja, ali):
    clerk = staff_client("view_volunteer", "change_volunteer", "delete_volunteer", app_label="volunteers")
    assert clerk.get(change_url(ali)).status_code == 200  # the admin lets Kim in; the rule does not
    data = admin_form(maja, change_url(ali), name="Kapad", status="paused")
    assert clerk.post(change_url(ali), data).status_code == 403
    assert clerk.post(reverse("admin:volunteers_volunteer_delete", args=[ali.pk]), {"post": "yes"}).status_code == 403
    ali.refresh_from_db()
    assert (ali.name, ali.status) == ("Ali Hassan", Volunteer.Status.ACTIVE)
    assert not AuditEvent.objects.exists()


def test_an_assignment_for_a_paused_volunteer_is_refused_with_a_message(maja, ali):
    ali.status = Volunteer.Status.PAUSED
    ali.save(update_fields=["status"])
    url = reverse("admin:volunteers_assignment_add")
    data = admin_form(maja, url, volunteer=str(ali.pk), need=str(NeedFactory().pk), status="active")
    response = maja.post(url, data, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain == [(url, 302)]
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert not Assignment.objects.exists()
    assert not AuditEvent.objects.filter(action="assignment.create").exists()
