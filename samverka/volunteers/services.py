"""Every change to volunteers, their assignments and hours. Sign-ups from anywhere go
through `upsert_volunteer` (signup.py): one person, one volunteer. Each function takes the
acting user as `by=`, checks rules.py itself (PermissionDenied), runs in one transaction
and records an audit event. `by=None` is the platform itself (see `core.access.require_perm`)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samverka.core import audit, versions
from samverka.core.access import require_perm
from samverka.core.errors import ActionError

from .models import Assignment, HelpKind, HoursLog, Volunteer
from .signup import RELATED, find_volunteer, upsert_volunteer

__all__ = ["ActionError", "PhoneTaken", "assign", "leave", "log_hours", "pause", "resume",
           "save_profile", "set_assignment_status",
           "upsert_volunteer"]

MIN_HOURS, MAX_HOURS = Decimal("0.25"), Decimal("24")



class PhoneTaken(ActionError):
    pass


# ---------------------------------------------------------------- the profile


@transaction.atomic
def save_profile(*, by, data: dict[str, Any]) -> Volunteer:
    """The signed-in person's own profile: made (or linked, when a volunteer with the
    account's e-mail address is already here) on the first save, replaced on later ones."""
    require_perm(by, "volunteers.keep_profile")
    fields = {k: v for k, v in data.items() if k not in RELATED}
    related = {k: v for k, v in data.items() if k in RELATED}
    phone = fields.get("phone", "")
    volunteer = Volunteer.objects.select_for_update().filter(user=by).first()
    if volunteer is None:
        found = find_volunteer(email=by.email)
        if found is not None and found.user_id not in (None, by.pk):
            raise ActionError(_("Another account's volunteer profile has your e-mail address. Contact us and we will sort it out."))
        volunteer = found
    if phone:
        holder = Volunteer.objects.filter(phone=phone).exclude(pk=volunteer.pk if volunteer else None).first()
        if holder is not None:
            raise PhoneTaken(_("Another volunteer has this phone number. Write your own number, or contact us if it is yours."))
    if volunteer is None:
        volunteer, _created = upsert_volunteer(by=by, data={**fields, "email": by.email, "user": by,
                                                            "confirmed_at": timezone.now()})
        for name, values in related.items():
            getattr(volunteer, name).set(values)
        return volunteer
    fields.update(email=by.email, user=by)
    changes = audit.diff(volunteer, fields)
    for name, value in fields.items():
        setattr(volunteer, name, value)
    if volunteer.confirmed_at is None:
        volunteer.confirmed_at = timezone.now()  # the account's address is confirmed
        changes["confirmed_at"] = [None, "now"]
    if "record_checked_on" in changes and volunteer.record_seen_on:
        # A new date is only what the volunteer wrote, until someone has seen that extract.
        volunteer.record_seen_on = volunteer.record_seen_by = None
        changes["record_seen_on"] = ["seen", None]
    if changes:
        volunteer.save()
    audit.set_related(volunteer, related, changes)
    if changes:
        audit.record(by=by, action="volunteer.profile", target=volunteer, changes=changes)
    return volunteer


def _set_status(*, by, volunteer: Volunteer, status: str, action: str, allowed: tuple[str, ...], refusal: str):
    require_perm(by, "volunteers.change_volunteer", volunteer)
    volunteer = Volunteer.objects.select_for_update().get(pk=volunteer.pk)
    if volunteer.status not in allowed:
        raise ActionError(refusal)
    before = volunteer.status
    volunteer.status = status
    volunteer.save(update_fields=["status", "updated_at"])
    audit.record(by=by, action=action, target=volunteer, changes={"status": [before, status]})
    return volunteer


@transaction.atomic
def pause(*, by, volunteer: Volunteer) -> Volunteer:
    """No offers until the volunteer resumes; assignments under way go on."""
    return _set_status(by=by, volunteer=volunteer, status=Volunteer.Status.PAUSED, action="volunteer.pause",
                       allowed=(Volunteer.Status.ACTIVE,), refusal=_("You can only pause while you are active."))


