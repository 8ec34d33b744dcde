"""Every change to activities, registrations, meeting places and featured activities.

Each function takes the acting user as `by=`, runs in one transaction, records an audit
event and puts its messages in the outbox in the same transaction. Views, the API, the
admin, tasks and commands all call these, and each function asks rules.py itself whether
`by` may do it (PermissionDenied if not), so no way in can skip the rules. `by=None` is
the platform itself (see `core.access.require_perm`)."""

from __future__ import annotations

import logging
from collections import Counter
from datetime import date, timedelta
from typing import Any

from allauth.account.models import EmailAddress
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samverka.accounts.ages import participation_refusal
from samverka.actors.models import ActorMembership
from samverka.communication import limits
from samverka.communication.services import queue_email, queue_sms
from samverka.core import audit, versions
from samverka.core.access import require_perm
from samverka.core.errors import ActionError
from samverka.core.text import search_document, unique_slug
from samverka.municipality.models import OfficeMembership

from . import recurrence
from .models import Activity, Feature, MeetingPlace, Occurrence, Registration

log = logging.getLogger(__name__)

ACTIVITY_M2M = ("areas", "target_groups", "languages", "sdg_goals")
PLACE_M2M = ("target_groups",)
SCHEDULE_FIELDS = {"start", "end", "rrule", "exdates", "moved"}
RESERVED_ACTIVITY_SLUGS = {"ny", "oppna-data", "anmalan", "mina-anmalningar", "kalender"}
RESERVED_PLACE_SLUGS = {"ny", "oppna-data"}
# Participants' contact details are erased this long after their occurrence.
KEEP_REGISTRATIONS = timedelta(days=90)
# A registration waiting for its confirmation link holds no place, and is removed after this.
CONFIRM_WITHIN = timedelta(hours=24)
# The form's caps on messages to typed addresses (communication.limits).
REGISTER_PURPOSE = "activities.register"



class RegistrationClosed(ActionError):
    pass


class AlreadyRegistered(ActionError):
    def __init__(self, registration: Registration):
        super().__init__(_("You are already registered for this occasion."))
        self.registration = registration


class AlreadyCancelled(ActionError):
    pass


class TooBusy(ActionError):
    """The form sent its hour's share of confirmation links (communication.limits)."""

    def __init__(self):
        super().__init__(_("Very many people are registering just now, so we cannot send more confirmation "
                           "messages this hour. Nothing was saved. Please try again in an hour."))


# ---------------------------------------------------------------- helpers


def _split(data: dict[str, Any], m2m: tuple[str, ...]) -> tuple[dict[str, Any], dict[str, Any]]:
    return ({k: v for k, v in data.items() if k not in m2m}, {k: v for k, v in data.items() if k in m2m})


def _send(registration: Registration, *, template: str, key: str, context: dict[str, Any] | None = None,
          sms: str | None = None) -> None:
    """A message to a participant: by e-mail when there is an address, otherwise by SMS."""
    context = {"registration": registration, "occurrence": registration.occurrence,
               "activity": registration.occurrence.activity, **(context or {})}
    if registration.email:
        queue_email(to=registration.email, template=f"activities/email/{template}", context=context, key=key,
                    language=registration.language)
    elif registration.phone and sms:
        with translation.override(registration.language):
            body = _sms_text(sms, registration)
        queue_sms(to=registration.phone, body=body, key=key)


def _sms_text(kind: str, registration: Registration) -> str:
    from django.conf import settings

    occurrence = registration.occurrence
    when = timezone.localtime(occurrence.start)
    params = {"title": occurrence.activity.title, "date": when.strftime("%Y-%m-%d"), "time": when.strftime("%H.%M"),
              "link": settings.SITE_URL + registration.get_absolute_url()}
    texts = {
        "confirm": _("Confirm your registration for %(title)s on %(date)s at %(time)s within 24 hours, "
                     "or it is removed: %(link)s"),
        "confirmed": _("You have a place at %(title)s on %(date)s at %(time)s. To cancel: %(link)s"),
        "waitlisted": _("You are on the waiting list for %(title)s on %(date)s at %(time)s. We will tell you if you get a place. %(link)s"),
        "promoted": _("You got a place at %(title)s on %(date)s at %(time)s. Cannot come? Cancel: %(link)s"),
        "reminder": _("Reminder: %(title)s tomorrow, %(date)s at %(time)s. Cannot come? Cancel: %(link)s"),
        "cancelled": _("%(title)s on %(date)s is cancelled. Sorry!"),
        "moved": _("%(title)s has a new time: %(date)s at %(time)s. %(link)s"),
    }
    return texts[kind] % params


