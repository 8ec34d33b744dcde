"""Crisis mode's rules: starting and closing a crisis, sign-ups and their confirmation,
help requests, triage, tasks offered to volunteers and their answers, and erasure.

Every change is one transaction with its audit event and the messages it sends (outbox).
A change someone makes (`by=`) is checked against rules.py here (PermissionDenied), so the
pages, the admin and commands are held to the same rules; the public forms, the worker and
the volunteer's link or SMS answer act without an account."""

from __future__ import annotations

import itertools
import logging
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samverka.communication import limits
from samverka.communication.services import email_message, queue_email, queue_messages, queue_sms, sms_message
from samverka.core import audit, versions
from samverka.core.access import require_perm
from samverka.core.errors import ActionError
from samverka.core.phone import display_phone
from samverka.core.tasks import wake
from samverka.volunteers.models import Volunteer
from samverka.volunteers.signup import retrying, upsert_volunteers_once

from .models import (
    Crisis,
    CrisisVolunteer,
    HelpProvider,
    HelpRequest,
    ProviderCapacity,
    ProviderTask,
    ReceivedSignUp,
    Task,
    new_code,
    new_token,
)
from .selectors import askable, capacity_today, crisis_kinds, unneeded_volunteers

log = logging.getLogger(__name__)

CONFIRM_VALID = timedelta(hours=48)
CONFIRM_ATTEMPTS = 5
RESEND_AFTER = timedelta(minutes=1)
MAX_SENDS = 5
MAX_ATTEMPTS = 5  # a received sign-up that fails this often waits for a person (logged)
REFERENCE_ALPHABET = "ACDEFGHJKLMNPQRTUVWXY34679"



class TaskTaken(ActionError):
    pass


# ---------------------------------------------------------------- the crisis under way


@dataclass(frozen=True)
class ActiveCrisis:
    """What every page needs to know about the crisis under way (kept in the cache)."""

    pk: int
    name: str
    message: str
    started_at: object
    help_kind_ids: tuple[int, ...]
    triage_office_ids: tuple[int, ...]


def active_crisis() -> ActiveCrisis | None:
    """The crisis under way. Kept in the cache under the crisis' version stamp: the one
    data cache besides the pages (docs/architecture.md), because every "I can help" answer
    in a surge asks for it (with the form's choices, crisis.forms.public_choices), and the
    four queries it saves were 2.5 of the 6.1 ms the server spent per sign-up."""
    key = f"crisis:active:{versions.current('crisis')}"
    value = cache.get(key)
    if value is None:
        crisis = Crisis.objects.filter(is_active=True).prefetch_related("help_kinds", "triage_offices").first()
        value = False
        if crisis is not None:
            value = ActiveCrisis(
                pk=crisis.pk, name=crisis.name, message=crisis.message, started_at=crisis.started_at,
                help_kind_ids=tuple(k.pk for k in crisis.help_kinds.all()),
                triage_office_ids=tuple(o.pk for o in crisis.triage_offices.all()),
            )
        cache.set(key, value, versions.STAMP_SECONDS)
    return value or None


def forget_active_crisis() -> None:
    """Every page shows the crisis banner: cached pages and the cached crisis are rebuilt."""
    versions.renew("crisis")


@transaction.atomic
def start_crisis(*, by, name: str, message: str = "", help_kinds=(), triage_offices=(),
                 retention_days: int = 90) -> Crisis:
    require_perm(by, "crisis.start_crisis")
    if Crisis.objects.filter(is_active=True).exists():
        raise ActionError(_("A crisis is already under way. Close it before you start another."))
    try:
        with transaction.atomic():
            crisis = Crisis.objects.create(name=name, message=message, started_by=by,
                                           retention_days=retention_days)
    except IntegrityError:
        raise ActionError(_("A crisis is already under way. Close it before you start another.")) from None
    crisis.help_kinds.set(help_kinds)
    crisis.triage_offices.set(triage_offices)
    audit.record(by=by, action="crisis.start", target=crisis, changes={
        "name": name, "help_kinds": [str(k) for k in help_kinds], "offices": [str(o) for o in triage_offices]})
    forget_active_crisis()
    return crisis


@transaction.atomic
def close_crisis(*, by, crisis: Crisis) -> Crisis:
    require_perm(by, "crisis.close_crisis", crisis)
    if not Crisis.objects.filter(pk=crisis.pk, is_active=True).update(
            is_active=False, ended_at=timezone.now(), ended_by=by):
        raise ActionError(_("This crisis is already closed."))
    crisis.refresh_from_db()
    # Offers nobody has answered lapse; accepted tasks go on until they are done.
    Task.objects.filter(help_request__crisis=crisis, status=Task.Status.OFFERED).update(status=Task.Status.CANCELLED)
    audit.record(by=by, action="crisis.close", target=crisis)
    forget_active_crisis()
    # Those who signed up and were never needed are told so, thanked and asked about their details.
    Crisis.objects.filter(pk=crisis.pk, release_started_at__isnull=True).update(release_started_at=timezone.now())
    transaction.on_commit(lambda pk=crisis.pk: _enqueue_release(pk))
    return crisis


@transaction.atomic
def update_crisis(*, by, crisis: Crisis, data: dict) -> Crisis:
    """Correct a crisis' name, message, kinds of help, offices or retention period (the
    administrator, in the admin); the banner on every page follows at once."""
    require_perm(by, "crisis.change_crisis", crisis)
    related = {k: v for k, v in data.items() if k in ("help_kinds", "triage_offices")}
    fields = {k: v for k, v in data.items() if k not in related}
    changes = audit.diff(crisis, fields)
    for name, value in fields.items():
        setattr(crisis, name, value)
    if changes:
        crisis.save(update_fields=list(changes))
    audit.set_related(crisis, related, changes)
    if changes:
        audit.record(by=by, action="crisis.update", target=crisis, changes=changes)
        forget_active_crisis()
    return crisis


@transaction.atomic
def delete_crisis(*, by, crisis: Crisis) -> None:
    """Delete a crisis with its sign-ups and requests (the administrator, in the admin)."""
    require_perm(by, "crisis.change_crisis", crisis)
    audit.record(by=by, action="crisis.delete", target=crisis, changes={"name": crisis.name})
    crisis.delete()
    forget_active_crisis()


