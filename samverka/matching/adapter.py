"""Between the database and the engine: a programme's participants as `engine.Party`, its
rules as `engine.Rules`, the engine's result as proposals, and the engine's reasons as
sentences a coordinator can repeat to the person.

Decisions written down here:
- **Where someone is.** Coordinates a coordinator set on the participant come first, then the
  centre of their part of the municipality, projected on a plane around the mean centre of
  all parts that have one. Someone with neither has no position: the engine does not hold
  distance against them (and gives no points for it); the waiting list says so.
- **Zones.** The part's zone (an island group) is the engine's zone; a participant without a
  part, or a part without a zone, may be paired across zones.
- **The required check.** An offer holds the programme's check (a criminal-record extract)
  when a coordinator saw it less than CHECK_VALID_DAYS ago. Associations commonly ask for a
  new extract every one to three years, and the extract must be recent when shown; two
  years is the middle of that, and the participant's page says when it runs out.
- **Capacity.** An offer goes in with its whole capacity; the matches that are current
  (awaiting confirmation or active) go in as `fixed` pairs, which the engine keeps and
  counts against that capacity. So a re-run never touches them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date, timedelta

from django.db.models import Avg, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samverka.municipality.models import District, Language, in_language
from samverka.volunteers.models import Availability, Volunteer

from . import engine
from .models import Choice, Match, Participant, Programme, Proposal, RemoteMatch, RemoteOffer

CHECK_VALID_DAYS = 2 * 365


def check_valid_until(seen_on: date | None) -> date | None:
    return seen_on + timedelta(days=CHECK_VALID_DAYS) if seen_on else None


def holds_check(participant: Participant, *, today: date | None = None) -> bool:
    until = check_valid_until(participant.check_seen_on)
    return until is not None and until > (today or timezone.localdate())


def rules_of(programme: Programme) -> engine.Rules:
    known = {f.name for f in fields(engine.Weights)}
    given = {}
    for name, value in (programme.weights or {}).items():
        if name in known:
            try:
                given[name] = max(0.0, float(value))
            except (TypeError, ValueError):
                continue
    return engine.Rules(weights=engine.Weights(**given), radius_km=float(programme.radius_km),
                        same_zone=programme.same_zone, language_required=programme.language_required,
                        availability_required=programme.availability_required)


def origin() -> tuple[float, float] | None:
    centre = District.objects.filter(latitude__isnull=False, longitude__isnull=False).aggregate(
        lat=Avg("latitude"), lon=Avg("longitude"))
    if centre["lat"] is None:
        return None
    return float(centre["lat"]), float(centre["lon"])


@dataclass
class Instance:
    """A programme as the engine sees it, with the participants behind the parties."""

    requests: list[engine.Party]
    offers: list[engine.Party]
    rules: engine.Rules
    fixed: list[tuple[int, int]]
    participants: dict[int, Participant]
    # Pairs turned down: never proposed again (engine `forbidden`).
    forbidden: list[tuple[int, int]] = field(default_factory=list)
    # A partner municipality's offers (a regional programme), as parties of id -RemoteOffer.pk.
    remote: dict[int, RemoteOffer] = field(default_factory=dict)


def _participants(programme: Programme, side: str, statuses) -> list[Participant]:
    """A volunteer of the pool who paused or left there takes no new match here either."""
    return list(programme.participants.filter(side=side, status__in=statuses)
                .filter(Q(volunteer__isnull=True) | Q(volunteer__status=Volunteer.Status.ACTIVE))
                .select_related("district")
                .prefetch_related("kinds", "refuses", "interests", "languages").order_by("pk"))


def _party_maker(programme: Programme, now):
    """A function from Participant to engine.Party, with one projection, zone numbering and
    household numbering for the whole call."""
    today = timezone.localdate(now)
    centre = origin()
    zones: dict[str, int] = {}
    households: dict[str, int] = {}
    required = frozenset({programme.required_check}) if programme.required_check else frozenset()

    def party(p: Participant) -> engine.Party:
        x = y = None
        lat, lon = p.latitude, p.longitude
        if (lat is None or lon is None) and p.district is not None:
            lat, lon = p.district.latitude, p.district.longitude
        if lat is not None and lon is not None and centre is not None:
            x, y = engine.project(float(lat), float(lon), origin=centre)
        zone = None
        if p.district is not None and p.district.zone:
            zone = zones.setdefault(p.district.zone, len(zones))
        household = households.setdefault(p.household.strip().lower(), len(households)) if p.household.strip() else None
        ages = tuple(int(a) for a in (p.details or {}).get("children_ages", []) if str(a).isdigit())
        is_request = p.side == Participant.Side.REQUEST
        if is_request:
            checks = required
        else:
            checks = required if required and holds_check(p, today=today) else frozenset()
        return engine.Party(
            id=p.pk, x_km=x, y_km=y, zone=zone, areas=frozenset({p.district_id}) if p.district_id else frozenset(),
            kinds=frozenset(c.pk for c in p.kinds.all()), refuses=frozenset(c.pk for c in p.refuses.all()),
            checks=checks, languages=frozenset(lang.pk for lang in p.languages.all()),
            interests=frozenset(c.pk for c in p.interests.all()), ages=ages, availability=p.availability,
            household=household, capacity=1 if is_request else p.capacity,
            max_km=float(p.max_km) if p.max_km else None,
            waited_days=max(0.0, (now - p.joined_at).total_seconds() / 86400) if is_request else 0.0,
            urgent=p.urgent and is_request)

    return party


def instance(programme: Programme, *, now=None) -> Instance:
    """The waiting requests, the offers still taking part, and the current matches as fixed
    pairs; for a programme shared regionally, the partners' offers too. A constant number of
    queries whatever the programme's size."""
    now = now or timezone.now()
    requests = _participants(programme, Participant.Side.REQUEST, [Participant.Status.WAITING])
    offers = _participants(programme, Participant.Side.OFFER, Participant.ACTIVE)
    fixed = list(Match.objects.filter(programme=programme, status__in=Match.CURRENT,
                                      offer__status__in=Participant.ACTIVE).values_list("request_id", "offer_id"))
    party = _party_maker(programme, now)
    forbidden = turned_down(programme)
    remote: dict[int, RemoteOffer] = {}
    remote_parties: list[engine.Party] = []
    if programme.shared_regionally:
        waiting_on_partner = set(RemoteMatch.objects.filter(
            programme=programme, direction=RemoteMatch.Direction.OUTGOING,
            status__in=(RemoteMatch.Status.ASKED, RemoteMatch.Status.SENT, RemoteMatch.Status.FAILED,
                        RemoteMatch.Status.ACCEPTED)).values_list("request_id", flat=True))
        requests = [p for p in requests if p.pk not in waiting_on_partner]
        remote, remote_parties = remote_offers(programme)
        turned_away = RemoteMatch.objects.filter(
            programme=programme, direction=RemoteMatch.Direction.OUTGOING, remote_offer__isnull=False,
            status__in=(RemoteMatch.Status.REJECTED, RemoteMatch.Status.DECLINED, RemoteMatch.Status.WITHDRAWN))
        forbidden = sorted({*forbidden, *((r, -o) for r, o in turned_away.values_list("request_id", "remote_offer_id"))})
    return Instance(requests=[party(p) for p in requests], offers=[party(p) for p in offers] + remote_parties,
                    rules=rules_of(programme), fixed=fixed,
                    participants={p.pk: p for p in [*requests, *offers]}, forbidden=forbidden, remote=remote)