def organiser_emails(activity: Activity) -> list[str]:
    """Who hears about the activity: the actor's representatives, or the office's shared
    address (else the official who created it)."""
    if activity.actor_id:
        return sorted(set(ActorMembership.objects.filter(actor_id=activity.actor_id)
                          .values_list("user__email", flat=True)))
    if activity.office.email:
        return [activity.office.email]
    if activity.created_by_id and activity.created_by.email:
        return [activity.created_by.email]
    return sorted(set(OfficeMembership.objects.filter(office_id=activity.office_id).values_list("user__email", flat=True)))


# ---------------------------------------------------------------- occurrences


def _changed() -> None:
    """What the calendar, an activity's page (its places left) or a feed shows changed:
    cached public pages are rebuilt once the transaction commits (core.versions)."""
    versions.renew("activities")


def sync_occurrences(activity: Activity, *, now=None) -> dict[str, int]:
    """Make the stored occurrences match the activity's schedule. The past stays as it
    was. A date that moves keeps its registrations (and they are told); a date that
    disappears is kept as cancelled when people had registered (and they are told),
    otherwise removed."""
    now = now or timezone.now()
    slots = recurrence.expand(start=activity.start, end=activity.end, rule=activity.rrule,
                              exdates=activity.exdates, moved=activity.moved)
    wanted = {s.day: s for s in slots}
    existing = {o.day: o for o in activity.occurrences.all()}
    future_existing = {d: o for d, o in existing.items() if o.end > now}

    to_update: list[Occurrence] = []
    newly_cancelled: list[Occurrence] = []
    moved: list[Occurrence] = []
    for day, occurrence in future_existing.items():
        slot = wanted.get(day)
        if slot is None:
            continue
        if (occurrence.start, occurrence.end, occurrence.cancelled) != (slot.start, slot.end, slot.cancelled):
            if slot.cancelled and not occurrence.cancelled:
                newly_cancelled.append(occurrence)
            elif occurrence.start != slot.start and not slot.cancelled:
                moved.append(occurrence)
            occurrence.start, occurrence.end, occurrence.cancelled = slot.start, slot.end, slot.cancelled
            to_update.append(occurrence)

    gone = sorted((o for d, o in future_existing.items() if d not in wanted), key=lambda o: o.start)
    new = [s for d, s in sorted(wanted.items()) if d not in existing and s.end > now]
    # A changed weekday or date moves the occasions, in order, with their registrations.
    while gone and new:
        occurrence, slot = gone.pop(0), new.pop(0)
        if not occurrence.cancelled and not slot.cancelled:
            moved.append(occurrence)
        elif slot.cancelled and not occurrence.cancelled:
            newly_cancelled.append(occurrence)
        occurrence.start, occurrence.end, occurrence.day, occurrence.cancelled = slot.start, slot.end, slot.day, slot.cancelled
        to_update.append(occurrence)
    with_registrations = set(Registration.objects.active().filter(occurrence__in=gone)
                             .values_list("occurrence_id", flat=True))
    to_delete = []
    for occurrence in gone:
        if occurrence.pk in with_registrations:
            if not occurrence.cancelled:
                occurrence.cancelled = True
                to_update.append(occurrence)
                newly_cancelled.append(occurrence)
        else:
            to_delete.append(occurrence.pk)

    if to_delete:
        Occurrence.objects.filter(pk__in=to_delete).delete()
    if to_update:
        Occurrence.objects.bulk_update(to_update, ["start", "end", "day", "cancelled"])
    if new:
        Occurrence.objects.bulk_create(
            [Occurrence(activity=activity, start=s.start, end=s.end, day=s.day, cancelled=s.cancelled) for s in new])
    for occurrence in newly_cancelled:
        _tell_registrants(occurrence, "occurrence_cancelled", "cancelled")
    for occurrence in moved:
        _tell_registrants(occurrence, "occurrence_moved", "moved")
    return {"created": len(new), "updated": len(to_update), "deleted": len(to_delete)}


def _tell_registrants(occurrence: Occurrence, template: str, sms: str) -> None:
    stamp = f"{occurrence.start.isoformat()}:{occurrence.cancelled}"
    for registration in occurrence.registrations.active().select_related("occurrence__activity"):
        _send(registration, template=template, sms=sms, key=f"activity-{template}:{registration.pk}:{stamp}")


# ---------------------------------------------------------------- activities