# ---------------------------------------------------------------- "I can help"


def receive_signup(*, crisis_id: int, data: dict, language: str = "", token: str = "") -> int:
    """Store an "I can help" form as it arrived, with one statement, and wake the worker
    to make the volunteer of it (`process_received`); the stored row's id. A form sent
    again with the same submission token gets the first one's row (INSERT … ON CONFLICT:
    the row's token is written again, nothing else changes)."""
    pk = ReceivedSignUp.objects.store(crisis_id=crisis_id, data=data, language=language, token=token[:64] or None)
    transaction.on_commit(_wake_signup_worker)
    return pk


SIGNUP_WAKE_KEY = "crisis:signup-wake"


def _wake_signup_worker() -> None:
    from .tasks import process_signups

    wake(process_signups, SIGNUP_WAKE_KEY)


def _run_signup_worker_again() -> None:
    from .tasks import process_signups

    try:
        process_signups.enqueue()
    except Exception:  # the periodic `process_signups` command takes the rest
        log.exception("Could not ask for another run of process_signups")


def process_received(*, limit: int = 25, batches: int | None = None) -> int:
    """Make volunteers of the received sign-ups, oldest first, a batch per transaction
    (small: with SQLite a transaction holds the one write lock, and the forms wait for it);
    the number processed. Several workers share the work (rows one worker holds are
    skipped by the others). If a batch fails, its sign-ups are tried one by one, so one
    bad sign-up holds up no other; it is tried again in later runs, at most MAX_ATTEMPTS
    times, and logged. Nothing received is dropped. With `batches`, it stops after that
    many and, if sign-ups are left, asks for another run: the worker's other tasks (the
    outbox with the confirmations) get their turn in between, also during a surge."""
    done = 0
    for _batch in itertools.count() if batches is None else range(batches):
        with transaction.atomic():
            batch = list(ReceivedSignUp.objects.pending().filter(attempts__lt=MAX_ATTEMPTS)
                         .select_for_update(skip_locked=True).order_by("pk")[:limit])
            if not batch:
                return done
            for crisis_id in dict.fromkeys(received.crisis_id for received in batch):
                _process(crisis_id, [received for received in batch if received.crisis_id == crisis_id])
            ReceivedSignUp.objects.bulk_update(batch, ["link", "processed_at", "data", "attempts"])
        done += sum(1 for received in batch if received.processed_at)
        if len(batch) < limit:
            return done
    _run_signup_worker_again()
    return done


def retry_received(*, by, ids: list[int]) -> int:
    """An administrator has the worker try failed sign-ups again (after fixing the cause)."""
    require_perm(by, "crisis.retry_signups")
    with transaction.atomic():
        count = ReceivedSignUp.objects.pending().filter(pk__in=ids).update(attempts=0)
        audit.record(by=by, action="crisis.signup_retry", changes={"sign-ups": count})
    transaction.on_commit(_wake_signup_worker)
    return count


def _process(crisis_id: int, batch: list[ReceivedSignUp]) -> None:
    now = timezone.now()
    try:
        with transaction.atomic():
            links = sign_up_many(crisis_id=crisis_id, items=[(_volunteer_data(r.data), r.language) for r in batch])
    except Exception:
        if len(batch) == 1:
            log.exception("Crisis sign-up %s could not be processed", batch[0].pk)
            batch[0].attempts += 1
        else:
            for received in batch:
                _process(crisis_id, [received])
        return
    for received, link in zip(batch, links, strict=True):
        received.link, received.processed_at, received.data = link, now, {}


def _volunteer_data(data: dict) -> dict:
    return {**data, "availability": int(data.get("availability") or 0)}


CONFIRM_FIELDS = ("channel", "confirm_token", "confirm_code", "confirm_expires_at", "confirm_attempts",
                  "confirm_sent", "confirm_sent_at")


def sign_up_many(*, crisis_id: int, items: list[tuple[dict, str | None]]) -> list[CrisisVolunteer]:
    """Add or update the volunteers (one per phone or e-mail) of many sign-ups, given as
    (volunteer data, language), tie them to the crisis and send each a confirmation: a
    six-digit code by SMS, or a single-use link by e-mail. A fixed number of statements;
    the same person twice is one volunteer with one confirmation.

    One transaction (the caller's, if there is one) with one savepoint: the volunteers
    and links are written in it, and written again once if a sign-up of the same person
    elsewhere raced this one (the second pass updates). One audit event per sign-up."""
    with transaction.atomic(savepoint=False):
        done = retrying(lambda: _link_all(crisis_id, items))
        queue_messages([_confirmation(link, volunteer, language)
                        for volunteer, _, link, send, language in done if send])
        audit.record_many([audit.event(by=None, action="crisis.signup", target=link,
                                       changes={"volunteer": "new" if created else "updated"})
                           for _, created, link, _, _ in done])
    return [link for _, _, link, _, _ in done]


def _link_all(crisis_id: int, items: list[tuple[dict, str | None]]) -> list[tuple]:
    """One pass (inside `retrying`): the volunteers, their ties to the crisis with a new
    confirmation where one may be sent; (volunteer, created, link, send, language) each."""
    upserted = upsert_volunteers_once([data for data, _ in items], audit_action=False)
    links = {link.volunteer_id: link for link in CrisisVolunteer.objects.filter(
        crisis_id=crisis_id, volunteer_id__in=[volunteer.pk for volunteer, created in upserted if not created])}
    now = timezone.now()
    new: dict[int, CrisisVolunteer] = {}
    rows = []
    for (volunteer, created), (_data, language) in zip(upserted, items, strict=True):
        link = links.get(volunteer.pk)
        if link is None:
            link = links[volunteer.pk] = CrisisVolunteer(crisis_id=crisis_id, volunteer=volunteer, signed_up_at=now)
            new[id(link)] = link
        fields = set()
        if language and link.language != language:
            link.language = language  # the latest sign-up's language is the one they read
            fields.add("language")
        rows.append((volunteer, created, link, fields, language))
    sending = _sending(rows, now)
    changed: dict[int, tuple[CrisisVolunteer, set[str]]] = {}
    done = []
    for volunteer, created, link, fields, language in rows:
        send = id(link) in sending
        if send:
            sending.discard(id(link))  # the same person twice in the batch: one confirmation
            link.channel = CrisisVolunteer.Channel.SMS if volunteer.phone else CrisisVolunteer.Channel.EMAIL
            link.confirm_token, link.confirm_code = new_token(), new_code()
            link.confirm_expires_at, link.confirm_attempts = now + CONFIRM_VALID, 0
            link.confirm_sent, link.confirm_sent_at = link.confirm_sent + 1, now
            fields.update(CONFIRM_FIELDS)
        if id(link) not in new and fields:
            changed.setdefault(id(link), (link, set()))[1].update(fields)
        done.append((volunteer, created, link, send, language))
    CrisisVolunteer.objects.bulk_create(list(new.values()))
    for link, fields in changed.values():
        link.save(update_fields=sorted(fields))
    return done


