"""The volunteer services hold the rules themselves: nobody logs hours on someone else's
assignment, gives a volunteer a task they do not lead, or pauses another's volunteering."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from samverka.core.models import AuditEvent
from samverka.needs.tests.factories import NeedFactory
from samverka.volunteers import services
from samverka.volunteers.models import Assignment, HoursLog, Volunteer
from samverka.volunteers.tests.factories import AssignmentFactory, VolunteerFactory

pytestmark = pytest.mark.django_db


def test_hours_and_tasks_only_by_those_with_the_right(resident, representative, other_actor):
    karin = VolunteerFactory(name="Karin Ek")
    assignment = AssignmentFactory(volunteer=karin, need=NeedFactory(actor=other_actor, office=None))
    with pytest.raises(PermissionDenied):
        services.log_hours(by=resident, assignment=assignment, date=date.today(), hours=Decimal("2"))
    with pytest.raises(PermissionDenied):
        services.set_assignment_status(by=representative, assignment=assignment, status=Assignment.Status.DONE)
    with pytest.raises(PermissionDenied):
        services.assign(by=representative, volunteer=karin, need=NeedFactory(actor=other_actor, office=None))
    with pytest.raises(PermissionDenied):
        services.pause(by=resident, volunteer=karin)
    assignment.refresh_from_db()
    karin.refresh_from_db()
    assert assignment.status == Assignment.Status.ACTIVE and karin.status == Volunteer.Status.ACTIVE
    assert Assignment.objects.count() == 1 and not HoursLog.objects.exists() and not AuditEvent.objects.exists()


def test_eva_gives_a_task_on_her_associations_need(representative, actor):
    karin = VolunteerFactory(name="Karin Ek")
    assignment = services.assign(by=representative, volunteer=karin, need=NeedFactory(actor=actor, office=None))
    assert assignment.volunteer == karin and assignment.created_by == representative
