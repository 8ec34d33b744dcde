"""Feedback as a duty: opening a feedback item for what someone said, and giving feedback.
The other parts of the app (proposals, comments, consultations, surveys, workshops) call
`open_item` when something arrives that must be answered; apps above this one may call it too
(a request to take part in a coming decision), with no subject."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from samverka.communication.notifications import notify
from samverka.communication.services import queue_email
from samverka.core import audit, versions
from samverka.core.access import require_perm
from samverka.core.errors import ActionError

from .models import FeedbackItem, Follow, Process
from .signals import feedback_given

DEFAULT_DAYS = 30


def deadline_for(process: Process | None, start: date | None = None) -> date:
    days = process.feedback_days if process is not None else DEFAULT_DAYS
    return (start or timezone.localdate()) + timedelta(days=days)


@transaction.atomic
def open_item(*, by, title: str, said: str = "", process: Process | None = None, office=None,
              owner=None, deadline: date | None = None, **subject) -> FeedbackItem:
    """A new duty to answer. `subject` is at most one of proposal=, comment=, answer=, survey=,
    workshop=, point=. The office is the process's unless given; the owner is the process's
    responsible official unless given. `by` is whoever caused it (None: the platform); no rule
    is asked: saying something is what creates the duty."""
    if process is not None:
        office = office or process.office
        owner = owner or process.contact
    item = FeedbackItem.objects.create(
        process=process, office=office, owner=owner, title=title[:200], said=said,
        deadline=deadline or deadline_for(process), **subject)
    audit.record(by=by, action="feedback.open", target=item, changes={"deadline": str(item.deadline)})
    return item


def _changed() -> None:
    versions.renew("dialogue")


def _told(item: FeedbackItem) -> list:
    """Who hears of the feedback: the author of what was said, and (for public feedback) those who
    follow the proposal or the process; each once."""
    from samverka.accounts.models import User

    authors = [s.author_id for s in (item.proposal, item.comment) if s is not None and s.author_id]
    ids = set(authors)
    if item.is_public:
        followed = Q()
        if item.proposal_id:
            followed |= Q(proposal_id=item.proposal_id)
        if item.process_id:
            followed |= Q(process_id=item.process_id)
        if followed:
            ids |= set(Follow.objects.filter(followed).values_list("user_id", flat=True))
    return list(User.objects.filter(pk__in=ids, is_active=True).exclude(email="").order_by("pk"))


@transaction.atomic
def give(*, by, item: FeedbackItem, response: str, outcome: str = "", is_public: bool = True) -> FeedbackItem:
    """Give feedback ("we did"); refused without text (ActionError, and the database's check as
    the last guard). The author and the followers are told once, however often it is corrected."""
    require_perm(by, "dialogue.give_feedback", item)
    response = (response or "").strip()
    if not response:
        raise ActionError(_("Write the feedback: what was done with what was said, or why not."))
    if outcome and outcome not in FeedbackItem.Outcome.values:
        raise ActionError(_("Choose an outcome from the list."))
    item = FeedbackItem.objects.select_for_update(of=("self",)).select_related("proposal", "comment", "process").get(pk=item.pk)
    first_time = item.is_open
    item.response = response
    item.outcome = outcome
    item.is_public = is_public
    item.status = FeedbackItem.Status.GIVEN
    item.given_by = by
    item.given_at = item.given_at if not first_time and item.given_at else timezone.now()
    item.save(update_fields=["response", "outcome", "is_public", "status", "given_by", "given_at"])
    told = _told(item)
    for person in told:
        queue_email(to=person.email, template="dialogue/email/feedback", context={"item": item, "user": person},
                    key=f"dialogue-feedback-{item.pk}-{person.pk}")
    if item.process_id:
        notify([person.pk for person in told], gettext_noop("Feedback was given in the dialogue “%(title)s”."),
               item.get_absolute_url() if item.is_public else item.process.get_absolute_url(),
               params={"title": item.process.title}, key=f"dialogue-feedback-{item.pk}")
    feedback_given.send(sender=FeedbackItem, item=item, first_time=first_time)
    audit.record(by=by, action="feedback.give", target=item,
                 changes={"outcome": outcome, "on_time": item.was_on_time, "corrected": not first_time})
    _changed()
    return item


@transaction.atomic
def reassign(*, by, item: FeedbackItem, owner) -> FeedbackItem:
    """Give the item to another official of its office."""
    require_perm(by, "dialogue.give_feedback", item)
    if owner is not None and (not owner.is_active or item.office_id not in owner.office_ids):
        raise ActionError(_("Choose an official of %(office)s.") % {"office": item.office})
    item = FeedbackItem.objects.select_for_update().get(pk=item.pk)
    before = item.owner_id
    item.owner = owner
    item.save(update_fields=["owner"])
    if owner is not None and owner != by and owner.email:
        queue_email(to=owner.email, template="dialogue/email/reassigned", context={"item": item, "user": owner},
                    key=f"dialogue-reassign-{item.pk}-{owner.pk}-{timezone.now().timestamp()}")
    audit.record(by=by, action="feedback.reassign", target=item,
                 changes={"owner": [before, owner.pk if owner else None]})
    return item


SOON_DAYS = 3


def write_reminders(*, today: date | None = None) -> int:
    """The daily reminders to the official who answers: once when an item is due within
    SOON_DAYS days, and once when it is overdue. An item without an owner goes to the process's
    responsible official. Each reminder is queued once, however often this runs."""
    today = today or timezone.localdate()
    items = (FeedbackItem.objects.open().filter(deadline__lte=today + timedelta(days=SOON_DAYS))
             .select_related("owner", "process__contact").order_by("deadline", "pk"))
    queued = 0
    for item in items:
        person = item.owner or (item.process.contact if item.process_id else None)
        if person is None or not person.is_active or not person.email:
            continue
        overdue = item.deadline < today
        queue_email(to=person.email, template="dialogue/email/feedback_due",
                    context={"item": item, "user": person, "overdue": overdue},
                    key=f"dialogue-feedback-{'overdue' if overdue else 'soon'}-{item.pk}-{person.pk}")
        queued += 1
    return queued


def refuse_if_closed(process: Process) -> None:
    """Nothing new (a phase, a workshop, a survey, a consultation) is added to a closed process."""
    if process.status == Process.Status.CLOSED:
        raise ActionError(_("The dialogue is closed, so nothing new can be added to it. Its outcome can still "
                            "be changed."))
