"""Every write of the processes part: processes and their phases (office), proposals, comments,
follows and reports (participants), moderation (office) and workshops. Keyword-only, the acting
user as `by=`, atomic, asks rules.py, raises ActionError for what the domain forbids, records an
audit event and renews the `dialogue` page stamp on commit. Feedback items are opened and given
in `services_feedback`."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from samverka.accounts.ages import require_guardian
from samverka.activities import services as activity_services
from samverka.activities.models import Activity
from samverka.communication.notifications import notify
from samverka.communication.services import queue_email
from samverka.core import audit, versions
from samverka.core.access import require_perm
from samverka.core.errors import ActionError
from samverka.core.text import unique_slug
from samverka.needs import services as need_services

from . import services_feedback
from .models import (
    Action,
    Comment,
    Document,
    FeedbackItem,
    Follow,
    Moderated,
    Phase,
    Process,
    Proposal,
    Report,
    Workshop,
)

PROCESS_M2M = ("areas", "sdg_goals", "districts", "target_groups", "invited_actors", "invited_groups")
# Words the app's own addresses use right under /dialog/ (a process's address is its slug).
RESERVED_SLUGS = {"nytt", "remisser", "enkater", "aterkoppling", "forslag", "kommentarer", "anmalningar",
                  "moderering", "workshoppar", "mina"}


def _changed() -> None:
    versions.renew("dialogue")


def _split(data: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    return ({k: v for k, v in data.items() if k not in PROCESS_M2M},
            {k: v for k, v in data.items() if k in PROCESS_M2M})


def _person(by):
    return by if getattr(by, "is_authenticated", False) else None


# ---------------------------------------------------------------- processes and phases


@transaction.atomic
def create_process(*, by, data: dict[str, Any]) -> Process:
    """A new process, as a draft, owned by an office the official works in."""
    require_perm(by, "dialogue.add_process")
    require_perm(by, "dialogue.change_process", Process(office=data["office"]))
    fields, related = _split(data)
    slug = unique_slug(Process.objects, fields["title"], fallback="dialog", reserved=RESERVED_SLUGS, max_length=200)
    process = Process(slug=slug, created_by=_person(by), status=Process.Status.DRAFT,
                      **fields)
    process.save()
    for name, values in related.items():
        getattr(process, name).set(values)
    audit.record(by=by, action="process.create", target=process, changes={"title": process.title})
    return process


@transaction.atomic
def update_process(*, by, process: Process, data: dict[str, Any]) -> Process:
    require_perm(by, "dialogue.change_process", process)
    if "office" in data and data["office"] != process.office:
        require_perm(by, "dialogue.change_process", Process(office=data["office"]))
    fields, related = _split(data)
    changes = audit.diff(process, fields)
    for name, value in fields.items():
        setattr(process, name, value)
    if changes:
        process.save(update_fields=[*changes, "updated_at"])
    audit.set_related(process, related, changes)
    if changes:
        audit.record(by=by, action="process.update", target=process, changes=changes)
        _changed()
    return process


@transaction.atomic
def save_phase(*, by, process: Process, data: dict[str, Any], phase: Phase | None = None) -> Phase:
    """Add a phase or change one. Phases may overlap (a survey during the proposals); each ends
    after it starts."""
    require_perm(by, "dialogue.change_process", process)
    if data["ends_at"] <= data["starts_at"]:
        raise ActionError(_("A phase must end after it starts."))
    if phase is None:
        services_feedback.refuse_if_closed(process)
        phase = Phase(process=process)
    changes = audit.diff(phase, data) if phase.pk else {k: str(v) for k, v in data.items()}
    for name, value in data.items():
        setattr(phase, name, value)
    phase.save()
    audit.record(by=by, action="process.phase", target=process, changes=changes)
    _changed()
    return phase


@transaction.atomic
def delete_phase(*, by, phase: Phase) -> None:
    require_perm(by, "dialogue.change_process", phase.process)
    audit.record(by=by, action="process.phase_delete", target=phase.process,
                 changes={"phase": str(phase), "starts_at": phase.starts_at.isoformat()})
    phase.delete()
    _changed()


@transaction.atomic
def publish_process(*, by, process: Process) -> Process:
    process = Process.objects.select_for_update().get(pk=process.pk)
    require_perm(by, "dialogue.change_process", process)
    if process.status != Process.Status.DRAFT:
        raise ActionError(_("The dialogue is already published."))
    if not process.phases.exists():
        raise ActionError(_("Add at least one phase before you publish the dialogue."))
    process.status = Process.Status.OPEN
    process.save(update_fields=["status", "updated_at"])
    audit.record(by=by, action="process.publish", target=process, changes={"status": process.status})
    _changed()
    return process


@transaction.atomic
def close_process(*, by, process: Process, outcome: str) -> Process:
    """Close the dialogue with its final outcome; its followers are told once."""
    process = Process.objects.select_for_update().get(pk=process.pk)
    require_perm(by, "dialogue.change_process", process)
    outcome = outcome.strip()
    if not outcome:
        raise ActionError(_("Write the final outcome: what was decided and what came of the dialogue."))
    if process.status == Process.Status.DRAFT:
        raise ActionError(_("Publish the dialogue before you close it."))
    first_time = process.status != Process.Status.CLOSED
    process.status, process.outcome = Process.Status.CLOSED, outcome
    process.closed_at = process.closed_at or timezone.now()
    process.save(update_fields=["status", "outcome", "closed_at", "updated_at"])
    if first_time:
        followers = list(process.follows.select_related("user").filter(user__is_active=True))
        for follow in followers:
            queue_email(to=follow.user.email, template="dialogue/email/outcome",
                        context={"process": process, "user": follow.user},
                        key=f"dialogue-outcome-{process.pk}-{follow.user_id}")
        notify([f.user_id for f in followers], gettext_noop("The dialogue “%(title)s” is closed: read what came of it."),
               process.get_absolute_url(), params={"title": process.title}, key=f"dialogue-outcome-{process.pk}")
    audit.record(by=by, action="process.close", target=process, changes={"outcome": outcome[:200]})
    _changed()
    return process


@transaction.atomic
def add_document(*, by, process: Process, title: str, file) -> Document:
    """A document of the process, public with it."""
    require_perm(by, "dialogue.change_process", process)
    document = Document.objects.create(process=process, title=title.strip(), file=file, uploaded_by=_person(by))
    audit.record(by=by, action="process.document", target=process, changes={"document": document.title})
    _changed()
    return document


@transaction.atomic
def remove_document(*, by, document: Document) -> None:
    require_perm(by, "dialogue.change_process", document.process)
    audit.record(by=by, action="process.document_remove", target=document.process, changes={"document": document.title})
    document.file.delete(save=False)
    document.delete()
    _changed()


# ---------------------------------------------------------------- proposals and comments


def audience_refusal(user, process: Process) -> str | None:
    """Why the person is outside the process's audience (`Process.audience`), or None when they
    are in it: what the participation pages say instead of the form."""
    if user.has_perm("dialogue.in_audience", process):
        return None
    Audience = Process.Audience
    return {
        Audience.ACTORS: _("This dialogue is for associations and other actors: sign in as a representative of "
                           "an association, or as a member of a council or network, to take part. You can still "
                           "read everything here."),
        Audience.INVITED: _("This dialogue is only for those invited: the representatives of the invited "
                            "associations and the members of the invited councils and groups. You can still "
                            "read everything here."),
        Audience.YOUTH: _("This dialogue is for young people: the members of the invited youth and pupils' "
                          "councils and youth associations take part. You can still read everything here."),
    }.get(process.audience, _("You cannot take part in this dialogue."))


def _check_may(by, process: Process, action: str) -> None:
    require_perm(by, "dialogue.take_part", process)
    require_guardian(by)  # a child's account takes part once its guardian has confirmed it
    if (refusal := audience_refusal(by, process)) is not None:
        raise ActionError(refusal)
    if not process.allows(action):
        if action == Action.PROPOSE:
            raise ActionError(_("This dialogue takes no proposals now: the phase for proposals has ended or not "
                                "yet begun. Your text is kept below, so you can copy it."))
        raise ActionError(_("This dialogue takes no comments now: the phase for comments has ended or not yet "
                            "begun. Your text is kept below, so you can copy it."))


def _check_actor(by, actor) -> None:
    from samverka.actors.rules import acts_for

    if actor is not None and not acts_for(by, actor):
        raise ActionError(_("You do not represent %(name)s.") % {"name": actor.name})


@transaction.atomic
def propose(*, by, process: Process, title: str, body: str, actor=None) -> Proposal:
    """A proposal in a phase that takes them; it opens a feedback item and the author follows it."""
    process = Process.objects.prefetch_related("phases").get(pk=process.pk)
    _check_may(by, process, Action.PROPOSE)
    _check_actor(by, actor)
    proposal = Proposal.objects.create(process=process, phase=process.current_phase(), title=title.strip(),
                                       body=body.strip(), author=by, actor=actor)
    services_feedback.open_item(by=by, title=proposal.title, said=proposal.body, process=process, proposal=proposal)
    Follow.objects.get_or_create(user=by, proposal=proposal)
    audit.record(by=by, action="proposal.create", target=proposal, changes={"title": proposal.title})
    _changed()
    return proposal


@transaction.atomic
def comment(*, by, process: Process, body: str, proposal: Proposal | None = None, parent: Comment | None = None,
            actor=None) -> Comment:
    """A comment on the process or on a proposal, or a reply (one level: a reply to a reply joins
    its thread). A new thread on the process opens a feedback item; a comment on a proposal is
    answered with the proposal's feedback."""
    process = Process.objects.prefetch_related("phases").get(pk=process.pk)
    _check_may(by, process, Action.COMMENT)
    _check_actor(by, actor)
    if parent is not None:
        if parent.process_id != process.pk:
            raise ActionError(_("That comment belongs to another dialogue."))
        parent = parent.parent or parent
        proposal = parent.proposal
        if parent.is_hidden:
            raise ActionError(_("That comment is hidden and takes no replies."))
    if proposal is not None and (proposal.process_id != process.pk or proposal.is_hidden):
        raise ActionError(_("That proposal takes no comments."))
    made = Comment.objects.create(process=process, proposal=proposal, parent=parent, body=body.strip(), author=by,
                                  actor=actor)
    if parent is None and proposal is None:
        services_feedback.open_item(by=by, title=made.body[:80], said=made.body, process=process, comment=made)
    audit.record(by=by, action="comment.create", target=made,
                 changes={"proposal": proposal.pk if proposal else None, "reply": parent is not None})
    _changed()
    return made


