"""Every change in the idea lab. Each function takes the acting user as `by=`, runs in one
transaction, asks rules.py (`require_perm`; `by=None` is the platform itself), raises
ActionError for what the lab's rules forbid, records an audit event, puts its messages in the
outbox in the same transaction and renews the `ideas` page stamp when the gallery shows what
changed.

The author is told of every step by e-mail: an author with an account at the account's
address; one without an account at the typed address, but only the fixed receipt (capped by
`communication.limits`, purpose "ideas.received") until they confirm the address from the
confirmation link in it (`Idea.get_confirm_url`, signed; never shown on a page, so only the
mailbox's owner has it). So the form sends nothing else to an address typed into it."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from samverka.accounts.ages import require_guardian
from samverka.communication import limits
from samverka.communication.notifications import notify
from samverka.communication.services import queue_email
from samverka.core import audit, versions
from samverka.core.access import require_perm
from samverka.core.errors import ActionError
from samverka.needs import services as need_services

from .models import OUTCOMES, Coach, Idea, Step, StepNote, Support

IDEA_M2M = ("districts", "areas", "sdg_goals")
IDEA_FIELDS = ("title", "what", "for_whom", "place", "help_wanted", "is_public")
RECEIPT = "ideas.received"


def _changed() -> None:
    versions.renew("ideas")


def _locked(idea: Idea) -> Idea:
    return Idea.objects.select_for_update(of=("self",)).select_related("author").get(pk=idea.pk)


def _tell_author(idea: Idea, *, template: str, key: str, context: dict | None = None) -> bool:
    """An e-mail to the author: the account's address, or the typed one once it is confirmed."""
    if not idea.author_is_emailed:
        return False
    to = idea.author.email if idea.author_id else idea.email
    link = settings.SITE_URL + idea.get_private_url()
    queue_email(to=to, template=template, key=key, language=idea.language,
                context={"idea": idea, "link": link, **(context or {})})
    if idea.author_id:  # the bell on the author's My pages too
        notify([idea.author_id], gettext_noop("News about your idea “%(title)s”."), idea.get_private_url(),
               params={"title": idea.title}, key=key)
    return True


def _check_date(day: date | None, idea: Idea) -> date:
    if day is None:
        raise ActionError(_("Write the date it happened."))
    if day > timezone.localdate():
        raise ActionError(_("The date cannot be later than today."))
    if day < timezone.localdate(idea.created_at):
        raise ActionError(_("The date cannot be before the idea was sent."))
    return day


# ---------------------------------------------------------------- the author


@transaction.atomic
def submit_idea(*, by, data: dict[str, Any], name: str = "", email: str = "", language: str | None = None) -> Idea:
    """Take an idea in. Signed in: the idea is the account's, its messages go to the account's
    address. Without an account: a name and an e-mail address, to which the receipt with the
    private link goes (once per address a day, within the form's hourly cap). A child's account sends
    ideas once its guardian has confirmed it (an idea without an account asks no age)."""
    user = by if getattr(by, "is_authenticated", False) else None
    require_guardian(by)
    name = " ".join((name or (user.display_name if user else "")).split())[:150]
    email = (email or "").strip().lower()
    if user is None and not email:
        raise ActionError(_("Write your e-mail address, so that you get the link to your idea."))
    if not name:
        raise ActionError(_("Write your name."))
    fields = {k: (v.strip() if isinstance(v, str) else v) for k, v in data.items() if k in IDEA_FIELDS}
    if not fields.get("title") or not fields.get("what") or not fields.get("for_whom"):
        raise ActionError(_("Say what the idea is, and for whom."))
    idea = Idea.objects.create(
        author=user, name=name, email="" if user else email, **fields,
        language=(language or translation.get_language() or settings.LANGUAGE_CODE)[:10])
    for field in IDEA_M2M:
        if data.get(field):
            getattr(idea, field).set(data[field])
    audit.record(by=user, action="idea.submit", target=idea, changes={"title": idea.title, "public": idea.is_public})
    key = f"idea-{idea.pk}-received"
    if user is not None:
        _tell_author(idea, template="ideas/email/received", key=key)
    elif limits.allow(RECEIPT, email) == limits.Verdict.SEND:
        queue_email(to=email, template="ideas/email/received", key=key, language=idea.language,
                    context={"idea": idea, "link": settings.SITE_URL + idea.get_private_url(),
                             "confirm": settings.SITE_URL + idea.get_confirm_url()})
    return idea


