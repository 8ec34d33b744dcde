"""What participants do themselves: sign up, confirm their address, withdraw, confirm or
decline a match, answer a follow-up.

A participant has no account of their own here (they may have one): the private link in
their messages is the key (`Participant.token`, and per match `Match.request_token` /
`Match.offer_token`). Every function runs in one transaction, records an audit event and
puts its messages in the outbox in the same transaction. The coordinators' side
(`services.py`) may import from here; this module imports nothing from it."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samverka.accounts.ages import age_of, is_minor, participation_refusal
from samverka.communication import limits
from samverka.communication.services import queue_email, queue_sms
from samverka.core import audit
from samverka.core.errors import ActionError

from .models import CheckIn, Match, Participant, Programme, Proposal

# A sign-up waiting for the link in its message is not on the waiting list, and is removed after this.
CONFIRM_WITHIN = timedelta(hours=24)
# The form's caps on messages to typed addresses (communication.limits).
SIGNUP_PURPOSE = "matching.signup"
M2M = ("kinds", "refuses", "interests", "languages")
FIELDS = ("name", "email", "phone", "district", "max_km", "household", "availability", "capacity", "details",
          "about", "sensitive", "actor", "latitude", "longitude")


class AlreadySignedUp(ActionError):
    def __init__(self, participant: Participant):
        super().__init__(_("You have already signed up for this programme. The message we sent you has a link to "
                           "your own page."))
        self.participant = participant


class OnTheOtherSide(AlreadySignedUp):
    """The same address (or account) already takes part on the other side of the programme:
    one person asks or gives, never both (the engine could pair them with themselves)."""

    def __init__(self, participant: Participant):
        ActionError.__init__(self, _("You already take part on the other side of this programme, and one person "
                                     "cannot both ask and give. To change side, leave the programme on your own "
                                     "page first (the message we sent you has a link to it)."))
        self.participant = participant


class TooBusy(ActionError):
    """The form sent its hour's share of confirmation links (communication.limits)."""

    def __init__(self):
        super().__init__(_("Very many people are signing up just now, so we cannot send more confirmation "
                           "messages this hour. Nothing was saved. Please try again in an hour."))


# ---------------------------------------------------------------- helpers


def participant_url(participant: Participant) -> str:
    return reverse("matching:participant", args=[participant.token])


def match_url(match: Match, side: str) -> str:
    return reverse("matching:match", args=[token_of(match, side)])


def token_of(match: Match, side: str) -> str:
    return match.request_token if side == Participant.Side.REQUEST else match.offer_token


def side_of(match: Match, token: str) -> str:
    """Which side a match's token belongs to."""
    return Participant.Side.REQUEST if token == match.request_token else Participant.Side.OFFER


def _person(match: Match, side: str) -> Participant:
    return match.request if side == Participant.Side.REQUEST else match.offer


def _other(side: str) -> str:
    return Participant.Side.OFFER if side == Participant.Side.REQUEST else Participant.Side.REQUEST


def needs_confirmation(*, by, email: str) -> bool:
    """A sign-up waits for the link in its message, unless it was made by someone logged in
    with that e-mail address verified (or with no address, by phone, while logged in with
    a verified one)."""
    if not getattr(by, "is_authenticated", False):
        return True
    verified = EmailAddress.objects.filter(user=by, verified=True)
    if email:
        verified = verified.filter(email__iexact=email.strip())
    return not verified.exists()


def too_busy(*, by, email: str) -> bool:
    """Has the form sent its hour's share of confirmation links? Asked by the view before
    it signs anyone up, outside the sign-up's transaction, so the administrators' alarm
    (communication.limits.hold_back) is kept although nothing is saved."""
    if needs_confirmation(by=by, email=email) and limits.is_full(SIGNUP_PURPOSE):
        limits.hold_back(SIGNUP_PURPOSE)
        return True
    return False


