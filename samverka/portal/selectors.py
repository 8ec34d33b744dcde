"""Reads for the pages that span every app: the home page and My pages. Each returns what
its template shows in a fixed number of queries, however much data there is."""

from __future__ import annotations

import re
from datetime import datetime

from django.db.models import Count, Q
from django.utils import formats, timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from samverka.activities.models import MeetingPlace, Registration
from samverka.actors.models import Actor, ActorMembership
from samverka.actors.selectors import cards
from samverka.cases.models import Case, LinkParty
from samverka.communication.models import Notification, OutboxMessage
from samverka.core.models import action_labels
from samverka.crisis.models import HelpRequest, Task
from samverka.crisis.services import active_crisis
from samverka.dialogue import selectors as dialogue_selectors
from samverka.dialogue.models import FeedbackItem, Moderated, Process, Report
from samverka.grants.models import Application
from samverka.ideas.models import Idea
from samverka.matching.selectors import coordinated_programmes
from samverka.needs.models import Answer, Need
from samverka.networks import selectors as network_selectors
from samverka.networks.models import Group, Membership
from samverka.news import selectors as news_selectors
from samverka.news.models import Subscriber
from samverka.partnerships.models import Compact, Partnership
from samverka.volunteers.models import Assignment, Availability, Volunteer

LISTED = 10
DIALOGUES_ON_HOME = 3
ISO_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}.*)?$")


def home() -> dict:
    """The home page: the register, and the ways to take part (dialogue, idea lab,
    partnerships, groups), each in one query."""
    actors = Actor.objects.published()
    processes = Process.objects.published()
    return {
        "actor_count": actors.count(),
        "recent_actors": cards(actors.for_cards().order_by("-created_at")[:3]),
        "open_dialogue_count": processes.filter(status=Process.Status.OPEN).count(),
        "dialogues": list(processes.select_related("office").alias(closed=Q(status=Process.Status.CLOSED))
                          .order_by("closed", "-created_at", "pk")[:DIALOGUES_ON_HOME]),
        "partnership_count": Partnership.objects.public().count(),
        "group_count": Group.objects.public().exclude(lifecycle=Group.Lifecycle.CLOSED).count(),
        "news": news_selectors.latest(3),
    }


YOUNG = (13, 19)  # the ages the young people's entrance speaks to
YOUTH_LISTED = 8


def youth() -> dict:
    """The young people's entrance (/unga/): what is open to 13–19-year-olds, one query
    each: coming activities whose ages take them in (or meant for young people), volunteering
    that welcomes minors (never where an extract is asked), dialogues for young people and
    pupils' councils."""
    from samverka.activities.models import Occurrence

    youngest, oldest = YOUNG
    fits = (Q(activity__min_age__lte=oldest) | Q(activity__min_age__isnull=True)) & (
        Q(activity__max_age__gte=youngest) | Q(activity__max_age__isnull=True))
    for_young = (Q(activity__min_age__isnull=False) | Q(activity__max_age__isnull=False)
                 | Q(activity__target_groups__slug="unga"))
    occurrences = (Occurrence.objects.in_calendar().upcoming().filter(fits & for_young, cancelled=False,
                                                                      activity__status="published")
                   .for_list().distinct()[:YOUTH_LISTED])
    needs = (Need.objects.open().filter(Q(min_age__lt=18) | Q(max_age__lte=oldest), record_extract_required=False)
             .filter(Q(max_age__isnull=True) | Q(max_age__gte=youngest))
             .select_related("office", "actor").order_by("closes_on", "-created_at")[:YOUTH_LISTED])
    dialogues = (Process.objects.published().filter(audience=Process.Audience.YOUTH).select_related("office")
                 .alias(closed=Q(status=Process.Status.CLOSED)).order_by("closed", "-created_at")[:YOUTH_LISTED])
    councils = (Group.objects.public().filter(kind=Group.Kind.PUPILS_COUNCIL)
                .exclude(lifecycle=Group.Lifecycle.CLOSED).select_related("office", "actor")[:YOUTH_LISTED])
    return {"occurrences": list(occurrences), "needs": list(needs), "dialogues": list(dialogues),
            "councils": list(councils)}