def _sending(rows: list[tuple], now) -> set[int]:
    """The links (by `id`) that get a new confirmation: not yet confirmed, not sent too
    often for this crisis (`_may_send`), and allowed by the caps on messages to typed
    addresses (communication.limits: one per number or address a day, and the form's
    hourly total). A link that gets none keeps the code it has; the sign-up is kept."""
    wanted: dict[int, tuple[CrisisVolunteer, Volunteer]] = {}
    for volunteer, _created, link, _fields, _language in rows:
        if link.confirmed_at is None and id(link) not in wanted and _may_send(link, now):
            wanted[id(link)] = (link, volunteer)
    verdicts = limits.allow_many("crisis.signup", [volunteer.phone or volunteer.email
                                                   for _link, volunteer in wanted.values()], now=now)
    return {key for key, verdict in zip(wanted, verdicts, strict=True) if verdict == limits.Verdict.SEND}


def _may_send(link: CrisisVolunteer, now) -> bool:
    """Someone typing another person's number again and again must not flood their phone."""
    if link.confirm_sent >= MAX_SENDS:
        return False
    return link.confirm_sent_at is None or now - link.confirm_sent_at >= RESEND_AFTER


def _confirmation(link: CrisisVolunteer, volunteer: Volunteer, language: str | None) -> dict:
    """The code by SMS, or the link by e-mail, for the outbox."""
    key = f"crisis-confirm-{link.pk}-{link.confirm_sent}"
    if link.channel == CrisisVolunteer.Channel.SMS:
        with translation.override(language or settings.LANGUAGE_CODE):
            body = _("Samverka: your code is %(code)s. Type it on the page where you signed up to help. "
                     "It is valid for 48 hours.") % {"code": link.confirm_code}
        return sms_message(to=volunteer.phone, body=body, key=key)
    return email_message(to=volunteer.email, template="crisis/email/confirm", key=key, language=language,
                         context={"name": volunteer.name, "token": link.confirm_token})


def confirm_by_code(*, link_id: int, code: str) -> CrisisVolunteer:
    with transaction.atomic():
        link = CrisisVolunteer.objects.select_for_update().select_related("volunteer").filter(pk=link_id).first()
        if link is None:
            raise ActionError(_("We cannot find your sign-up. Please sign up again."))
        if link.confirmed_at is not None:
            return link
        if link.confirm_attempts >= CONFIRM_ATTEMPTS:
            raise ActionError(_("The code was typed wrong too many times. Sign up again to get a new code."))
        if link.confirm_expires_at is None or link.confirm_expires_at < timezone.now():
            raise ActionError(_("The code has expired. Sign up again to get a new code."))
        if not secrets.compare_digest(link.confirm_code, code.strip()):
            link.confirm_attempts += 1
            link.save(update_fields=["confirm_attempts"])
            failed = True
        else:
            _confirm(link)
            failed = False
    if failed:  # the counted attempt stays even though the person hears about the error
        raise ActionError(_("That is not the code we sent. Check the SMS and try again."))
    return link


def confirm_by_token(*, token: str) -> CrisisVolunteer:
    with transaction.atomic():
        link = (CrisisVolunteer.objects.select_for_update().select_related("volunteer")
                .filter(confirm_token=token[:64]).exclude(confirm_token="").first())
        if link is None:
            raise ActionError(_("This link is not valid any more. Use the link in the latest message we sent you, "
                                "or sign up again."))
        if link.confirmed_at is not None:
            raise ActionError(_("This link has already been used: you are already confirmed. Thank you!"))
        if link.confirm_expires_at is None or link.confirm_expires_at < timezone.now():
            raise ActionError(_("This link has expired. Sign up again and we send you a new one."))
        _confirm(link)
        return link


def _confirm(link: CrisisVolunteer) -> None:
    now = timezone.now()
    link.confirmed_at = now
    link.save(update_fields=["confirmed_at"])
    volunteer = link.volunteer
    if volunteer.confirmed_at is None:
        volunteer.confirmed_at = now
        volunteer.save(update_fields=["confirmed_at", "updated_at"])
    audit.record(by=None, action="crisis.confirm", target=link)


# ---------------------------------------------------------------- "I need help"


def create_help_request(*, by=None, crisis_id: int, data: dict, help_kinds=(), priority: str | None = None,
                        language: str | None = None) -> HelpRequest:
    """A request from the web form, or entered by a help-desk official (`by`, who may
    triage it at once with `priority`)."""
    require_perm(by, "crisis.enter_request")
    if not (data.get("phone") or data.get("email")):
        raise ActionError(_("Give a phone number or an e-mail address, so that we can reach you."))
    for attempt in range(5):
        try:
            with transaction.atomic():
                help_request = HelpRequest(crisis_id=crisis_id, reference=_new_reference(), language=language or "",
                                           **data)
                if by is not None and getattr(by, "is_authenticated", False):
                    help_request.entered_by = by
                if priority in (HelpRequest.Priority.URGENT, HelpRequest.Priority.NORMAL):
                    help_request.priority, help_request.status = priority, HelpRequest.Status.OPEN
                    help_request.triaged_at = timezone.now()
                help_request.save()
                if help_kinds:
                    help_request.help_kinds.set(help_kinds)
                audit.record(by=by, action="help_request.create", target=help_request)
                address = help_request.phone or help_request.email
                if by is None and limits.allow("crisis.help_request", address) != limits.Verdict.SEND:
                    return help_request  # kept; its receipt is held back (communication.limits)
                _tell_requester(help_request, "received", language=language, body=_(
                    "Samverka: we have received your request for help, reference %(reference)s. "
                    "We will contact you when a volunteer can come.") % {"reference": help_request.reference})
                return help_request
        except IntegrityError:
            if attempt == 4:
                raise
    raise AssertionError("unreachable")


