"""Every change to one-way-in cases. Each function takes the acting user as `by=`, runs in
one transaction, adds a step to the case's timeline, records an audit event and puts its
messages in the outbox in the same transaction. Each one an official does asks rules.py
itself whether `by` may (PermissionDenied), so the inbox, the admin and a command are held
to the same rules; `by=None` is the platform itself (see `core.access.require_perm`)."""

from __future__ import annotations

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samverka.accounts.models import User
from samverka.communication import limits
from samverka.communication.services import queue_email, queue_sms
from samverka.core import audit, versions
from samverka.core.access import require_perm
from samverka.core.errors import ActionError
from samverka.municipality.models import District, Municipality, Office, OfficeMembership

from .models import Case, CaseCounter, CaseEvent, Consent, Link, LinkParty, LinkRule, RoutingRule, Topic
from .workdays import add_working_days

PREFIX = "EVI"  # En väg in
SMS_ANSWER_LIMIT = 300



# ---------------------------------------------------------------- routing and numbers


def route(*, topic: Topic, district: District | None) -> Office | None:
    """The office of the most specific rule that matches (topic and district, topic, district,
    catch-all); None if no rule matches, not even a catch-all."""
    rule = routing_rule(topic=topic, district=district)
    return rule.office if rule else None


def routing_rule(*, topic: Topic, district: District | None) -> RoutingRule | None:
    candidates = list(
        RoutingRule.objects.filter(Q(topic=topic) | Q(topic__isnull=True))
        .filter(Q(district=district) | Q(district__isnull=True) if district else Q(district__isnull=True))
        .select_related("office")
    )
    return max(candidates, key=lambda r: r.specificity) if candidates else None


@transaction.atomic
def save_routing(*, by, obj: Topic | RoutingRule) -> Topic | RoutingRule:
    """Save a topic or a routing rule (the administrator, in the admin)."""
    require_perm(by, "cases.edit_routing")
    changes = {"topic": str(obj)} if isinstance(obj, Topic) else {"rule": str(obj), "office": str(obj.office)}
    obj.save()
    audit.record(by=by, action="routing.save", target=obj, changes=changes)
    return obj


@transaction.atomic
def delete_routing(*, by, objs) -> None:
    """Delete topics or routing rules: one object or a QuerySet."""
    require_perm(by, "cases.edit_routing")
    for obj in [objs] if isinstance(objs, (Topic, RoutingRule)) else objs:
        audit.record(by=by, action="routing.delete", target=obj, changes={"name": str(obj)})
    objs.delete()


def next_reference(year: int) -> str:
    """EVI-2026-0042. The counter's row is incremented inside the caller's transaction: on
    PostgreSQL the UPDATE holds the row until commit, on SQLite the IMMEDIATE transaction holds
    the write lock, so no two cases get the same number."""
    if not CaseCounter.objects.filter(year=year).update(last=F("last") + 1):
        try:
            with transaction.atomic():
                CaseCounter.objects.create(year=year, last=1)
        except IntegrityError:  # another case created the year's row first
            CaseCounter.objects.filter(year=year).update(last=F("last") + 1)
    number = CaseCounter.objects.get(year=year).last
    return f"{PREFIX}-{year}-{number:04d}"


def answer_deadline(received_at, topic: Topic):
    return add_working_days(timezone.localdate(received_at), topic.answer_days)


# ---------------------------------------------------------------- the sender