def coordinator_emails(programme: Programme) -> list[str]:
    """Who hears about a programme's participants: its coordinators, else its office."""
    emails = sorted({e for e in programme.coordinators.filter(is_active=True).values_list("email", flat=True) if e})
    if not emails and programme.office.email:
        emails = [programme.office.email]
    return emails


def _tell_coordinators(programme: Programme, *, template: str, key: str, context: dict[str, Any]) -> None:
    for address in coordinator_emails(programme):
        queue_email(to=address, template=f"matching/email/{template}", key=f"{key}:{address}",
                    context={"programme": programme, **context}, language=settings.LANGUAGE_CODE)


def _send(participant: Participant, *, template: str, key: str, sms: str, context: dict[str, Any] | None = None) -> None:
    """A message to a participant: by e-mail when there is an address, otherwise by SMS."""
    context = {"participant": participant, "programme": participant.programme, **(context or {})}
    if participant.email:
        queue_email(to=participant.email, template=f"matching/email/{template}", context=context, key=key,
                    language=participant.language)
    elif participant.phone:
        with translation.override(participant.language):
            body = sms % {"programme": participant.programme.name, "link": settings.SITE_URL + context["link"]}
        queue_sms(to=participant.phone, body=body, key=key)


# ---------------------------------------------------------------- signing up


@transaction.atomic
def sign_up(*, programme: Programme, side: str, data: dict[str, Any], by, now=None) -> Participant:
    """A person (or a family, an association, a donation) joins one side of a programme.
    Without a verified address the sign-up waits for the link in its message
    (`confirm_email`) and is on no waiting list until then; logged in with a verified
    address, it is waiting at once. The same address twice on one side is one participant."""
    now = now or timezone.now()
    programme = Programme.objects.select_for_update().select_related("office").get(pk=programme.pk)
    if programme.status != Programme.Status.OPEN:
        raise ActionError(_("This programme takes no sign-ups just now."))
    if side not in Participant.Side.values:
        raise ActionError(_("Choose whether you ask or give."))
    record_extract = side == Participant.Side.OFFER and programme.asks_record_extract
    if refused := participation_refusal(by, programme, age=data.get("age"), record_extract=record_extract):
        raise ActionError(refused)
    age = age_of(by) if age_of(by) is not None else data.get("age")
    if is_minor(age):
        data = {**data, "sensitive": ""}  # no sensitive data are kept about a minor
    email = (data.get("email") or "").strip().lower()
    phone = (data.get("phone") or "").strip()
    if not email and not phone:
        raise ActionError(_("Write an e-mail address or a mobile phone number, so that we can reach you."))
    current = programme.participants.filter(side=side).exclude(
        status__in=(Participant.Status.WITHDRAWN, Participant.Status.LEFT))
    duplicate = (current.filter(email=email).first() if email else None) or (
        current.filter(phone=phone).first() if phone else None)
    if duplicate is not None and expired(duplicate, now):
        duplicate.delete()  # never confirmed: it held nothing, and the address may try again
        duplicate = None
    if duplicate is not None:
        raise AlreadySignedUp(duplicate)
    other_side = _the_same_person(programme.participants.exclude(side=side).exclude(
        status__in=(Participant.Status.WITHDRAWN, Participant.Status.LEFT)), email=email, phone=phone)
    if other_side is not None and not expired(other_side, now):
        raise OnTheOtherSide(other_side)

    user = by if getattr(by, "is_authenticated", False) else None
    verdict = None
    if needs_confirmation(by=by, email=email):
        verdict = limits.allow(SIGNUP_PURPOSE, email or phone, now=now)
        if verdict == limits.Verdict.FULL:
            raise TooBusy
        status, confirmed_at = Participant.Status.UNCONFIRMED, None
    else:
        status, confirmed_at = Participant.Status.WAITING, now
    values = {key: data[key] for key in FIELDS if key in data and data[key] is not None}
    values.update(email=email, phone=phone, name=" ".join((data.get("name") or "").split())[:200])
    if not values.get("capacity"):
        values["capacity"] = programme.default_capacity if side == Participant.Side.OFFER else 1
    district = values.get("district")
    if district is not None and values.get("latitude") is None and district.latitude is not None:
        values["latitude"], values["longitude"] = district.latitude, district.longitude
    volunteer = None
    if (user is not None and side == Participant.Side.OFFER and programme.kind == Programme.Kind.BEFRIENDING):
        volunteer = getattr(user, "volunteer", None)
    participant = Participant.objects.create(
        programme=programme, side=side, status=status, user=user, volunteer=volunteer,
        language=(translation.get_language() or settings.LANGUAGE_CODE)[:10],
        joined_at=now, confirmed_at=confirmed_at, created_at=now, **values,
    )
    for name in M2M:
        if data.get(name):
            getattr(participant, name).set(data[name])
    audit.record(by=by, action="matching.sign_up", target=programme,
                 changes={"participant": participant.pk, "side": side, "status": status})
    link = participant_url(participant)
    if status == Participant.Status.UNCONFIRMED:
        # Another message to the same address today is held back: the visitor is thanked
        # all the same, and the sign-up is removed if nobody confirms it.
        if verdict == limits.Verdict.SEND:
            _send(participant, template="confirm_email", key=f"matching-confirm:{participant.pk}",
                  sms=_("Confirm your sign-up for %(programme)s within 24 hours: %(link)s"),
                  context={"link": link})
    else:
        _welcome(participant)
    return participant


