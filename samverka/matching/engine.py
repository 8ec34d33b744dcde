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

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy.sparse import coo_matrix, csr_matrix
from scipy.sparse.csgraph import connected_components, min_weight_full_bipartite_matching
from scipy.spatial import cKDTree

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


# --------------------------------------------------------------------------------------------
# Implementation
# --------------------------------------------------------------------------------------------

EARTH_KM = 6371.0088
CRITERIA = ("distance", "kinds", "languages", "interests", "availability", "ages")
AGE_SPAN = 10.0  # years: children's ages this far apart (or more) score 0 on `ages`
WAIT_UNIT_DAYS = 30.0  # a month of waiting raises a request's priority by `Weights.waiting`
_COST_BASE = 101.0  # keeps every cost of the assignment positive (a score is at most 100)


def project(lat: float, lon: float, *, origin: tuple[float, float]) -> tuple[float, float]:
    """Latitude and longitude to km on a local plane around `origin` (equirectangular;
    good to a few metres over a municipality or region)."""
    lat0, lon0 = origin
    k = math.pi / 180.0 * EARTH_KM
    return (lon - lon0) * k * math.cos(math.radians(lat0)), (lat - lat0) * k


def _positioned(p: Party) -> bool:
    return p.x_km is not None and p.y_km is not None


def _limit_km(request: Party, offer: Party, rules: Rules) -> float:
    limit = rules.radius_km
    if request.max_km is not None:
        limit = min(limit, request.max_km)
    if offer.max_km is not None:
        limit = min(limit, offer.max_km)
    return limit


def _distance(request: Party, offer: Party) -> float | None:
    if not (_positioned(request) and _positioned(offer)):
        return None
    return math.hypot(request.x_km - offer.x_km, request.y_km - offer.y_km)


# The hard constraints, one predicate per blocking code (each True when the pair passes).
def _kind_ok(request: Party, offer: Party, rules: Rules) -> bool:
    return not (rules.kinds_required and request.kinds) or bool(request.kinds & offer.kinds)


def _check_ok(request: Party, offer: Party, rules: Rules) -> bool:
    return request.checks <= offer.checks


def _place_ok(request: Party, offer: Party, rules: Rules) -> bool:
    if rules.same_zone and request.zone is not None and offer.zone is not None and request.zone != offer.zone:
        return False
    d = _distance(request, offer)
    return d is None or d <= _limit_km(request, offer, rules)


def _language_ok(request: Party, offer: Party, rules: Rules) -> bool:
    return (not rules.language_required or not request.languages or not offer.languages
            or bool(request.languages & offer.languages))


def _time_ok(request: Party, offer: Party, rules: Rules) -> bool:
    return (not rules.availability_required or not request.availability or not offer.availability
            or bool(request.availability & offer.availability))


def _refusal_ok(request: Party, offer: Party, rules: Rules) -> bool:
    if request.household is not None and request.household == offer.household:
        return False
    return not (offer.refuses & request.kinds) and not (request.refuses & offer.kinds)


# In the order of the blocking codes: the first one no offer passes names the block.
_STEPS = ((NO_KIND, _kind_ok), (NO_CHECK, _check_ok), (TOO_FAR, _place_ok),
          (NO_LANGUAGE, _language_ok), (NO_TIME, _time_ok), (REFUSED, _refusal_ok))


def feasible(request: Party, offer: Party, rules: Rules) -> bool:
    """Whether every hard constraint allows the pair."""
    return all(ok(request, offer, rules) for _, ok in _STEPS)


def _age_gap(request: Party, offer: Party) -> float | None:
    if not request.ages or not offer.ages:
        return None
    return float(max(min(abs(a - b) for b in offer.ages) for a in request.ages))