@transaction.atomic
def submit_case(*, by, kind: str, topic: Topic, district: District | None, message: str, name: str,
                email: str = "", phone: str = "", language: str | None = None, now=None, link: Link | None = None,
                consent: bool = False, registered_at: LinkParty | None = None,
                to_party: LinkParty | None = None) -> Case:
    """Take a message in, give it a case number and a deadline, route it, tell the sender
    and the office.

    A case about a topic of an active link across organisations (or sent through a link's
    own page, `link`) goes to the link's party for it; to an organisation outside the
    municipality only with the person's `consent`, else to the link's coordinator. A handler
    of a party who registers a phone call for someone (`registered_at`: their party) records
    the consent given by phone, and the case starts with their party.

    `to_party`: the party of the link the person chose to contact. It gets the case at once
    (an organisation outside the municipality only with `consent`, which is then recorded as
    given to it by name); without a choice the link's rules decide."""
    now = now or timezone.now()
    if registered_at is not None:
        require_perm(by, "cases.register_call", registered_at)
        link = registered_at.link
    user = by if getattr(by, "is_authenticated", False) and registered_at is None else None
    email = (email or "").strip().lower()
    phone = (phone or "").strip()
    if not email and user is not None and not phone:
        email = user.email
    if not email and not phone:
        raise ActionError(_("Write an e-mail address or a phone number, so that we can answer you."))
    message = (message or "").strip()
    if not message:
        raise ActionError(_("Write your message."))
    if link is None:
        link = Link.objects.active().for_topic(topic)
    elif not link.active:
        raise ActionError(_("This link takes no new cases."))
    if to_party is not None:
        if link is None or to_party.link_id != link.pk or not to_party.is_active(timezone.localdate(now)):
            raise ActionError(_("Choose one of the link's parties, or “No one in particular”."))
        if to_party.is_partner and not consent:
            raise ActionError(_("To contact %(party)s, tick the box: without your consent your details stay with the "
                                "municipality. Or choose “No one in particular”.") % {"party": to_party.label})
    if link is not None:
        party = registered_at or to_party or link_party_for(link=link, topic=topic, district=district,
                                                            consent=consent)
        rule, coordinator, office = None, None, party.office or link.coordinator_office
        deadline = add_working_days(timezone.localdate(now), link.answer_days)
    else:
        party = None
        rule = routing_rule(topic=topic, district=district)
        # A coordinator who has left the office (or the municipality) no longer takes cases.
        coordinator = rule.coordinator if rule and rule.coordinator_id and rule.coordinator_works_in_office() else None
        office, deadline = (rule.office if rule else None), answer_deadline(now, topic)
    case = Case.objects.create(
        reference=next_reference(timezone.localtime(now).year), kind=kind, topic=topic, district=district,
        message=message, name=" ".join(name.split())[:150], email=email, phone=phone, user=user,
        language=(language or translation.get_language() or settings.LANGUAGE_CODE)[:10],
        received_at=now, answer_by=deadline, office=office, assigned_to=coordinator,
        link=link, party=party, party_since=now if party else None,
    )
    registered_by = by if registered_at is not None else None
    CaseEvent.objects.create(case=case, kind=CaseEvent.Kind.RECEIVED, created_at=now, by=user or registered_by,
                             party=registered_at)
    audit.record(by=by, action="case.submit", target=case,
                 changes={"kind": kind, "topic": topic.slug, "district": district.slug if district else None,
                          **({"link": link.slug} if link else {}),
                          **({"chosen": to_party.label} if to_party else {}),
                          **({"registered_at": registered_at.label} if registered_at else {})})
    # Consent is about organisations outside the municipality: one chosen by name gets it by
    # name; an office chosen needs none.
    consent_to = to_party if to_party is not None and to_party.is_partner else None
    if link is not None and (registered_at is not None or (consent and (to_party is None or consent_to))):
        given = Consent.objects.create(
            case=case, party=consent_to, given_at=now, recorded_by=registered_by,
            given_how=Consent.How.PHONE if registered_at is not None else Consent.How.FORM)
        CaseEvent.objects.create(case=case, kind=CaseEvent.Kind.CONSENT, created_at=now, by=registered_by,
                                 party=consent_to, text=given.get_scope_display())
    if party is not None:
        event = CaseEvent.objects.create(case=case, kind=CaseEvent.Kind.ROUTED, created_at=now, office=party.office,
                                         party=party)
        audit.record(by=None, action="case.route", target=case, changes={"party": party.label})
        _tell_party(case, event)
    elif case.office_id:
        event = CaseEvent.objects.create(case=case, kind=CaseEvent.Kind.ROUTED, created_at=now, office=case.office)
        audit.record(by=None, action="case.route", target=case,
                     changes={"office": case.office.slug, **({"coordinator": coordinator.pk} if coordinator else {})})
        _tell_office(case, event)
    else:
        _tell_municipality(case)
    if user is not None and email == user.email.strip().lower() and not phone:
        verdict = limits.Verdict.SEND  # the account's own address: nobody else's
    else:
        verdict = limits.allow("cases.received", email or phone, now=now)
    if verdict != limits.Verdict.SEND:
        return case  # kept and routed; the receipt is held back (communication.limits)
    _tell_sender(case, template="cases/email/received", key=f"case-{case.pk}-received",
                 sms=_("We have received your message. Case number %(reference)s. "
                       "We answer by %(date)s at the latest. Follow it here: %(link)s"))
    return case