def remote_offers(programme: Programme) -> tuple[dict[int, RemoteOffer], list[engine.Party]]:
    """The partners' offers as parties: the programme's words matched by name, languages by
    code, the part's centre projected like ours; the places left after the requests already
    sent to them. Three queries."""
    centre = origin()
    words = {}
    for choice in programme.choices.all():
        words[(choice.group, choice.name.strip().lower())] = choice.pk
    languages = dict(Language.objects.values_list("code", "pk"))
    sent: dict[int, int] = {}
    for offer_id in RemoteMatch.objects.filter(
            programme=programme, direction=RemoteMatch.Direction.OUTGOING, remote_offer__isnull=False,
            status__in=(RemoteMatch.Status.SENT, RemoteMatch.Status.ACCEPTED, RemoteMatch.Status.ASKED)
    ).values_list("remote_offer_id", flat=True):
        sent[offer_id] = sent.get(offer_id, 0) + 1
    required = frozenset({programme.required_check}) if programme.required_check else frozenset()
    by_id, parties = {}, []
    for offer in programme.remote_offers.filter(partner__active=True).select_related("partner"):
        places = offer.places - sent.get(offer.pk, 0)
        if places <= 0:
            continue
        x = y = None
        if offer.latitude is not None and offer.longitude is not None and centre is not None:
            x, y = engine.project(float(offer.latitude), float(offer.longitude), origin=centre)

        def ids(names, group):
            return frozenset(words[(group, n.strip().lower())] for n in names if (group, n.strip().lower()) in words)

        by_id[-offer.pk] = offer
        parties.append(engine.Party(
            id=-offer.pk, x_km=x, y_km=y, kinds=ids(offer.kinds, Choice.Group.KIND),
            interests=ids(offer.interests, Choice.Group.INTEREST),
            languages=frozenset(languages[c] for c in offer.languages if c in languages),
            checks=required if offer.holds_check else frozenset(), capacity=places))
    return by_id, parties


def turned_down(programme: Programme) -> list[tuple[int, int]]:
    """The pairs (request id, offer id) never to propose again: proposals a coordinator
    rejected (or swapped away), matches one side said no to, and matches that ended because
    they did not work out. Two queries, whatever the programme's size."""
    rejected = programme.proposals.filter(status=Proposal.Status.REJECTED).values_list("request_id", "offer_id")
    declined = programme.matches.filter(Q(status=Match.Status.DECLINED) | Q(
        status=Match.Status.ENDED, end_reason=Match.EndReason.NOT_WORKING)).values_list("request_id", "offer_id")
    return sorted({*rejected, *declined})


