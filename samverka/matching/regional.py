"""Regional programmes: a programme run together with neighbouring municipalities, each on
its own installation, without a shared database.

- **The feed.** Each installation publishes, for its programmes shared regionally, the open
  places on the giving side (`feed_payload`): an association's public facts (name,
  organisation number, kind), the part of the municipality and its centre, languages, the
  programme's words for what is given and shared, the places left and whether the required
  check is held. A person is an opaque id (`offer_ref`, an HMAC of the row's id with this
  installation's secret key): never a name, address or contact. The feed is signed
  (`signing.seal`).
- **Fetching** (`fetch_partner`, hourly by `fetch_regional_feeds`): the partner's feed is read
  with timeouts and a size limit, its signature, sender, time (not older than the last one
  believed: no replay) and shape checked before anything changes; then, in one
  transaction, its offers replace the partner's earlier ones (those not in the feed are
  removed). A feed that is down, garbage or badly signed changes nothing; the cause is kept
  on the partner and shown on the coordinator's page.
- **Matching.** The engine takes the remote offers as parties (`adapter.instance`); a pair
  with one is a `RemoteMatch` proposal. The coordinator asks the person; only when the
  person consents, choosing what to share, is a signed match request sent
  (`consent`). The partner verifies it (`receive`) and keeps it for its coordinator, who
  accepts or declines; the answer, and a withdrawal from the person, travel back the same
  way. A declined or withdrawn request's personal data are erased at once.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from samverka.core import audit
from samverka.core.access import require_perm
from samverka.core.errors import ActionError

from . import services_participants, signing
from .models import Match, Participant, Programme, RegionalMessage, RegionalPartner, RemoteMatch, RemoteOffer
from .signing import BadMessage

log = logging.getLogger(__name__)

FEED_PATH = "/matchning/regionalt/flode/"
INBOX_PATH = "/matchning/regionalt/meddelande/"
FEED_WINDOW = timedelta(hours=1)  # a feed older than this (or from a clock this far off) is not believed
TIMEOUT = (3.05, 10)  # seconds to connect, to read
MAX_OFFERS = 5000  # per programme and feed
SHARED_STATUSES = (Programme.Status.OPEN, Programme.Status.PAUSED)


class TransportError(Exception):
    """The partner could not be reached, or answered with an error: the text says how."""


# A transport: (method, url, body or None) -> the answer's body. Tests pass a fake one.
Transport = Callable[[str, str, bytes | None], bytes]


def http_transport(method: str, url: str, body: bytes | None) -> bytes:
    """One HTTP request with timeouts, reading at most signing.MAX_BYTES + 1 bytes."""
    import requests

    try:
        with requests.request(method, url, data=body, timeout=TIMEOUT, stream=True, allow_redirects=False,
                              headers={"Content-Type": "application/json", "Accept": "application/json"}) as answer:
            content = answer.raw.read(signing.MAX_BYTES + 1, decode_content=True)
            if answer.status_code >= 400:
                detail = ""
                try:
                    detail = json.loads(content).get("error", "")
                except (ValueError, AttributeError):
                    pass
                raise TransportError(_("The partner answered %(status)s. %(detail)s") % {
                    "status": answer.status_code, "detail": detail[:150]})
            if answer.status_code != 200:
                raise TransportError(_("The partner answered %(status)s.") % {"status": answer.status_code})
            return content
    except requests.Timeout:
        raise TransportError(_("The partner did not answer in time.")) from None
    except requests.RequestException as error:
        raise TransportError(_("The partner could not be reached (%(error)s).") % {
            "error": error.__class__.__name__}) from None


def base(url: str) -> str:
    return url.strip().rstrip("/")


# ---------------------------------------------------------------- the feed we publish


def offer_ref(participant_id: int) -> str:
    """A participant's id in the feed: stable, and telling a partner nothing."""
    return salted_hmac("samverka.matching.regional-offer", str(participant_id), algorithm="sha256").hexdigest()[:32]