@transaction.atomic
def resend_receipt(*, by, idea: Idea) -> limits.Verdict:
    """Send the receipt with the private link again, within the same caps as the form
    (`communication.limits`, purpose "ideas.received"): the verdict says whether it went
    (SEND) or was held back (REPEAT: the address had one in the cap's period; FULL: the
    hour's cap for all addresses is reached). The attempt is audited either way."""
    idea = _locked(idea)
    require_perm(by, "ideas.resend_receipt", idea)
    to = idea.author_email
    if not to:
        raise ActionError(_("The idea has no e-mail address to send the receipt to."))
    verdict = limits.allow(RECEIPT, to)
    if verdict == limits.Verdict.SEND:
        context = {"idea": idea, "link": settings.SITE_URL + idea.get_private_url()}
        if not idea.author_id and not idea.email_confirmed_at:
            context["confirm"] = settings.SITE_URL + idea.get_confirm_url()
        queue_email(to=to, template="ideas/email/received", language=idea.language, context=context,
                    key=f"idea-{idea.pk}-received-again-{timezone.now().timestamp()}")
    audit.record(by=by, action="idea.receipt", target=idea, changes={"sent": verdict == limits.Verdict.SEND})
    return verdict


@transaction.atomic
def confirm_email(*, by, idea: Idea) -> Idea:
    """The author opened the confirmation link of the receipt e-mail and pressed the button:
    from now on they are told of each step. Only that link (not the private one) leads here."""
    idea = _locked(idea)
    if idea.author_id or idea.email_confirmed_at:
        return idea
    idea.email_confirmed_at = timezone.now()
    idea.save(update_fields=["email_confirmed_at"])
    audit.record(by=by if getattr(by, "is_authenticated", False) else None, action="idea.confirm", target=idea)
    return idea


@transaction.atomic
def set_public(*, by, idea: Idea, public: bool) -> Idea:
    """The author shows the idea in the gallery or takes it out (from the private link)."""
    idea = _locked(idea)
    if idea.is_public == public:
        return idea
    idea.is_public = public
    idea.save(update_fields=["is_public", "updated_at"])
    audit.record(by=by if getattr(by, "is_authenticated", False) else None, action="idea.public", target=idea,
                 changes={"public": public})
    _changed()
    return idea


# ---------------------------------------------------------------- the coaches


@transaction.atomic
def take_idea(*, by, idea: Idea) -> Idea:
    """A coach takes an idea from the queue. One coach per idea: another coach's idea is not
    taken over here (an administrator ends a coach, and their ideas come back to the queue)."""
    idea = _locked(idea)
    require_perm(by, "ideas.take_idea", idea)
    if idea.coach_id == by.pk:
        return idea
    if idea.coach_id and Coach.objects.filter(user_id=idea.coach_id, active=True, user__is_active=True).exists():
        raise ActionError(_("Another coach has this idea already."))
    if idea.is_finished:
        raise ActionError(_("The idea has reached its end. Move it back a step to work on it again."))
    idea.coach, idea.taken_at = by, timezone.now()
    idea.save(update_fields=["coach", "taken_at", "updated_at"])
    audit.record(by=by, action="idea.take", target=idea)
    _tell_author(idea, template="ideas/email/taken", key=f"idea-{idea.pk}-taken-{idea.taken_at.isoformat()}",
                 context={"coach": by})
    _changed()
    return idea