@transaction.atomic
def add_reply(*, by, case: Case, text: str, now=None) -> CaseEvent:
    """The sender writes more in their case (on their own page, reached by the private link
    or from their account). An open case keeps the deadline it was promised; an answered case
    opens again and gets a new deadline, counted from today like a new message. A closed case
    takes nothing more: the sender sends a new message. The case shows as having news in the
    inbox until someone answers or closes it, and the office is told by e-mail."""
    text = (text or "").strip()
    if not text:
        raise ActionError(_("Write your message."))
    case = _locked(case)
    if not case.takes_replies:
        raise ActionError(_("The case is closed. If you want to add something, send a new message and write the "
                            "case number in it."))
    now = now or timezone.now()
    user = by if getattr(by, "is_authenticated", False) else None
    event = CaseEvent.objects.create(case=case, kind=CaseEvent.Kind.REPLY, by=user, text=text, created_at=now)
    fields, changes = [], {}
    if case.news_at is None:
        case.news_at = now
        fields.append("news_at")
    if case.status == Case.Status.ANSWERED:
        status = Case.Status.IN_PROGRESS if case.assigned_to_id else Case.Status.RECEIVED
        deadline = answer_deadline(now, case.topic)
        changes = {"status": [case.status, status], "answer_by": [case.answer_by.isoformat(), deadline.isoformat()]}
        case.status, case.answer_by = status, deadline
        fields += ["status", "answer_by"]
    if fields:
        case.save(update_fields=fields)
    audit.record(by=by, action="case.reply", target=case, changes=changes)
    _tell_about_reply(case, event)
    return event


# ---------------------------------------------------------------- the officials


def _locked(case: Case) -> Case:
    return (Case.objects.select_for_update(of=("self",))
            .select_related("office", "topic", "link", "party__actor", "party__office", "assigned_to")
            .get(pk=case.pk))


@transaction.atomic
def assign_case(*, by, case: Case) -> Case:
    case = _locked(case)
    require_perm(by, "cases.handle_case", case)
    if not case.is_open:
        raise ActionError(_("The case is answered or closed. Reopen it to take it."))
    if case.assigned_to_id == by.pk:
        return case
    if case.link_id and case.assigned_to_id:
        raise ActionError(_("%(name)s took the case a moment ago. It is theirs now; ask the coordinator if it "
                            "should be yours.") % {"name": case.assigned_to.display_name})
    # A conditional update as well as the lock: of two people taking the case at once, one wins.
    if not Case.objects.filter(pk=case.pk, party_id=case.party_id, assigned_to=case.assigned_to_id).update(
            assigned_to=by, status=Case.Status.IN_PROGRESS):
        raise ActionError(_("Someone else took the case a moment ago. Reload the page to see who."))
    case.assigned_to, case.status = by, Case.Status.IN_PROGRESS
    CaseEvent.objects.create(case=case, kind=CaseEvent.Kind.ASSIGNED, by=by)
    audit.record(by=by, action="case.assign", target=case)
    return case


@transaction.atomic
def reroute_case(*, by, case: Case, office: Office, note: str) -> Case:
    """Hand the case to another office with a note for them. The case stays inside the
    municipality (the sender is never asked to write again) and keeps its deadline."""
    case = _locked(case)
    require_perm(by, "cases.handle_case", case)
    note = (note or "").strip()
    if not note:
        raise ActionError(_("Write a note for the office that takes over: what is it about, what has been done?"))
    if case.status == Case.Status.CLOSED:
        raise ActionError(_("The case is closed. Reopen it before handing it on."))
    if office.pk == case.office_id:
        raise ActionError(_("The case is already with this office. Choose another office."))
    before = case.office
    if case.link_id:
        party = case.link.parties.active().filter(office=office).first()
        case.party, case.party_since = party, timezone.now()
        if party is None:  # an office outside the link: the case leaves it
            case.link = None
    case.office, case.assigned_to = office, None
    if case.status == Case.Status.IN_PROGRESS:
        case.status = Case.Status.RECEIVED
    case.save(update_fields=["office", "assigned_to", "status", "party", "party_since", "link"])
    event = CaseEvent.objects.create(case=case, kind=CaseEvent.Kind.REROUTED, by=by, from_office=before,
                                     office=office, text=note)
    audit.record(by=by, action="case.reroute", target=case,
                 changes={"office": [before.slug if before else None, office.slug]})
    _tell_office(case, event)
    return case


@transaction.atomic
def add_note(*, by, case: Case, text: str) -> CaseEvent:
    text = (text or "").strip()
    if not text:
        raise ActionError(_("Write the note."))
    case = _locked(case)
    require_perm(by, "cases.handle_case", case)
    event = CaseEvent.objects.create(case=case, kind=CaseEvent.Kind.NOTE, by=by, text=text)
    audit.record(by=by, action="case.note", target=case)
    return event


@transaction.atomic
def answer_case(*, by, case: Case, text: str, close: bool = False) -> CaseEvent:
    """Send an answer to the sender (e-mail, or SMS if they gave only a phone number)."""
    text = (text or "").strip()
    if not text:
        raise ActionError(_("Write the answer."))
    case = _locked(case)
    require_perm(by, "cases.handle_case", case)
    if case.status == Case.Status.CLOSED:
        raise ActionError(_("The case is closed. Reopen it before answering."))
    now = timezone.now()
    event = CaseEvent.objects.create(case=case, kind=CaseEvent.Kind.ANSWER, by=by, text=text, created_at=now)
    case.status = Case.Status.ANSWERED
    case.answered_at = case.answered_at or now
    case.news_at = None
    if case.assigned_to_id is None:
        case.assigned_to = by
    case.save(update_fields=["status", "answered_at", "news_at", "assigned_to"])
    audit.record(by=by, action="case.answer", target=case)
    short = len(text) <= SMS_ANSWER_LIMIT
    _tell_sender(case, template="cases/email/answer", key=f"case-answer-{event.pk}", context={"answer": event},
                 sms=(_("Answer about %(reference)s: %(text)s More: %(link)s") if short
                      else _("You have an answer about %(reference)s. Read it here: %(link)s")),
                 sms_params={"text": text})
    if close:
        _close(by=by, case=case)
    return event


