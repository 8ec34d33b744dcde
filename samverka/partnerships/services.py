"""Every change to partnerships and local compacts. Each function takes the acting user as
`by=`, runs in one transaction, asks rules.py whether `by` may do it (PermissionDenied if
not), raises `ActionError` when a rule of the domain stops it, records an audit event, and
renews the app's version stamp on commit (the public pages show what changed)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samverka.actors.models import Actor, ActorMembership
from samverka.communication.services import queue_email
from samverka.core import audit, versions
from samverka.core.access import require_perm
from samverka.core.errors import ActionError
from samverka.core.text import unique_slug
from samverka.municipality.models import Office, OfficeMembership

from .models import Compact, Contribution, Document, Goal, Milestone, Partnership, Party, Signature

M2M = ("areas", "districts", "sdg_goals")
RESERVED_SLUGS = {"nytt", "overenskommelser", "mina"}
REMIND_DAYS_BEFORE = 14


class FieldProblem(ActionError):
    """A rule stops the change because of one field; the view shows it next to that field."""

    def __init__(self, field: str | None, message: str):
        super().__init__(message)
        self.field = field


def _renew() -> None:
    transaction.on_commit(lambda: versions.renew("partnerships"))


def check_partnership(fields: dict[str, Any], current: Partnership | None = None) -> None:
    def value(name):
        return fields[name] if name in fields else getattr(current, name, None)

    starts, ends = value("starts_on"), value("ends_on")
    if starts and ends and ends < starts:
        raise FieldProblem("ends_on", _("The partnership cannot end before it starts."))
    if value("kind") == Partnership.Kind.IOP and not (value("why_partnership") or "").strip():
        raise FieldProblem("why_partnership", _("For an IOP, write why neither a grant nor a procurement fits."))
    if current is not None and starts:
        outside = [m for m in current.milestones.all() if not _within(m.due_on, starts, ends)]
        if outside:
            raise FieldProblem("starts_on" if outside[0].due_on < starts else "ends_on",
                               _("The milestone “%(title)s” (due %(date)s) would fall outside the period. Move it "
                                 "first.") % {"title": outside[0].title, "date": outside[0].due_on.isoformat()})


def _within(day: date, starts: date, ends: date | None) -> bool:
    return day >= starts and (ends is None or day <= ends)


# ---------------------------------------------------------------- partnerships


@transaction.atomic
def create_partnership(*, by, data: dict[str, Any]) -> Partnership:
    require_perm(by, "partnerships.create_for", data.get("office"))
    fields = {k: v for k, v in data.items() if k not in M2M}
    check_partnership(fields)
    partnership = Partnership.objects.create(
        slug=unique_slug(Partnership.objects, fields["title"], fallback="partnerskap", reserved=RESERVED_SLUGS),
        created_by=by if getattr(by, "is_authenticated", False) else None, **fields)
    for name in M2M:
        if name in data:
            getattr(partnership, name).set(data[name])
    audit.record(by=by, action="partnership.create", target=partnership,
                 changes={"title": partnership.title, "office": partnership.office.name, "kind": partnership.kind})
    _renew()
    return partnership


@transaction.atomic
def update_partnership(*, by, partnership: Partnership, data: dict[str, Any]) -> Partnership:
    partnership = Partnership.objects.select_for_update().get(pk=partnership.pk)
    require_perm(by, "partnerships.change_partnership", partnership)
    fields = {k: v for k, v in data.items() if k not in M2M}
    if "office" in fields and fields["office"] != partnership.office:
        require_perm(by, "partnerships.create_for", fields["office"])
    check_partnership(fields, partnership)
    changes = audit.diff(partnership, fields)
    for name, value in fields.items():
        setattr(partnership, name, value)
    if changes:
        partnership.save(update_fields=[*changes, "updated_at"])
    audit.set_related(partnership, {k: v for k, v in data.items() if k in M2M}, changes)
    if changes:
        audit.record(by=by, action="partnership.update", target=partnership, changes=changes)
        _renew()
    return partnership


@transaction.atomic
def delete_partnership(*, by, partnership: Partnership) -> None:
    """Remove a partnership with everything in it (the administrator, in the admin)."""
    require_perm(by, "partnerships.delete_partnership", partnership)
    audit.record(by=by, action="partnership.delete", target=partnership, changes={"title": partnership.title})
    Contribution.objects.filter(party__partnership=partnership).delete()
    for document in partnership.documents.all():
        transaction.on_commit(lambda name=document.file.name, storage=document.file.storage: storage.delete(name))
    partnership.delete()
    _renew()


# ---------------------------------------------------------------- parties and contributions


@transaction.atomic
def add_party(*, by, partnership: Partnership, actor: Actor | None = None, office: Office | None = None,
              role: str = "") -> Party:
    require_perm(by, "partnerships.change_partnership", partnership)
    if (actor is None) == (office is None):
        raise FieldProblem(None, _("Choose either an association or an office."))
    try:
        with transaction.atomic():
            party = Party.objects.create(partnership=partnership, actor=actor, office=office, role=role,
                                         position=partnership.parties.count())
    except IntegrityError:
        raise FieldProblem("actor" if actor else "office", _("%(name)s is already a party.")
                           % {"name": actor.name if actor else office.label}) from None
    audit.record(by=by, action="partnership.add_party", target=partnership, changes={"party": party.name,
                                                                                     "role": role})
    _renew()
    return party


@transaction.atomic
def remove_party(*, by, party: Party) -> None:
    """A party without contributions is removed; one with contributions recorded is kept (they are
    part of the record): end its part instead."""
    party = Party.objects.select_for_update(of=("self",)).select_related("partnership", "actor", "office").get(pk=party.pk)
    require_perm(by, "partnerships.change_partnership", party.partnership)
    if party.contributions.exists():
        raise ActionError(_("%(name)s has contributions recorded, so it cannot be removed. End its part in the "
                            "partnership instead; what it contributed stays on record.") % {"name": party.name})
    audit.record(by=by, action="partnership.remove_party", target=party.partnership, changes={"party": party.name})
    party.delete()
    _renew()


@transaction.atomic
def end_party(*, by, party: Party, on: date | None = None) -> Party:
    party = Party.objects.select_for_update(of=("self",)).select_related("partnership", "actor", "office").get(pk=party.pk)
    require_perm(by, "partnerships.change_partnership", party.partnership)
    if party.ended_on:
        raise ActionError(_("%(name)s has already left the partnership.") % {"name": party.name})
    party.ended_on = on or timezone.localdate()
    party.save(update_fields=["ended_on"])
    audit.record(by=by, action="partnership.end_party", target=party.partnership,
                 changes={"party": party.name, "ended_on": party.ended_on.isoformat()})
    _renew()
    return party


@transaction.atomic
def add_contribution(*, by, party: Party, data: dict[str, Any]) -> Contribution:
    require_perm(by, "partnerships.change_partnership", party.partnership)
    starts, ends = data.get("starts_on"), data.get("ends_on")
    if starts and ends and ends < starts:
        raise FieldProblem("ends_on", _("The contribution cannot end before it starts."))
    if data.get("amount") is not None and not data.get("unit"):
        raise FieldProblem("unit", _("Choose what the amount counts (kronor, hours, people …)."))
    contribution = Contribution.objects.create(party=party, **data)
    audit.record(by=by, action="partnership.add_contribution", target=party.partnership,
                 changes={"party": party.name, "kind": contribution.kind, "amount": contribution.amount,
                          "unit": contribution.unit, "description": contribution.description})
    _renew()
    return contribution


@transaction.atomic
def remove_contribution(*, by, contribution: Contribution) -> None:
    partnership = contribution.party.partnership
    require_perm(by, "partnerships.change_partnership", partnership)
    audit.record(by=by, action="partnership.remove_contribution", target=partnership,
                 changes={"party": contribution.party.name, "description": contribution.description,
                          "amount": contribution.amount})
    contribution.delete()
    _renew()


# ---------------------------------------------------------------- goals and milestones


@transaction.atomic
def add_goal(*, by, partnership: Partnership, text: str, measure: str = "") -> Goal:
    require_perm(by, "partnerships.change_partnership", partnership)
    goal = Goal.objects.create(partnership=partnership, text=text, measure=measure,
                               position=partnership.goals.count())
    audit.record(by=by, action="partnership.add_goal", target=partnership, changes={"goal": text})
    _renew()
    return goal


@transaction.atomic
def remove_goal(*, by, goal: Goal) -> None:
    require_perm(by, "partnerships.change_partnership", goal.partnership)
    audit.record(by=by, action="partnership.remove_goal", target=goal.partnership, changes={"goal": goal.text})
    goal.delete()
    _renew()


def _check_milestone(partnership: Partnership, due_on: date, follow_up_on: date | None) -> None:
    if not partnership.within_period(due_on):
        if due_on < partnership.starts_on:
            message = _("The milestone is due before the partnership starts (%(date)s). Choose a later date.")
            day = partnership.starts_on
        else:
            message = _("The milestone is due after the partnership ends (%(date)s). Choose an earlier date.")
            day = partnership.ends_on
        raise FieldProblem("due_on", message % {"date": day.isoformat()})
    if follow_up_on and follow_up_on < due_on:
        raise FieldProblem("follow_up_on", _("The follow-up comes after the due date, not before it."))


@transaction.atomic
def add_milestone(*, by, partnership: Partnership, title: str, due_on: date,
                  follow_up_on: date | None = None) -> Milestone:
    partnership = Partnership.objects.select_for_update().get(pk=partnership.pk)
    require_perm(by, "partnerships.change_partnership", partnership)
    _check_milestone(partnership, due_on, follow_up_on)
    milestone = Milestone.objects.create(partnership=partnership, title=title, due_on=due_on,
                                         follow_up_on=follow_up_on)
    audit.record(by=by, action="partnership.add_milestone", target=partnership,
                 changes={"milestone": title, "due_on": due_on.isoformat()})
    _renew()
    return milestone


@transaction.atomic
def update_milestone(*, by, milestone: Milestone, title: str, due_on: date,
                     follow_up_on: date | None = None) -> Milestone:
    milestone = Milestone.objects.select_for_update(of=("self",)).select_related("partnership").get(pk=milestone.pk)
    require_perm(by, "partnerships.change_partnership", milestone.partnership)
    _check_milestone(milestone.partnership, due_on, follow_up_on)
    changes = audit.diff(milestone, {"title": title, "due_on": due_on, "follow_up_on": follow_up_on})
    if changes:
        if "follow_up_on" in changes or "due_on" in changes:
            milestone.reminded_at = None  # a new date gets its own reminder
        milestone.title, milestone.due_on, milestone.follow_up_on = title, due_on, follow_up_on
        milestone.save()
        audit.record(by=by, action="partnership.update_milestone", target=milestone.partnership,
                     changes={"milestone": title, **changes})
        _renew()
    return milestone


@transaction.atomic
def remove_milestone(*, by, milestone: Milestone) -> None:
    require_perm(by, "partnerships.change_partnership", milestone.partnership)
    audit.record(by=by, action="partnership.remove_milestone", target=milestone.partnership,
                 changes={"milestone": milestone.title})
    milestone.delete()
    _renew()


@transaction.atomic
def report_milestone(*, by, milestone: Milestone, note: str, done_on: date | None = None) -> Milestone:
    """A party (or the office) reports the milestone done, with a short public note."""
    milestone = Milestone.objects.select_for_update(of=("self",)).select_related("partnership").get(pk=milestone.pk)
    require_perm(by, "partnerships.report_milestone", milestone)
    if milestone.is_done:
        raise ActionError(_("This milestone is already reported done."))
    done_on = done_on or timezone.localdate()
    if done_on > timezone.localdate():
        raise FieldProblem("done_on", _("A milestone is reported done on a day that has come."))
    milestone.done_on, milestone.done_note = done_on, note
    milestone.done_by = by if getattr(by, "is_authenticated", False) else None
    milestone.save(update_fields=["done_on", "done_note", "done_by"])
    audit.record(by=by, action="partnership.milestone_done", target=milestone.partnership,
                 changes={"milestone": milestone.title, "done_on": done_on.isoformat(), "note": note})
    _renew()
    return milestone


# ---------------------------------------------------------------- documents


@transaction.atomic
def add_document(*, by, partnership: Partnership, title: str, kind: str, visibility: str, file) -> Document:
    require_perm(by, "partnerships.change_partnership", partnership)
    document = Document(partnership=partnership, title=title, kind=kind, visibility=visibility,
                        uploaded_by=by if getattr(by, "is_authenticated", False) else None)
    document.file.save(file.name, file, save=False)
    document.save()
    audit.record(by=by, action="partnership.add_document", target=partnership,
                 changes={"title": title, "kind": kind, "visibility": visibility})
    _renew()
    return document


@transaction.atomic
def remove_document(*, by, document: Document) -> None:
    require_perm(by, "partnerships.change_partnership", document.partnership)
    audit.record(by=by, action="partnership.remove_document", target=document.partnership,
                 changes={"title": document.title})
    name, storage = document.file.name, document.file.storage
    document.delete()
    transaction.on_commit(lambda: storage.delete(name))
    _renew()


# ---------------------------------------------------------------- reminders


def _reminder_addresses(partnership: Partnership) -> list[str]:
    """The office's shared address (else its officials) and the party actors' representatives."""
    addresses = []
    if partnership.office.email:
        addresses.append(partnership.office.email)
    else:
        addresses += OfficeMembership.objects.filter(office_id=partnership.office_id).values_list("user__email",
                                                                                                  flat=True)
    actors = partnership.parties.filter(actor__isnull=False, ended_on__isnull=True).values("actor_id")
    addresses += ActorMembership.objects.filter(actor_id__in=actors).values_list("user__email", flat=True)
    return sorted({a for a in addresses if a})


def write_milestone_reminders(*, today: date | None = None) -> int:
    """A reminder for every milestone of an active partnership that is not done, two weeks before
    its follow-up date (its due date when it has none). Each milestone is reminded once (its
    stamp, the message's key), so the daily task may run again without sending twice."""
    today = today or timezone.localdate()
    due = (Milestone.objects.filter(done_on__isnull=True, reminded_at__isnull=True,
                                    partnership__status=Partnership.Status.ACTIVE)
           .select_related("partnership__office"))
    count = 0
    for milestone in due.order_by("pk"):
        day = milestone.reminder_day
        if not (today <= day <= today + timedelta(days=REMIND_DAYS_BEFORE)):
            continue
        with transaction.atomic():
            locked = Milestone.objects.select_for_update().get(pk=milestone.pk)
            if locked.reminded_at or locked.done_on:
                continue
            for address in _reminder_addresses(milestone.partnership):
                queue_email(to=address, template="partnerships/email/milestone_reminder",
                            context={"partnership": milestone.partnership, "milestone": milestone, "day": day},
                            key=f"partnership-milestone-{milestone.pk}-{day.isoformat()}-{address}")
            locked.reminded_at = timezone.now()
            locked.save(update_fields=["reminded_at"])
            audit.record(by=None, action="partnership.remind_milestone", target=milestone.partnership,
                         changes={"milestone": milestone.title, "day": day.isoformat()})
        count += 1
    return count


# ---------------------------------------------------------------- local compacts


@transaction.atomic
def create_compact(*, by, data: dict[str, Any]) -> Compact:
    require_perm(by, "partnerships.add_compact", data.get("office"))
    slug = unique_slug(Compact.objects, data["title"], fallback="overenskommelse", reserved=RESERVED_SLUGS)
    compact = Compact.objects.create(slug=slug, **data)
    audit.record(by=by, action="compact.create", target=compact, changes={"title": compact.title})
    _renew()
    return compact


@transaction.atomic
def update_compact(*, by, compact: Compact, data: dict[str, Any]) -> Compact:
    require_perm(by, "partnerships.change_compact", compact)
    if "office" in data and data["office"] != compact.office:
        require_perm(by, "partnerships.add_compact", data["office"])
    changes = audit.diff(compact, data)
    for name, value in data.items():
        setattr(compact, name, value)
    if changes:
        compact.save(update_fields=list(changes))
        audit.record(by=by, action="compact.update", target=compact, changes=changes)
        _renew()
    return compact


@transaction.atomic
def sign_compact(*, by, compact: Compact, actor: Actor) -> Signature:
    """A representative signs the compact for their actor, once."""
    require_perm(by, "partnerships.sign_compact", actor)
    if not isinstance(actor, Actor):
        raise ActionError(_("Only an association or group signs a local compact."))
    if not compact.open_for_signing:
        raise ActionError(_("This local compact is closed for new signatures."))
    try:
        with transaction.atomic():
            signature = Signature.objects.create(compact=compact, actor=actor,
                                                 signed_by=by if getattr(by, "is_authenticated", False) else None)
    except IntegrityError:
        raise ActionError(_("%(name)s has already signed this local compact.") % {"name": actor.name}) from None
    audit.record(by=by, action="compact.sign", target=compact, changes={"actor": actor.name})
    _renew()
    return signature


@transaction.atomic
def withdraw_signature(*, by, signature: Signature) -> None:
    require_perm(by, "partnerships.sign_compact", signature.actor)
    audit.record(by=by, action="compact.withdraw", target=signature.compact, changes={"actor": signature.actor.name})
    signature.delete()
    _renew()