def shared_programmes():
    return (Programme.objects.filter(shared_regionally=True, status__in=SHARED_STATUSES)
            .exclude(regional_code="").order_by("regional_code"))


def open_offers(programme: Programme):
    """The giving side's participants with a place left, with what the feed needs."""
    return (programme.participants.offers().filter(status__in=Participant.ACTIVE)
            .annotate(taken=Count("matches_given", filter=Q(matches_given__status__in=Match.CURRENT)))
            .select_related("district", "actor").prefetch_related("kinds", "interests", "languages")
            .order_by("pk"))


def _offer_entry(p: Participant, *, today, associations: bool) -> dict | None:
    from .adapter import holds_check

    places = p.capacity - p.taken
    if places <= 0:
        return None
    entry = {"id": offer_ref(p.pk), "places": places, "languages": sorted(x.code for x in p.languages.all()),
             "kinds": sorted(c.name for c in p.kinds.all()), "interests": sorted(c.name for c in p.interests.all()),
             "check": holds_check(p, today=today), "association": None, "area": None}
    if p.actor_id:
        entry["association"] = {"name": p.actor.name, "org_no": p.actor.organisation_number or "",
                                "kind": str(p.actor.get_kind_display())}
    elif associations:  # association matching: the giving side are associations, by their name
        entry["association"] = {"name": p.name, "org_no": "", "kind": ""}
    if p.district_id:
        d = p.district
        entry["area"] = {"name": d.name, "latitude": str(d.latitude) if d.latitude is not None else None,
                         "longitude": str(d.longitude) if d.longitude is not None else None}
    return entry


def feed_payload() -> dict:
    """The feed's content: a constant number of queries per shared programme."""
    today = timezone.localdate()
    programmes = []
    with translation.override(settings.LANGUAGE_CODE):
        for programme in shared_programmes():
            associations = programme.kind == Programme.Kind.ASSOCIATION
            offers = [e for e in (_offer_entry(p, today=today, associations=associations)
                                  for p in open_offers(programme)) if e]
            programmes.append({"code": programme.regional_code, "name": programme.name, "kind": programme.kind,
                               "offers": offers[:MAX_OFFERS]})
    return {"type": "feed", "programmes": programmes}


# ---------------------------------------------------------------- reading a partner's feed


def _text(value, limit: int, *, blank: bool = True) -> str:
    if value is None and blank:
        return ""
    if not isinstance(value, str) or len(value) > limit or (not blank and not value):
        raise BadMessage(_("The feed has a value of the wrong kind or too long."))
    return value


def _words(value, limit: int = 50) -> list[str]:
    if not isinstance(value, list) or len(value) > limit:
        raise BadMessage(_("The feed has a list of the wrong kind or too long."))
    return [_text(v, 100, blank=False) for v in value]


def _coordinate(value) -> Decimal | None:
    if value is None:
        return None
    try:
        number = Decimal(str(value)).quantize(Decimal("0.00001"))
    except InvalidOperation:
        raise BadMessage(_("The feed has a coordinate that is not a number.")) from None
    if not Decimal(-180) <= number <= Decimal(180):
        raise BadMessage(_("The feed has a coordinate out of range."))
    return number


def parse_offer(entry) -> dict:
    if not isinstance(entry, dict):
        raise BadMessage(_("The feed has an offer that is not an object."))
    places = entry.get("places")
    if not isinstance(places, int) or isinstance(places, bool) or not 1 <= places <= 1000:
        raise BadMessage(_("The feed has an offer without a valid number of places."))
    association = entry.get("association") or {}
    area = entry.get("area") or {}
    if not isinstance(association, dict) or not isinstance(area, dict):
        raise BadMessage(_("The feed has an offer of the wrong shape."))
    return {"remote_id": _text(entry.get("id"), 64, blank=False), "places": places,
            "languages": _words(entry.get("languages", []), 20), "kinds": _words(entry.get("kinds", [])),
            "interests": _words(entry.get("interests", [])), "holds_check": entry.get("check") is True,
            "association": _text(association.get("name"), 200),
            "organisation_number": _text(association.get("org_no"), 11),
            "association_kind": _text(association.get("kind"), 60), "area": _text(area.get("name"), 100),
            "latitude": _coordinate(area.get("latitude")), "longitude": _coordinate(area.get("longitude"))}