@transaction.atomic
def follow(*, by, process: Process | None = None, proposal: Proposal | None = None, on: bool = True) -> bool:
    """Follow (or stop following) a process or a proposal. Returns whether the person follows."""
    require_perm(by, "dialogue.follow", process or proposal)
    subject = {"process": process} if process is not None else {"proposal": proposal}
    if on:
        try:
            with transaction.atomic():
                Follow.objects.get_or_create(user=by, **subject)
        except IntegrityError:
            pass
    else:
        Follow.objects.filter(user=by, **subject).delete()
    return on


# ---------------------------------------------------------------- moderation


@transaction.atomic
def report(*, by, reason: str, proposal: Proposal | None = None, comment: Comment | None = None) -> Report:
    """Report a proposal or a comment to the office that runs the process: once per person and item."""
    target = proposal or comment
    require_perm(by, "dialogue.report", target)
    reason = reason.strip()
    if not reason:
        raise ActionError(_("Write what is wrong."))
    if target.is_hidden:
        raise ActionError(_("It is already hidden."))
    subject = {"proposal": proposal} if proposal is not None else {"comment": comment}
    if Report.objects.filter(reporter=by, **subject).exists():
        raise ActionError(_("You have already reported this. The office looks at it."))
    try:
        with transaction.atomic():
            made = Report.objects.create(reporter=by, reason=reason, **subject)
    except IntegrityError:
        raise ActionError(_("You have already reported this. The office looks at it.")) from None
    audit.record(by=by, action="report.create", target=made, changes={"reason": reason[:200]})
    return made