def pair_score(programme: Programme, request: Participant, offer: Participant) -> engine.Pair | None:
    """One pair's score and reasons under the programme's rules (None: a rule forbids it)."""
    party = _party_maker(programme, timezone.now())
    return engine.score(party(request), party(offer), rules_of(programme))


# ---------------------------------------------------------------- reasons in words


def stored(reasons) -> list[list]:
    """engine.Reason tuples as JSON: [[code, value], …] (sets of ids as sorted lists)."""
    out = []
    for reason in reasons:
        value = reason.value
        if isinstance(value, (tuple, list, set, frozenset)):
            value = sorted(value)
        out.append([reason.code, value])
    return out


@dataclass
class Names:
    """The words for the ids that reasons carry: the programme's choices and the languages."""

    choices: dict[int, str]
    languages: dict[int, str]
    areas: dict[int, str] = field(default_factory=dict)

    @classmethod
    def for_reasons(cls, reason_lists) -> Names:
        """Two queries for any number of proposals."""
        choice_ids, language_ids, area_ids = set(), set(), set()
        for reasons in reason_lists:
            for code, value in reasons:
                if code in ("kinds", "interests"):
                    choice_ids.update(value)
                elif code == "languages":
                    language_ids.update(value)
                elif code == "areas":
                    area_ids.update(value)
        return cls(_labels(Choice, choice_ids), _labels(Language, language_ids), _labels(District, area_ids))


def _labels(model, ids) -> dict[int, str]:
    """Each id's `label` in the page's language, read as plain values (no order, no objects)."""
    if not ids:
        return {}
    return {pk: in_language(sv, en, ar) for pk, sv, en, ar in model.objects.filter(pk__in=ids).order_by()
            .values_list("pk", "name", "name_en", "name_ar")}


def _listing(words: list[str]) -> str:
    words = [w for w in words if w]
    if len(words) <= 1:
        return "".join(words)
    return _("%(first)s and %(last)s") % {"first": ", ".join(words[:-1]), "last": words[-1]}


def _times(mask: int) -> str:
    slots = [(d, p) for d in range(7) for p in range(3) if mask & Availability.bit(d, p)]
    words = [f"{str(Availability.DAYS[d]).lower()} {str(Availability.PARTS[p]).lower()}" for d, p in slots[:4]]
    if len(slots) > 4:
        words[-1] += " " + _("and more")
    return _listing(words)


def sentences(reasons, names: Names) -> list[str]:
    """Why a pair fits, in sentences a coordinator can repeat to the person."""
    out = []
    for code, value in reasons:
        if code == "distance":
            km = float(value)
            if km < 1:
                out.append(_("You live less than a kilometre from each other."))
            else:
                rounded = round(km)
                out.append(ngettext("You live about %(km)s km from each other.",
                                     "You live about %(km)s km from each other.", rounded) % {"km": rounded})
        elif code == "kinds":
            out.append(_("One asks for what the other gives: %(what)s.") % {
                "what": _listing([names.choices.get(i, "").lower() for i in value])})
        elif code == "interests":
            out.append(_("You share the interest in %(what)s.") % {
                "what": _listing([names.choices.get(i, "").lower() for i in value])})
        elif code == "languages":
            out.append(_("You both speak %(languages)s.") % {
                "languages": _listing([names.languages.get(i, "").lower() for i in value])})
        elif code == "areas":
            out.append(_("You both live in %(places)s.") % {
                "places": _listing([names.areas.get(i, "") for i in value])})
        elif code == "availability":
            out.append(_("You are both free on %(times)s.") % {"times": _times(int(value))})
        elif code == "ages":
            years = round(float(value))
            out.append(ngettext("The children's ages are at most %(years)s year apart.",
                                "The children's ages are at most %(years)s years apart.", years) % {"years": years})
    return out




def blocking_reason(code: str | None) -> str:
    """Why the last run found no match for a request, in words for the waiting list."""
    words = {
        engine.NO_OFFERS: _("Nobody takes part on the giving side yet."),
        engine.NO_KIND: _("Nobody gives what this person asks for."),
        engine.NO_CHECK: _("Nobody who fits has a valid criminal-record extract."),
        engine.TOO_FAR: _("Everyone who fits lives too far away or in another island group."),
        engine.NO_LANGUAGE: _("Nobody who fits speaks the same language."),
        engine.NO_TIME: _("Nobody who fits is free at the same times."),
        engine.REFUSED: _("Everyone who fits has said no to this kind of help, is in the same household, or was "
                          "turned down with them before."),
        engine.TAKEN: _("Those who fit are already taken by others who waited longer or fit better."),
    }
    if not code:
        return _("Not in a run yet.")
    return words.get(code, _("No match found."))