def parse_feed(payload: dict) -> dict[str, list[dict]]:
    """The feed's offers per programme code, every value checked; BadMessage on any fault."""
    programmes = payload.get("programmes")
    if payload.get("type") != "feed" or not isinstance(programmes, list) or len(programmes) > 100:
        raise BadMessage(_("The signed message is not a feed of programmes."))
    found: dict[str, list[dict]] = {}
    for programme in programmes:
        if not isinstance(programme, dict) or not isinstance(programme.get("offers"), list):
            raise BadMessage(_("The feed has a programme of the wrong shape."))
        if len(programme["offers"]) > MAX_OFFERS:
            raise BadMessage(_("The feed has more offers than the limit."))
        offers = [parse_offer(o) for o in programme["offers"]]
        if len({o["remote_id"] for o in offers}) != len(offers):
            raise BadMessage(_("The feed names one offer twice."))
        found[_text(programme.get("code"), 60, blank=False)] = offers
    return found


@dataclass
class Fetched:
    ok: bool
    error: str = ""
    added: int = 0
    changed: int = 0
    removed: int = 0


def fetch_partner(partner: RegionalPartner, *, transport: Transport | None = None, now=None) -> Fetched:
    """Read the partner's feed and keep its offers for the programmes shared with it. Nothing
    changes unless the whole feed is believed; the cause of a fault is kept on the partner."""
    now = now or timezone.now()
    transport = transport or http_transport
    try:
        body = transport("GET", base(partner.base_url) + FEED_PATH, None)
        payload = signing.open_envelope(body, partner.public_key)
        if base(str(payload.get("from", ""))) != base(partner.base_url):
            raise BadMessage(_("The feed says it comes from another address than the partner's."))
        signing.check_fresh(payload, now=now, window=FEED_WINDOW)
        if partner.feed_issued_at and payload["issued_at"] < partner.feed_issued_at:
            raise BadMessage(_("The feed is older than one already read (an old feed sent again)."))
        offers_by_code = parse_feed(payload)
    except (TransportError, BadMessage) as error:
        cause = str(error)[:300]
        RegionalPartner.objects.filter(pk=partner.pk).update(checked_at=now, error=cause)
        log.warning("Regional feed of %s not read: %s", partner.base_url, cause)
        return Fetched(ok=False, error=cause)
    done = Fetched(ok=True)
    with transaction.atomic():
        programmes = list(Programme.objects.filter(partners=partner, shared_regionally=True).exclude(regional_code=""))
        partner.offers.exclude(programme__in=programmes).delete()
        for programme in programmes:
            _store(partner, programme, offers_by_code.get(programme.regional_code, []), now, done)
        RegionalPartner.objects.filter(pk=partner.pk).update(checked_at=now, fetched_at=now, error="",
                                                             feed_issued_at=payload["issued_at"])
    return done


def _store(partner: RegionalPartner, programme: Programme, offers: list[dict], now, done: Fetched) -> None:
    existing = {o.remote_id: o for o in RemoteOffer.objects.filter(partner=partner, programme=programme)}
    fields = [f for f in offers[0] if f != "remote_id"] if offers else []
    new, changed = [], []
    for values in offers:
        row = existing.pop(values["remote_id"], None)
        if row is None:
            new.append(RemoteOffer(partner=partner, programme=programme, fetched_at=now, **values))
            continue
        if any(getattr(row, f) != values[f] for f in fields):
            for f in fields:
                setattr(row, f, values[f])
            changed.append(row)
        row.fetched_at = now
    RemoteOffer.objects.bulk_create(new, batch_size=500)
    if changed:
        RemoteOffer.objects.bulk_update(changed, [*fields, "fetched_at"], batch_size=500)
    RemoteOffer.objects.filter(partner=partner, programme=programme, remote_id__in=list(
        {o["remote_id"] for o in offers} - {r.remote_id for r in new})).update(fetched_at=now)
    if existing:
        RemoteOffer.objects.filter(pk__in=[r.pk for r in existing.values()]).delete()
    done.added += len(new)
    done.changed += len(changed)
    done.removed += len(existing)