@transaction.atomic
def move_forward(*, by, idea: Idea, note: str, on: date | None, outcome: str = "") -> StepNote:
    """The next step of the map, with a note and the date it happened. From development the
    coach chooses the outcome: closed, continues or anchored."""
    idea = _locked(idea)
    require_perm(by, "ideas.coach_idea", idea)
    note = (note or "").strip()
    if not note:
        raise ActionError(_("Write a note about what happened."))
    on = _check_date(on, idea)
    if idea.is_finished:
        raise ActionError(_("The idea has reached its end. There is no step after it."))
    target = idea.next_step
    if target is None:
        if outcome not in OUTCOMES:
            raise ActionError(_("Choose how the idea ends: closed, continues or anchored."))
        target = outcome
    return _move(by=by, idea=idea, target=target, note=note, on=on, direction=StepNote.Direction.FORWARD)


@transaction.atomic
def move_back(*, by, idea: Idea, reason: str, on: date | None = None) -> StepNote:
    """Back one step (an outcome goes back to development), with the reason. Allowed: plans
    change; the way back is in the idea's history and the audit."""
    idea = _locked(idea)
    require_perm(by, "ideas.coach_idea", idea)
    reason = (reason or "").strip()
    if not reason:
        raise ActionError(_("Write why the idea goes back a step."))
    on = _check_date(on or timezone.localdate(), idea)
    target = idea.previous_step
    if target is None:
        raise ActionError(_("The idea is at the first step. There is no step before it."))
    return _move(by=by, idea=idea, target=target, note=reason, on=on, direction=StepNote.Direction.BACK)


def _move(*, by, idea: Idea, target: str, note: str, on: date, direction: str) -> StepNote:
    before = idea.step
    entry = StepNote.objects.create(idea=idea, step=target, from_step=before, direction=direction, note=note,
                                    date=on, by=by)
    # The wait at the new step counts from the day it happened (today: from now).
    since = timezone.now()
    if on < timezone.localdate(since):
        since = timezone.make_aware(datetime.combine(on, time.min))
    idea.step, idea.step_since = target, since
    idea.save(update_fields=["step", "step_since", "updated_at"])
    audit.record(by=by, action="idea.step" if direction == StepNote.Direction.FORWARD else "idea.step_back",
                 target=idea, changes={"step": [before, target], "date": on.isoformat()})
    _tell_author(idea, template="ideas/email/step", key=f"idea-step-{entry.pk}",
                 context={"entry": entry, "step": Step(target).label, "back": direction == StepNote.Direction.BACK})
    _changed()
    return entry


@transaction.atomic
def record_support(*, by, idea: Idea, kind: str, on: date | None, hours: Decimal | None = None,
                   text: str = "") -> Support:
    """Support given to the idea: coaching hours, premises, contacts made, help with an application."""
    idea = _locked(idea)
    require_perm(by, "ideas.coach_idea", idea)
    if kind not in Support.Kind.values:
        raise ActionError(_("Choose the kind of support."))
    text = (text or "").strip()
    if hours is not None and hours <= 0:
        raise ActionError(_("Write the hours as a number above zero, for example 1.5."))
    if kind == Support.Kind.COACHING and hours is None:
        raise ActionError(_("Write how many hours of coaching."))
    if hours is None and not text:
        raise ActionError(_("Write what was given, or the hours."))
    on = _check_date(on, idea)
    support = Support.objects.create(idea=idea, kind=kind, hours=hours, text=text, date=on, by=by)
    audit.record(by=by, action="idea.support", target=idea,
                 changes={"kind": kind, "hours": str(hours) if hours is not None else None, "date": on.isoformat()})
    return support


@transaction.atomic
def idea_to_need(*, by, idea: Idea, data: dict[str, Any]):
    """Publish a need (through the needs' own service and rules) and keep the idea linked to it."""
    idea = _locked(idea)
    require_perm(by, "ideas.coach_idea", idea)
    if idea.need_id:
        raise ActionError(_("This idea has already become a need."))
    need = need_services.create_need(by=by, data=data)
    idea.need = need
    idea.save(update_fields=["need", "updated_at"])
    audit.record(by=by, action="idea.need", target=idea, changes={"need": need.title})
    _changed()
    return need


