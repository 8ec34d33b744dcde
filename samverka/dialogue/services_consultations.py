"""Consultations (remiss): the office drafts one (what we ask, questions, documents, recipients),
sends it out, closes it after the deadline; each recipient drafts one consolidated answer
together and one of its representatives sends it. Every function takes the acting user as
`by=`, runs in one transaction, asks rules.py, raises ActionError for what the domain forbids
and records an audit event.

Who sees what (decided here, documented in docs of the app's part):
- a draft consultation, its documents and recipients: the office that runs the process and
  administrators;
- a sent consultation (what we ask, questions, deadline, recipients, documents): everyone who
  may see the process, because a remiss is a public record once sent;
- a recipient's answer while drafted: only its representatives (an actor's, a group's active
  members); once sent also the office;
- the compiled report of sent answers: the office at once; everyone once the office has closed
  the consultation (after the deadline), since sent answers are then public records too."""

from __future__ import annotations

import difflib
from datetime import timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from samverka.accounts.ages import require_guardian
from samverka.communication.services import queue_email
from samverka.core import audit, versions
from samverka.core.access import require_perm
from samverka.core.errors import ActionError

from . import services_feedback
from .models import (
    Action,
    AnswerPart,
    Consultation,
    ConsultationAnswer,
    ConsultationQuestion,
    Document,
    PhaseKind,
    Process,
    Recipient,
)

CONSULTATION_FIELDS = ("title", "body", "deadline", "remind_days_before")


def _changed() -> None:
    versions.renew("dialogue")


def visible_consultations(user):
    """Sent (and closed) consultations of processes the user may see, and every consultation of
    the processes the user's office runs."""
    sent = Q(status__in=[Consultation.Status.SENT, Consultation.Status.CLOSED],
             process__in=Process.objects.visible_to(user))
    if user.is_authenticated and (user.is_superuser or user.office_ids):
        sent |= Q(process__in=Process.objects.run_by(user))
    return Consultation.objects.filter(sent)


def representatives(recipient: Recipient) -> list:
    """The people who answer for a recipient: an actor's representatives, a group's active members."""
    from samverka.accounts.models import User
    from samverka.networks.models import Membership

    if recipient.actor_id:
        people = User.objects.filter(actor_memberships__actor_id=recipient.actor_id)
    else:
        people = User.objects.filter(group_memberships__group_id=recipient.group_id,
                                     group_memberships__status=Membership.Status.ACTIVE)
    return list(people.filter(is_active=True).distinct().order_by("pk"))


def takes_answers(consultation: Consultation, now=None) -> bool:
    now = now or timezone.now()
    return (consultation.status == Consultation.Status.SENT and now < consultation.deadline
            and consultation.process.allows(Action.CONSULT, now))


# ---------------------------------------------------------------- the office's side


def _set_questions(consultation: Consultation, questions: list[str]) -> None:
    consultation.questions.all().delete()
    ConsultationQuestion.objects.bulk_create([
        ConsultationQuestion(consultation=consultation, text=text, position=n)
        for n, text in enumerate(questions)])


def _require_draft(consultation: Consultation) -> Consultation:
    locked = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if locked.status != Consultation.Status.DRAFT:
        raise ActionError(_("The consultation is sent out and can no longer be changed."))
    return locked


@transaction.atomic
def create_consultation(*, by, process: Process, data: dict[str, Any], questions: list[str]) -> Consultation:
    require_perm(by, "dialogue.add_consultation", process)
    services_feedback.refuse_if_closed(process)
    consultation = Consultation.objects.create(
        process=process, created_by=by if getattr(by, "is_authenticated", False) else None,
        **{k: data[k] for k in CONSULTATION_FIELDS})
    _set_questions(consultation, questions)
    audit.record(by=by, action="consultation.create", target=consultation,
                 changes={"title": consultation.title, "questions": len(questions)})
    return consultation


@transaction.atomic
def change_consultation(*, by, consultation: Consultation, data: dict[str, Any], questions: list[str]) -> Consultation:
    require_perm(by, "dialogue.change_consultation", consultation)
    consultation = _require_draft(consultation)
    for name in CONSULTATION_FIELDS:
        setattr(consultation, name, data[name])
    consultation.save(update_fields=list(CONSULTATION_FIELDS))
    _set_questions(consultation, questions)
    audit.record(by=by, action="consultation.change", target=consultation,
                 changes={"title": consultation.title, "questions": len(questions)})
    return consultation


