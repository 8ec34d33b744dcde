"""The matching engine: the best set of pairs for a whole programme at once.

Plain Python with NumPy and SciPy: no Django import, plain dataclasses in and out, so the
same engine serves every matching programme and crisis mode, and can be tested and timed
on its own.

Words used here:
- a *request* is someone who wants something (company, a friend family, an association,
  a flat to furnish, help in a crisis); it takes at most one offer;
- an *offer* is someone or something that gives (a volunteer, a family, an association, a
  donation); it takes up to `capacity` requests;
- a *pair* is one request with one offer; a *cost* is what the engine minimises, a *score*
  (0–100, higher is better) is what a coordinator sees.

The interface below is fixed; the implementation follows the docstrings.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

SLOTS = 21  # availability: 7 days × morning, afternoon, evening; bit `day * 3 + part`


@dataclass(frozen=True, slots=True)
class Party:
    """One participant of either side, as the engine needs it. Ids are unique per side."""

    id: int
    x_km: float | None = None  # position on a local plane in km (see `project`); None: not known
    y_km: float | None = None
    zone: int | None = None  # island group or other area reached only within itself; None: any
    kinds: frozenset[int] = frozenset()  # request: kinds wanted; offer: kinds given
    refuses: frozenset[int] = frozenset()  # kinds this party will not do (offer) or accept (request)
    checks: frozenset[str] = frozenset()  # request: checks required of the offer; offer: checks held
    languages: frozenset[int] = frozenset()
    interests: frozenset[int] = frozenset()  # interests, work background, item kinds: anything to share
    ages: tuple[int, ...] = ()  # children's ages (friend families): closer is better
    availability: int = 0  # bit mask of SLOTS; 0: not said (no constraint, no points)
    household: int | None = None  # a request and an offer of one household are never paired
    capacity: int = 1  # offers: how many more requests it takes; requests: always 1
    max_km: float | None = None  # the farthest this party will go; None: the programme's radius
    waited_days: float = 0.0  # requests: days on the waiting list
    urgent: bool = False  # requests


@dataclass(frozen=True, slots=True)
class Weights:
    """Soft criteria, tuned per programme by its coordinators. Each criterion gives 0–1,
    multiplied by its weight; the score is the weighted sum scaled to 0–100."""

    distance: float = 1.0  # 1 at the same place, 0 at the radius
    kinds: float = 1.0  # share of the wanted kinds the offer gives
    languages: float = 1.0  # any shared language
    interests: float = 1.0  # shared interests (Jaccard)
    availability: float = 1.0  # share of the request's slots the offer shares
    ages: float = 0.0  # closeness of children's ages
    waiting: float = 1.0  # priority: how much a day of waiting raises the cost of leaving a request unmatched
    urgent: float = 1.0  # priority: how much more an urgent request must be matched


@dataclass(frozen=True, slots=True)
class Rules:
    """A programme's hard constraints and search limits."""

    weights: Weights = field(default_factory=Weights)
    radius_km: float = 25.0  # no pair farther apart (unless a party has no position)
    neighbours: int = 30  # candidates per request: the k nearest feasible offers within the radius
    same_zone: bool = True  # a pair never crosses zones
    kinds_required: bool = True  # the offer gives at least one kind the request wants
    language_required: bool = False  # a pair shares a language
    availability_required: bool = False  # a pair shares a slot (when both said when)


# What keeps a request unmatched, most specific first; `Result.blocked` names one per request.
NO_OFFERS = "no_offers"  # the programme has no offer at all
NO_KIND = "kind"  # no offer gives what is wanted
NO_CHECK = "check"  # no offer holds the required check
TOO_FAR = "distance"  # every offer that gives it is beyond the radius or in another zone
NO_LANGUAGE = "language"
NO_TIME = "availability"
REFUSED = "refused"  # every otherwise fitting offer refuses it (or the household)
TAKEN = "taken"  # fitting offers exist, but they are full or better used by others


@dataclass(frozen=True, slots=True)
class Reason:
    """Why a pair fits, for the words a coordinator repeats to the person.
    `code`: "distance" (value: km), "kinds" / "languages" / "interests" (value: the shared
    ids), "availability" (value: the shared bit mask), "ages" (value: largest age gap in years),
    "zone" (value: the zone id)."""

    code: str
    value: object


@dataclass(frozen=True, slots=True)
class Pair:
    request: int
    offer: int
    score: float  # 0–100
    reasons: tuple[Reason, ...] = ()


@dataclass(frozen=True, slots=True)
class Alternative:
    """Another offer for one request, and what taking it would cost the rest of the
    programme: `others_lost` is the drop in the other requests' total score, `unmatched`
    how many other requests would then be left without a pair."""

    offer: int
    score: float
    others_lost: float
    unmatched: int


@dataclass(slots=True)
class Result:
    pairs: list[Pair]  # sorted by request id
    blocked: dict[int, str]  # unmatched request id -> what blocks it (one of the codes above)
    total_score: float
    candidates: int  # edges in the candidate graph
    components: int  # connected components solved separately


def project(lat: float, lon: float, *, origin: tuple[float, float]) -> tuple[float, float]:
    """Latitude and longitude to km on a local plane around `origin` (equirectangular;
    good to a few metres over a municipality or region)."""
    raise NotImplementedError


def score(request: Party, offer: Party, rules: Rules) -> Pair | None:
    """The pair's score and reasons, or None when a hard constraint forbids it."""
    raise NotImplementedError


def solve(requests: Sequence[Party], offers: Sequence[Party], rules: Rules, *,
          fixed: Iterable[tuple[int, int]] = ()) -> Result:
    """The optimal set of pairs: as many requests matched as possible (never fewer than
    `greedy`), urgent and long-waiting ones first, then the highest total score. `fixed`
    pairs (accepted, confirmed or locked matches) are kept as they are and use their offer's
    capacity. Deterministic: the same input gives the same result."""
    raise NotImplementedError


def greedy(requests: Sequence[Party], offers: Sequence[Party], rules: Rules) -> Result:
    """First come, first served, each request taking its best free offer: what the peers do,
    the baseline the benchmark compares with."""
    raise NotImplementedError


def propose(request: Party, offers: Sequence[Party], rules: Rules, *,
            load: dict[int, int] | None = None, limit: int = 5) -> list[Pair]:
    """The fast path for one new request: its best `limit` feasible offers, best first,
    without solving the programme. `load` counts what each offer already took."""
    raise NotImplementedError


def alternatives(request_id: int, result: Result, requests: Sequence[Party], offers: Sequence[Party],
                 rules: Rules, *, limit: int = 3) -> list[Alternative]:
    """The next-best offers for one request of a solved programme, each with what it would
    cost the others."""
    raise NotImplementedError
