"""What the idea lab keeps about a person, for "see my data" and "delete my account"
(samverka.portal calls every app's `privacy` module). An idea is the person's when it was sent
while logged in, or carries one of the account's verified e-mail addresses; a coach's notes and
the support they recorded name them.

An idea sent to the lab is a public record (allmän handling) and the lab's record of its work,
so erasing the account does not erase it: it is restricted instead (no link to the account, no
name or address, a new private link nobody has, out of the gallery). A coach who is erased leaves the lab first
(their ideas go back to the queue); their notes stay without their name. Two years after an
idea reached its end, the author's name and address are removed (`expire`)."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.db.models import Q

from samverka.core.privacy import email_in, kept, verified_emails

from .models import OUTCOMES, Coach, Idea, StepNote, Support

KEEP_FINISHED = timedelta(days=2 * 365)
LAB_RECORD = ("public record and the lab's record: the author's name and address two years after the idea "
              "reached its end; restricted, not erased, when the account is")

FIELDS = {
    "Coach": kept(retention="while the person coaches, then as long as the notes they wrote",
                  personal=["user"], internal=["active", "since", "left_on"]),
    "Idea": kept(
        retention=LAB_RECORD,
        public=["title", "what", "for_whom", "place", "districts", "help_wanted", "areas", "sdg_goals", "step",
                "need", "activity", "partnership"],
        personal=["author", "name", "email", "coach"],
        internal=["email_confirmed_at", "token", "is_public", "language", "step_since", "taken_at", "application",
                  "created_at", "updated_at"],
    ),
    # A coach's notes and the support recorded are the lab's record of the idea, written at work;
    # who wrote them is the coach's personal data.
    "StepNote": kept(retention=LAB_RECORD, personal=["by"],
                     internal=["idea", "step", "from_step", "direction", "note", "date", "created_at"]),
    "Support": kept(retention=LAB_RECORD, personal=["by"],
                    internal=["idea", "kind", "hours", "text", "date", "created_at"]),
}


def _ideas_of(user):
    return Idea.objects.filter(Q(author=user) | email_in("email", verified_emails(user)))


def personal_data(user) -> dict:
    coach = Coach.objects.filter(user=user).first()
    return {
        "ideas": [
            {"title": i.title, "what": i.what, "for_whom": i.for_whom, "place": i.place,
             "help_wanted": i.help_wanted, "name": i.name, "email": i.email, "public": i.is_public,
             "step": i.step, "sent": i.created_at.isoformat(),
             "notes": [{"date": n.date.isoformat(), "step": n.step, "note": n.note} for n in i.notes.all()]}
            for i in _ideas_of(user).prefetch_related("notes").order_by("created_at")],
        "idea_coach": ({"active": coach.active, "since": coach.since.isoformat(),
                        "left_on": coach.left_on.isoformat() if coach.left_on else None} if coach else None),
        "idea_notes_written": [
            {"idea": n.idea.title, "date": n.date.isoformat(), "step": n.step, "note": n.note}
            for n in StepNote.objects.filter(by=user).select_related("idea").order_by("created_at")],
        "idea_support_recorded": [
            {"idea": s.idea.title, "date": s.date.isoformat(), "kind": s.kind,
             "hours": str(s.hours) if s.hours is not None else None, "text": s.text}
            for s in Support.objects.filter(by=user).select_related("idea").order_by("created_at")],
    }


def erase(user) -> None:
    from . import services

    for pk in _ideas_of(user).values_list("pk", flat=True):
        Idea.objects.filter(pk=pk).update(author=None, name="", email="", is_public=False,
                                          token=secrets.token_urlsafe(24))
    if coach := Coach.objects.filter(user=user).first():
        services.end_coach(by=None, coach=coach)
        coach.delete()
    Idea.objects.filter(coach=user).update(coach=None)
    StepNote.objects.filter(by=user).update(by=None)
    Support.objects.filter(by=user).update(by=None)


def expire(*, now) -> int:
    """The author's name and address go two years after the idea reached its end."""
    due = list(Idea.objects.filter(step__in=OUTCOMES, step_since__lt=now - KEEP_FINISHED)
               .exclude(name="", email="", author=None).values_list("pk", flat=True))
    for pk in due:
        Idea.objects.filter(pk=pk).update(name="", email="", author=None, is_public=False,
                                          token=secrets.token_urlsafe(24))
    return len(due)