@transaction.atomic
def create_activity(*, by, data: dict[str, Any]) -> Activity:
    require_perm(by, "activities.publish_for", data.get("actor") or data.get("office"))
    _changed()
    fields, related = _split(data, ACTIVITY_M2M)
    fields["rrule"] = recurrence.normalise(fields.get("rrule", ""))
    activity = Activity(slug=unique_slug(Activity.objects, fields["title"], fallback="aktivitet", reserved=RESERVED_ACTIVITY_SLUGS),
                        created_by=by if getattr(by, "is_authenticated", False) else None, **fields)
    activity.save()
    audit.set_related(activity, related)
    sync_occurrences(activity)
    audit.record(by=by, action="activity.create", target=activity,
                 changes={"title": activity.title, "organiser": activity.organiser_name, "status": activity.status})
    return activity


@transaction.atomic
def update_activity(*, by, activity: Activity, data: dict[str, Any]) -> Activity:
    require_perm(by, "activities.change_activity", activity)
    return _update_activity(by=by, activity=activity, data=data)


def _update_activity(*, by, activity: Activity, data: dict[str, Any]) -> Activity:
    _changed()
    fields, related = _split(data, ACTIVITY_M2M)
    if "rrule" in fields:
        fields["rrule"] = recurrence.normalise(fields["rrule"])
    changes = audit.diff(activity, fields)
    old_image = activity.image.name if "image" in changes else ""
    for name, value in fields.items():
        setattr(activity, name, value)
    if SCHEDULE_FIELDS & set(changes) and activity.moved:
        # A moved date stays moved while the rule still has its date.
        kept = _moved_still_in_rule(activity)
        if kept != activity.moved:
            changes["moved"] = [activity.moved, kept]
            activity.moved = kept
    if changes:
        activity.save(update_fields=list(changes))
    if audit.set_related(activity, related, changes) and not set(changes) - set(ACTIVITY_M2M):
        activity.save(update_fields=["updated_at"])
    if SCHEDULE_FIELDS & set(changes):
        sync_occurrences(activity)
    if old_image and activity.image.name != old_image:
        _delete_file_after_commit(activity.image.storage, old_image)
    if changes:
        if "image" in changes:
            changes["image"] = [old_image, activity.image.name or ""]
        audit.record(by=by, action="activity.update", target=activity, changes=changes)
    return activity


def _moved_still_in_rule(activity: Activity) -> dict[str, dict[str, str]]:
    """The moved dates whose date the rule still has, and whose new day is not taken by
    another of its dates."""
    days = {s.day for s in recurrence.expand(start=activity.start, end=activity.end, rule=activity.rrule)}
    kept = {}
    for day, times in activity.moved.items():
        new = recurrence.moved_times(times)
        original = date.fromisoformat(day)
        if new and original in days and (new[0].date() == original or new[0].date() not in days):
            kept[day] = times
    return kept


def _delete_file_after_commit(storage, name: str) -> None:
    """A replaced or removed image leaves the storage once the change is saved (never
    before: a change that is rolled back still needs it)."""
    def delete():
        try:
            storage.delete(name)
        except OSError:
            log.warning("Could not delete the old image %s", name, exc_info=True)

    transaction.on_commit(delete)


@transaction.atomic
def delete_activity(*, by, activity: Activity) -> None:
    """Remove an activity with its dates and registrations (the administrator's
    correction). Whoever had registered for a coming date is told that it is cancelled."""
    require_perm(by, "activities.delete_activity", activity)
    _changed()
    for occurrence in activity.occurrences.filter(start__gt=timezone.now(), cancelled=False):
        _tell_registrants(occurrence, "occurrence_cancelled", "cancelled")
    audit.record(by=by, action="activity.delete", target=activity,
                 changes={"title": activity.title, "organiser": activity.organiser_name})
    if activity.image:
        _delete_file_after_commit(activity.image.storage, activity.image.name)
    activity.delete()


@transaction.atomic
def publish_activity(*, by, activity: Activity) -> Activity:
    require_perm(by, "activities.change_activity", activity)
    _changed()
    if activity.status == Activity.Status.CANCELLED:
        raise ActionError(_("A cancelled activity cannot be published again. Add a new one."))
    if activity.status != Activity.Status.PUBLISHED:
        audit.record(by=by, action="activity.publish", target=activity)
        activity.status = Activity.Status.PUBLISHED
        activity.save(update_fields=["status"])
    return activity


@transaction.atomic
def cancel_activity(*, by, activity: Activity) -> Activity:
    require_perm(by, "activities.change_activity", activity)
    """Cancel every coming occasion; whoever registered is told."""
    _changed()
    if activity.status == Activity.Status.CANCELLED:
        return activity
    audit.record(by=by, action="activity.cancel", target=activity, changes={"status": [activity.status, "cancelled"]})
    activity.status = Activity.Status.CANCELLED
    activity.save(update_fields=["status"])
    for occurrence in activity.occurrences.filter(start__gt=timezone.now(), cancelled=False):
        _tell_registrants(occurrence, "occurrence_cancelled", "cancelled")
    return activity