@transaction.atomic
def resume(*, by, volunteer: Volunteer) -> Volunteer:
    return _set_status(by=by, volunteer=volunteer, status=Volunteer.Status.ACTIVE, action="volunteer.resume",
                       allowed=(Volunteer.Status.PAUSED, Volunteer.Status.LEFT),
                       refusal=_("You are already active."))


@transaction.atomic
def leave(*, by, volunteer: Volunteer) -> Volunteer:
    """The volunteer stops: nothing is offered any more and the assignments not yet done
    are cancelled. The history (assignments done, hours) stays."""
    volunteer = _set_status(by=by, volunteer=volunteer, status=Volunteer.Status.LEFT, action="volunteer.leave",
                            allowed=(Volunteer.Status.ACTIVE, Volunteer.Status.PAUSED),
                            refusal=_("You have already left."))
    volunteer.assignments.current().update(status=Assignment.Status.CANCELLED, updated_at=timezone.now())
    return volunteer


# ---------------------------------------------------------------- assignments and hours


@transaction.atomic
def assign(*, by, volunteer: Volunteer, need=None, activity=None, role: str = "",
           status: str = Assignment.Status.ACTIVE) -> Assignment:
    """Give a volunteer a task (a need or an activity); giving the same task again returns
    the one already there."""
    require_perm(by, "volunteers.change_assignment", Assignment(volunteer=volunteer, need=need, activity=activity))
    if volunteer.status != Volunteer.Status.ACTIVE:
        raise ActionError(_("%(name)s has paused or left volunteering and cannot be given an assignment now.")
                          % {"name": volunteer.name})
    existing = Assignment.objects.filter(volunteer=volunteer, need=need, activity=activity).first()
    if existing is not None:
        if not existing.is_current:
            existing.status = status
            existing.save(update_fields=["status", "updated_at"])
        return existing
    try:
        with transaction.atomic():
            assignment = Assignment.objects.create(volunteer=volunteer, need=need, activity=activity, role=role,
                                                   status=status, created_by=by if getattr(by, "is_authenticated", False) else None)
    except IntegrityError:
        return Assignment.objects.get(volunteer=volunteer, need=need, activity=activity)
    audit.record(by=by, action="assignment.create", target=assignment,
                 changes={"volunteer": volunteer.name, "task": str(assignment.task)})
    return assignment


@transaction.atomic
def set_assignment_status(*, by, assignment: Assignment, status: str) -> Assignment:
    require_perm(by, "volunteers.change_assignment", assignment)
    if status not in Assignment.Status.values:
        raise ActionError(_("Choose a status."))
    before = assignment.status
    if before != status:
        assignment.status = status
        assignment.save(update_fields=["status", "updated_at"])
        audit.record(by=by, action="assignment.status", target=assignment, changes={"status": [before, status]})
    return assignment


@transaction.atomic
def log_hours(*, by, assignment: Assignment, date, hours: Decimal, note: str = "") -> HoursLog:
    require_perm(by, "volunteers.log_hours", assignment)
    if not MIN_HOURS <= hours <= MAX_HOURS:
        raise ActionError(_("Write between 0.25 and 24 hours."))
    if date > timezone.localdate():
        raise ActionError(_("The date cannot be in the future."))
    if assignment.status == Assignment.Status.CANCELLED:
        raise ActionError(_("The assignment is cancelled; hours cannot be logged on it."))
    entry = HoursLog.objects.create(volunteer=assignment.volunteer, assignment=assignment, date=date, hours=hours,
                                    note=note)
    audit.record(by=by, action="hours.log", target=assignment, changes={"date": date, "hours": hours})
    return entry


# ---------------------------------------------------------------- corrections (the admin)