def _new_reference() -> str:
    return "KH-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(6))


def _tell_requester(help_request: HelpRequest, event: str, *, body: str, language: str | None = None) -> None:
    """A short message to the person who asked (or who asked for them): SMS if we have a
    phone number, otherwise e-mail."""
    key = f"help-request-{help_request.pk}-{event}"
    if help_request.phone:
        queue_sms(to=help_request.phone, body=body, key=key)
    elif help_request.email:
        queue_email(to=help_request.email, template="crisis/email/requester", key=key,
                    language=language or help_request.language or None,
                    context={"body": body, "reference": help_request.reference})


# ---------------------------------------------------------------- triage and tasks


@transaction.atomic
def triage(*, by, help_request: HelpRequest, priority: str, note: str = "") -> HelpRequest:
    require_perm(by, "crisis.handle_request", help_request)
    _lock(help_request.pk)
    help_request.refresh_from_db(fields=["status"])
    if help_request.is_closed:
        raise ActionError(_("This request is closed."))
    if priority not in (HelpRequest.Priority.URGENT, HelpRequest.Priority.NORMAL, HelpRequest.Priority.NOT_FOR_US):
        raise ActionError(_("Choose urgent, normal or not for us."))
    changes = {"priority": [help_request.priority, priority]}
    help_request.priority, help_request.triaged_at = priority, timezone.now()
    if note:
        help_request.triage_note = note
        changes["note"] = note
    fields = ["priority", "triaged_at", "triage_note"]
    if priority == HelpRequest.Priority.NOT_FOR_US:
        if help_request.status == HelpRequest.Status.ASSIGNED:
            raise ActionError(_("A volunteer is already going. Cancel the task first."))
        if help_request.status == HelpRequest.Status.PROVIDER:
            raise ActionError(_("A help provider has this request. Take it back first."))
        help_request.tasks.filter(status=Task.Status.OFFERED).update(status=Task.Status.CANCELLED)
        help_request.status, help_request.closed_at = HelpRequest.Status.CLOSED, timezone.now()
        fields += ["status", "closed_at"]
    elif help_request.status == HelpRequest.Status.NEW:
        help_request.status = HelpRequest.Status.OPEN
        fields.append("status")
    help_request.save(update_fields=fields)
    audit.record(by=by, action="help_request.triage", target=help_request, changes=changes)
    return help_request


@transaction.atomic
def offer_task(*, by, help_request: HelpRequest, volunteer_id: int) -> Task:
    require_perm(by, "crisis.handle_request", help_request)
    locked = HelpRequest.objects.select_for_update().get(pk=help_request.pk)
    if locked.status not in HelpRequest.UNMATCHED:
        raise ActionError(_("This request already has a volunteer, or it is closed."))
    volunteer = Volunteer.objects.available().filter(askable(locked.crisis_id), pk=volunteer_id).first()
    if volunteer is None:
        raise ActionError(_("This volunteer cannot be asked: they are not confirmed, or they paused or left."))
    if locked.tasks.filter(volunteer=volunteer).exclude(status=Task.Status.CANCELLED).exists():
        raise ActionError(_("This volunteer has already been asked about this request."))
    task = Task.objects.create(help_request=locked, volunteer=volunteer, offered_by=by)
    volunteer.crisis_language = (CrisisVolunteer.objects.filter(crisis_id=locked.crisis_id, volunteer=volunteer)
                                 .values_list("language", flat=True).first())
    locked.status = HelpRequest.Status.OFFERED
    if locked.priority == HelpRequest.Priority.NEW:
        locked.priority, locked.triaged_at = HelpRequest.Priority.NORMAL, timezone.now()
    locked.save(update_fields=["status", "priority", "triaged_at"])
    help_request.status, help_request.priority = locked.status, locked.priority
    audit.record(by=by, action="crisis_task.offer", target=task, changes={"volunteer": volunteer.name})
    _send_offer(task, locked, volunteer)
    return task


def _kinds_text(help_request: HelpRequest) -> str:
    return ", ".join(k.label for k in help_request.help_kinds.all())


def _send_offer(task: Task, help_request: HelpRequest, volunteer: Volunteer) -> None:
    """Only what the volunteer needs to decide: what, roughly where, when. The name and
    address follow when they accept. In the language they signed up in."""
    with translation.override(getattr(volunteer, "crisis_language", "") or settings.LANGUAGE_CODE):
        link = settings.SITE_URL + task.get_absolute_url()
        what = _kinds_text(help_request) or _("help")
        where = help_request.district.label if help_request.district_id else ""
        if volunteer.phone:
            body = _("Samverka: can you help? %(what)s%(where)s%(when)s. Reply YES %(code)s or NO %(code)s. "
                     "More: %(link)s") % {
                "what": what, "where": f", {where}" if where else "",
                "when": f", {help_request.when}" if help_request.when else "", "code": task.code, "link": link}
            queue_sms(to=volunteer.phone, body=body, key=f"crisis-task-{task.pk}-offer")
        else:
            queue_email(to=volunteer.email, template="crisis/email/offer", key=f"crisis-task-{task.pk}-offer",
                        language=translation.get_language(),
                        context={"name": volunteer.name, "what": what, "where": where, "when": help_request.when,
                                 "token": task.token})