def actor_links(slug: str, user) -> list[dict]:
    """For the actor page (through `context_processors.actor_links`): the links across
    organisations through which the actor may be contacted (the link's contact page with the
    actor chosen), the partnerships the actor is a party to, the compacts it signed and the
    groups it runs, holds a seat in or is represented in, as far as `user` may see them; four
    queries, only the parts with links."""
    today = timezone.localdate()
    partnerships = (Partnership.objects.visible_to(user).filter(
        pk__in=Partnership.objects.filter(Q(parties__ended_on__isnull=True) | Q(parties__ended_on__gte=today),
                                          parties__actor__slug=slug).values("pk")).order_by("title"))
    compacts = Compact.objects.filter(signatures__actor__slug=slug).order_by("title")
    groups = (Group.objects.visible_to(user).exclude(lifecycle=Group.Lifecycle.CLOSED).filter(
        pk__in=Group.objects.filter(Q(actor__slug=slug) | Q(seats__actor__slug=slug) | Q(
            memberships__actor__slug=slug, memberships__status=Membership.Status.ACTIVE)).values("pk"))
        .order_by("name"))
    link_parties = (LinkParty.objects.active().filter(actor__slug=slug, link__active=True).select_related("link")
                    .order_by("link__position", "link__name", "pk"))
    contact = [(f"{party.link.get_absolute_url()}?part={party.pk}#contact-title",
                _("Contact us through %(link)s") % {"link": party.link.label}) for party in link_parties]
    parts = [(_("Links across organisations"), contact),
             (_("Partnerships"), [(p.get_absolute_url(), p.title) for p in partnerships.only("slug", "title")]),
             (_("Local compacts we signed"), [(c.get_absolute_url(), c.title) for c in compacts.only("slug", "title")]),
             (_("Networks and groups"), [(g.get_absolute_url(), g.name) for g in groups.only("slug", "name")])]
    return [{"title": title, "links": [{"url": url, "text": text} for url, text in links]}
            for title, links in parts if links]


# The pages that show the ideas they came from: view name → how an idea points at the object.
IDEA_ORIGINS = {
    "needs:detail": ("slug", "need__slug"),
    "activities:detail": ("slug", "activity__slug"),
    "grants:application": ("pk", "application_id"),
    "grants:programme": ("slug", "application__programme__slug"),
}


def idea_links(view_name: str, kwargs: dict, user) -> list[dict]:
    """For a need's, an activity's, a grant programme's or an application's page (through
    `context_processors.idea_links`): the ideas of the idea lab that led to it, as far as `user`
    may see them (the public only the gallery's ideas); one query. Those apps sit below the idea
    lab and do not import it."""
    kwarg, lookup = IDEA_ORIGINS[view_name]
    ideas = (Idea.objects.visible_to(user).filter(**{lookup: kwargs[kwarg]})
             .order_by("created_at", "pk").only("pk", "title"))
    return [{"url": idea.get_absolute_url(), "text": idea.title} for idea in ideas]


def my_pages(user) -> dict:
    """What My pages show: each role's own work first (the office's cases, crisis triage,
    the person's needs with new answers), then the associations they represent."""
    crisis = active_crisis()
    triage = None
    if crisis is not None and user.has_perm("crisis.enter_request"):
        triage = HelpRequest.objects.visible_to(user).filter(crisis_id=crisis.pk).aggregate(
            unmatched=Count("pk", filter=Q(status__in=HelpRequest.UNMATCHED)),
            untriaged=Count("pk", filter=Q(priority=HelpRequest.Priority.NEW, status__in=HelpRequest.UNMATCHED)))
    to_verify = []
    if user.has_perm("actors.verify_actor"):
        to_verify = list(Actor.objects.published().filter(kind=Actor.Kind.ASSOCIATION, verified_at__isnull=True)
                         .order_by("name")[:LISTED])
    return {
        "crisis": crisis,
        "triage": triage,
        "needs_with_answers": list(
            Need.objects.published_by(user)
            .annotate(new_answers=Count("answers", filter=Q(answers__status=Answer.Status.NEW)))
            .filter(new_answers__gt=0).order_by("-new_answers", "-created_at")[:LISTED]),
        "to_verify": to_verify,
        "coordinated": coordinated_programmes(user),
        "memberships": list(user.actor_memberships.select_related("actor").order_by("actor__name")),
        "groups": network_selectors.my_groups(user),
        "points": network_selectors.points_of(user, open_only=True, limit=LISTED),
        "unread_notifications": Notification.objects.filter(user=user, read_at__isnull=True).count(),
        **dialogue_selectors.overdue_for(user),
    }