def fetch_all(*, transport: Transport | None = None, now=None) -> dict[str, int]:
    """The periodic job: every active partner of a shared programme; old nonces forgotten."""
    now = now or timezone.now()
    read = failed = 0
    with translation.override(settings.LANGUAGE_CODE):
        for partner in RegionalPartner.objects.filter(active=True, programmes__shared_regionally=True).distinct():
            if fetch_partner(partner, transport=transport, now=now).ok:
                read += 1
            else:
                failed += 1
    forgotten, _counts = RegionalMessage.objects.filter(received_at__lt=now - 2 * signing.WINDOW).delete()
    return {"read": read, "failed": failed, "nonces_forgotten": forgotten}


def fetch_now(*, programme: Programme, by, transport: Transport | None = None) -> list[tuple[RegionalPartner, Fetched]]:
    """A coordinator reads the programme's partners' feeds now (each in its own transaction,
    none held open while a partner answers)."""
    require_perm(by, "matching.coordinate_programme", programme)
    return [(p, fetch_partner(p, transport=transport)) for p in programme.partners.filter(active=True)]


# ---------------------------------------------------------------- messages between installations


def _send(partner: RegionalPartner, payload: dict, transport: Transport | None) -> None:
    body = signing.seal({**payload, "to": base(partner.base_url)})
    (transport or http_transport)("POST", base(partner.base_url) + INBOX_PATH, body)


def receive(body: bytes, *, now=None) -> RemoteMatch:
    """A signed message from a partner: a match request, or an answer to one. It is believed
    only when it comes from an active partner, its signature matches that partner's key, it
    is for this installation, recent, and not seen before. Raises BadMessage."""
    now = now or timezone.now()
    try:
        claimed = base(str(json.loads(json.loads(body)["payload"])["from"]))
    except (ValueError, TypeError, KeyError):
        raise BadMessage(_("Not a signed Samverka message.")) from None
    partner = RegionalPartner.objects.filter(active=True, base_url__in=[claimed, claimed + "/"]).first()
    if partner is None:
        raise BadMessage(_("The sender is not a partner of this installation."))
    payload = signing.open_envelope(body, partner.public_key)
    if base(str(payload.get("to", ""))) != base(settings.SITE_URL):
        raise BadMessage(_("The message is for another installation."))
    signing.check_fresh(payload, now=now)
    try:
        with transaction.atomic():
            RegionalMessage.objects.create(partner=partner, nonce=payload["nonce"][:64], kind=payload["type"][:20],
                                           received_at=now)
            if payload["type"] == "match_request":
                return _received_request(partner, payload)
            if payload["type"] == "match_answer":
                return _received_answer(partner, payload)
            raise BadMessage(_("Unknown kind of message."))
    except IntegrityError:
        raise BadMessage(_("This message was received already (sent again).")) from None