@transaction.atomic
def set_recipients(*, by, consultation: Consultation, actors, groups) -> int:
    """The actors and groups asked. While a draft they may change freely; once sent, new ones may
    be added (they are told at once) but nobody is removed (their answer may be under way)."""
    require_perm(by, "dialogue.change_consultation", consultation)
    consultation = Consultation.objects.select_for_update(of=("self",)).select_related("process").get(pk=consultation.pk)
    if consultation.status == Consultation.Status.CLOSED:
        raise ActionError(_("The consultation is closed."))
    actor_ids, group_ids = {a.pk for a in actors}, {g.pk for g in groups}
    current = list(consultation.recipients.all())
    if consultation.status == Consultation.Status.DRAFT:
        Recipient.objects.filter(pk__in=[r.pk for r in current
                                         if (r.actor_id and r.actor_id not in actor_ids)
                                         or (r.group_id and r.group_id not in group_ids)]).delete()
    new = ([Recipient(consultation=consultation, actor_id=pk)
            for pk in actor_ids - {r.actor_id for r in current}]
           + [Recipient(consultation=consultation, group_id=pk)
              for pk in group_ids - {r.group_id for r in current}])
    for recipient in new:
        recipient.save()
    if consultation.status == Consultation.Status.SENT:
        for recipient in new:
            _tell_recipient(consultation, recipient)
    audit.record(by=by, action="consultation.recipients", target=consultation,
                 changes={"actors": sorted(actor_ids), "groups": sorted(group_ids)})
    _changed()
    return consultation.recipients.count()


@transaction.atomic
def add_document(*, by, consultation: Consultation, title: str, file) -> Document:
    require_perm(by, "dialogue.change_consultation", consultation)
    if consultation.status == Consultation.Status.CLOSED:
        raise ActionError(_("The consultation is closed."))
    document = Document.objects.create(process_id=consultation.process_id, consultation=consultation, title=title,
                                       file=file, uploaded_by=by if getattr(by, "is_authenticated", False) else None)
    audit.record(by=by, action="consultation.document", target=consultation, changes={"title": title})
    _changed()
    return document


@transaction.atomic
def remove_document(*, by, document: Document) -> None:
    consultation = document.consultation
    require_perm(by, "dialogue.change_consultation", consultation)
    _require_draft(consultation)
    title = document.title
    document.file.delete(save=False)
    document.delete()
    audit.record(by=by, action="consultation.document_remove", target=consultation, changes={"title": title})


def _tell_recipient(consultation: Consultation, recipient: Recipient) -> int:
    told = 0
    for person in representatives(recipient):
        if person.email:
            queue_email(to=person.email, template="dialogue/email/consultation_sent",
                        context={"consultation": consultation, "recipient": recipient, "user": person},
                        key=f"consultation-sent-{recipient.pk}-{person.pk}")
            told += 1
    return told


@transaction.atomic
def send_out(*, by, consultation: Consultation) -> int:
    """Draft → sent: every recipient's representatives are told once (the outbox's key). The
    deadline must lie in the future, within a consultation phase of the process that is under
    way now, so that recipients can answer until it. Returns how many people were told."""
    require_perm(by, "dialogue.change_consultation", consultation)
    consultation = _require_draft(consultation)
    process = Process.objects.prefetch_related("phases").get(pk=consultation.process_id)
    now = timezone.now()
    if process.status != Process.Status.OPEN:
        raise ActionError(_("Open the process before you send out its consultation."))
    _check_deadline(process, consultation.deadline, now)
    if not consultation.questions.exists():
        raise ActionError(_("Add at least one question before you send out the consultation."))
    recipients = list(consultation.recipients.select_related("actor", "group"))
    if not recipients:
        raise ActionError(_("Choose at least one recipient before you send out the consultation."))
    consultation.status, consultation.sent_at = Consultation.Status.SENT, now
    consultation.save(update_fields=["status", "sent_at"])
    told = sum(_tell_recipient(consultation, r) for r in recipients)
    audit.record(by=by, action="consultation.send", target=consultation,
                 changes={"recipients": len(recipients), "told": told})
    _changed()
    return told