@transaction.atomic
def link_activity(*, by, idea: Idea, activity) -> Idea:
    """Link the activity the idea became (None: remove the link)."""
    idea = _locked(idea)
    require_perm(by, "ideas.coach_idea", idea)
    before = idea.activity.title if idea.activity_id else None
    idea.activity = activity
    idea.save(update_fields=["activity", "updated_at"])
    audit.record(by=by, action="idea.link", target=idea,
                 changes={"activity": [before, activity.title if activity else None]})
    _changed()
    return idea


@transaction.atomic
def link_application(*, by, idea: Idea, application) -> Idea:
    """Link the grant application the idea led to (None: remove the link). Only one the coach
    may see (the view asks `Application.objects.visible_to`)."""
    idea = _locked(idea)
    require_perm(by, "ideas.coach_idea", idea)
    before = idea.application_id
    idea.application = application
    idea.save(update_fields=["application", "updated_at"])
    audit.record(by=by, action="idea.link", target=idea,
                 changes={"application": [before, application.pk if application else None]})
    return idea


@transaction.atomic
def link_partnership(*, by, idea: Idea, partnership) -> Idea:
    """Link the partnership the idea grew into (None: remove the link); its page names the idea."""
    idea = _locked(idea)
    require_perm(by, "ideas.coach_idea", idea)
    before = idea.partnership.title if idea.partnership_id else None
    idea.partnership = partnership
    idea.save(update_fields=["partnership", "updated_at"])
    audit.record(by=by, action="idea.link", target=idea,
                 changes={"partnership": [before, partnership.title if partnership else None]})
    _changed()
    versions.renew("partnerships")
    return idea


# ---------------------------------------------------------------- coaches come and go


@transaction.atomic
def appoint_coach(*, by, user) -> Coach:
    require_perm(by, "ideas.manage_coaches")
    coach, created = Coach.objects.select_for_update().get_or_create(user=user)
    if not created and coach.active:
        return coach
    coach.active, coach.left_on = True, None
    if not created:
        coach.since = timezone.localdate()
    coach.save()
    audit.record(by=by, action="coach.appoint", target=coach, changes={"user": user.display_name})
    if hasattr(user, "_is_idea_coach"):
        del user._is_idea_coach
    return coach


@transaction.atomic
def end_coach(*, by, coach: Coach) -> int:
    """A coach leaves the lab: their ideas under way go back to the queue (never lost: notes and
    support stay), and each author is told that another coach takes over. Returns how many."""
    require_perm(by, "ideas.manage_coaches")
    coach = Coach.objects.select_for_update(of=("self",)).select_related("user").get(pk=coach.pk)
    ideas = list(Idea.objects.select_for_update(of=("self",)).select_related("author")
                 .filter(coach_id=coach.user_id).exclude(step__in=OUTCOMES))
    for idea in ideas:
        idea.coach, idea.taken_at = None, None
        idea.save(update_fields=["coach", "taken_at", "updated_at"])
        audit.record(by=by, action="idea.release", target=idea, changes={"coach": coach.user.display_name})
        _tell_author(idea, template="ideas/email/released", key=f"idea-{idea.pk}-released-{coach.pk}-{timezone.now().isoformat()}")
    if coach.active:
        coach.active, coach.left_on = False, timezone.localdate()
        coach.save(update_fields=["active", "left_on"])
        audit.record(by=by, action="coach.end", target=coach,
                     changes={"user": coach.user.display_name, "ideas_to_queue": len(ideas)})
    if hasattr(coach.user, "_is_idea_coach"):
        del coach.user._is_idea_coach
    if ideas:
        _changed()
    return len(ideas)