def score(request: Party, offer: Party, rules: Rules) -> Pair | None:
    """The pair's score and reasons, or None when a hard constraint forbids it."""
    if not feasible(request, offer, rules):
        return None
    w = rules.weights
    reasons: list[Reason] = []
    parts = dict.fromkeys(CRITERIA, 0.0)
    d = _distance(request, offer)
    if d is not None:
        limit = _limit_km(request, offer, rules)
        parts["distance"] = max(0.0, 1.0 - d / limit) if limit > 0 else 1.0
        reasons.append(Reason("distance", round(d, 1)))
    shared = request.kinds & offer.kinds
    if shared:
        parts["kinds"] = len(shared) / len(request.kinds)
        reasons.append(Reason("kinds", tuple(sorted(shared))))
    shared = request.languages & offer.languages
    if shared:
        parts["languages"] = 1.0
        reasons.append(Reason("languages", tuple(sorted(shared))))
    shared = request.interests & offer.interests
    if shared:
        parts["interests"] = len(shared) / len(request.interests | offer.interests)
        reasons.append(Reason("interests", tuple(sorted(shared))))
    both = request.availability & offer.availability
    if both:
        parts["availability"] = both.bit_count() / request.availability.bit_count()
        reasons.append(Reason("availability", both))
    gap = _age_gap(request, offer)
    if gap is not None:
        parts["ages"] = max(0.0, 1.0 - gap / AGE_SPAN)
        reasons.append(Reason("ages", gap))
    if request.zone is not None and request.zone == offer.zone:
        reasons.append(Reason("zone", request.zone))
    total_weight = sum(getattr(w, c) for c in CRITERIA)
    value = 100.0 * sum(getattr(w, c) * parts[c] for c in CRITERIA) / total_weight if total_weight > 0 else 0.0
    return Pair(request.id, offer.id, round(value, 6), tuple(reasons))


def priority(request: Party, rules: Rules) -> float:
    """How much matching this request counts, at least 1: urgent and long-waiting ones more."""
    w = rules.weights
    return 1.0 + w.urgent * request.urgent + w.waiting * max(0.0, request.waited_days) / WAIT_UNIT_DAYS


def big(n_requests: int) -> float:
    """The value of one priority unit: more than any difference of total scores, so that
    the number of matched requests (and their priority) always comes before the score."""
    return 100.0 * (n_requests + 1)


def objective(pairs: Iterable[Pair], requests: Sequence[Party], rules: Rules) -> float:
    """What `solve` maximises: BIG · the matched requests' priorities + their total score."""
    prio = {r.id: priority(r, rules) for r in requests}
    b = big(len(requests))
    return sum(b * prio.get(p.request, 0.0) + p.score for p in pairs)


@dataclass(slots=True)
class _Prepared:
    requests: list[Party]  # sorted by id, without the fixed ones
    offers: list[Party]  # sorted by id
    free: list[int]  # remaining capacity per offer
    fixed_pairs: list[Pair]
    edges: dict[int, list[Pair]]  # request index -> its candidate pairs, best first


def _fixed_pairs(fixed, requests_by_id, offers_by_id, rules) -> list[Pair]:
    out = []
    for request_id, offer_id in fixed:
        request, offer = requests_by_id.get(request_id), offers_by_id.get(offer_id)
        pair = score(request, offer, rules) if request is not None and offer is not None else None
        out.append(pair or Pair(request_id, offer_id, 0.0))
    return out


def candidates(requests: Sequence[Party], offers: Sequence[Party], rules: Rules,
               free: Sequence[int] | None = None) -> dict[int, list[Pair]]:
    """For each request (by index), its best `rules.neighbours` feasible offers, best score
    first (ties: offer id). Sparse: positioned offers come from a k-d tree per zone within the
    radius; offers without position are checked against every request of their zone."""
    k = max(1, rules.neighbours)
    free = [o.capacity for o in offers] if free is None else free
    by_zone: dict[object, list[int]] = {}
    unplaced: dict[object, list[int]] = {}
    for j, o in enumerate(offers):
        if free[j] <= 0:
            continue
        zone = o.zone if rules.same_zone else None
        (by_zone if _positioned(o) else unplaced).setdefault(zone, []).append(j)
    trees = {}
    for zone, idx in by_zone.items():
        pts = np.array([(offers[j].x_km, offers[j].y_km) for j in idx], dtype=float)
        trees[zone] = (cKDTree(pts), np.array(idx))
    out: dict[int, list[Pair]] = {}
    for i, r in enumerate(requests):
        zones = [r.zone] if (rules.same_zone and r.zone is not None) else None
        pool: list[int] = []
        for zone, (tree, idx) in trees.items():
            if zones is not None and zone is not None and zone not in zones:
                continue
            if _positioned(r):
                pool.extend(idx[tree.query_ball_point((r.x_km, r.y_km), rules.radius_km)].tolist())
            else:
                pool.extend(idx.tolist())
        for zone, idx in unplaced.items():
            if zones is not None and zone is not None and zone not in zones:
                continue
            pool.extend(idx)
        pairs = [p for j in pool if (p := score(r, offers[j], rules)) is not None]
        pairs.sort(key=lambda p: (-p.score, p.offer))
        if pairs:
            out[i] = pairs[:k]
    return out