def rule_day(activity: Activity, occurrence: Occurrence) -> date:
    """The rule's date of an occurrence: its own date, or the one it was moved from."""
    from .selectors import moved_from

    return moved_from(activity).get(occurrence.start, occurrence.day)


@transaction.atomic
def cancel_occurrence(*, by, occurrence: Occurrence) -> Occurrence:
    """One date does not take place: it becomes an exception of the rule (EXDATE)."""
    _changed()
    activity = Activity.objects.select_for_update().get(pk=occurrence.activity_id)
    require_perm(by, "activities.change_activity", activity)
    day = rule_day(activity, occurrence).isoformat()
    if day not in activity.exdates:
        activity.exdates = sorted([*activity.exdates, day])
        activity.save(update_fields=["exdates"])
        sync_occurrences(activity)
        audit.record(by=by, action="activity.cancel_occurrence", target=activity, changes={"date": day})
    occurrence.refresh_from_db()
    return occurrence


@transaction.atomic
def move_occurrence(*, by, occurrence: Occurrence, start, end, now=None) -> Occurrence:
    """One date of a recurring activity gets another day or other times; the rest of the
    rule stays. The registrations stay with it and the participants are told. For a
    one-off activity this changes the activity's own date."""
    _changed()
    now = now or timezone.now()
    activity = Activity.objects.select_for_update().get(pk=occurrence.activity_id)
    require_perm(by, "activities.change_activity", activity)
    occurrence = Occurrence.objects.get(pk=occurrence.pk)
    if activity.status == Activity.Status.CANCELLED or occurrence.cancelled:
        raise ActionError(_("A cancelled date cannot be moved."))
    if occurrence.end <= now:
        raise ActionError(_("This date is over, so it cannot be moved."))
    if start <= now:
        raise ActionError(_("The new time has passed. Choose a time later than now."))
    if end <= start:
        raise ActionError(_("The end must be after the start. Check the times and the dates."))
    if (start, end) == (occurrence.start, occurrence.end):
        return occurrence
    if not activity.rrule:
        _update_activity(by=by, activity=activity, data={"start": start, "end": end})
        return Occurrence.objects.get(pk=occurrence.pk)

    original = rule_day(activity, occurrence)
    new_day = timezone.localtime(start).date()
    others = {s.day for s in recurrence.expand(start=activity.start, end=activity.end, rule=activity.rrule)
              if s.day != original}
    taken = others | set(activity.occurrences.exclude(pk=occurrence.pk).values_list("day", flat=True))
    if new_day in taken:
        raise ActionError(_("The activity already has a date on %(date)s. Choose another day.")
                          % {"date": _format_day(new_day)})
    moved = {k: v for k, v in activity.moved.items() if k != original.isoformat()}
    rule_slot = next((s for s in recurrence.expand(start=activity.start, end=activity.end, rule=activity.rrule)
                      if s.day == original), None)
    if rule_slot is None or (rule_slot.start, rule_slot.end) != (start, end):
        moved[original.isoformat()] = {"start": start.isoformat(), "end": end.isoformat()}
    before = (occurrence.start, occurrence.end)
    occurrence.start, occurrence.end, occurrence.day = start, end, new_day
    occurrence.save(update_fields=["start", "end", "day"])
    activity.moved = dict(sorted(moved.items()))
    activity.save(update_fields=["moved"])
    sync_occurrences(activity, now=now)
    audit.record(by=by, action="activity.move_occurrence", target=activity, changes={
        "date": original.isoformat(), "start": [before[0], start], "end": [before[1], end]})
    occurrence.activity = activity
    _tell_registrants(occurrence, "occurrence_moved", "moved")
    return occurrence


def _format_day(value: date) -> str:
    from django.utils.formats import date_format

    return date_format(value, "j F Y")


# ---------------------------------------------------------------- registrations


def needs_confirmation(*, by, email: str) -> bool:
    """A registration waits for the link in its message before it counts, unless it was
    made by someone logged in with a verified e-mail address, for that address (or with
    no address, by phone)."""
    if not getattr(by, "is_authenticated", False):
        return True
    verified = EmailAddress.objects.filter(user=by, verified=True)
    if email:
        verified = verified.filter(email__iexact=email.strip())
    return not verified.exists()


