"""Every change to needs and their answers. Each function takes the acting user as `by=`,
runs in one transaction, records an audit event and puts its e-mails in the outbox in
the same transaction. Each function asks rules.py itself whether `by` may do it
(PermissionDenied if not), so a form, the API, the admin and a command alike are held to
the rules; `by=None` is the platform itself (see `core.access.require_perm`)."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from samverka.accounts.ages import participation_refusal
from samverka.actors.models import ActorMembership
from samverka.communication.services import queue_email
from samverka.core import audit
from samverka.core.access import require_perm
from samverka.core.errors import ActionError
from samverka.core.text import unique_slug
from samverka.municipality.models import OfficeMembership
from samverka.volunteers import services as volunteer_services

from .models import Answer, Need

NEED_M2M = ("areas", "sdg_goals", "help_kinds")
RESERVED_SLUGS = {"nytt", "mina"}



class AlreadyAnswered(ActionError):
    def __init__(self, answer: Answer):
        super().__init__(_("You have already answered this need, and the publisher has handled your answer."))
        self.answer = answer


def _split(data: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    return ({k: v for k, v in data.items() if k not in NEED_M2M}, {k: v for k, v in data.items() if k in NEED_M2M})


def publisher_emails(need: Need) -> list[str]:
    """Who hears about answers: the contact person, else the office's shared address or
    the actor's representatives."""
    if need.contact_id and need.contact.email:
        return [need.contact.email]
    if need.actor_id:
        return sorted(set(ActorMembership.objects.filter(actor_id=need.actor_id).values_list("user__email", flat=True)))
    if need.office.email:
        return [need.office.email]
    return sorted(set(OfficeMembership.objects.filter(office_id=need.office_id).values_list("user__email", flat=True)))


# ---------------------------------------------------------------- needs


@transaction.atomic
def create_need(*, by, data: dict[str, Any]) -> Need:
    require_perm(by, "needs.publish_for", data.get("actor") or data.get("office"))
    fields, related = _split(data)
    slug = unique_slug(Need.objects, fields["title"], fallback="behov", reserved=RESERVED_SLUGS)
    need = Need(slug=slug, created_by=by if getattr(by, "is_authenticated", False) else None,
                **fields)
    need.save()
    for name, values in related.items():
        getattr(need, name).set(values)
    audit.record(by=by, action="need.create", target=need,
                 changes={"title": need.title, "publisher": need.publisher_name})
    return need


@transaction.atomic
def update_need(*, by, need: Need, data: dict[str, Any]) -> Need:
    require_perm(by, "needs.change_need", need)
    fields, related = _split(data)
    changes = audit.diff(need, fields)
    for name, value in fields.items():
        setattr(need, name, value)
    if changes:
        need.save(update_fields=list(changes))
    audit.set_related(need, related, changes)
    if changes:
        audit.record(by=by, action="need.update", target=need, changes=changes)
    return need


@transaction.atomic
def close_need(*, by, need: Need, outcome: str) -> Need:
    """Close the need with a short public note of what came of it."""
    need = Need.objects.select_for_update().get(pk=need.pk)
    require_perm(by, "needs.change_need", need)
    if need.is_closed:
        raise ActionError(_("The need is already closed."))
    need.status, need.outcome, need.closed_at = Need.Status.CLOSED, outcome, timezone.now()
    need.save(update_fields=["status", "outcome", "closed_at"])
    audit.record(by=by, action="need.close", target=need, changes={"outcome": outcome})
    return need


@transaction.atomic
def reopen_need(*, by, need: Need) -> Need:
    need = Need.objects.select_for_update().get(pk=need.pk)
    require_perm(by, "needs.change_need", need)
    if not need.is_closed:
        raise ActionError(_("The need is already open."))
    need.status, need.closed_at = Need.Status.OPEN, None
    need.save(update_fields=["status", "closed_at"])
    audit.record(by=by, action="need.reopen", target=need)
    return need


@transaction.atomic
def delete_need(*, by, need: Need) -> None:
    """Remove a need and its answers (the administrator, in the admin)."""
    require_perm(by, "needs.delete_need", need)
    audit.record(by=by, action="need.delete", target=need, changes={"title": need.title})
    need.delete()


# ---------------------------------------------------------------- answers