def notifications(user, *, limit: int = 100) -> list[Notification]:
    """The bell's page: the newest first."""
    return list(Notification.objects.filter(user=user).order_by("-created_at", "-pk")[:limit])


# ---------------------------------------------------------------- "see my data"

# The download's keys in words, grouped per part of the platform, in the page's order.
PARTS = [
    (_("Your account"), [("account", _("Account")), ("email_addresses", _("E-mail addresses")),
                         ("two_factor", _("Two-factor authentication")),
                         ("identity_providers", _("Logging in with another service")),
                         ("guardian_consent", _("Your guardian's consent"))]),
    (_("Your roles"), [("actors", _("Associations you represent")), ("invitations", _("Invitations to you")),
                       ("offices", _("Offices you work in"))]),
    (_("Activities"), [("activity_registrations", _("Registrations for activities")),
                       ("meeting_places_proposed", _("Meeting places you proposed"))]),
    (_("Volunteering"), [("volunteer", _("Your volunteer profile"))]),
    (_("Needs"), [("need_answers", _("Your answers to needs"))]),
    (_("Networks and groups"), [("group_memberships", _("Groups you are in")), ("council_seats", _("Council seats")),
                                ("meetings_attended", _("Meetings you attended")),
                                ("agenda_items", _("Agenda items you proposed")),
                                ("meeting_documents", _("Documents you added to meetings")),
                                ("followup_points", _("Follow-up points you own"))]),
    (_("Grants"), [("grant_applications", _("Grant applications you started")),
                   ("grant_reviews", _("Grant applications you reviewed")),
                   ("grant_follow_up_reports", _("Follow-up reports you sent")),
                   ("grant_details_requests", _("Changes of an association's details you asked for"))]),
    (_("Idea lab"), [("ideas", _("Ideas you sent")), ("idea_coach", _("Your coaching in the idea lab")),
                     ("idea_notes_written", _("Step notes you wrote")),
                     ("idea_support_recorded", _("Support you recorded"))]),
    (_("Partnerships"), [("partnerships_created", _("Partnerships you created")),
                         ("partnership_documents_uploaded", _("Documents you added to partnerships")),
                         ("milestones_reported", _("Milestones you reported done")),
                         ("compacts_signed", _("Local compacts you signed"))]),
    (_("Action plans"), [("plan_contact_for", _("Areas of cooperation where you are the contact")),
                         ("plan_actions_responsible", _("Actions of action plans you are responsible for")),
                         ("plan_values_entered", _("Values of indicators you entered")),
                         ("forward_items_responsible", _("Coming decisions you are responsible for")),
                         ("forward_follows", _("Coming decisions, committees, offices, areas and goals you follow")),
                         ("forward_requests", _("Your requests to take part in coming decisions"))]),
    (_("Overview and reports"), [("reports_requested", _("Reports you asked for"))]),
    (_("Moving data"), [("imports_started", _("Imports you started")),
                        ("exports_requested", _("Exports you asked for"))]),
    (_("Knowledge bank"), [("guide_versions_written", _("Versions of guides you saved"))]),
    (_("Matching programmes"), [("matching_participations", _("Programmes you take part in, and your matches")),
                                ("matching_coordinator_roles", _("Programmes you coordinate"))]),
    (_("Dialogue"), [("dialogue_proposals", _("Proposals you made")), ("dialogue_comments", _("Your comments")),
                     ("dialogue_follows", _("Dialogues and proposals you follow")),
                     ("dialogue_feedback", _("Feedback on what you said")),
                     ("survey_responses", _("Your answers to surveys")),
                     ("consultation_answers", _("Consultation answers you drafted or sent")),
                     ("consultation_documents", _("Documents you added to consultations")),
                     ("dialogue_reports", _("What you reported to the moderators"))]),
    (_("Messages to the municipality"), [("cases", _("Cases"))]),
    (_("Crisis mode"), [("help_requests", _("Help you asked for")),
                        ("crisis_signups", _("Crises you signed up to help in")),
                        ("crisis_forms", _("Sign-up forms not yet handled")),
                        ("crisis_tasks", _("Tasks offered to you")),
                        ("crisis_providers", _("Help providers you registered in a crisis"))]),
    (_("News and newsletter"), [("newsletter_subscriptions", _("Your newsletter subscriptions")),
                                ("newsletters_received", _("Newsletters sent to you")),
                                ("news_posts_written", _("News posts you wrote"))]),
    (_("E-mail and SMS"), [("messages", _("E-mails and text messages we sent you")),
                           ("notifications", _("Notifications on My pages"))]),
    (_("What you have changed"), [("activity", _("Recorded changes"))]),
]