def _the_same_person(participants, *, email: str, phone: str) -> Participant | None:
    """The first of `participants` with this address or this phone number (not the account:
    one account may sign up a relative)."""
    same = Q(pk__in=[])
    if email:
        same |= Q(email=email)
    if phone:
        same |= Q(phone=phone)
    return participants.filter(same).order_by("pk").first()


def owned_by(participant: Participant, user) -> bool:
    """Whether a logged-in `user` is this participant: signed up from the account, or with
    an address the account has verified. Only then may a page show them its private link."""
    if not getattr(user, "is_authenticated", False):
        return False
    return participant.user_id == user.pk or bool(participant.email) and not needs_confirmation(
        by=user, email=participant.email)


def _welcome(participant: Participant) -> None:
    link = participant_url(participant)
    _send(participant, template="waiting", key=f"matching-waiting:{participant.pk}", context={"link": link},
          sms=_("You are on the waiting list of %(programme)s. Your own page: %(link)s"))
    _tell_coordinators(participant.programme, template="coordinator_new", key=f"matching-new:{participant.pk}",
                       context={"participant": participant})


def expired(participant: Participant, now) -> bool:
    return participant.status == Participant.Status.UNCONFIRMED and participant.created_at <= now - CONFIRM_WITHIN


@transaction.atomic
def confirm_email(*, participant: Participant, by=None, now=None) -> Participant:
    """The button on the participant's page, reached by the link in the message: now the
    sign-up is on the waiting list, waiting since this moment. Pressing it again changes
    nothing."""
    now = now or timezone.now()
    participant = Participant.objects.select_for_update().select_related("programme__office").get(pk=participant.pk)
    if participant.status != Participant.Status.UNCONFIRMED:
        return participant
    if expired(participant, now):
        raise ActionError(_("The link was valid for 24 hours and has expired. Please sign up again."))
    participant.status, participant.confirmed_at, participant.joined_at = Participant.Status.WAITING, now, now
    participant.save(update_fields=["status", "confirmed_at", "joined_at", "updated_at"])
    audit.record(by=by, action="matching.confirm_email", target=participant.programme,
                 changes={"participant": participant.pk})
    _welcome(participant)
    return participant


def forget_unconfirmed_participants(*, now=None) -> int:
    """Sign-ups nobody confirmed in time: they were on no list, and go (the daily task)."""
    now = now or timezone.now()
    _total, counts = Participant.objects.filter(status=Participant.Status.UNCONFIRMED,
                                                created_at__lte=now - CONFIRM_WITHIN).delete()
    return counts.get(Participant._meta.label, 0)