def _close(*, by, case: Case, note: str = "") -> None:
    case.status = Case.Status.CLOSED
    case.closed_at = timezone.now()
    case.news_at = None
    case.save(update_fields=["status", "closed_at", "news_at"])
    CaseEvent.objects.create(case=case, kind=CaseEvent.Kind.CLOSED, by=by, text=note)
    audit.record(by=by, action="case.close", target=case)


@transaction.atomic
def close_case(*, by, case: Case, note: str = "") -> Case:
    """Close the case. `note` is internal (e.g. "answered by phone")."""
    case = _locked(case)
    require_perm(by, "cases.handle_case", case)
    if case.status == Case.Status.CLOSED:
        raise ActionError(_("The case is already closed."))
    _close(by=by, case=case, note=(note or "").strip())
    return case


@transaction.atomic
def reopen_case(*, by, case: Case) -> Case:
    case = _locked(case)
    require_perm(by, "cases.handle_case", case)
    if case.status != Case.Status.CLOSED:
        raise ActionError(_("The case is not closed."))
    case.status = Case.Status.ANSWERED if case.answered_at else Case.Status.RECEIVED
    case.closed_at = None
    case.save(update_fields=["status", "closed_at"])
    CaseEvent.objects.create(case=case, kind=CaseEvent.Kind.REOPENED, by=by)
    audit.record(by=by, action="case.reopen", target=case)
    return case


# ---------------------------------------------------------------- links across organisations


def coordinator_party(link: Link) -> LinkParty:
    """The coordinating office's party of the link (made when first needed)."""
    party, _created = LinkParty.objects.get_or_create(link=link, office=link.coordinator_office,
                                                      defaults={"joined_at": timezone.localdate()})
    if party.left_at is not None:  # the coordinator never leaves its own link
        LinkParty.objects.filter(pk=party.pk).update(left_at=None)
        party.left_at = None
    return party


def link_party_for(*, link: Link, topic: Topic, district: District | None, consent: bool) -> LinkParty:
    """The party of the most specific rule of the link that matches; the coordinator when no
    rule matches, the party has left, or it is an organisation and the person gave no consent."""
    rules = [r for r in link.rules.select_related("party__actor", "party__office")
             if r.topic_id in (None, topic.pk) and r.district_id in (None, district.pk if district else None)]
    rule = max(rules, key=lambda r: r.specificity) if rules else None
    if rule is None or not rule.party.is_active() or (rule.party.is_partner and not consent):
        return coordinator_party(link)
    return rule.party


def _consents_to(case: Case, party: LinkParty) -> bool:
    return case.consents.filter(withdrawn_at__isnull=True).filter(Q(party=party) | Q(party__isnull=True)).exists()


def _move(case: Case, party: LinkParty, *, now) -> None:
    case.party, case.party_since, case.assigned_to = party, now, None
    case.office = party.office or case.link.coordinator_office
    if case.status == Case.Status.IN_PROGRESS:
        case.status = Case.Status.RECEIVED
    case.save(update_fields=["party", "party_since", "assigned_to", "office", "status"])