def _received_request(partner: RegionalPartner, payload: dict) -> RemoteMatch:
    programme = Programme.objects.filter(shared_regionally=True, partners=partner,
                                         regional_code=_text(payload.get("programme"), 60, blank=False)).first()
    if programme is None:
        raise BadMessage(_("This installation shares no such programme with the sender."))
    wanted = _text(payload.get("offer"), 64, blank=False)
    offer = next((p for p in programme.participants.offers().filter(status__in=Participant.ACTIVE)
                  if offer_ref(p.pk) == wanted), None)
    if offer is None:
        raise BadMessage(_("The offer is no longer open."))
    person = payload.get("person")
    if not isinstance(person, dict) or set(person) - set(RemoteMatch.SHAREABLE):
        raise BadMessage(_("The person's data are of the wrong shape."))
    shared = {}
    for key, value in person.items():
        shared[key] = _words(value, 20) if key == "languages" else _text(value, 2000)
    if not (shared.get("email") or shared.get("phone")):
        raise BadMessage(_("The person shared no way to reach them."))
    match = RemoteMatch.objects.create(
        programme=programme, partner=partner, direction=RemoteMatch.Direction.INCOMING,
        reference=_text(payload.get("reference"), 64, blank=False), status=RemoteMatch.Status.PENDING,
        offer=offer, offer_ref=wanted, offer_name=offer.name, shared=shared, consented_at=payload["issued_at"])
    audit.record(by=None, action="matching.regional_received", target=programme,
                 changes={"partner": partner.name, "offer": offer.name})
    services_participants._tell_coordinators(programme, template="coordinator_regional",
                                             key=f"matching-regional-{match.pk}",
                                             context={"partner": partner.name, "offer": offer.name})
    return match


ANSWERS = {  # answer -> (the direction of our record it changes, the statuses it may change, the new status)
    "accepted": (RemoteMatch.Direction.OUTGOING, (RemoteMatch.Status.SENT,), RemoteMatch.Status.ACCEPTED),
    "declined": (RemoteMatch.Direction.OUTGOING, (RemoteMatch.Status.SENT, RemoteMatch.Status.ACCEPTED),
                 RemoteMatch.Status.DECLINED),
    "withdrawn": (RemoteMatch.Direction.INCOMING, (RemoteMatch.Status.PENDING, RemoteMatch.Status.ACCEPTED),
                  RemoteMatch.Status.WITHDRAWN),
}


def _received_answer(partner: RegionalPartner, payload: dict) -> RemoteMatch:
    answer = payload.get("answer")
    if answer not in ANSWERS:
        raise BadMessage(_("Unknown answer."))
    direction, before, after = ANSWERS[answer]
    match = (RemoteMatch.objects.select_for_update(of=("self",)).select_related("programme", "request")
             .filter(partner=partner, direction=direction, reference=str(payload.get("reference", ""))).first())
    if match is None:
        raise BadMessage(_("No such match request."))
    if match.status == after:
        return match
    if match.status not in before:
        raise BadMessage(_("The match request is no longer open."))
    match.status = after
    if after in (RemoteMatch.Status.WITHDRAWN, RemoteMatch.Status.DECLINED) and direction == RemoteMatch.Direction.INCOMING:
        match.shared = {}
    match.save(update_fields=["status", "shared", "updated_at"])
    if match.request_id:
        request = match.request
        if after == RemoteMatch.Status.ACCEPTED and request.status == Participant.Status.WAITING:
            request.status = Participant.Status.MATCHED
            request.save(update_fields=["status", "updated_at"])
        elif after == RemoteMatch.Status.DECLINED and request.status == Participant.Status.MATCHED:
            request.status = Participant.Status.WAITING
            request.save(update_fields=["status", "updated_at"])
    audit.record(by=None, action=f"matching.regional_{answer}", target=match.programme,
                 changes={"partner": partner.name, "reference": match.reference[:8]})
    return match


# ---------------------------------------------------------------- the coordinator's side


def _locked(match: RemoteMatch, direction: str, statuses) -> RemoteMatch:
    match = (RemoteMatch.objects.select_for_update(of=("self",)).select_related("programme", "partner", "request", "offer")
             .get(pk=match.pk))
    if match.direction != direction or match.status not in statuses:
        raise ActionError(_("This match has already been decided on, or a newer run replaced it."))
    return match


def consent_url(match: RemoteMatch) -> str:
    return f"/matchning/samtycke/{match.token}/"