@transaction.atomic
def hide(*, by, target: Proposal | Comment, reason: str) -> Proposal | Comment:
    """Hide a proposal or a comment; the reason is shown in its place and the author is told."""
    require_perm(by, "dialogue.moderate", target)
    reason = reason.strip()
    if not reason:
        raise ActionError(_("Write the reason that is shown in place of the text."))
    model = type(target)
    target = model.objects.select_for_update().get(pk=target.pk)
    if target.is_hidden:
        raise ActionError(_("It is already hidden."))
    target.visibility, target.hidden_reason = Moderated.Visibility.HIDDEN, reason
    target.hidden_by, target.hidden_at = by, timezone.now()
    target.save(update_fields=["visibility", "hidden_reason", "hidden_by", "hidden_at"])
    subject = "proposal" if model is Proposal else "comment"
    target.reports.filter(status=Report.Status.OPEN).update(status=Report.Status.HIDDEN, handled_by=by,
                                                            handled_at=timezone.now())
    if target.author_id and target.author.is_active:
        queue_email(to=target.author.email, template="dialogue/email/hidden",
                    context={"target": target, "reason": reason, "process": target.process, "user": target.author},
                    key=f"dialogue-hidden-{subject}-{target.pk}")
    audit.record(by=by, action=f"{subject}.hide", target=target, changes={"reason": reason})
    _changed()
    return target