@transaction.atomic
def hand_over(*, by, case: Case, party: LinkParty, note: str, now=None) -> Case:
    """Hand a link's case to another party with a note. The deadline and the promise to call
    back stay as they were. A party cannot hand the case straight back to the party that just
    handed it over (only the coordinator can); a party that has left the link takes nothing,
    so the case goes to the coordinator; an organisation outside the municipality gets it only
    with the person's consent."""
    now = now or timezone.now()
    case = _locked(case)
    if not (by.has_perm("cases.handle_case", case) or by.has_perm("cases.coordinate_link", case.link)):
        require_perm(by, "cases.handle_case", case)
    note = (note or "").strip()
    if not note:
        raise ActionError(_("Write a note for the party that takes over: what is it about, what has been done?"))
    if case.link_id is None or party.link_id != case.link_id:
        raise ActionError(_("Choose a party of the case's link."))
    if case.status == Case.Status.CLOSED:
        raise ActionError(_("The case is closed. Reopen it before handing it on."))
    if party.pk == case.party_id:
        raise ActionError(_("The case is already with this party. Choose another party."))
    coordinating = by.has_perm("cases.coordinate_link", case.link)
    last = case.events.filter(kind__in=[CaseEvent.Kind.HANDOVER, CaseEvent.Kind.ESCALATED]).order_by("-pk").first()
    to_coordinator = party.office_id == case.link.coordinator_office_id
    if (not coordinating and not to_coordinator and last is not None and last.kind == CaseEvent.Kind.HANDOVER
            and last.party_id == case.party_id and last.from_party_id == party.pk):
        raise ActionError(_("%(party)s just handed this case to you. It cannot go straight back: take it, hand it "
                            "to another party, or send it to the coordinator.") % {"party": party.label})
    target, left = party, not party.is_active()
    if left:
        target = coordinator_party(case.link)
    if target.is_partner and not _consents_to(case, target):
        raise ActionError(_("The person has not agreed that their details go to %(party)s. Record their consent "
                            "first (ask them by phone), or choose a party within the municipality.")
                          % {"party": target.label})
    before = case.party
    _move(case, target, now=now)
    event = CaseEvent.objects.create(case=case, kind=CaseEvent.Kind.HANDOVER, by=by, created_at=now,
                                     from_party=before, party=target, office=target.office, text=note)
    if left:
        CaseEvent.objects.create(case=case, kind=CaseEvent.Kind.ESCALATED, created_at=now, party=target,
                                 text=_("%(party)s has left the link.") % {"party": party.label})
    audit.record(by=by, action="case.hand_over", target=case,
                 changes={"party": [before.label if before else None, target.label], "left": left})
    _tell_party(case, event)
    return case


@transaction.atomic
def record_consent(*, by, case: Case, party: LinkParty | None = None, scope: str = Consent.Scope.ALL,
                   now=None) -> Consent:
    """A handler records the consent the person gave by phone (to one party, or to any)."""
    now = now or timezone.now()
    case = _locked(case)
    if not by.has_perm("cases.coordinate_link", case.link):
        require_perm(by, "cases.handle_case", case)
    if case.link_id is None:
        raise ActionError(_("The case is in no link; nothing leaves the municipality."))
    if party is not None and party.link_id != case.link_id:
        raise ActionError(_("Choose a party of the case's link."))
    consent = Consent.objects.create(case=case, party=party, scope=scope, given_at=now, recorded_by=by,
                                     given_how=Consent.How.PHONE)
    CaseEvent.objects.create(case=case, kind=CaseEvent.Kind.CONSENT, by=by, created_at=now, party=party,
                             text=consent.get_scope_display())
    audit.record(by=by, action="case.consent", target=case,
                 changes={"to": consent.to_label, "scope": scope, "how": consent.given_how})
    return consent


@transaction.atomic
def withdraw_consent(*, by, consent: Consent, through_private_link: bool = False, now=None) -> Case:
    """The person withdraws their consent (on their own page, or by phone to a handler). A
    partner organisation that held the case only by that consent loses it at once: the case
    goes back to the coordinator and its timeline says so."""
    now = now or timezone.now()
    case = _locked(consent.case)
    if not through_private_link and not by.has_perm("cases.coordinate_link", case.link):
        require_perm(by, "cases.handle_case", case)
    consent = Consent.objects.select_for_update().get(pk=consent.pk)
    if consent.withdrawn_at is not None:
        raise ActionError(_("This consent is already withdrawn."))
    user = by if getattr(by, "is_authenticated", False) else None
    consent.withdrawn_at, consent.withdrawn_by = now, user
    consent.save(update_fields=["withdrawn_at", "withdrawn_by"])
    CaseEvent.objects.create(case=case, kind=CaseEvent.Kind.WITHDRAWN, by=user, created_at=now, party=consent.party)
    audit.record(by=by, action="case.withdraw_consent", target=case, changes={"to": consent.to_label})
    if case.party_id and case.party.is_partner and not _consents_to(case, case.party):
        before = case.party
        _move(case, coordinator_party(case.link), now=now)
        event = CaseEvent.objects.create(
            case=case, kind=CaseEvent.Kind.ESCALATED, created_at=now, from_party=before, party=case.party,
            text=_("The consent was withdrawn: %(party)s no longer sees the case.") % {"party": before.label})
        audit.record(by=None, action="case.escalate", target=case, changes={"party": [before.label, case.party.label],
                                                                           "why": "consent withdrawn"})
        _tell_party(case, event)
    return case