def too_busy(*, by, email: str) -> bool:
    """Has the form sent its hour's share of confirmation links? The view asks before it
    registers anyone, outside the registration's transaction, so the administrators'
    alarm (communication.limits.hold_back) is kept although nothing is saved."""
    if needs_confirmation(by=by, email=email) and limits.is_full(REGISTER_PURPOSE):
        limits.hold_back(REGISTER_PURPOSE)
        return True
    return False


@transaction.atomic
def register(*, by, occurrence: Occurrence, name: str, email: str = "", phone: str = "",
             language: str | None = None, now=None, age: int | None = None) -> Registration:
    """A place if there is one, else the waiting list; or, for someone without a verified
    address, a registration that waits for the link in its message (`confirm_registration`)
    and holds no place until then. The occurrence's row is locked (SELECT … FOR UPDATE on
    PostgreSQL; on SQLite the IMMEDIATE transaction holds the database's write lock), so
    simultaneous registrations never overbook. Only a registration that takes a place or a
    position in line changes what the public pages show (places left): one that waits for
    its link leaves the cached pages as they are, so that addresses typed by visitors do not
    make every visitor's calendar be built again."""
    now = now or timezone.now()
    occurrence = _locked_occurrence(occurrence.pk)
    activity = occurrence.activity
    email = (email or "").strip().lower()
    phone = (phone or "").strip()
    if not email and not phone:
        raise ActionError(_("Write an e-mail address or a mobile phone number, so that we can reach you."))
    _check_open(occurrence, now)
    if refused := participation_refusal(by, activity, age=age):  # the activity's ages (AgeRange)
        raise ActionError(refused)

    live = occurrence.registrations.live()
    duplicate = None
    if email:
        duplicate = live.filter(email=email).first()
    if duplicate is None and phone:
        duplicate = live.filter(phone=phone).first()
    if duplicate is not None and _expired(duplicate, now):
        duplicate.delete()  # never confirmed: it held nothing, and the address may try again
        duplicate = None
    if duplicate is not None:
        raise AlreadyRegistered(duplicate)

    verdict = None
    if needs_confirmation(by=by, email=email):
        verdict = limits.allow(REGISTER_PURPOSE, email or phone, now=now)
        if verdict == limits.Verdict.FULL:
            raise TooBusy
        status, position, confirmed = Registration.Status.UNCONFIRMED, 0, None
    else:
        confirmed = occurrence.registrations.filter(status=Registration.Status.CONFIRMED).count()
        status, position = _place_for(occurrence, confirmed)
        _changed()
    try:
        with transaction.atomic():
            registration = Registration.objects.create(
                occurrence=occurrence, user=by if getattr(by, "is_authenticated", False) else None,
                name=" ".join(name.split())[:150], email=email, phone=phone, status=status, position=position,
                language=(language or translation.get_language() or "sv")[:10],
            )
    except IntegrityError:
        existing = live.filter(email=email).first() if email else live.filter(phone=phone).first()
        if existing is None:
            raise
        raise AlreadyRegistered(existing) from None
    registration.occurrence = occurrence
    audit.record(by=by, action="activity.register", target=activity,
                 changes={"occurrence": occurrence.day.isoformat(), "status": status})
    if status == Registration.Status.UNCONFIRMED:
        # Another message to the same address today is held back: the visitor is thanked
        # all the same, and the registration is removed if nobody confirms it.
        if verdict == limits.Verdict.SEND:
            _send(registration, template="registration_confirm", sms="confirm", key=f"activity-confirm:{registration.pk}",
                  context={"confirm_within": CONFIRM_WITHIN})
    else:
        _tell_placed(registration, confirmed)
    return registration


def _check_open(occurrence: Occurrence, now) -> None:
    activity = occurrence.activity
    if activity.status != Activity.Status.PUBLISHED or occurrence.cancelled:
        raise RegistrationClosed(_("This occasion is cancelled. You cannot register for it."))
    if not activity.takes_registrations:
        raise RegistrationClosed(_("You do not need to register for this activity. Just come!"))
    if occurrence.start <= now:
        raise RegistrationClosed(_("This occasion has already started. You can no longer register."))
    if activity.registration_deadline and activity.registration_deadline <= now:
        raise RegistrationClosed(
            _("The last day to register was %(date)s. You can no longer register.")
            % {"date": _format_when(activity.registration_deadline)})


def _expired(registration: Registration, now) -> bool:
    return registration.status == Registration.Status.UNCONFIRMED and registration.created_at <= now - CONFIRM_WITHIN