@transaction.atomic
def ask_person(*, match: RemoteMatch, by) -> RemoteMatch:
    """The coordinator wants a proposed pair with a partner's offer: the person is asked
    whether they want it, and what of theirs the partner may see."""
    require_perm(by, "matching.coordinate_programme", match.programme)
    match = _locked(match, RemoteMatch.Direction.OUTGOING, (RemoteMatch.Status.PROPOSED,))
    if match.request.status != Participant.Status.WAITING:
        raise ActionError(_("%(name)s is no longer waiting for a match.") % {"name": match.request.name})
    match.status = RemoteMatch.Status.ASKED
    match.save(update_fields=["status", "updated_at"])
    audit.record(by=by, action="matching.regional_ask", target=match.programme,
                 changes={"request": match.request.name, "partner": match.partner.name, "offer": match.offer_name})
    services_participants._send(match.request, template="regional_consent", key=f"matching-regional-ask-{match.pk}",
                                context={"link": consent_url(match), "partner": match.partner.name,
                                         "offer": match.offer_name},
                                sms=_("Samverka: %(programme)s has found a match for you in a neighbouring "
                                      "municipality. Say yes or no here: %(link)s"))
    return match


@transaction.atomic
def reject_proposal(*, match: RemoteMatch, by) -> RemoteMatch:
    require_perm(by, "matching.coordinate_programme", match.programme)
    match = _locked(match, RemoteMatch.Direction.OUTGOING, (RemoteMatch.Status.PROPOSED, RemoteMatch.Status.ASKED))
    match.status = RemoteMatch.Status.REJECTED
    match.save(update_fields=["status", "updated_at"])
    audit.record(by=by, action="matching.regional_reject", target=match.programme,
                 changes={"request": match.request.name, "partner": match.partner.name})
    return match


def answer_request(*, match: RemoteMatch, accept: bool, by, transport: Transport | None = None) -> RemoteMatch:
    """This programme's coordinator accepts or declines a partner's match request; the
    answer goes back signed. A declined request's personal data are erased at once."""
    require_perm(by, "matching.coordinate_programme", match.programme)
    with transaction.atomic():
        match = _locked(match, RemoteMatch.Direction.INCOMING, (RemoteMatch.Status.PENDING,))
        match.status = RemoteMatch.Status.ACCEPTED if accept else RemoteMatch.Status.DECLINED
        if not accept:
            match.shared = {}
        match.save(update_fields=["status", "shared", "updated_at"])
        audit.record(by=by, action="matching.regional_accept" if accept else "matching.regional_decline",
                     target=match.programme, changes={"partner": match.partner.name, "offer": match.offer_name})
    _deliver(match, {"type": "match_answer", "reference": match.reference,
                     "answer": "accepted" if accept else "declined"}, transport)
    return match


def _deliver(match: RemoteMatch, payload: dict, transport: Transport | None) -> bool:
    """Send a message about `match`; a fault is kept on it for the coordinator (and a retry)."""
    try:
        _send(match.partner, payload, transport)
    except (TransportError, BadMessage) as error:
        RemoteMatch.objects.filter(pk=match.pk).update(error=str(error)[:300])
        match.error = str(error)[:300]
        return False
    if match.error:
        RemoteMatch.objects.filter(pk=match.pk).update(error="")
        match.error = ""
    return True


# ---------------------------------------------------------------- the person's consent


def shareable(participant: Participant) -> dict:
    """What a person may choose to share with the partner, with its value."""
    values = {"name": participant.name, "email": participant.email, "phone": participant.phone,
              "languages": sorted(x.code for x in participant.languages.all()), "about": participant.about}
    return {key: value for key, value in values.items() if value}