def due_for_coordinator(*, today) -> list[tuple[int, str]]:
    """Open link cases the coordinator must take over: (case id, why)."""
    found = []
    cases = (Case.objects.open().filter(link__isnull=False, party__isnull=False)
             .exclude(party__office=F("link__coordinator_office"))
             .select_related("party", "link").only("pk", "answer_by", "assigned_to", "party_since", "party", "link"))
    for case in cases.iterator(chunk_size=500):
        if not case.party.is_active(today):
            found.append((case.pk, "left"))
        elif case.answer_by < today:
            found.append((case.pk, "overdue"))
        elif case.assigned_to_id is None and case.party_since and \
                add_working_days(timezone.localdate(case.party_since), case.link.take_within_days) <= today:
            found.append((case.pk, "untaken"))
    return found


def send_to_coordinators(*, now=None) -> int:
    """The daily job: open link cases that are late, that nobody took within the link's days,
    or held by a party that has left, go to the link's coordinator (each once: the coordinator
    holds them afterwards). The deadline stays."""
    now = now or timezone.now()
    why_text = {"left": _("The party has left the link."), "overdue": _("The answer is late."),
                "untaken": _("Nobody took the case in time.")}
    moved = 0
    for pk, why in due_for_coordinator(today=timezone.localdate(now)):
        with transaction.atomic():
            case = _locked(Case(pk=pk))
            before = case.party
            coordinator = coordinator_party(case.link)
            if not case.is_open or before is None or before.pk == coordinator.pk:
                continue
            _move(case, coordinator, now=now)
            with translation.override(settings.LANGUAGE_CODE):
                text = str(why_text[why])
            event = CaseEvent.objects.create(case=case, kind=CaseEvent.Kind.ESCALATED, created_at=now,
                                             from_party=before, party=coordinator, text=text)
            audit.record(by=None, action="case.escalate", target=case,
                         changes={"party": [before.label, coordinator.label], "why": why})
            _tell_party(case, event)
            moved += 1
    return moved


def log_partner_read(*, by, case: Case) -> None:
    """Every read of a case by a partner organisation's handler, in the audit log (the
    privacy log people see under "who read my data")."""
    audit.record(by=by, action="case.partner_read", target=case,
                 changes={"party": case.party.label if case.party_id else None})


@transaction.atomic
def save_link(*, by, link: Link) -> Link:
    require_perm(by, "cases.edit_routing")
    link.save()
    coordinator_party(link)
    audit.record(by=by, action="link.save", target=link, changes={"name": link.name, "active": link.active})
    versions.renew("cases")  # the actor pages say which links an organisation takes part in
    return link


@transaction.atomic
def save_link_party(*, by, party: LinkParty) -> LinkParty:
    """Add a party, change its handlers' list or record that it leaves the link: a party
    that has left hands its open cases to the coordinator at once."""
    require_perm(by, "cases.coordinate_link", party.link)
    party.save()
    audit.record(by=by, action="link.save_party", target=party.link,
                 changes={"party": party.label, "left": party.left_at.isoformat() if party.left_at else None})
    if not party.is_active():
        transaction.on_commit(lambda: send_to_coordinators())
    versions.renew("cases")
    return party


# ---------------------------------------------------------------- the coordinator's set-up of a link


def _no_longer_in(party: LinkParty) -> ActionError:
    return ActionError(_("%(party)s does not take part in the link now.") % {"party": party.label})


@transaction.atomic
def add_link_party(*, by, link: Link, office: Office | None = None, actor=None, now=None) -> LinkParty:
    """An office or an organisation joins the link today. One that left joins again: its
    row, its handlers and the timelines of its old cases are kept."""
    require_perm(by, "cases.coordinate_link", link)
    if (office is None) == (actor is None):
        raise ActionError(_("Choose an office or an organisation, not both."))
    today = timezone.localdate(now or timezone.now())
    party = (LinkParty.objects.select_for_update(of=("self",)).select_related("actor", "office")
             .filter(link=link, office=office, actor=actor).first())
    if party is not None and party.is_active(today):
        raise ActionError(_("%(party)s already takes part in the link.") % {"party": party.label})
    if party is None:
        try:
            with transaction.atomic():
                party = LinkParty.objects.create(link=link, office=office, actor=actor, joined_at=today)
        except IntegrityError:  # someone added it a moment ago
            raise ActionError(_("%(party)s already takes part in the link.")
                              % {"party": actor.name if actor else office.label}) from None
        rejoined = False
    else:
        party.joined_at, party.left_at = today, None
        party.save(update_fields=["joined_at", "left_at"])
        rejoined = True
    audit.record(by=by, action="link.add_party", target=link, changes={"party": party.label, "again": rejoined})
    versions.renew("cases")
    return party