def _place_for(occurrence: Occurrence, confirmed: int) -> tuple[str, int]:
    """A place if one is free (`confirmed` have one), else the waiting list; and the
    position in line. Call with the occurrence locked."""
    capacity = occurrence.activity.capacity
    status = Registration.Status.CONFIRMED if capacity is None or confirmed < capacity else Registration.Status.WAITLISTED
    return status, (occurrence.registrations.aggregate(n=Max("position"))["n"] or 0) + 1


def _tell_placed(registration: Registration, confirmed: int) -> None:
    """The participant hears of the place (or the waiting list); the organisers, when it
    was the last place."""
    occurrence = registration.occurrence
    activity = occurrence.activity
    placed = registration.status == Registration.Status.CONFIRMED
    _send(registration, template="registration_confirmed" if placed else "registration_waitlisted",
          sms=registration.status, key=f"activity-registered:{registration.pk}")
    if activity.capacity is not None and placed and confirmed + 1 == activity.capacity:
        for address in organiser_emails(activity):
            queue_email(to=address, template="activities/email/activity_full",
                        context={"activity": activity, "occurrence": occurrence},
                        key=f"activity-full:{occurrence.pk}:{address}")


@transaction.atomic
def confirm_registration(*, by, token: str, now=None) -> Registration:
    """The link in the message of a registration that waits for it: now it takes a place,
    or joins the end of the waiting list. Opening it again changes nothing."""
    now = now or timezone.now()
    registration = Registration.objects.filter(cancel_token=token[:64]).only("pk", "occurrence_id").first()
    if registration is None:
        raise ActionError(_("We cannot find this registration. Check that the whole link was copied."))
    occurrence = _locked_occurrence(registration.occurrence_id)
    registration = Registration.objects.get(pk=registration.pk)
    registration.occurrence = occurrence
    if registration.status != Registration.Status.UNCONFIRMED:
        if registration.status == Registration.Status.CANCELLED:
            raise AlreadyCancelled(_("This registration is cancelled. Register again if you want to come."))
        return registration
    if _expired(registration, now):
        raise ActionError(_("The link was valid for 24 hours and has expired. Register again, please."))
    _check_open(occurrence, now)
    _changed()
    confirmed = occurrence.registrations.filter(status=Registration.Status.CONFIRMED).count()
    registration.status, registration.position = _place_for(occurrence, confirmed)
    registration.save(update_fields=["status", "position"])
    audit.record(by=by, action="activity.confirm_registration", target=occurrence.activity,
                 changes={"occurrence": occurrence.day.isoformat(), "status": registration.status})
    _tell_placed(registration, confirmed)
    return registration


def forget_unconfirmed_registrations(*, now=None) -> int:
    """Registrations nobody confirmed in time: they held no place, and go."""
    now = now or timezone.now()
    deleted, _counts = Registration.objects.filter(status=Registration.Status.UNCONFIRMED,
                                                   created_at__lte=now - CONFIRM_WITHIN).delete()
    return deleted


def _locked_occurrence(pk: int) -> Occurrence:
    """The occurrence with its row locked until the transaction ends (the activity's
    row is not locked: other occasions of it stay free)."""
    from django.db import connection

    qs = Occurrence.objects.select_for_update(of=("self",) if connection.features.has_select_for_update_of else ())
    return qs.select_related("activity").get(pk=pk)


def _format_when(value) -> str:
    from django.utils.formats import date_format

    return date_format(timezone.localtime(value), "j F Y, H.i")


@transaction.atomic
def cancel_registration(*, by, token: str) -> Registration:
    """The participant's cancellation link. A place that frees up goes to the first on
    the waiting list, who is told."""
    _changed()
    registration = Registration.objects.filter(cancel_token=token[:64]).select_related("occurrence").first()
    if registration is None:
        raise ActionError(_("We cannot find this registration. Check that the whole link was copied."))
    # Lock the occurrence first (as register() does), then read the registration again.
    occurrence = _locked_occurrence(registration.occurrence_id)
    registration = Registration.objects.get(pk=registration.pk)
    registration.occurrence = occurrence
    if registration.status == Registration.Status.CANCELLED:
        raise AlreadyCancelled(_("You have already cancelled this registration. You do not need to do anything more."))
    if occurrence.end <= timezone.now():
        raise ActionError(_("This occasion is over, so there is nothing to cancel."))
    was_confirmed = registration.status == Registration.Status.CONFIRMED
    registration.status = Registration.Status.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "cancelled_at"])
    audit.record(by=by, action="activity.unregister", target=occurrence.activity,
                 changes={"occurrence": occurrence.day.isoformat()})
    if was_confirmed:
        _promote(occurrence)
    return registration