# ---------------------------------------------------------------- leaving


def _free_again(participant: Participant) -> None:
    """A participant whose match ended waits again, unless they left or still have as
    many current matches as they take."""
    if participant.status not in (Participant.Status.MATCHED, Participant.Status.WAITING):
        return
    current = (Match.objects.current().filter(offer=participant).count() if participant.side == Participant.Side.OFFER
               else Match.objects.current().filter(request=participant).count())
    status = Participant.Status.MATCHED if current >= max(participant.capacity, 1) else Participant.Status.WAITING
    if status != participant.status:
        participant.status = status
        participant.save(update_fields=["status", "updated_at"])


@transaction.atomic
def withdraw(*, participant: Participant, reason: str = "", by=None, now=None) -> Participant:
    """The participant leaves the programme: current matches end (someone left), open
    proposals with them are rejected, the coordinators are told. Their data are erased
    after the programme's retention period (the coordinators' `expire`)."""
    now = now or timezone.now()
    participant = Participant.objects.select_for_update().select_related("programme__office").get(pk=participant.pk)
    if participant.status in (Participant.Status.WITHDRAWN, Participant.Status.LEFT):
        return participant
    reason = " ".join((reason or "").split())[:300]
    ended = []
    mine = Match.objects.current().filter(**{participant.side: participant}).select_related("request", "offer")
    for match in mine:
        match.status, match.end_reason, match.ended_at = Match.Status.ENDED, Match.EndReason.WITHDREW, now
        match.save(update_fields=["status", "end_reason", "ended_at"])
        ended.append(match)
    Proposal.objects.filter(status=Proposal.Status.PROPOSED, **{participant.side: participant}).update(
        status=Proposal.Status.REJECTED, decided_at=now)
    participant.status, participant.left_at, participant.leave_reason = Participant.Status.WITHDRAWN, now, reason
    participant.save(update_fields=["status", "left_at", "leave_reason", "updated_at"])
    for match in ended:
        _free_again(_person(match, _other(participant.side)))
    audit.record(by=by, action="matching.withdraw", target=participant.programme,
                 changes={"participant": participant.pk, "matches_ended": [m.pk for m in ended]})
    _tell_coordinators(participant.programme, template="coordinator_withdrew", key=f"matching-withdrew:{participant.pk}",
                       context={"participant": participant, "reason": reason, "ended": ended})
    return participant


# ---------------------------------------------------------------- a proposed match


def _locked_match(match: Match) -> Match:
    return (Match.objects.select_for_update().select_related("programme__office", "request", "offer")
            .get(pk=match.pk))


@transaction.atomic
def confirm_match(*, match: Match, side: str, by=None, now=None) -> Match:
    """One side says yes. When both have, the match is active: the trial period and the
    first follow-up are set, and each gets the other's first name, part of the
    municipality, "about me" and how to reach them."""
    now = now or timezone.now()
    match = _locked_match(match)
    if match.status == Match.Status.ACTIVE or (
            match.status == Match.Status.AWAITING and getattr(match, f"{side}_confirmed_at")):
        return match
    if match.status != Match.Status.AWAITING:
        raise ActionError(_("This match is no longer waiting for an answer."))
    setattr(match, f"{side}_confirmed_at", now)
    fields = [f"{side}_confirmed_at"]
    if match.request_confirmed_at and match.offer_confirmed_at:
        today = timezone.localdate(now)
        match.status = Match.Status.ACTIVE
        match.trial_ends_on = today + timedelta(days=match.programme.trial_days)
        match.next_check_in_on = today + timedelta(days=match.programme.check_in_days)
        fields += ["status", "trial_ends_on", "next_check_in_on"]
    match.save(update_fields=fields)
    if match.status == Match.Status.ACTIVE:
        for each in (match.request, match.offer):
            _free_again(each)
    audit.record(by=by, action="matching.confirm_match", target=match.programme,
                 changes={"match": match.pk, "side": side, "status": match.status})
    if match.status == Match.Status.ACTIVE:
        for each in (Participant.Side.REQUEST, Participant.Side.OFFER):
            person = _person(match, each)
            _send(person, template="match_active", key=f"matching-active:{match.pk}:{each}",
                  context={"match": match, "other": _person(match, _other(each)), "link": match_url(match, each)},
                  sms=_("Both of you said yes in %(programme)s. How to reach each other: %(link)s"))
        _tell_coordinators(match.programme, template="coordinator_confirmed", key=f"matching-both:{match.pk}",
                           context={"match": match})
    return match


