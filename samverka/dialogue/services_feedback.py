"""Feedback as a duty: opening a feedback item for what someone said, and giving feedback.
The other parts of the app (proposals, comments, consultations, surveys, workshops) call
`open_item` when something arrives that must be answered; apps above this one may call it too
(a request to take part in a coming decision), with no subject."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from samverka.core import audit, versions
from samverka.core.access import require_perm

from .models import FeedbackItem, Process

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


@transaction.atomic
def give(*, by, item: FeedbackItem, response: str, outcome: str = "", is_public: bool = True) -> FeedbackItem:
    """Give feedback ("we did"); refused without text (ActionError from the caller's form, and
    the database's check as the last guard). Authors and followers are told by the caller's
    part through `dialogue.notify` (the process part writes it)."""
    require_perm(by, "dialogue.give_feedback", item)
    item = FeedbackItem.objects.select_for_update().get(pk=item.pk)
    item.response = response.strip()
    item.outcome = outcome
    item.is_public = is_public
    item.status = FeedbackItem.Status.GIVEN
    item.given_by = by
    item.given_at = timezone.now()
    item.save(update_fields=["response", "outcome", "is_public", "status", "given_by", "given_at"])
    audit.record(by=by, action="feedback.give", target=item, changes={"outcome": outcome})
    transaction.on_commit(_changed)
    return item