def _check_deadline(process: Process, deadline, now) -> None:
    if deadline <= now:
        raise ActionError(_("The deadline has passed. Choose a later deadline before you send it out."))
    phase = next((p for p in process.phases.all() if p.kind == PhaseKind.CONSULTATION and p.is_under_way(now)), None)
    if phase is None:
        raise ActionError(_("The process has no consultation phase under way. Add one with today's date in it "
                            "before you send out the consultation."))
    if deadline > phase.ends_at:
        raise ActionError(_("The deadline is after the consultation phase ends. Choose a deadline on or "
                            "before the phase's end."))


@transaction.atomic
def change_deadline(*, by, consultation: Consultation, deadline) -> int:
    """Give the recipients more (or less) time once the consultation is sent: the new deadline
    must lie within the consultation phase under way. Recipients without a sent answer are told,
    and reminded again before the new deadline. Returns how many people were told."""
    require_perm(by, "dialogue.change_consultation", consultation)
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if consultation.status != Consultation.Status.SENT:
        raise ActionError(_("Only the deadline of a consultation that is sent out and not closed can be moved."))
    process = Process.objects.prefetch_related("phases").get(pk=consultation.process_id)
    _check_deadline(process, deadline, timezone.now())
    before = consultation.deadline
    consultation.deadline = deadline
    consultation.save(update_fields=["deadline"])
    waiting = list(consultation.recipients.exclude(answer__status=ConsultationAnswer.Status.SENT)
                   .select_related("actor", "group"))
    Recipient.objects.filter(pk__in=[r.pk for r in waiting]).update(reminded_at=None)
    told = 0
    for recipient in waiting:
        for person in representatives(recipient):
            if person.email:
                queue_email(to=person.email, template="dialogue/email/consultation_deadline",
                            context={"consultation": consultation, "recipient": recipient, "user": person},
                            key=f"consultation-deadline-{recipient.pk}-{person.pk}-{deadline.isoformat()}")
                told += 1
    audit.record(by=by, action="consultation.deadline", target=consultation,
                 changes={"from": before.isoformat(), "to": deadline.isoformat(), "told": told})
    _changed()
    return told


@transaction.atomic
def close(*, by, consultation: Consultation) -> Consultation:
    """After the deadline the office closes the consultation: the compiled answers become public."""
    require_perm(by, "dialogue.change_consultation", consultation)
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if consultation.status != Consultation.Status.SENT:
        raise ActionError(_("Only a consultation that is sent out can be closed."))
    if timezone.now() < consultation.deadline:
        raise ActionError(_("The deadline has not passed yet. Close the consultation after the deadline."))
    consultation.status = Consultation.Status.CLOSED
    consultation.save(update_fields=["status"])
    audit.record(by=by, action="consultation.close", target=consultation,
                 changes={"sent_answers": ConsultationAnswer.objects.filter(
                     recipient__consultation=consultation, status=ConsultationAnswer.Status.SENT).count()})
    _changed()
    return consultation


# ---------------------------------------------------------------- the recipients' side


class AnswerConflict(ActionError):
    """Someone else saved the answer after this editor opened it: nothing is overwritten."""

    def __init__(self, current: ConsultationAnswer, mine: str):
        super().__init__(_("%(name)s saved the answer while you were writing. Your text is kept below; "
                           "compare it with theirs, then save again.")
                         % {"name": current.edited_by.display_name if current.edited_by_id else _("Someone")})
        self.current = current
        self.difference = list(difflib.unified_diff(answer_text(current).splitlines(), mine.splitlines(),
                                                    fromfile=_("Saved"), tofile=_("Yours"), lineterm="", n=1))


def answer_text(answer: ConsultationAnswer | None, summary: str | None = None, parts: dict | None = None,
                questions=None) -> str:
    """The answer as one text (the summary, then each question and its answer), to compare two versions."""
    if answer is not None and summary is None:
        summary = answer.summary
        parts = {p.question_id: p.text for p in answer.parts.all()}
        questions = [(p.question_id, p.question_text) for p in answer.parts.all()]
    lines = [f"# {_('Our answer in short')}", summary or ""]
    for question_id, text in questions or []:
        lines += ["", f"# {text}", (parts or {}).get(question_id, "")]
    return "\n".join(lines)