@transaction.atomic
def decline_match(*, match: Match, side: str, reason: str = "", by=None, now=None) -> Match:
    """One side says no: the match is declined, both wait again (the one who said no keeps
    their place in line), the coordinators hear why. A side that already said yes cannot
    say no here (a stale page): its yes stands."""
    now = now or timezone.now()
    match = _locked_match(match)
    if match.status == Match.Status.DECLINED:
        return match
    if match.status != Match.Status.AWAITING:
        raise ActionError(_("This match is no longer waiting for an answer."))
    if getattr(match, f"{side}_confirmed_at"):
        # A "no" from a page opened before this side said yes (another tab, the back button):
        # the answer already given wins; changing one's mind goes through the coordinators.
        raise ActionError(_("You have already said yes to this match, so your answer stays yes. If you have "
                            "changed your mind, write to the coordinators by answering one of our messages."))
    reason = " ".join((reason or "").split())[:500]
    match.status, match.ended_at, match.end_note = Match.Status.DECLINED, now, reason
    match.save(update_fields=["status", "ended_at", "end_note"])
    for each in (match.request, match.offer):
        _free_again(each)
    audit.record(by=by, action="matching.decline_match", target=match.programme,
                 changes={"match": match.pk, "side": side})
    _tell_coordinators(match.programme, template="coordinator_declined", key=f"matching-declined:{match.pk}",
                       context={"match": match, "side": side, "reason": reason,
                                "person": _person(match, side)})
    return match


# ---------------------------------------------------------------- follow-ups


def check_in_for(match: Match, *, today=None) -> CheckIn:
    """The follow-up a participant answers now: the latest one due, or a new one for today
    (anyone may say how it goes at any time)."""
    today = today or timezone.localdate()
    found = match.check_ins.filter(due_on__lte=today, side="").order_by("-due_on", "-pk").first()
    return found or CheckIn(match=match, due_on=today)


@transaction.atomic
def answer_check_in(*, check_in: CheckIn, side: str, answer: str, note: str = "", by=None, now=None) -> CheckIn:
    """One side answers "how is it going?". A follow-up already answered by the other side
    gets a row of its own for this one; "something is not working" tells the coordinators."""
    now = now or timezone.now()
    match = _locked_match(check_in.match)
    if match.status != Match.Status.ACTIVE:
        raise ActionError(_("This match is not active, so there is nothing to follow up."))
    if answer not in CheckIn.Answer.values:
        raise ActionError(_("Choose how it is going."))
    if check_in.pk:
        check_in = CheckIn.objects.select_for_update().get(pk=check_in.pk)
        if check_in.side and check_in.side != side:
            check_in = CheckIn(match=match, due_on=check_in.due_on, sent_at=check_in.sent_at)
    check_in.match = match
    check_in.side, check_in.answer, check_in.note = side, answer, (note or "").strip()[:2000]
    check_in.answered_at = now
    check_in.answered_by = by if getattr(by, "is_authenticated", False) else None
    check_in.save()
    audit.record(by=by, action="matching.answer_check_in", target=match.programme,
                 changes={"match": match.pk, "side": side, "answer": answer})
    if answer == CheckIn.Answer.PROBLEM:
        _tell_coordinators(match.programme, template="coordinator_problem", key=f"matching-problem:{check_in.pk}",
                           context={"match": match, "check_in": check_in, "person": _person(match, side)})
    return check_in