def _promote(occurrence: Occurrence) -> Registration | None:
    """Give free places to the waiting list, first come first served. Call with the
    occurrence locked."""
    activity = occurrence.activity
    if occurrence.cancelled or activity.status != Activity.Status.PUBLISHED or occurrence.start <= timezone.now():
        return None
    active = occurrence.registrations.active()
    confirmed = active.filter(status=Registration.Status.CONFIRMED).count()
    promoted = None
    while activity.capacity is None or confirmed < activity.capacity:
        promoted = active.filter(status=Registration.Status.WAITLISTED).order_by("position").first()
        if promoted is None:
            break
        promoted.status = Registration.Status.CONFIRMED
        promoted.save(update_fields=["status"])
        promoted.occurrence = occurrence
        confirmed += 1
        audit.record(by=None, action="activity.promote", target=activity,
                     changes={"occurrence": occurrence.day.isoformat()})
        _send(promoted, template="registration_promoted", sms="promoted", key=f"activity-promoted:{promoted.pk}")
    return promoted


def write_reminders(*, today: date | None = None) -> int:
    """A reminder the day before to everyone with a place. The key is per registration
    and occurrence, so running this twice sends nothing twice."""
    today = today or timezone.localdate()
    registrations = (
        Registration.objects.filter(status=Registration.Status.CONFIRMED, occurrence__day=today + timedelta(days=1),
                                    occurrence__cancelled=False, occurrence__activity__status=Activity.Status.PUBLISHED)
        .select_related("occurrence__activity__place").order_by("pk")
    )
    count = 0
    for registration in registrations.iterator(chunk_size=500):
        with transaction.atomic():
            _send(registration, template="reminder", sms="reminder",
                  key=f"activity-reminder:{registration.pk}:{registration.occurrence_id}")
        count += 1
    return count


def forget_old_registrations(*, now=None) -> int:
    """Participants' names and contact details are kept only as long as needed."""
    now = now or timezone.now()
    deleted, _counts = Registration.objects.filter(occurrence__end__lt=now - KEEP_REGISTRATIONS).delete()
    return deleted


def record_participant_export(*, by, activity: Activity) -> None:
    require_perm(by, "activities.view_participants", activity)
    audit.record(by=by, action="activity.export_participants", target=activity)


# ---------------------------------------------------------------- featured


@transaction.atomic
def feature_activity(*, by, activity: Activity, starts_on: date, ends_on: date) -> Feature:
    require_perm(by, "activities.feature_activity", activity)
    if activity.status != Activity.Status.PUBLISHED:
        raise ActionError(_("Only a published activity can be featured."))
    feature = Feature.objects.create(activity=activity, starts_on=starts_on, ends_on=ends_on, created_by=by)
    _changed()
    audit.record(by=by, action="activity.feature", target=activity,
                 changes={"from": starts_on.isoformat(), "until": ends_on.isoformat()})
    return feature


@transaction.atomic
def remove_feature(*, by, feature: Feature) -> None:
    require_perm(by, "activities.feature_activity", feature.activity)
    audit.record(by=by, action="activity.unfeature", target=feature.activity,
                 changes={"from": feature.starts_on.isoformat(), "until": feature.ends_on.isoformat()})
    feature.delete()
    _changed()


# ---------------------------------------------------------------- meeting places


@transaction.atomic
def propose_place(*, by, data: dict[str, Any]) -> MeetingPlace:
    """Anyone who organises may propose a place; an official's proposal is approved at once."""
    require_perm(by, "activities.add_meetingplace")
    _changed()
    fields, related = _split(data, PLACE_M2M)
    if fields.get("owner") is not None:
        require_perm(by, "activities.name_place_owner", fields["owner"])
    place = MeetingPlace(slug=unique_slug(MeetingPlace.objects, fields["name"], fallback="motesplats", reserved=RESERVED_PLACE_SLUGS),
                         proposed_by=by, **fields)
    if by.has_perm("activities.review_meetingplace"):
        place.status = MeetingPlace.Status.APPROVED
        place.reviewed_by, place.reviewed_at = by, timezone.now()
    place.save()
    audit.set_related(place, related)
    audit.record(by=by, action="place.propose", target=place, changes={"name": place.name, "status": place.status})
    return place


@transaction.atomic
def update_place(*, by, place: MeetingPlace, data: dict[str, Any]) -> MeetingPlace:
    require_perm(by, "activities.change_meetingplace", place)
    _changed()
    fields, related = _split(data, PLACE_M2M)
    if fields.get("owner") is not None and fields["owner"].pk != place.owner_id:
        require_perm(by, "activities.name_place_owner", fields["owner"])
    changes = audit.diff(place, fields)
    for name, value in fields.items():
        setattr(place, name, value)
    if changes:
        place.save(update_fields=list(changes))
    if audit.set_related(place, related, changes) and not set(changes) - set(PLACE_M2M):
        place.save(update_fields=["updated_at"])
    if changes:
        audit.record(by=by, action="place.update", target=place, changes=changes)
    return place