@transaction.atomic
def answer_need(*, by, need: Need, kind: str, message: str, actor=None, age: int | None = None) -> tuple[Answer, bool]:
    """(answer, created). A second answer from the same person replaces the first while
    the publisher has not handled it; after that it is refused (AlreadyAnswered). A person
    signing up must be of the need's ages (their own date of birth, else the `age` they
    typed), and never a minor where a criminal-record extract is required."""
    need = Need.objects.select_for_update().get(pk=need.pk)
    require_perm(by, "needs.answer_need", need)
    if not need.takes_answers:
        raise ActionError(_("This need is closed and takes no more answers."))
    if kind == Answer.Kind.SIGN_UP and actor is None and (
            refused := participation_refusal(by, need, age=age, record_extract=need.record_extract_required)):
        raise ActionError(refused)
    existing = Answer.objects.select_for_update().filter(need=need, user=by).first()
    if existing is not None:
        if not existing.is_new:
            raise AlreadyAnswered(existing)
        changes = audit.diff(existing, {"kind": kind, "message": message, "actor": actor})
        existing.kind, existing.message, existing.actor = kind, message, actor
        existing.save(update_fields=["kind", "message", "actor", "updated_at"])
        audit.record(by=by, action="need.answer_update", target=existing, changes=changes)
        return existing, False
    try:
        with transaction.atomic():
            answer = Answer.objects.create(need=need, user=by, kind=kind, message=message, actor=actor,
                                           language=(get_language() or "sv")[:10])
    except IntegrityError:  # the same person's answer racing in from another tab
        raise ActionError(_("You have already answered this need.")) from None
    audit.record(by=by, action="need.answer", target=answer, changes={"kind": kind, "need": need.title})
    for address in publisher_emails(need):
        queue_email(to=address, template="needs/email/answer_received", context={"need": need, "answer": answer},
                    key=f"need-answer-{answer.pk}-received-{address}")
    return answer, True


@transaction.atomic
def handle_answer(*, by, answer: Answer, decision: str, reply: str, record_checked_on=None) -> Answer:
    """Accept, decline or (a question) reply, with a message to the person who answered.
    Accepting a person's sign-up gives them an assignment as a volunteer; when the need
    requires a criminal-record extract, the one accepting has seen it and gives its date,
    which is kept on the volunteer with who saw it and when (never a copy)."""
    answer = Answer.objects.select_for_update(of=("self",)).select_related("need", "user", "actor").get(pk=answer.pk)
    require_perm(by, "needs.handle_answers", answer.need)
    if not answer.is_new:
        raise ActionError(_("This answer is already handled."))
    status = {"accept": Answer.Status.ACCEPTED, "decline": Answer.Status.DECLINED,
              "reply": Answer.Status.ANSWERED}.get(decision)
    if status is None:
        raise ActionError(_("Choose what to do with the answer."))
    changes = {"reply": reply}
    if status == Answer.Status.ACCEPTED and answer.kind == Answer.Kind.SIGN_UP and not answer.actor_id:
        volunteer = volunteer_for(answer.user)
        if answer.asks_for_extract:
            if record_checked_on is None:
                raise ActionError(_("Write the date on the extract you have seen. Without an extract, decline for "
                                    "now and tell the person how to order one."))
            volunteer.record_checked_on, volunteer.record_seen_on = record_checked_on, timezone.localdate()
            volunteer.record_seen_by = by
            volunteer.save(update_fields=["record_checked_on", "record_seen_on", "record_seen_by", "updated_at"])
            changes["record_checked_on"] = record_checked_on.isoformat()
        volunteer_services.assign(by=by, volunteer=volunteer, need=answer.need)
    answer.status, answer.reply, answer.handled_by, answer.handled_at = status, reply, by, timezone.now()
    answer.save(update_fields=["status", "reply", "handled_by", "handled_at", "updated_at"])
    audit.record(by=by, action=f"need.{decision}", target=answer, changes=changes)
    queue_email(to=answer.user.email, template="needs/email/answer_handled",
                context={"need": answer.need, "answer": answer, "user": answer.user},
                key=f"need-answer-{answer.pk}-{status}", language=answer.language)
    return answer


def volunteer_for(user):
    """The volunteer behind a person's account: their own profile, or one found or made
    from their account's details (one person, one volunteer)."""
    from samverka.volunteers.models import Volunteer

    volunteer = Volunteer.objects.filter(user=user).first()
    if volunteer is None:
        volunteer, _created = volunteer_services.upsert_volunteer(
            by=user, data={"name": user.display_name, "email": user.email, "consent_email": True})
        if volunteer.user_id is None:
            volunteer.user = user
            volunteer.save(update_fields=["user", "updated_at"])
        if volunteer.confirmed_at is None:  # the account's address is confirmed
            volunteer.confirmed_at = timezone.now()
            volunteer.save(update_fields=["confirmed_at", "updated_at"])
    if volunteer.status != Volunteer.Status.ACTIVE:
        raise ActionError(_("%(name)s has paused or left volunteering and cannot be given an assignment now.")
                          % {"name": volunteer.name})
    return volunteer