@transaction.atomic
def leave_link(*, by, party: LinkParty, now=None) -> int:
    """The party leaves the link today: it takes no new cases, and the open cases it holds go
    to the coordinator at once with their deadlines. Its rules, its handlers and every case's
    timeline are kept. Returns how many cases went to the coordinator."""
    now = now or timezone.now()
    party = LinkParty.objects.select_for_update(of=("self",)).select_related("link", "actor", "office").get(pk=party.pk)
    link = party.link
    require_perm(by, "cases.coordinate_link", link)
    if party.office_id is not None and party.office_id == link.coordinator_office_id:
        raise ActionError(_("The coordinating office cannot leave its own link."))
    today = timezone.localdate(now)
    if not party.is_active(today):
        raise _no_longer_in(party)
    party.left_at = today
    party.save(update_fields=["left_at"])
    coordinator = coordinator_party(link)
    with translation.override(settings.LANGUAGE_CODE):
        why = _("%(party)s has left the link.") % {"party": party.label}
    moved = 0
    held = (Case.objects.open().filter(party=party).select_for_update(of=("self",))
            .select_related("link", "topic", "party__actor", "party__office").order_by("pk"))
    for case in held:
        _move(case, coordinator, now=now)
        event = CaseEvent.objects.create(case=case, kind=CaseEvent.Kind.ESCALATED, created_at=now, by=by,
                                         from_party=party, party=coordinator, text=why)
        audit.record(by=by, action="case.escalate", target=case,
                     changes={"party": [party.label, coordinator.label], "why": "left"})
        _tell_party(case, event)
        moved += 1
    audit.record(by=by, action="link.leave", target=link,
                 changes={"party": party.label, "left": today.isoformat(), "cases": moved})
    versions.renew("cases")
    return moved


@transaction.atomic
def add_party_handler(*, by, party: LinkParty, user: User) -> None:
    """Name one of an organisation's representatives as a handler: they see the cases the
    organisation holds in the link. Naming someone twice changes nothing."""
    party = LinkParty.objects.select_for_update(of=("self",)).select_related("link", "actor").get(pk=party.pk)
    require_perm(by, "cases.coordinate_link", party.link)
    if not party.is_partner:
        raise ActionError(_("An office's officials handle its cases. Name handlers only for organisations."))
    if not party.is_active():
        raise _no_longer_in(party)
    if not user.is_active or not party.actor.memberships.filter(user=user).exists():
        raise ActionError(_("%(name)s does not represent %(party)s. Ask the organisation to invite them first.")
                          % {"name": user.display_name, "party": party.label})
    if party.handlers.filter(pk=user.pk).exists():
        return
    party.handlers.add(user)
    audit.record(by=by, action="link.add_handler", target=party.link,
                 changes={"party": party.label, "handler": user.display_name})


@transaction.atomic
def remove_party_handler(*, by, party: LinkParty, user: User) -> None:
    """The person no longer sees the organisation's cases. The last handler of an
    organisation that holds open cases stays until another is named or the cases are
    handed on: a case is never left where nobody sees it."""
    party = LinkParty.objects.select_for_update(of=("self",)).select_related("link", "actor").get(pk=party.pk)
    require_perm(by, "cases.coordinate_link", party.link)
    if not party.handlers.filter(pk=user.pk).exists():
        return
    if party.handlers.count() == 1 and party.is_active() and party.cases.open().exists():
        raise ActionError(_("%(name)s is the only handler of %(party)s, which holds open cases. Name another "
                            "handler first, or hand the cases on.")
                          % {"name": user.display_name, "party": party.label})
    party.handlers.remove(user)
    audit.record(by=by, action="link.remove_handler", target=party.link,
                 changes={"party": party.label, "handler": user.display_name})


@transaction.atomic
def set_link_topics(*, by, link: Link, topics) -> None:
    """What the link is for: a message about one of these topics through the one way in goes
    to the link. A topic belongs to one active link at most."""
    require_perm(by, "cases.coordinate_link", link)
    topics = list(topics)
    taken = (Link.topics.through.objects.filter(topic__in=topics, link__active=True).exclude(link=link)
             .select_related("topic", "link").order_by("topic__position", "topic__name").first())
    if taken is not None:
        raise ActionError(_("%(topic)s already goes to %(link)s. Choose other topics, or ask its coordinator to "
                            "let it go.") % {"topic": taken.topic.label, "link": taken.link.label})
    before = sorted(link.topics.values_list("slug", flat=True))
    link.topics.set(topics)
    audit.record(by=by, action="link.topics", target=link,
                 changes={"topics": [before, sorted(t.slug for t in topics)]})


@transaction.atomic
def add_link_rule(*, by, link: Link, topic: Topic | None, district: District | None,
                  party: LinkParty) -> LinkRule:
    """Cases about `topic` from `district` that the person sends without choosing a party go
    to `party` (the most specific rule wins; no rule: the coordinator)."""
    require_perm(by, "cases.coordinate_link", link)
    if party.link_id != link.pk:
        raise ActionError(_("Choose a party of the link."))
    if not party.is_active():
        raise _no_longer_in(party)
    try:
        with transaction.atomic():
            rule = LinkRule.objects.create(link=link, topic=topic, district=district, party=party)
    except IntegrityError:
        raise ActionError(_("There is already a rule for this topic and part of the municipality. Remove it "
                            "first.")) from None
    audit.record(by=by, action="link.add_rule", target=link, changes={"rule": str(rule)})
    return rule