@transaction.atomic
def delete_place(*, by, place: MeetingPlace) -> None:
    """Remove a place from the register. Activities held there keep its address, so no
    one loses the way to them."""
    require_perm(by, "activities.delete_meetingplace", place)
    _changed()
    for activity in Activity.objects.filter(place=place):
        _update_activity(by=by, activity=activity, data={"place": None,
                                                        "address": f"{place.name}, {place.address}"[:300]})
    audit.record(by=by, action="place.delete", target=place, changes={"name": place.name})
    place.delete()


@transaction.atomic
def review_place(*, by, place: MeetingPlace, approve: bool, note: str = "") -> MeetingPlace:
    require_perm(by, "activities.review_meetingplace", place)
    _changed()
    status = MeetingPlace.Status.APPROVED if approve else MeetingPlace.Status.REJECTED
    if not approve and not note.strip():
        raise ActionError(_("Tell the proposer why the place is not approved."))
    audit.record(by=by, action="place.approve" if approve else "place.reject", target=place,
                 changes={"status": [place.status, status], "note": note})
    place.status, place.review_note = status, note.strip()
    place.reviewed_by, place.reviewed_at = by, timezone.now()
    place.save(update_fields=["status", "review_note", "reviewed_by", "reviewed_at"])
    if place.proposed_by_id and place.proposed_by_id != by.pk and place.proposed_by.email:
        queue_email(to=place.proposed_by.email, template="activities/email/place_reviewed",
                    context={"place": place, "user": place.proposed_by},
                    key=f"place-reviewed:{place.pk}:{place.reviewed_at.isoformat()}")
    return place


# ---------------------------------------------------------------- many activities at once


@transaction.atomic
def import_activities(*, by, organiser, items: list[dict[str, Any]]) -> list[Activity]:
    """Add many activities of one organiser at once (a calendar feed moved in), with their
    occasions, in one transaction and one audit event: the rules of `create_activity` (who
    may publish for the organiser, the recurrence rule in its canonical spelling), written
    in bulk. `items` are the activity's own fields (no many-to-many)."""
    from samverka.actors.models import Actor

    require_perm(by, "activities.publish_for", organiser)
    if not items:
        return []
    _changed()
    owner = {"actor": organiser, "office": None} if isinstance(organiser, Actor) else \
        {"actor": None, "office": organiser}
    created_by = by if getattr(by, "is_authenticated", False) else None
    now = timezone.now()
    activities = []
    for fields in items:
        fields = {**fields, "rrule": recurrence.normalise(fields.get("rrule", ""))}
        activity = Activity(created_by=created_by, **owner, **fields)
        activity.search_text = search_document(activity.title, activity.summary, activity.description,
                                               activity.address, activity.cost)
        activity.created_at = activity.updated_at = now
        activities.append(activity)
    _give_slugs(activities)
    Activity.objects.bulk_create(activities, batch_size=500)
    Occurrence.objects.bulk_create(
        [Occurrence(activity=a, start=s.start, end=s.end, day=s.day, cancelled=s.cancelled)
         for a in activities for s in recurrence.expand(start=a.start, end=a.end, rule=a.rrule, exdates=a.exdates,
                                                        moved=a.moved) if s.end > now],
        batch_size=1000)
    audit.record(by=by, action="activity.import", target=organiser,
                 changes={"count": len(activities), "organiser": str(organiser)})
    return activities


def _give_slugs(activities: list[Activity]) -> None:
    """A unique address for each, in a few queries whatever their number (titles repeat in a feed)."""
    from django.utils.text import slugify

    bases = [slugify(a.title)[:150].strip("-") or "aktivitet" for a in activities]
    wanted = sorted(set(bases))
    taken = set(RESERVED_ACTIVITY_SLUGS)
    for start in range(0, len(wanted), 500):
        taken |= set(Activity.objects.filter(slug__in=wanted[start:start + 500]).values_list("slug", flat=True))
    repeated = {base for base, n in Counter(bases).items() if n > 1}
    for base in (taken & set(wanted)) | repeated:
        taken |= set(Activity.objects.filter(slug__startswith=f"{base}-").values_list("slug", flat=True))
    counters: dict[str, int] = {}
    for activity, base in zip(activities, bases, strict=True):
        slug, n = base, counters.get(base, 2)
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        counters[base] = n
        taken.add(slug)
        activity.slug = slug
