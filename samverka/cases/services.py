"""Every change to one-way-in cases. Each function takes the acting user as `by=`, runs in
one transaction, adds a step to the case's timeline, records an audit event and puts its
messages in the outbox in the same transaction. Each one an official does asks rules.py
itself whether `by` may (PermissionDenied), so the inbox, the admin and a command are held
to the same rules; `by=None` is the platform itself (see `core.access.require_perm`)."""

from __future__ import annotations

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samverka.accounts.models import User
from samverka.communication import limits
from samverka.communication.services import queue_email, queue_sms
from samverka.core import audit
from samverka.core.access import require_perm
from samverka.core.errors import ActionError
from samverka.municipality.models import District, Municipality, Office, OfficeMembership

from .models import Case, CaseCounter, CaseEvent, RoutingRule, Topic
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
                email: str = "", phone: str = "", language: str | None = None, now=None) -> Case:
    """Take a message in, give it a case number and a deadline, route it, tell the sender
    and the office."""
    now = now or timezone.now()
    user = by if getattr(by, "is_authenticated", False) else None
    email = (email or "").strip().lower()
    phone = (phone or "").strip()
    if not email and user is not None and not phone:
        email = user.email
    if not email and not phone:
        raise ActionError(_("Write an e-mail address or a phone number, so that we can answer you."))
    message = (message or "").strip()
    if not message:
        raise ActionError(_("Write your message."))
    rule = routing_rule(topic=topic, district=district)
    # A coordinator who has left the office (or the municipality) no longer takes cases.
    coordinator = rule.coordinator if rule and rule.coordinator_id and rule.coordinator_works_in_office() else None
    case = Case.objects.create(
        reference=next_reference(timezone.localtime(now).year), kind=kind, topic=topic, district=district,
        message=message, name=" ".join(name.split())[:150], email=email, phone=phone, user=user,
        language=(language or translation.get_language() or settings.LANGUAGE_CODE)[:10],
        received_at=now, answer_by=answer_deadline(now, topic), office=rule.office if rule else None,
        assigned_to=coordinator,
    )
    CaseEvent.objects.create(case=case, kind=CaseEvent.Kind.RECEIVED, created_at=now, by=user)
    audit.record(by=by, action="case.submit", target=case,
                 changes={"kind": kind, "topic": topic.slug, "district": district.slug if district else None})
    if case.office_id:
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
    return Case.objects.select_for_update(of=("self",)).select_related("office", "topic").get(pk=case.pk)


@transaction.atomic
def assign_case(*, by, case: Case) -> Case:
    case = _locked(case)
    require_perm(by, "cases.handle_case", case)
    if not case.is_open:
        raise ActionError(_("The case is answered or closed. Reopen it to take it."))
    if case.assigned_to_id == by.pk:
        return case
    case.assigned_to = by
    case.status = Case.Status.IN_PROGRESS
    case.save(update_fields=["assigned_to", "status"])
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
    case.office, case.assigned_to = office, None
    if case.status == Case.Status.IN_PROGRESS:
        case.status = Case.Status.RECEIVED
    case.save(update_fields=["office", "assigned_to", "status"])
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