@transaction.atomic
def update_volunteer(*, by, volunteer: Volunteer, data: dict[str, Any]) -> Volunteer:
    """The administrator corrects a volunteer's details (the status changes through
    pause, resume and leave)."""
    require_perm(by, "volunteers.change_volunteer", volunteer)
    fields = {k: v for k, v in data.items() if k not in RELATED}
    related = {k: v for k, v in data.items() if k in RELATED}
    changes = audit.diff(volunteer, fields)
    for name, value in fields.items():
        setattr(volunteer, name, value)
    if changes:
        volunteer.save(update_fields=[*changes, "updated_at"])
    audit.set_related(volunteer, related, changes)
    if changes:
        audit.record(by=by, action="volunteer.update", target=volunteer, changes=changes)
    return volunteer


@transaction.atomic
def delete_volunteer(*, by, volunteer: Volunteer) -> None:
    """Remove a volunteer with their assignments and hours (the administrator)."""
    require_perm(by, "volunteers.delete_volunteer", volunteer)
    audit.record(by=by, action="volunteer.delete", target=volunteer, changes={"name": volunteer.name})
    volunteer.delete()


@transaction.atomic
def update_assignment(*, by, assignment: Assignment, data: dict[str, Any]) -> Assignment:
    """Correct an assignment's task or role; its status changes through `set_assignment_status`."""
    require_perm(by, "volunteers.change_assignment", assignment)
    changes = audit.diff(assignment, data)
    if changes:
        for name, value in data.items():
            setattr(assignment, name, value)
        require_perm(by, "volunteers.change_assignment", assignment)  # and may lead the new task
        assignment.save(update_fields=[*changes, "updated_at"])
        audit.record(by=by, action="assignment.update", target=assignment, changes=changes)
    return assignment


@transaction.atomic
def delete_assignment(*, by, assignment: Assignment) -> None:
    """Remove an assignment given by mistake, with the hours logged on it."""
    require_perm(by, "volunteers.change_assignment", assignment)
    audit.record(by=by, action="assignment.delete", target=assignment.volunteer,
                 changes={"task": str(assignment.task)})
    assignment.delete()


@transaction.atomic
def correct_hours(*, by, entry: HoursLog, data: dict[str, Any]) -> HoursLog:
    require_perm(by, "volunteers.correct_hours", entry)
    hours = data.get("hours", entry.hours)
    if not MIN_HOURS <= hours <= MAX_HOURS:
        raise ActionError(_("Write between 0.25 and 24 hours."))
    changes = audit.diff(entry, data)
    if changes:
        for name, value in data.items():
            setattr(entry, name, value)
        entry.save(update_fields=list(changes))
        audit.record(by=by, action="hours.correct", target=entry.volunteer, changes=changes)
    return entry


@transaction.atomic
def delete_hours(*, by, entry: HoursLog) -> None:
    require_perm(by, "volunteers.correct_hours", entry)
    audit.record(by=by, action="hours.delete", target=entry.volunteer,
                 changes={"date": entry.date, "hours": entry.hours})
    entry.delete()


# ---------------------------------------------------------------- kinds of help (the admin)


@transaction.atomic
def save_help_kind(*, by, kind: HelpKind) -> HelpKind:
    """The public crisis forms offer the kinds of help: their cached pages are rebuilt."""
    require_perm(by, "volunteers.edit_help_kinds")
    kind.save()
    audit.record(by=by, action="help_kind.save", target=kind)
    versions.renew("volunteers")
    return kind


@transaction.atomic
def delete_help_kinds(*, by, kinds) -> None:
    """Delete one kind of help or a QuerySet of them."""
    require_perm(by, "volunteers.edit_help_kinds")
    for kind in [kinds] if isinstance(kinds, HelpKind) else kinds:
        audit.record(by=by, action="help_kind.delete", target=kind)
    kinds.delete()
    versions.renew("volunteers")