def _not_open_message(consultation: Consultation) -> str:
    if consultation.status == Consultation.Status.CLOSED or timezone.now() >= consultation.deadline:
        return _("The deadline for answers has passed, so the answer can no longer be changed or sent. "
                 "Your draft is kept. Contact the office if you need more time.")
    return _("The consultation does not take answers now.")


def answer_of(recipient: Recipient, *, lock: bool = False) -> ConsultationAnswer | None:
    # A locked read joins nothing: PostgreSQL re-reads a row it waited for, but not the rows
    # joined to it, so a joined `sent_by` could come back empty for an answer just sent.
    answers = ConsultationAnswer.objects.select_for_update() if lock else \
        ConsultationAnswer.objects.select_related("edited_by", "sent_by")
    return answers.filter(recipient=recipient).first()


def _already_sent(answer: ConsultationAnswer) -> ActionError:
    return ActionError(_("%(name)s already sent the answer on %(date)s. It can no longer be changed.") % {
        "name": answer.sent_by.display_name if answer.sent_by_id else _("Someone"),
        "date": date_format(timezone.localtime(answer.sent_at), "j F Y, H.i") if answer.sent_at else ""})


@transaction.atomic
def save_answer(*, by, recipient: Recipient, summary: str, parts: dict[int, str], revision: int) -> ConsultationAnswer:
    """Save the recipient's one answer as a draft. `revision` is the one the editor opened; if
    someone saved since, nothing is written and AnswerConflict carries their text and the
    difference. `parts` is {question id: text}."""
    require_perm(by, "dialogue.draft_answer", recipient)
    require_guardian(by)  # a child's account writes once its guardian has confirmed it
    recipient = Recipient.objects.select_related("consultation__process").get(pk=recipient.pk)
    consultation = recipient.consultation
    answer = answer_of(recipient, lock=True)
    if answer is not None and answer.is_sent:
        raise _already_sent(answer)
    if not takes_answers(consultation):
        raise ActionError(_not_open_message(consultation))
    questions = list(consultation.questions.all())
    if answer is None:
        try:
            with transaction.atomic():
                answer = ConsultationAnswer.objects.create(recipient=recipient)
        except IntegrityError:  # the first save racing another
            answer = answer_of(recipient, lock=True)
    if answer.revision != revision:
        mine = answer_text(None, summary, parts, [(q.pk, q.text) for q in questions])
        raise AnswerConflict(answer, mine)
    answer.summary, answer.edited_by, answer.updated_at = summary, by, timezone.now()
    answer.revision += 1
    answer.save(update_fields=["summary", "edited_by", "updated_at", "revision"])
    for question in questions:
        AnswerPart.objects.update_or_create(answer=answer, question=question, defaults={
            "question_text": question.text, "text": parts.get(question.pk, "")})
    audit.record(by=by, action="answer.save", target=answer, changes={"revision": answer.revision})
    return answer


@transaction.atomic
def send_answer(*, by, recipient: Recipient, revision: int, summary: str | None = None,
                parts: dict[int, str] | None = None) -> ConsultationAnswer:
    """Send the recipient's one answer, as the sender read it (`revision`). With `summary` (and
    `parts`), the text on the sender's screen is saved first (with the same optimistic lock,
    AnswerConflict if someone saved since) and sent in the same transaction, so nothing typed is
    left out; a refusal rolls the save back too. Two representatives sending at once: the row lock
    makes the second wait, then find it sent."""
    require_perm(by, "dialogue.send_answer", recipient)
    require_guardian(by)
    if summary is not None:
        revision = save_answer(by=by, recipient=recipient, summary=summary, parts=parts or {},
                               revision=revision).revision
    recipient = Recipient.objects.select_related("consultation__process", "actor", "group").get(pk=recipient.pk)
    consultation = recipient.consultation
    answer = answer_of(recipient, lock=True)
    if answer is None:
        raise ActionError(_("There is no answer to send yet. Write it and save it first."))
    if answer.is_sent:
        raise _already_sent(answer)
    if not takes_answers(consultation):
        raise ActionError(_not_open_message(consultation))
    if answer.revision != revision:
        raise ActionError(_("%(name)s changed the answer after you opened it. Read it again before you send it.")
                          % {"name": answer.edited_by.display_name if answer.edited_by_id else _("Someone")})
    parts = list(answer.parts.all())
    if not answer.summary.strip() and not any(p.text.strip() for p in parts):
        raise ActionError(_("The answer is empty. Write at least a short answer before you send it."))
    answer.status, answer.sent_by, answer.sent_at = ConsultationAnswer.Status.SENT, by, timezone.now()
    answer.save(update_fields=["status", "sent_by", "sent_at"])
    said = answer_text(answer)
    services_feedback.open_item(
        by=by, process=consultation.process, answer=answer,
        title=_("Consultation answer from %(name)s: %(title)s") % {"name": recipient.name,
                                                                   "title": consultation.title},
        said=said[:5000])
    audit.record(by=by, action="answer.send", target=answer,
                 changes={"recipient": recipient.name, "consultation": consultation.title})
    return answer