def consent(*, match: RemoteMatch, share: list[str], by=None, transport: Transport | None = None) -> RemoteMatch:
    """The person says yes and chooses what the partner may see (at least a way to reach
    them): the consent is recorded, then the signed match request is sent. If the partner
    cannot be reached, the request stays for a retry (`resend`) and the coordinator sees why."""
    with transaction.atomic():
        match = _locked(match, RemoteMatch.Direction.OUTGOING, (RemoteMatch.Status.ASKED,))
        values = shareable(match.request)
        chosen = {key: values[key] for key in share if key in values}
        if not (chosen.get("email") or chosen.get("phone")):
            raise ActionError(_("Choose at least one way for them to reach you: e-mail or phone."))
        match.shared, match.consented_at, match.status = chosen, timezone.now(), RemoteMatch.Status.SENT
        match.save(update_fields=["shared", "consented_at", "status", "updated_at"])
        audit.record(by=by, action="matching.regional_consent", target=match.programme,
                     changes={"partner": match.partner.name, "shared": sorted(chosen)})
    return _send_request(match, transport)


def _send_request(match: RemoteMatch, transport: Transport | None) -> RemoteMatch:
    ok = _deliver(match, {"type": "match_request", "programme": match.programme.regional_code,
                          "offer": match.offer_ref, "reference": match.reference, "person": match.shared},
                  transport)
    if not ok:
        RemoteMatch.objects.filter(pk=match.pk).update(status=RemoteMatch.Status.FAILED)
        match.status = RemoteMatch.Status.FAILED
    return match


def resend(*, match: RemoteMatch, by, transport: Transport | None = None) -> RemoteMatch:
    """The coordinator tries a request that could not be sent once more."""
    require_perm(by, "matching.coordinate_programme", match.programme)
    with transaction.atomic():
        match = _locked(match, RemoteMatch.Direction.OUTGOING, (RemoteMatch.Status.FAILED,))
        match.status = RemoteMatch.Status.SENT
        match.save(update_fields=["status", "updated_at"])
    return _send_request(match, transport)


@transaction.atomic
def decline(*, match: RemoteMatch, by=None) -> RemoteMatch:
    """The person says no: nothing of theirs was sent, nothing is."""
    match = _locked(match, RemoteMatch.Direction.OUTGOING, (RemoteMatch.Status.ASKED,))
    match.status = RemoteMatch.Status.DECLINED
    match.save(update_fields=["status", "updated_at"])
    audit.record(by=by, action="matching.regional_person_declined", target=match.programme,
                 changes={"partner": match.partner.name})
    return match


def withdraw(*, match: RemoteMatch, by=None, transport: Transport | None = None) -> RemoteMatch:
    """The person takes back their consent: the partner is told to erase what it received."""
    with transaction.atomic():
        match = _locked(match, RemoteMatch.Direction.OUTGOING,
                        (RemoteMatch.Status.SENT, RemoteMatch.Status.FAILED, RemoteMatch.Status.ACCEPTED))
        was = match.status
        match.status, match.shared = RemoteMatch.Status.WITHDRAWN, {}
        match.save(update_fields=["status", "shared", "updated_at"])
        if match.request.status == Participant.Status.MATCHED:
            match.request.status = Participant.Status.WAITING
            match.request.save(update_fields=["status", "updated_at"])
        audit.record(by=by, action="matching.regional_withdraw", target=match.programme,
                     changes={"partner": match.partner.name})
    if was != RemoteMatch.Status.FAILED:
        _deliver(match, {"type": "match_answer", "reference": match.reference, "answer": "withdrawn"}, transport)
    return match


# ---------------------------------------------------------------- partner municipalities


@transaction.atomic
def save_partner(*, partner: RegionalPartner, by) -> RegionalPartner:
    """An administrator adds or changes a partner municipality: its key must be a valid one."""
    require_perm(by, "matching.change_partner")
    try:
        signing.load_public_key(partner.public_key)
    except BadMessage:
        raise ActionError(_("The public key is not a valid Ed25519 key in base64.")) from None
    adding = partner.pk is None
    partner.base_url = base(partner.base_url)
    partner.save()
    audit.record(by=by, action="matching.regional_partner", target=partner,
                 changes={"name": partner.name, "base_url": partner.base_url, "active": partner.active,
                          "added": adding})
    return partner