@transaction.atomic
def dismiss_report(*, by, report: Report) -> Report:
    report = Report.objects.select_for_update(of=("self",)).select_related("proposal__process", "comment__process").get(
        pk=report.pk)
    require_perm(by, "dialogue.moderate", report.proposal or report.comment)
    if report.status != Report.Status.OPEN:
        raise ActionError(_("The report is already handled."))
    report.status, report.handled_by, report.handled_at = Report.Status.DISMISSED, by, timezone.now()
    report.save(update_fields=["status", "handled_by", "handled_at"])
    audit.record(by=by, action="report.dismiss", target=report, changes={})
    return report


# ---------------------------------------------------------------- workshops


@transaction.atomic
def save_workshop(*, by, process: Process, data: dict[str, Any], workshop: Workshop | None = None,
                  new_activity: dict[str, Any] | None = None) -> Workshop:
    """Link an activity of the calendar to the process as a workshop, or change its agenda and notes.

    The activity is the one chosen, or a standing group's meeting's (`group_meeting`: its
    calendar activity, made from the meeting when it has none), or a new one of the office
    (`new_activity`: title, start, end, address, capacity, registration), made through the
    calendar's own service so that registration, capacity and reminders are the calendar's."""
    require_perm(by, "dialogue.change_process", process)
    if workshop is None:
        services_feedback.refuse_if_closed(process)
        workshop = Workshop(process=process)
    data = dict(data)
    meeting = data.get("group_meeting")
    if new_activity is not None:
        data["activity"] = _workshop_activity(by=by, process=process, **new_activity)
    elif meeting is not None and meeting.pk != workshop.group_meeting_id:
        data["activity"] = meeting.activity or _workshop_activity(
            by=by, process=process, title=meeting.title, start=meeting.start, end=meeting.end,
            address=meeting.place, capacity=None, registration=meeting.is_open)
    if data.get("activity") is None:
        if not workshop.activity_id:
            raise ActionError(_("Choose the workshop's activity, a group's meeting, or write a new one."))
        data.pop("activity", None)
    changes = audit.diff(workshop, data) if workshop.pk else {"activity": str(data.get("activity"))}
    for name, value in data.items():
        setattr(workshop, name, value)
    workshop.save()
    audit.record(by=by, action="workshop.save", target=process, changes=changes)
    _changed()
    return workshop


def _workshop_activity(*, by, process: Process, title: str, start, end, address: str, capacity: int | None,
                       registration: bool) -> Activity:
    summary = _("A meeting of the dialogue %(process)s.") % {"process": process.title}
    return activity_services.create_activity(by=by, data={
        "office": process.office, "title": title, "summary": summary[:200], "start": start, "end": end,
        "address": address, "capacity": capacity,
        "registration_mode": Activity.Mode.REQUIRED if registration else Activity.Mode.DROP_IN})


@transaction.atomic
def workshop_point(*, by, workshop: Workshop, title: str, said: str, as_need: bool = False,
                   need_data: dict[str, Any] | None = None) -> FeedbackItem | Any:
    """A point from a workshop's notes: a feedback item the office answers, or a need published
    through the needs' own service (for the process's office)."""
    require_perm(by, "dialogue.change_process", workshop.process)
    if as_need:
        data = {"office": workshop.process.office, "title": title, "summary": title[:200], "description": said,
                **(need_data or {})}
        need = need_services.create_need(by=by, data=data)
        audit.record(by=by, action="workshop.need", target=workshop.process, changes={"need": need.title})
        return need
    item = services_feedback.open_item(by=by, title=title, said=said, process=workshop.process, workshop=workshop)
    return item