def answer_task(*, task: Task, accept: bool, by=None) -> Task:
    """The volunteer's yes or no. A task whose request another volunteer took first, or
    that was cancelled, cannot be accepted: both checks are conditional updates."""
    now = timezone.now()
    try:
        with transaction.atomic():
            _lock(task.help_request_id)  # every answer to one request queues here: no deadlock between them
            if accept:
                if not Task.objects.filter(pk=task.pk, status=Task.Status.OFFERED).update(
                        status=Task.Status.ACCEPTED, answered_at=now):
                    raise _not_open(task)
                if not HelpRequest.objects.filter(pk=task.help_request_id, status__in=HelpRequest.UNMATCHED).update(
                        status=HelpRequest.Status.ASSIGNED):
                    raise TaskTaken(_("Another volunteer has already taken this task. Thank you all the same!"))
                task.help_request.tasks.filter(status=Task.Status.OFFERED).exclude(pk=task.pk).update(
                    status=Task.Status.CANCELLED)
                task.refresh_from_db()
                audit.record(by=by, action="crisis_task.accept", target=task)
                _after_accept(task)
            else:
                if not Task.objects.filter(pk=task.pk, status=Task.Status.OFFERED).update(
                        status=Task.Status.DECLINED, answered_at=now):
                    raise _not_open(task)
                if not Task.objects.filter(help_request_id=task.help_request_id, status=Task.Status.OFFERED).exists():
                    HelpRequest.objects.filter(pk=task.help_request_id, status=HelpRequest.Status.OFFERED).update(
                        status=HelpRequest.Status.OPEN)
                task.refresh_from_db()
                audit.record(by=by, action="crisis_task.decline", target=task)
    except TaskTaken:
        # The request went to someone else while this offer was open: it lapses.
        Task.objects.filter(pk=task.pk, status=Task.Status.OFFERED).update(status=Task.Status.CANCELLED)
        raise
    return task


def _lock(help_request_id: int) -> None:
    """Changes to a request and its tasks take the request's row lock first, always in
    this order."""
    list(HelpRequest.objects.select_for_update().filter(pk=help_request_id).values_list("pk", flat=True))


def _not_open(task: Task) -> ActionError:
    status = Task.objects.filter(pk=task.pk).values_list("status", flat=True).first()
    if status == Task.Status.ACCEPTED:
        return ActionError(_("You have already accepted this task. Thank you!"))
    if status == Task.Status.DECLINED:
        return ActionError(_("You have already said no to this task."))
    if status == Task.Status.DONE:
        return ActionError(_("This task is done. Thank you!"))
    return TaskTaken(_("This task is no longer open: another volunteer took it, or it was cancelled."))


def _after_accept(task: Task) -> None:
    """The requester learns who comes (first name and phone); the volunteer gets the
    name and address."""
    help_request, volunteer = task.help_request, task.volunteer
    first_name = volunteer.name.split()[0] if volunteer.name.split() else volunteer.name
    reach = display_phone(volunteer.phone) or volunteer.email
    with translation.override(help_request.language or settings.LANGUAGE_CODE):
        _tell_requester(help_request, f"assigned-{task.pk}", language=translation.get_language(), body=_(
            "Samverka: %(name)s (%(reach)s) will help you with your request %(reference)s and will contact you.") % {
            "name": first_name, "reach": reach, "reference": help_request.reference})
    language = (CrisisVolunteer.objects.filter(crisis_id=help_request.crisis_id, volunteer=volunteer)
                .values_list("language", flat=True).first())
    with translation.override(language or settings.LANGUAGE_CODE):
        if volunteer.phone:
            queue_sms(to=volunteer.phone, key=f"crisis-task-{task.pk}-accepted", body=_(
                "Samverka: thank you! You help %(name)s, %(address)s. What and when: %(link)s") % {
                "name": help_request.name, "address": help_request.address,
                "link": settings.SITE_URL + task.get_absolute_url()})


@transaction.atomic
def cancel_task(*, by, task: Task) -> Task:
    require_perm(by, "crisis.handle_request", task.help_request)
    _lock(task.help_request_id)
    if not Task.objects.filter(pk=task.pk, status__in=(Task.Status.OFFERED, Task.Status.ACCEPTED)).update(
            status=Task.Status.CANCELLED):
        raise ActionError(_("This task is no longer open."))
    was_accepted = task.status == Task.Status.ACCEPTED
    task.refresh_from_db()
    if not Task.objects.filter(help_request_id=task.help_request_id).open().exists():
        HelpRequest.objects.filter(pk=task.help_request_id, status__in=(
            HelpRequest.Status.OFFERED, HelpRequest.Status.ASSIGNED)).update(status=HelpRequest.Status.OPEN)
    audit.record(by=by, action="crisis_task.cancel", target=task)
    if was_accepted and task.volunteer.phone:
        with translation.override(settings.LANGUAGE_CODE):
            queue_sms(to=task.volunteer.phone, key=f"crisis-task-{task.pk}-cancelled", body=_(
                "Samverka: the task %(reference)s is cancelled. You do not need to go. Thank you!") % {
                "reference": task.help_request.reference})
    return task


@transaction.atomic
def close_request(*, by, help_request: HelpRequest, note: str = "", keep_for_case: bool = False) -> HelpRequest:
    require_perm(by, "crisis.handle_request", help_request)
    _lock(help_request.pk)
    help_request.refresh_from_db(fields=["status"])
    if help_request.is_closed:
        raise ActionError(_("This request is already closed."))
    now = timezone.now()
    done = help_request.tasks.filter(status=Task.Status.ACCEPTED).update(status=Task.Status.DONE, done_at=now)
    help_request.tasks.filter(status=Task.Status.OFFERED).update(status=Task.Status.CANCELLED)
    done += help_request.provider_tasks.filter(status=ProviderTask.Status.ACCEPTED).update(
        status=ProviderTask.Status.DONE, done_at=now)
    help_request.provider_tasks.filter(status=ProviderTask.Status.HANDED).update(status=ProviderTask.Status.RETURNED)
    help_request.status = HelpRequest.Status.DONE if done else HelpRequest.Status.CLOSED
    help_request.outcome_note, help_request.closed_at = note, now
    help_request.keep_for_case = help_request.keep_for_case or keep_for_case
    help_request.save(update_fields=["status", "outcome_note", "closed_at", "keep_for_case"])
    audit.record(by=by, action="help_request.close", target=help_request,
                 changes={"status": help_request.status, "note": note})
    return help_request


def record_view(*, by, help_request: HelpRequest) -> None:
    audit.record(by=by, action="help_request.view", target=help_request)


# ---------------------------------------------------------------- inbound SMS