LABELS = {
    "birth_date": _("Date of birth"), "target_groups": _("Target groups you said you belong to"),
    "guardian_name": _("Guardian"), "guardian_email": _("Guardian's e-mail"), "asked": _("Asked"),
    "how": _("How"),
    "email": _("E-mail"), "first_name": _("First name"), "last_name": _("Last name"), "phone": _("Phone"),
    "date_joined": _("Account created"), "last_login": _("Last logged in"), "verified": _("Confirmed"),
    "primary": _("Main address"), "type": _("Kind"), "created": _("Created"), "last_used": _("Last used"),
    "provider": _("Service"), "uid": _("Your id there"), "details": _("What the service told us"),
    "actor": _("Association"), "role": _("Role"), "since": _("Since"), "sent": _("Sent"), "office": _("Office"),
    "title": _("Title"), "activity": _("Activity"), "starts": _("Starts"), "status": _("Status"), "name": _("Name"),
    "registered": _("Registered"), "place": _("Place"), "proposed": _("Proposed"), "skills": _("Skills and experience"),
    "will_not_do": _("What you will not do"), "availability": _("When you can help"),
    "districts": _("Parts of the municipality"), "languages": _("Languages"), "help_kinds": _("Kinds of help"),
    "areas": _("Areas"), "record_checked_on": _("Criminal-record extract, dated"),
    "record_seen_on": _("Extract seen on"), "consent_email": _("May be contacted by e-mail"),
    "consent_sms": _("May be contacted by SMS"), "crisis_help": _("May be asked in a crisis"),
    "assignments": _("Assignments"), "task": _("Task"), "hours": _("Hours"), "date": _("Date"),
    "note": _("Note"), "need": _("Need"), "kind": _("What it is"), "on_behalf_of": _("On behalf of"),
    "message": _("Message"), "reply": _("Reply"), "reference": _("Case number"), "received": _("Received"),
    "topic": _("Topic"), "district": _("Part of the municipality"), "answers": _("Answers"),
    "replies": _("What you wrote later"), "crisis": _("Crisis"), "for_whom": _("Who needs help"),
    "contact_name": _("Your name"), "address": _("Address"), "what": _("What help is needed"), "when": _("When"),
    "triage_note": _("The officials' note"), "outcome_note": _("Follow-up note"),
    "kept_for_case": _("Kept for a case"), "signed_up": _("Signed up"), "confirmed": _("Confirmed"),
    "help_request": _("Help request"), "offered": _("Offered"), "channel": _("Sent as"), "to": _("To"),
    "subject": _("Subject"), "text": _("Text"), "html": _("Text of the web version"), "by": _("By"),
    "object": _("What"), "changes": _("Changes"), "case_number": _("Case number"), "programme": _("Programme"),
    "amount_asked": _("Amount asked for"), "submitted": _("Submitted"), "application": _("Application"),
    "comment": _("Comment"),
    "dialogue": _("Dialogue"), "hidden_reason": _("Why it was hidden"), "reason": _("Reason"),
    "proposal": _("Proposal"), "said": _("You said"), "response": _("We did"), "outcome": _("Outcome"),
    "survey": _("Survey"), "question": _("Question"), "answer": _("Answer"),
    "newsletter": _("Newsletter"), "unsubscribed": _("Unsubscribed"), "language": _("Language"),
    "published": _("Published"), "url": _("Address"), "read": _("Read"),
    "version": _("Version"),
    "held_by": _("Handled by"), "consents": _("Your consents"), "given": _("Given"),
    "withdrawn": _("Withdrawn"),
    "area": _("Area"), "plan": _("Action plan"), "action": _("Action"), "indicator": _("Indicator"),
    "measured_on": _("Measured on"), "value": _("Value"), "entered": _("Entered"),
    "told_not_needed": _("Told you were not needed"), "choice": _("Your choice"), "association": _("Association"),
    "contact_phone": _("Contact phone"), "joined": _("Joined"), "help_provider": _("Help provider"),
    "helpers": _("Who went"),
    "committee": _("Committee"), "term": _("Expected decision"), "follows": _("Follows"),
    "coming_decision": _("Coming decision"),
}