# ---------------------------------------------------------------- reminders


def write_reminders(*, now=None) -> int:
    """Recipients without a sent answer are reminded `remind_days_before` days before the
    deadline, once each (`Recipient.reminded_at`). Safe to run as often as you like."""
    now = now or timezone.now()
    due = (Recipient.objects.filter(consultation__status=Consultation.Status.SENT, consultation__deadline__gt=now,
                                    reminded_at__isnull=True)
           .exclude(answer__status=ConsultationAnswer.Status.SENT)
           .select_related("consultation", "actor", "group").order_by("pk"))
    count = 0
    for recipient in due:
        if now < recipient.consultation.deadline - timedelta(days=recipient.consultation.remind_days_before):
            continue
        count += _remind(recipient, now=now)
    return count


def _remind(recipient: Recipient, *, now) -> int:
    with transaction.atomic():
        locked = Recipient.objects.select_for_update().get(pk=recipient.pk)
        if locked.reminded_at is not None:
            return 0
        answer = ConsultationAnswer.objects.filter(recipient=recipient).first()
        if answer is not None and answer.is_sent:
            return 0
        for person in representatives(recipient):
            if person.email:
                queue_email(to=person.email, template="dialogue/email/consultation_reminder",
                            context={"consultation": recipient.consultation, "recipient": recipient,
                                     "user": person, "drafted": answer is not None},
                            key=f"consultation-reminder-{recipient.pk}-{person.pk}")
        locked.reminded_at = now
        locked.save(update_fields=["reminded_at"])
        audit.record(by=None, action="consultation.remind", target=recipient.consultation,
                     changes={"recipient": recipient.name})
    return 1


# ---------------------------------------------------------------- personal data


def personal_data(user) -> dict:
    """What the consultations keep about a person: answers they last edited or sent (in the name
    of their association or council), documents they uploaded."""
    answers = ConsultationAnswer.objects.filter(Q(edited_by=user) | Q(sent_by=user)).select_related(
        "recipient__consultation", "recipient__actor", "recipient__group")
    return {
        "consultation_answers": [
            {"consultation": a.recipient.consultation.title, "for": a.recipient.name, "status": a.status,
             "last_edited_by_you": a.edited_by_id == user.pk, "sent_by_you": a.sent_by_id == user.pk,
             "sent_at": a.sent_at.isoformat() if a.sent_at else None, "summary": a.summary}
            for a in answers],
        "consultation_documents": [
            {"title": d.title, "uploaded_at": d.uploaded_at.isoformat()}
            for d in Document.objects.filter(uploaded_by=user, consultation__isnull=False)],
    }


def erase(user) -> None:
    """The answers belong to the association or council that gave them; only the person's name
    on them goes."""
    ConsultationAnswer.objects.filter(edited_by=user).update(edited_by=None)
    ConsultationAnswer.objects.filter(sent_by=user).update(sent_by=None)
    Document.objects.filter(uploaded_by=user, consultation__isnull=False).update(uploaded_by=None)
    Consultation.objects.filter(created_by=user).update(created_by=None)


def anonymise(process: Process) -> int:
    """The process's retention rule, for its consultations: who drafted, sent or uploaded is
    removed; the answers themselves stay, whichever rule the process has, because a consultation
    answer is the association's or council's record (a public record once sent), not a person's."""
    answers = ConsultationAnswer.objects.filter(recipient__consultation__process=process)
    changed = answers.update(edited_by=None, sent_by=None)
    Document.objects.filter(consultation__process=process).update(uploaded_by=None)
    Consultation.objects.filter(process=process).update(created_by=None)
    return changed