def answer_by_sms(*, sender: str, message: str) -> str:
    """A reply "JA 123456" or "NEJ 123456" (also YES/NO) from the volunteer's phone.
    Returns what to answer them."""
    import re

    from samverka.core.phone import normalise_phone

    match = re.match(r"^\s*(ja|j|yes|y|nej|n|no)\W*(\d{6})\b", message or "", re.IGNORECASE)
    try:
        phone = normalise_phone(sender or "")
    except ValueError:
        return ""
    with translation.override(settings.LANGUAGE_CODE):
        if not match:
            reply = _("Samverka: we did not understand. Reply YES and the code, or NO and the code, e.g. YES 123456.")
        else:
            accept = match.group(1).lower() in ("ja", "j", "yes", "y")
            task = (Task.objects.select_related("help_request", "volunteer")
                    .filter(code=match.group(2), volunteer__phone=phone).order_by("-offered_at").first())
            if task is None:
                reply = _("Samverka: we cannot find a task with that code for your number.")
            else:
                try:
                    answer_task(task=task, accept=accept)
                except ActionError as error:
                    reply = "Samverka: " + str(error)
                else:
                    reply = "" if accept else _("Samverka: thank you for answering. We ask someone else.")
        if reply:
            queue_sms(to=phone, body=reply, key=f"crisis-sms-reply-{phone}-{secrets.token_hex(8)}")
    return reply


# ---------------------------------------------------------------- erasure


PERSONAL_FIELDS = {"name": "", "contact_name": "", "phone": "", "email": "", "address": "", "what": "", "when": "",
                   "triage_note": "", "outcome_note": ""}


def erase_expired(*, now=None) -> int:
    """Blank the personal details of help requests in crises closed more than their
    retention period ago, except requests kept for a case. Returns how many were erased."""
    now = now or timezone.now()
    total = 0
    for crisis in Crisis.objects.filter(is_active=False, ended_at__isnull=False):
        if crisis.ended_at + timedelta(days=crisis.retention_days) > now:
            continue
        with transaction.atomic():
            requests = crisis.help_requests.filter(erased_at__isnull=True, keep_for_case=False)
            Task.objects.filter(help_request__in=requests).exclude(note="").update(note="")
            ProviderTask.objects.filter(help_request__in=requests).exclude(helpers="").update(helpers="")
            crisis.providers.exclude(contact_name="", contact_phone="").update(contact_name="", contact_phone="")
            erased = requests.update(erased_at=now, **PERSONAL_FIELDS)
            crisis.received_signups.all().delete()  # the forms as they came (the volunteers stay theirs)
            if erased or crisis.erased_at is None:
                crisis.erased_at = now
                crisis.save(update_fields=["erased_at"])
                audit.record(by=None, action="crisis.erase", target=crisis, changes={
                    "erased": erased,
                    "kept_for_case": crisis.help_requests.filter(keep_for_case=True).count()})
        total += erased
    return total



# ---------------------------------------------------------------- help providers


def _check_acts_for(by, actor) -> None:
    from samverka.actors.rules import acts_for

    if by is not None and not by.is_superuser and not acts_for(by, actor):
        raise PermissionDenied


@transaction.atomic
def join_as_provider(*, by, crisis: Crisis, actor, contact_name: str, contact_phone: str, hours: str,
                     capacities: dict[int, int]) -> HelpProvider:
    """An association joins the crisis under way as a help provider, or changes its contact,
    hours and capacity (a representative of it). `capacities`: {kind of help id: errands a day},
    only for the kinds of help the crisis has."""
    require_perm(by, "crisis.join_as_provider")
    _check_acts_for(by, actor)
    if not Crisis.objects.filter(pk=crisis.pk, is_active=True).exists():
        raise ActionError(_("This crisis is closed. Help providers join a crisis under way."))
    kinds = {kind.pk for kind in crisis_kinds(crisis)}
    wanted = {kind: per_day for kind, per_day in capacities.items() if kind in kinds and per_day > 0}
    if not wanted:
        raise ActionError(_("Give the number of errands a day for at least one kind of help."))
    fields = {"contact_name": contact_name, "contact_phone": contact_phone, "hours": hours}
    try:
        with transaction.atomic():
            provider, created = HelpProvider.objects.get_or_create(
                crisis=crisis, actor=actor, defaults={**fields, "joined_by": by if by and by.is_authenticated else None})
    except IntegrityError:  # the same association joining twice at once: the first row is the one
        provider, created = HelpProvider.objects.get(crisis=crisis, actor=actor), False
    if not created:
        for name, value in fields.items():
            setattr(provider, name, value)
        provider.save(update_fields=list(fields))
    ProviderCapacity.objects.filter(provider=provider).exclude(help_kind_id__in=list(wanted)).delete()
    for kind, per_day in wanted.items():
        ProviderCapacity.objects.update_or_create(provider=provider, help_kind_id=kind, defaults={"per_day": per_day})
    audit.record(by=by, action="crisis_provider.join" if created else "crisis_provider.update", target=provider,
                 changes={"actor": str(actor), "capacity": {str(k): v for k, v in sorted(wanted.items())}})
    return provider


@transaction.atomic
def pause_provider(*, by, provider: HelpProvider, paused: bool) -> HelpProvider:
    """The crisis coordinator pauses a provider (no more requests are handed to it) or lets it
    take requests again; what it has already taken goes on."""
    require_perm(by, "crisis.pause_provider", provider)
    provider = HelpProvider.objects.select_for_update().select_related("actor", "crisis").get(pk=provider.pk)
    if provider.is_paused == paused:
        return provider
    provider.is_paused, provider.paused_at = paused, timezone.now() if paused else None
    provider.save(update_fields=["is_paused", "paused_at"])
    audit.record(by=by, action="crisis_provider.pause" if paused else "crisis_provider.resume", target=provider)
    return provider


class ProviderFull(ActionError):
    pass