# Codes in the download whose words are the models' choices, per part.
CHOICES = {
    ("dialogue_proposals", "status"): Moderated.Visibility, ("dialogue_comments", "status"): Moderated.Visibility,
    ("dialogue_reports", "status"): Report.Status, ("dialogue_feedback", "status"): FeedbackItem.Status,
    ("dialogue_feedback", "outcome"): FeedbackItem.Outcome,
    ("actors", "role"): ActorMembership.Role, ("invitations", "role"): ActorMembership.Role,
    ("activity_registrations", "status"): Registration.Status, ("meeting_places_proposed", "status"): MeetingPlace.Status,
    ("volunteer", "status"): Volunteer.Status, ("assignments", "status"): Assignment.Status,
    ("need_answers", "kind"): Answer.Kind, ("need_answers", "status"): Answer.Status,
    ("cases", "kind"): Case.Kind, ("cases", "status"): Case.Status,
    ("help_requests", "for_whom"): HelpRequest.ForWhom, ("help_requests", "status"): HelpRequest.Status,
    ("crisis_tasks", "status"): Task.Status, ("grant_applications", "status"): Application.Status,
    ("newsletter_subscriptions", "status"): Subscriber.Status,
    ("messages", "channel"): OutboxMessage.Channel, ("messages", "status"): OutboxMessage.Status,
}


def readable(data: dict) -> list[dict]:
    """The download as the page shows it: per part of the platform, per kind of record,
    each record as labelled values in words (dates as dates, codes as words)."""
    parts = []
    for heading, groups in PARTS:
        shown = []
        for key, title in groups:
            value = data.get(key)
            records = [value] if isinstance(value, dict) and value else value or []
            shown.append({"key": key, "title": title, "records": [_record(key, record) for record in records]})
        parts.append({"heading": heading, "groups": shown})
    return parts


def _record(part: str, record: dict) -> list[dict]:
    """[{"label": …, "text": …} or {"label": …, "entries": […]}] for one record."""
    rows = []
    for key, value in record.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            value = ["; ".join(f"{row['label']}: {row.get('text') or ', '.join(row['entries'])}"
                               for row in _record(key, item)) for item in value]
        else:
            value = _words(part, key, value)
        label = str(LABELS.get(key, key))
        rows.append({"label": label, "entries": value} if isinstance(value, list) else {"label": label, "text": value})
    return rows


def _words(part: str, key: str, value) -> str | list[str]:
    if value is None or value == "" or value == []:
        return "–"
    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    if key == "availability":
        return [str(dict(Availability.choices()).get(slot, slot)) for slot in value]
    if key == "action":
        return str(action_labels().get(value, value))
    if key == "html":
        return strip_tags(value)
    if isinstance(value, list):
        return [str(_words(part, key, item)) for item in value]
    if isinstance(value, dict):
        return "; ".join(f"{LABELS.get(k, k)}: {_words(part, k, v)}" for k, v in value.items())
    if (part, key) in CHOICES:
        return str(dict(CHOICES[part, key].choices).get(value, value))
    if isinstance(value, str) and ISO_MOMENT.match(value):
        moment = datetime.fromisoformat(value)
        if "T" in value:
            return formats.date_format(timezone.localtime(moment), "j F Y H.i")
        return formats.date_format(moment, "j F Y")
    return str(value)