def _prepare(requests, offers, rules, fixed) -> _Prepared:
    requests_by_id = {r.id: r for r in requests}
    offers_sorted = sorted(offers, key=lambda o: o.id)
    offers_by_id = {o.id: o for o in offers_sorted}
    fixed = list(fixed)
    fixed_pairs = _fixed_pairs(fixed, requests_by_id, offers_by_id, rules)
    taken = {request_id for request_id, _ in fixed}
    used: dict[int, int] = {}
    for _, offer_id in fixed:
        used[offer_id] = used.get(offer_id, 0) + 1
    free = [max(0, o.capacity - used.get(o.id, 0)) for o in offers_sorted]
    requests_sorted = sorted((r for r in requests if r.id not in taken), key=lambda r: r.id)
    edges = candidates(requests_sorted, offers_sorted, rules, free)
    return _Prepared(requests_sorted, offers_sorted, free, fixed_pairs, edges)


def _components(prep: _Prepared) -> tuple[int, list[list[int]]]:
    """Connected components of the candidate graph, as lists of request indices."""
    n, m = len(prep.requests), len(prep.offers)
    offer_index = {o.id: j for j, o in enumerate(prep.offers)}
    rows, cols = [], []
    for i, pairs in prep.edges.items():
        for p in pairs:
            rows.append(i)
            cols.append(n + offer_index[p.offer])
    graph = coo_matrix((np.ones(len(rows)), (rows, cols)), shape=(n + m, n + m))
    count, labels = connected_components(graph, directed=False)
    groups: dict[int, list[int]] = {}
    for i in sorted(prep.edges):
        groups.setdefault(int(labels[i]), []).append(i)
    return len(groups), [groups[key] for key in sorted(groups, key=lambda key: groups[key][0])]


def _solve_component(prep: _Prepared, rows: list[int], rules: Rules, b: float) -> list[Pair]:
    """Minimum-cost assignment of one component: each request to one slot of an offer, or to
    its own dummy column at the cost of staying unmatched."""
    offer_index = {o.id: j for j, o in enumerate(prep.offers)}
    degree: dict[int, int] = {}
    for i in rows:
        for p in prep.edges[i]:
            degree[p.offer] = degree.get(p.offer, 0) + 1
    slots: dict[int, list[int]] = {}
    column = 0
    for offer_id in sorted(degree):
        count = min(prep.free[offer_index[offer_id]], degree[offer_id])
        slots[offer_id] = list(range(column, column + count))
        column += count
    data, ri, ci = [], [], []
    for row, i in enumerate(rows):
        for p in prep.edges[i]:
            for c in slots[p.offer]:
                data.append(_COST_BASE - p.score)
                ri.append(row)
                ci.append(c)
        data.append(_COST_BASE + b * priority(prep.requests[i], rules))
        ri.append(row)
        ci.append(column + row)
    matrix = csr_matrix((data, (ri, ci)), shape=(len(rows), column + len(rows)))
    _, assigned = min_weight_full_bipartite_matching(matrix)
    owner = {c: offer_id for offer_id, cs in slots.items() for c in cs}
    out = []
    for row, i in enumerate(rows):
        offer_id = owner.get(int(assigned[row]))
        if offer_id is not None:
            out.append(next(p for p in prep.edges[i] if p.offer == offer_id))
    return out