def hand_to_provider(*, by, help_request: HelpRequest, provider_id: int, now=None) -> ProviderTask:
    """The triage hands a request to a help provider, within its capacity for the day. A
    provider that is paused, does not give this kind of help, or is at capacity is refused
    with a clear message, and the request stays in the triage as it was. Two officials at
    once: the provider's row lock queues them, so its capacity is never exceeded, and the
    request's one open hand-over (a partial unique index) makes one of them win."""
    require_perm(by, "crisis.handle_request", help_request)
    now = now or timezone.now()
    try:
        with transaction.atomic():
            provider = (HelpProvider.objects.select_for_update().select_related("actor")
                        .filter(pk=provider_id, crisis_id=help_request.crisis_id).first())
            if provider is None:
                raise ActionError(_("Choose one of the crisis' help providers."))
            locked = HelpRequest.objects.select_for_update().get(pk=help_request.pk)
            if locked.status not in HelpRequest.UNMATCHED or locked.erased_at is not None:
                raise ActionError(_("This request already has a volunteer or a help provider, or it is closed."))
            if provider.is_paused:
                raise ActionError(_("%(provider)s is paused and takes no requests just now. The request stays "
                                    "here: choose another provider or a volunteer.") % {"provider": provider})
            kind = _room_for(provider, locked, now)
            task = ProviderTask.objects.create(help_request=locked, provider=provider, help_kind=kind,
                                               handed_by=by, handed_at=now)
            locked.tasks.filter(status=Task.Status.OFFERED).update(status=Task.Status.CANCELLED)
            locked.status = HelpRequest.Status.PROVIDER
            if locked.priority == HelpRequest.Priority.NEW:
                locked.priority, locked.triaged_at = HelpRequest.Priority.NORMAL, now
            locked.save(update_fields=["status", "priority", "triaged_at"])
            help_request.status, help_request.priority = locked.status, locked.priority
            audit.record(by=by, action="help_request.hand", target=locked,
                         changes={"provider": str(provider), "kind": str(kind) if kind else ""})
            with translation.override(settings.LANGUAGE_CODE):
                queue_sms(to=provider.contact_phone, key=f"provider-task-{task.pk}-handed", body=_(
                    "Samverka: a new help request for %(provider)s, %(reference)s. Accept it here: %(link)s") % {
                    "provider": provider, "reference": locked.reference,
                    "link": settings.SITE_URL + provider.get_absolute_url()})
    except IntegrityError:
        raise ActionError(_("Another official has just handed this request to a help provider.")) from None
    return task


def _room_for(provider: HelpProvider, help_request: HelpRequest, now):
    """The kind of help this request takes from the provider's capacity today: of the kinds
    asked for that the provider gives, the one with most room left (any, if none was asked for)."""
    rows = capacity_today([provider], now)[provider.pk]
    asked = set(help_request.help_kinds.values_list("pk", flat=True))
    given = [row for row in rows if not asked or row["kind"].pk in asked]
    if not given:
        raise ActionError(_("%(provider)s does not give this kind of help. The request stays here: choose "
                            "another provider or a volunteer.") % {"provider": provider})
    best = max(given, key=lambda row: row["left"])
    if best["left"] <= 0:
        raise ProviderFull(_(
            "%(provider)s is at capacity today: %(used)s of %(per_day)s errands of %(kind)s are taken. The request "
            "stays here: choose another provider or a volunteer.") % {
            "provider": provider, "used": best["used"], "per_day": best["per_day"], "kind": best["kind"].label})
    return best["kind"]


def _provider_task(task: ProviderTask, *statuses) -> ProviderTask:
    locked = (ProviderTask.objects.select_for_update().select_related("provider__actor", "help_request")
              .filter(pk=task.pk).first())
    if locked is None or locked.status not in statuses:
        raise ActionError(_("This request is no longer open for you: it was returned, done, or taken back."))
    return locked


@transaction.atomic
def accept_provider_task(*, by, task: ProviderTask) -> ProviderTask:
    """The provider takes the request: it now sees the requester's contact details, and the
    requester is told who will help."""
    require_perm(by, "crisis.handle_provider_task", task)
    _lock(task.help_request_id)
    task = _provider_task(task, ProviderTask.Status.HANDED)
    now = timezone.now()
    task.status, task.accepted_at, task.accepted_by = ProviderTask.Status.ACCEPTED, now, by
    task.save(update_fields=["status", "accepted_at", "accepted_by"])
    HelpRequest.objects.filter(pk=task.help_request_id).update(status=HelpRequest.Status.ASSIGNED)
    audit.record(by=by, action="provider_task.accept", target=task.help_request,
                 changes={"provider": str(task.provider)})
    help_request, provider = task.help_request, task.provider
    with translation.override(help_request.language or settings.LANGUAGE_CODE):
        _tell_requester(help_request, f"provider-{task.pk}", language=translation.get_language(), body=_(
            "Samverka: %(provider)s will help you with your request %(reference)s and will contact you. "
            "Their phone: %(phone)s.") % {"provider": provider, "reference": help_request.reference,
                                           "phone": display_phone(provider.contact_phone) or provider.contact_phone})
    return task


@transaction.atomic
def assign_helpers(*, by, task: ProviderTask, helpers: str) -> ProviderTask:
    """Who of the association's own people goes: first names, typed by the provider."""
    require_perm(by, "crisis.handle_provider_task", task)
    task = _provider_task(task, ProviderTask.Status.ACCEPTED)
    helpers = " ".join(helpers.split())
    if not helpers:
        raise ActionError(_("Write who goes, for example a first name."))
    if len(helpers) > 200:
        raise ActionError(_("Write at most 200 characters: first names are enough."))
    task.helpers = helpers
    task.save(update_fields=["helpers"])
    audit.record(by=by, action="provider_task.assign", target=task.help_request)
    return task


@transaction.atomic
def finish_provider_task(*, by, task: ProviderTask) -> ProviderTask:
    require_perm(by, "crisis.handle_provider_task", task)
    _lock(task.help_request_id)
    task = _provider_task(task, ProviderTask.Status.ACCEPTED)
    now = timezone.now()
    task.status, task.done_at = ProviderTask.Status.DONE, now
    task.save(update_fields=["status", "done_at"])
    HelpRequest.objects.filter(pk=task.help_request_id, status=HelpRequest.Status.ASSIGNED).update(
        status=HelpRequest.Status.DONE, closed_at=now)
    audit.record(by=by, action="provider_task.done", target=task.help_request, changes={"provider": str(task.provider)})
    return task


@transaction.atomic
def return_provider_task(*, by, task: ProviderTask) -> ProviderTask:
    """The provider cannot help after all, or the triage takes the request back: it is open
    in the triage again, nothing lost."""
    if not (by is None or by.has_perm("crisis.handle_provider_task", task)
            or by.has_perm("crisis.handle_request", task.help_request)):
        raise PermissionDenied
    _lock(task.help_request_id)
    task = _provider_task(task, ProviderTask.Status.HANDED, ProviderTask.Status.ACCEPTED)
    task.status = ProviderTask.Status.RETURNED
    task.save(update_fields=["status"])
    HelpRequest.objects.filter(pk=task.help_request_id, status__in=(
        HelpRequest.Status.PROVIDER, HelpRequest.Status.ASSIGNED)).update(status=HelpRequest.Status.OPEN)
    audit.record(by=by, action="provider_task.return", target=task.help_request,
                 changes={"provider": str(task.provider)})
    return task