@transaction.atomic
def remove_link_rule(*, by, rule: LinkRule) -> None:
    require_perm(by, "cases.coordinate_link", rule.link)
    audit.record(by=by, action="link.remove_rule", target=rule.link, changes={"rule": str(rule)})
    rule.delete()


def _tell_party(case: Case, event: CaseEvent) -> None:
    """The party that holds the case now: an organisation's named handlers, an office's
    officials. The message says only that a case has come, never what is in it."""
    party = case.party
    if party is None:
        return
    if party.is_partner:
        addresses = sorted({u.email for u in party.handlers.filter(is_active=True) if u.email})
        link = settings.SITE_URL + reverse("cases:link_case", args=[case.reference])
    else:
        addresses = official_emails(party.office)
        link = settings.SITE_URL + case.get_absolute_url()
    if not party.is_partner and case.link_id and party.office_id == case.link.coordinator_office_id:
        addresses = sorted({*addresses, *(u.email for u in case.link.coordinators.filter(is_active=True) if u.email)})
    if not addresses:
        _tell_municipality(case, key=f"case-unstaffed-{event.pk}")
        return
    for address in addresses:
        queue_email(to=address, template="cases/email/link_case", key=f"case-link-{event.pk}-{address}",
                    language=settings.LANGUAGE_CODE, context={"case": case, "event": event, "link": link})


# ---------------------------------------------------------------- messages


def _tell_sender(case: Case, *, template: str, key: str, sms: str, context=None, sms_params=None) -> None:
    link = settings.SITE_URL + case.get_private_url()
    if case.email:
        queue_email(to=case.email, template=template, key=key, language=case.language,
                    context={"case": case, "link": link, **(context or {})})
    elif case.phone:
        with translation.override(case.language):
            body = str(sms) % {"reference": case.reference, "link": link,
                               "date": _format_date(case.answer_by), **(sms_params or {})}
        queue_sms(to=case.phone, body=body, key=key)


def _format_date(day) -> str:
    from django.utils.formats import date_format

    return date_format(day, "j F Y")


def official_emails(office: Office) -> list[str]:
    emails = list(OfficeMembership.objects.filter(office=office, user__is_active=True)
                  .order_by("user__email").values_list("user__email", flat=True))
    return emails or ([office.email] if office.email else [])


def municipality_emails() -> list[str]:
    """Who routes by hand the cases no office can take: the municipality's contact address
    and the active administrators (on a new installation, before any office or rule exists,
    the administrator is the one who sees these cases in the inbox)."""
    admins = User.objects.filter(is_superuser=True, is_active=True).exclude(email="").order_by("email")
    emails = [Municipality.current().contact_email, *admins.values_list("email", flat=True)]
    return list(dict.fromkeys(e.strip().lower() for e in emails if e and e.strip()))


def _tell_office(case: Case, event: CaseEvent) -> None:
    addresses = official_emails(case.office)
    if not addresses:  # an office with no officials and no address: someone must still see it
        _tell_municipality(case, key=f"case-unstaffed-{event.pk}")
        return
    for address in addresses:
        queue_email(to=address, template="cases/email/routed", key=f"case-routed-{event.pk}-{address}",
                    language=settings.LANGUAGE_CODE,
                    context={"case": case, "event": event, "link": settings.SITE_URL + case.get_absolute_url()})


def _tell_municipality(case: Case, key: str | None = None) -> None:
    """A case no routing rule matched, or one routed to an office where nobody gets e-mail."""
    key = key or f"case-unrouted-{case.pk}"
    for address in municipality_emails():
        queue_email(to=address, template="cases/email/unrouted", key=f"{key}-{address}",
                    language=settings.LANGUAGE_CODE,
                    context={"case": case, "link": settings.SITE_URL + case.get_absolute_url()})


def _tell_about_reply(case: Case, event: CaseEvent) -> None:
    """The official who handles the case (while still in its office), else the office's
    officials, else whoever routes cases by hand."""
    handler = case.assigned_to
    if handler is not None and handler.is_active and handler.email and case.office_id \
            and OfficeMembership.objects.filter(office_id=case.office_id, user=handler).exists():
        addresses = [handler.email]
    elif case.office_id:
        addresses = official_emails(case.office) or municipality_emails()
    else:
        addresses = municipality_emails()
    for address in addresses:
        queue_email(to=address, template="cases/email/reply", key=f"case-reply-{event.pk}-{address}",
                    language=settings.LANGUAGE_CODE,
                    context={"case": case, "event": event, "link": settings.SITE_URL + case.get_absolute_url()})