def _blocked(request: Party, offers: Sequence[Party], rules: Rules) -> str:
    """The most specific reason no offer fits `request` (TAKEN when some would)."""
    if not offers:
        return NO_OFFERS
    pool = list(offers)
    for code, ok in _STEPS:
        pool = [o for o in pool if ok(request, o, rules)]
        if not pool:
            return code
    return TAKEN


def _result(prep: _Prepared, matched: list[Pair], rules: Rules, components: int) -> Result:
    pairs = sorted(prep.fixed_pairs + matched, key=lambda p: (p.request, p.offer))
    done = {p.request for p in pairs}
    blocked = {r.id: _blocked(r, prep.offers, rules) for r in prep.requests if r.id not in done}
    return Result(pairs=pairs, blocked=dict(sorted(blocked.items())),
                  total_score=round(sum(p.score for p in pairs), 6),
                  candidates=sum(len(v) for v in prep.edges.values()), components=components)


def solve(requests: Sequence[Party], offers: Sequence[Party], rules: Rules, *,
          fixed: Iterable[tuple[int, int]] = ()) -> Result:
    """The optimal set of pairs: as many requests matched as possible (never fewer than
    `greedy`), urgent and long-waiting ones first, then the highest total score. `fixed`
    pairs (accepted, confirmed or locked matches) are kept as they are and use their offer's
    capacity. Deterministic: the same input gives the same result."""
    prep = _prepare(requests, offers, rules, fixed)
    count, groups = _components(prep)
    b = big(len(requests))
    matched: list[Pair] = []
    for rows in groups:
        matched.extend(_solve_component(prep, rows, rules, b))
    return _result(prep, matched, rules, count)


def greedy(requests: Sequence[Party], offers: Sequence[Party], rules: Rules) -> Result:
    """First come, first served, each request taking its best free offer: what the peers do,
    the baseline the benchmark compares with."""
    prep = _prepare(requests, offers, rules, ())
    offer_index = {o.id: j for j, o in enumerate(prep.offers)}
    free = list(prep.free)
    order = sorted(range(len(prep.requests)),
                   key=lambda i: (-prep.requests[i].waited_days, prep.requests[i].id))
    matched = []
    for i in order:
        for p in prep.edges.get(i, ()):
            j = offer_index[p.offer]
            if free[j] > 0:
                free[j] -= 1
                matched.append(p)
                break
    return _result(prep, matched, rules, 0)


def propose(request: Party, offers: Sequence[Party], rules: Rules, *,
            load: dict[int, int] | None = None, limit: int = 5) -> list[Pair]:
    """The fast path for one new request: its best `limit` feasible offers, best first,
    without solving the programme. `load` counts what each offer already took."""
    load = load or {}
    pairs = [p for o in offers if o.capacity - load.get(o.id, 0) > 0 and (p := score(request, o, rules))]
    pairs.sort(key=lambda p: (-p.score, p.offer))
    return pairs[:limit]


def alternatives(request_id: int, result: Result, requests: Sequence[Party],
                 offers: Sequence[Party], rules: Rules, *, limit: int = 3,
                 fixed: Iterable[tuple[int, int]] = ()) -> list[Alternative]:
    """The next-best offers for one request of a solved programme, each with what it would
    cost the others. `fixed`: the fixed pairs the result was solved with."""
    fixed = [f for f in fixed if f[0] != request_id]
    request = next(r for r in requests if r.id == request_id)
    current = {p.request: p for p in result.pairs}
    mine = current.get(request_id)
    others_score = result.total_score - (mine.score if mine else 0.0)
    others_unmatched = len(result.blocked) - (request_id in result.blocked)
    out = []
    for p in propose(request, offers, rules, limit=len(offers)):
        if mine is not None and p.offer == mine.offer:
            continue
        again = solve(requests, offers, rules, fixed=[*fixed, (request_id, p.offer)])
        lost = others_score - (again.total_score - p.score)
        out.append(Alternative(p.offer, p.score, round(lost, 6), len(again.blocked) - others_unmatched))
        if len(out) >= limit:
            break
    return out