# ---------------------------------------------------------------- volunteers not needed

RELEASE_BATCH = 200
RELEASE_ANSWER_DAYS = 30  # with no answer, the details of a volunteer told "not needed" are erased after this
RELEASE_SALT = "crisis.release"


def release_token(link: CrisisVolunteer) -> str:
    """The volunteer's own link: the sign-up's id, signed (the same every time it is made)."""
    return signing.Signer(salt=RELEASE_SALT).sign(str(link.pk))


def link_from_release_token(token: str) -> int | None:
    """The sign-up's id, or None for a link that was not made by us."""
    try:
        return int(signing.Signer(salt=RELEASE_SALT).unsign(token[:200]))
    except (signing.BadSignature, TypeError, ValueError):
        return None


def start_release(*, by, crisis: Crisis) -> int:
    """Tell the volunteers who signed up and were never given a task that they are not
    needed this time (the crisis coordinator's button; also when the crisis closes). The
    task worker sends the messages in batches; each volunteer is told once. Returns how many
    are waiting to be told."""
    require_perm(by, "crisis.release_volunteers", crisis)
    with transaction.atomic():
        Crisis.objects.filter(pk=crisis.pk, release_started_at__isnull=True).update(release_started_at=timezone.now())
        waiting = _unreleased(crisis.pk).count()
        audit.record(by=by, action="crisis.release", target=crisis, changes={"volunteers": waiting})
        transaction.on_commit(lambda pk=crisis.pk: _enqueue_release(pk))
    return waiting


def _unreleased(crisis_id: int):
    return unneeded_volunteers(crisis_id).filter(released_at__isnull=True)


def _enqueue_release(crisis_id: int) -> None:
    from .tasks import release_volunteers

    release_volunteers.enqueue(crisis_id=crisis_id)


def release_batch(*, crisis_id: int, size: int | None = None, now=None) -> int:
    """Tell the next `size` volunteers not needed: the mark on their sign-up and their
    messages in the outbox in one transaction, so a crash loses or repeats nobody (a batch
    sent again finds its messages' keys in the outbox). How many were told (0: all are)."""
    now = now or timezone.now()
    with transaction.atomic():
        crisis = Crisis.objects.filter(pk=crisis_id).first()
        if crisis is None:
            return 0
        links = list(_unreleased(crisis_id).select_related("volunteer").select_for_update(skip_locked=True, of=("self",))
                     .order_by("pk")[:size or RELEASE_BATCH])
        if not links:
            return 0
        CrisisVolunteer.objects.filter(pk__in=[link.pk for link in links]).update(released_at=now)
        queue_messages([m for m in (_release_message(crisis, link) for link in links) if m])
    return len(links)


def release_unneeded(*, crisis_id: int, size: int | None = None) -> int:
    """Every batch until all are told; run again after a failure, it goes on where it stopped."""
    total = 0
    while told := release_batch(crisis_id=crisis_id, size=size):
        total += told
    return total


def _release_message(crisis: Crisis, link: CrisisVolunteer) -> dict | None:
    volunteer = link.volunteer
    language = link.language or settings.LANGUAGE_CODE
    url = settings.SITE_URL + reverse("crisis:release", args=[release_token(link)])
    key = f"crisis-release-{link.pk}"
    with translation.override(language):
        if volunteer.phone:
            return sms_message(to=volunteer.phone, key=key, body=_(
                "Samverka: thank you for signing up to help in %(crisis)s! We did not need you this time. May we keep "
                "your details for next time? Choose here: %(link)s. With no answer we erase them in %(days)s days.") % {
                "crisis": crisis.name, "link": url, "days": RELEASE_ANSWER_DAYS})
        if volunteer.email:
            return email_message(to=volunteer.email, template="crisis/email/released", key=key, language=language,
                                 context={"name": volunteer.name, "crisis": crisis.name, "link": url,
                                          "days": RELEASE_ANSWER_DAYS})
    return None


def choose_after_release(*, link_id: int, keep: bool) -> str:
    """The volunteer's answer by their link: keep their details for a later crisis (they
    may then be asked in one), or erase them. Returns "keep" or "erase"; a second answer
    changes a keep into an erase, and an erase is final."""
    with transaction.atomic():
        link = (CrisisVolunteer.objects.select_for_update().select_related("volunteer", "crisis")
                .filter(pk=link_id).first())
        if link is None:
            return "erase"  # erased already
        if keep:
            if link.choice != "keep":
                link.choice, link.chosen_at = "keep", timezone.now()
                link.save(update_fields=["choice", "chosen_at"])
                Volunteer.objects.filter(pk=link.volunteer_id).update(crisis_help=True, updated_at=timezone.now())
                audit.record(by=None, action="crisis.release_keep", target=link.crisis)
            return "keep"
        _erase_released(link)
        audit.record(by=None, action="crisis.release_erase", target=link.crisis)
        return "erase"


def _erase_released(link: CrisisVolunteer) -> None:
    """The sign-up goes, and the volunteer with it when nothing else holds them (no account,
    no other crisis, no assignment); a volunteer with an account keeps their own profile."""
    from samverka.volunteers.models import Assignment

    volunteer = link.volunteer
    Task.objects.filter(volunteer=volunteer, help_request__crisis_id=link.crisis_id).delete()
    link.delete()
    if (volunteer.user_id is None and not CrisisVolunteer.objects.filter(volunteer=volunteer).exists()
            and not Assignment.objects.filter(volunteer=volunteer).exists()):
        volunteer.delete()


def expire_released(*, now=None) -> int:
    """Volunteers told "not needed" who did not answer within RELEASE_ANSWER_DAYS are erased."""
    now = now or timezone.now()
    count = 0
    for link in (CrisisVolunteer.objects.filter(released_at__lt=now - timedelta(days=RELEASE_ANSWER_DAYS), choice="")
                 .select_related("volunteer")):
        with transaction.atomic():
            _erase_released(link)
        count += 1
    if count:
        audit.record(by=None, action="crisis.release_expire", changes={"erased": count})
    return count
