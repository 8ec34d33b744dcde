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

Hard constraints (`score` returns None, `solve` never pairs them):
- kinds: with `Rules.kinds_required`, the offer gives at least one kind the request wants
  (a request that names no kind takes any offer);
- checks: the offer holds every check the request requires;
- place: with `Rules.same_zone`, both zones equal when both are known (None: any zone);
  when both positions are known, the distance is at most min(radius, each party's
  max_km). A party without a position is feasible at an unknown distance (the distance
  criterion then gives 0);
- language / availability, when the rules require them: a shared language / slot, unless
  one side said none (not said: no constraint);
- refusals: the offer refuses none of the kinds the request wants, and the request refuses
  none of the kinds the offer gives (an offer's kinds are what it gives: "a man", "has a
  dog" are kinds a request may refuse); never a request and an offer of one household.

Score: Σ weight × criterion / Σ weights × 100, each criterion 0–1 (see `Weights`), rounded
to six decimals; `Pair.reasons` name what the pair shares.

Objective of `solve`: maximise BIG · Σ priority(matched request) + Σ score(matched pairs),
where priority = 1 + urgent · Weights.urgent + Weights.waiting · days waited / 30 and BIG =
100 · (number of requests + 1) exceeds any total of scores. Equivalently: leaving a request
unmatched costs BIG · its priority. The requests a matching can serve form a transversal
matroid, and every weight is positive, so the optimum serves as many requests as any
matching can (an augmenting path would gain at least BIG − 100 · n > 0): never fewer than
`greedy`. Among those, it serves the highest total priority, then the best total score.

How (`solve`):
1. candidates, sparsely (`_candidates`): per request the k = `Rules.neighbours` nearest
   feasible offers within the radius in each pool of offers (zone, kind wanted, checks
   required), the pools being layers of one k-d tree searched for all requests at once
   (each no farther than the request itself goes), asked again with 4× as many only for
   searches short of k feasible ones; parties without a
   position through bounded rotating windows (`_windows`); then the k best by score. Never
   all pairs, never a pair in `forbidden`.
2. the candidate graph's connected components (reported in `Result.components`);
3. the assignment (`_assign`): offers expanded into one slot per unit of capacity left, a
   maximum matching (Hopcroft–Karp) splits the problem into the contested part and the
   rest, and each connected component of each part is solved optimally, by SciPy's sparse
   assignment (LAPJVsp) or, for large components, OR-Tools' min-cost flow.
4. `Result.blocked`: TAKEN for an unmatched request with candidates, otherwise the first
   hard constraint (in the order of the codes) that no offer passes.
`fixed` pairs are kept as given (scored when still feasible, else with score 0) and take
their offer's capacity. Deterministic: requests and offers are sorted by id first, ties go
to the lower offer id.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

import numpy as np
from ortools.graph.python import min_cost_flow
from scipy.sparse import coo_matrix, csr_matrix
from scipy.sparse.csgraph import (
    breadth_first_order,
    connected_components,
    maximum_bipartite_matching,
    min_weight_full_bipartite_matching,
)
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
    areas: frozenset[int] = frozenset()  # parts of the municipality: where the help is / where one helps


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
    areas: float = 0.0  # 1 when the pair shares a part of the municipality (when positions are not known)


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
    `code`: "distance" (value: km), "kinds" / "languages" / "interests" / "areas" (value: the
    shared ids), "availability" (value: the shared bit mask), "ages" (value: largest age gap in years),
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
    # Seconds per phase (encode, candidates, solve, result), wall clock and `_cpu` (this process).
    timings: dict[str, float] = field(default_factory=dict, compare=False, repr=False)
    # The arrays and the candidate graph it was solved on: `alternatives` reuses them.
    problem: object = field(default=None, compare=False, repr=False)


# --------------------------------------------------------------------------------------------
# Implementation
# --------------------------------------------------------------------------------------------

EARTH_KM = 6371.0088
AGE_SPAN = 10.0  # years: children's ages this far apart (or more) score 0 on `ages`
WAIT_UNIT_DAYS = 30.0  # a month of waiting raises a request's priority by `Weights.waiting`
WINDOW_MAX = 4096  # the most a window grows to while looking for enough feasible offers
FIRST_ASK = 1.2  # a search first asks the tree for this many times k neighbours (some do not fit)
LEAF_SIZE = 32  # points per leaf of the k-d tree of offers
FLOW_ABOVE = 50_000_000  # rows × columns of a component above which min-cost flow solves it
_COST_BASE = 101.0  # keeps every cost of the assignment positive (a score is at most 100)
_NOZONE = np.iinfo(np.int64).min
_NOHOUSE = np.iinfo(np.int64).min


def project(lat: float, lon: float, *, origin: tuple[float, float]) -> tuple[float, float]:
    """Latitude and longitude to km on a local plane around `origin` (equirectangular;
    good to a few metres over a municipality or region)."""
    lat0, lon0 = origin
    k = math.pi / 180.0 * EARTH_KM
    return (lon - lon0) * k * math.cos(math.radians(lat0)), (lat - lat0) * k


def priority(request: Party, rules: Rules) -> float:
    """How much matching this request counts, at least 1: urgent and long-waiting ones more."""
    w = rules.weights
    return 1.0 + w.urgent * bool(request.urgent) + w.waiting * max(0.0, request.waited_days) / WAIT_UNIT_DAYS


def big(n_requests: int) -> float:
    """The value of one priority unit: more than any total score of `n_requests`, so that the
    matched requests (their number, then their priority) always come before the score."""
    return 100.0 * (n_requests + 1)


def objective(pairs: Iterable[Pair], requests: Sequence[Party], rules: Rules) -> float:
    """What `solve` maximises: BIG · Σ priority of the matched requests + Σ their scores."""
    prio = {r.id: priority(r, rules) for r in requests}
    b = big(len(requests))
    return sum(b * prio.get(p.request, 0.0) + p.score for p in pairs)


# ---- parties as arrays ----------------------------------------------------------------------

class _Bits:
    """Sets of ids as bit masks (rows of uint64 words) over one universe of ids."""

    def __init__(self, ids: Iterable[object], reserve: int = 0):
        self.pos = {k: i + reserve for i, k in enumerate(sorted(set(ids), key=repr))}
        self.words = max(1, -(-(len(self.pos) + reserve) // 64))
        self._cache: dict[frozenset, int] = {}

    def value(self, s: frozenset, unknown: int = 0) -> int:
        v = self._cache.get(s)
        if v is None:
            pos = self.pos
            v = 0
            for k in s:
                i = pos.get(k)
                v |= unknown if i is None else 1 << i
            self._cache[s] = v
        return v

    def masks(self, sets: Sequence[frozenset], unknown: int = 0) -> np.ndarray:
        values = [self.value(s, unknown) for s in sets]
        if self.words == 1:
            return np.array(values, dtype=np.uint64).reshape(-1, 1)
        full = (1 << 64) - 1
        return np.array([[(v >> (64 * w)) & full for w in range(self.words)] for v in values],
                        dtype=np.uint64).reshape(-1, self.words)


@dataclass(slots=True)
class _Universe:
    kinds: _Bits  # kinds and refusals share one universe
    checks: _Bits  # bit 0: a check no offer holds
    languages: _Bits
    interests: _Bits
    areas: _Bits


@dataclass(slots=True)
class _Side:
    parties: Sequence[Party]
    ids: np.ndarray
    x: np.ndarray  # NaN: not known
    y: np.ndarray
    placed: np.ndarray
    zone: np.ndarray  # _NOZONE: any
    kinds: np.ndarray
    n_kinds: np.ndarray
    refuses: np.ndarray
    checks: np.ndarray
    languages: np.ndarray
    n_languages: np.ndarray
    interests: np.ndarray
    n_interests: np.ndarray
    areas: np.ndarray
    availability: np.ndarray
    household: np.ndarray  # _NOHOUSE: none
    capacity: np.ndarray
    max_km: np.ndarray  # inf: the programme's radius
    ages: np.ndarray  # (n, longest) with NaN padding
    households: bool = False  # any party with a household
    refusing: bool = False  # any party that refuses a kind

    def __len__(self):
        return len(self.ids)


def _universe(offers: Sequence[Party]) -> _Universe:
    kinds, checks, languages, interests, areas = set(), set(), set(), set(), set()
    for o in offers:
        kinds |= o.kinds
        kinds |= o.refuses
        checks |= o.checks
        languages |= o.languages
        interests |= o.interests
        areas |= o.areas
    return _Universe(_Bits(kinds), _Bits(checks, reserve=1), _Bits(languages), _Bits(interests), _Bits(areas))


def _side(parties: Sequence[Party], u: _Universe) -> _Side:
    n = len(parties)
    nan, inf = math.nan, math.inf
    x = np.array([nan if p.x_km is None or p.y_km is None else p.x_km for p in parties], dtype=float)
    y = np.array([nan if p.x_km is None or p.y_km is None else p.y_km for p in parties], dtype=float)
    longest = max((len(p.ages) for p in parties), default=0)
    ages = np.full((n, longest), nan)
    for i, p in enumerate(parties):
        if p.ages:
            ages[i, :len(p.ages)] = p.ages
    return _Side(
        parties=parties,
        ids=np.array([p.id for p in parties], dtype=np.int64),
        x=x, y=y, placed=~np.isnan(x),
        zone=np.array([_NOZONE if p.zone is None else p.zone for p in parties], dtype=np.int64),
        kinds=u.kinds.masks([p.kinds for p in parties]),
        n_kinds=np.array([len(p.kinds) for p in parties], dtype=np.int64),
        refuses=u.kinds.masks([p.refuses for p in parties]),
        checks=u.checks.masks([p.checks for p in parties], unknown=1),
        languages=u.languages.masks([p.languages for p in parties]),
        n_languages=np.array([len(p.languages) for p in parties], dtype=np.int64),
        interests=u.interests.masks([p.interests for p in parties]),
        n_interests=np.array([len(p.interests) for p in parties], dtype=np.int64),
        areas=u.areas.masks([p.areas for p in parties]),
        availability=np.array([p.availability for p in parties], dtype=np.int64),
        household=np.array([_NOHOUSE if p.household is None else p.household for p in parties], dtype=np.int64),
        capacity=np.array([p.capacity for p in parties], dtype=np.int64),
        max_km=np.array([inf if p.max_km is None else p.max_km for p in parties], dtype=float),
        ages=ages,
        households=any(p.household is not None for p in parties),
        refusing=any(p.refuses for p in parties),
    )


class Offers(Sequence[Party]):
    """A programme's offers, sorted by id, with their arrays and k-d trees built once: pass it
    instead of a list to `propose` (or to any function here) to skip that work on every call.
    It is a sequence of `Party` like any other."""

    def __init__(self, offers: Iterable[Party]):
        self.parties = tuple(sorted(offers, key=lambda o: o.id))
        self.universe = _universe(self.parties)
        self.side = _side(self.parties, self.universe)
        self.index = {o.id: j for j, o in enumerate(self.parties)}
        self._pools: dict[tuple, _Pool] = {}
        self._zones: dict[int, np.ndarray] | None = None
        self._layered: _Layered | None = None

    def __len__(self) -> int:
        return len(self.parties)

    def __getitem__(self, i):
        return self.parties[i]

    def _zone_index(self) -> None:
        if self._zones is None:  # offer indices per zone, found once
            s = self.side
            order = np.argsort(s.zone, kind="stable")
            values, starts = np.unique(s.zone[order], return_index=True)
            self._zones = dict(zip(values.tolist(), np.split(order, starts[1:]), strict=True)) if len(s) else {}

    def layered(self, rq: _Side, rows: np.ndarray, rules: Rules) -> _Layered:
        """The layers that the requests `rows` search, built once and kept while they
        cover what later calls need (a call that needs more builds them again, for both)."""
        needs = _needs(rq, rows, rules)
        bound = rules.radius_km * (1 + 1e-9) + 1e-9
        found = self._layered
        if found is None and len(self):  # the first: also for the sets of checks the offers hold,
            held = frozenset(map(tuple, _unique_rows(self.side.checks).tolist()))  # as later requests
            needs = needs.union(_Needs(held, bool(rules.kinds_required), False, bool(rules.same_zone), False))
        found = self._layered
        if found is None or not found.needs.covers(needs) or (found.tree is not None and found.bound < bound):
            found = self._layered = _build_layered(self, needs if found is None else found.needs.union(needs),
                                                   bound)
        return found

    def pool(self, zone, kind: int | None, checks: tuple[int, ...]) -> _Pool:
        """The offers of `zone` (_NOZONE: those without a zone; None: all) that give the kind
        of bit `kind` (None: any) and hold every check of the mask `checks`."""
        key = (zone, kind, checks)
        found = self._pools.get(key)
        if found is None:
            s = self.side
            self._zone_index()
            at = np.arange(len(s)) if zone is None else self._zones.get(zone, np.zeros(0, dtype=np.int64))
            keep = np.ones(len(at), bool)
            if kind is not None:
                keep &= (s.kinds[at, kind // 64] >> np.uint64(kind % 64)) & np.uint64(1) == 1
            if any(checks):
                keep &= _holds(s.checks[at], checks)
            at = at[keep]
            placed, unplaced = at[s.placed[at]], at[~s.placed[at]]
            tree = cKDTree(np.column_stack((s.x[placed], s.y[placed]))) if len(placed) else None
            found = self._pools[key] = _Pool(tree, placed, unplaced, at)
        return found


_ALL = _NOZONE + 1  # the scope of a request that may take an offer of any zone
_ANY = -1  # the kind layer of a request that takes any kind


@dataclass(frozen=True, slots=True)
class _Needs:
    """Which layers a batch of requests searches (see `_Layered`)."""

    checks: frozenset  # the sets of checks required, as tuples of mask words
    bits: bool  # a layer per kind given (requests that want kinds, when kinds are required)
    any_kind: bool  # a layer of every kind
    own: bool  # a layer per zone (with `same_zone`): requests with a zone search theirs and _NOZONE's
    all_scope: bool  # a layer of every zone

    def covers(self, other: _Needs) -> bool:
        return (other.checks <= self.checks and self.bits >= other.bits and self.any_kind >= other.any_kind
                and self.own >= other.own and self.all_scope >= other.all_scope)

    def union(self, other: _Needs) -> _Needs:
        return _Needs(self.checks | other.checks, self.bits or other.bits, self.any_kind or other.any_kind,
                      self.own or other.own, self.all_scope or other.all_scope)


def _needs(rq: _Side, rows: np.ndarray, rules: Rules) -> _Needs:
    checks = frozenset(map(tuple, _unique_rows(rq.checks[rows]).tolist())) if len(rows) else frozenset()
    wants = rq.n_kinds[rows] > 0
    zoned = rq.zone[rows] != _NOZONE
    return _Needs(checks, bool(rules.kinds_required and wants.any()),
                  bool(not rules.kinds_required or (~wants).any()),
                  bool(rules.same_zone and zoned.any()), bool(not rules.same_zone or (~zoned).any()))


@dataclass(slots=True)
class _Layered:
    """Every pool of offers (`Offers.pool`: a scope of zones × a kind given × a set of checks
    held) at once, as layers of one k-d tree in the plane: each layer is the map of its
    offers shifted to a cell of its own (`shift`), the cells `sep` apart on a grid, farther
    than any radius can reach (a request far outside the map is brought to its edge, where
    nothing is within reach), so a search within the radius from a point of a layer finds
    only that layer's offers. The requests of a whole programme are then one query
    (`_nearest`), not one per pool. (Two dimensions, not a third for the layer: the tree's
    searches take a third less time.)
    `every` / `unplaced`: the offers of each layer (those without position), grouped by layer,
    from `every_start[layer]` / `unplaced_start[layer]`."""

    needs: _Needs
    qsets: list  # the sets of checks, as tuples of mask words, by id
    n_kinds: int  # kind ids: 0 … n_kinds - 1 the kinds' bits, n_kinds: any kind
    scopes: np.ndarray  # the scopes' values (zones, _NOZONE, _ALL), sorted: a scope's id is its index
    keys: np.ndarray  # the layers' keys (`_key`), sorted: a layer's id is its index
    sep: float
    tree: cKDTree | None
    point_offer: np.ndarray  # the tree's points' offers
    every: np.ndarray
    every_start: np.ndarray
    unplaced: np.ndarray
    unplaced_start: np.ndarray
    bound: float = 0.0  # the farthest search the layers are built for
    width: int = 1  # cells per row of the grid
    box: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)  # the placed offers' map: x, y from, to

    def key(self, scope_id, kind_id, q_id):
        return (scope_id * (self.n_kinds + 1) + kind_id) * len(self.qsets) + q_id

    def shift(self, layer: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Where each layer's cell lies: its offset in x and in y."""
        return (layer % self.width) * self.sep, (layer // self.width) * self.sep

    def points(self, rq: _Side, rows: np.ndarray, layer: np.ndarray) -> np.ndarray:
        x0, y0, x1, y1 = self.box
        margin = 2.0 * self.bound
        dx, dy = self.shift(layer)
        return np.column_stack((np.clip(rq.x[rows], x0 - margin, x1 + margin) + dx,
                                np.clip(rq.y[rows], y0 - margin, y1 + margin) + dy))

    def queries(self, rq: _Side, rows: np.ndarray, rules: Rules) -> tuple[np.ndarray, np.ndarray]:
        """The searches of the requests `rows`: (request, layer) for each scope it may take
        an offer from, each kind it wants and the checks it requires; grouped by layer, in
        the order of `rows` within one."""
        q_of = {q: i for i, q in enumerate(self.qsets)}
        checks = rq.checks[rows]
        if checks.shape[1] == 1:
            unique = _unique_rows(checks)
            inverse = np.searchsorted(unique[:, 0], checks[:, 0])
        else:
            unique, inverse = np.unique(checks, axis=0, return_inverse=True)
        q_id = np.array([q_of[tuple(u)] for u in unique.tolist()], dtype=np.int64)[inverse.reshape(-1)]
        position = np.arange(len(rows))
        kinds: list[tuple[np.ndarray, int]] = []  # (positions in rows, kind id)
        if rules.kinds_required:
            wants = rq.n_kinds[rows] > 0
            for bit in range(self.n_kinds):
                has = (rq.kinds[rows, bit // 64] >> np.uint64(bit % 64)) & np.uint64(1) == 1
                if has.any():
                    kinds.append((position[has], bit))
            kinds.append((position[~wants], self.n_kinds))
        else:
            kinds.append((position, self.n_kinds))
        zone = rq.zone[rows]
        if rules.same_zone:
            own = zone != _NOZONE
            scope_families = [(own, zone), (own, np.full(len(rows), _NOZONE)), (~own, np.full(len(rows), _ALL))]
        else:
            scope_families = [(np.ones(len(rows), bool), np.full(len(rows), _ALL))]
        out_pos, out_layer = [], []
        if not len(self.keys):
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        for at, kind_id in kinds:
            for applies, scope in scope_families:
                at_here = at[applies[at]]
                if not len(at_here):
                    continue
                scope_at = np.minimum(np.searchsorted(self.scopes, scope[at_here]), len(self.scopes) - 1)
                known = self.scopes[scope_at] == scope[at_here]
                key = self.key(scope_at, kind_id, q_id[at_here])
                layer = np.minimum(np.searchsorted(self.keys, key), len(self.keys) - 1)
                known &= self.keys[layer] == key
                out_pos.append(at_here[known])
                out_layer.append(layer[known])
        if not out_pos:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        pos, layer = np.concatenate(out_pos), np.concatenate(out_layer)
        order = np.lexsort((pos, layer))
        return rows[pos[order]], layer[order]


def _build_layered(of: Offers, needs: _Needs, bound: float) -> _Layered:
    S = of.side
    n = len(S)
    qsets = sorted(needs.checks)
    n_kinds = len(of.universe.kinds.pos)
    scope_values = []
    if needs.own:
        scope_values.append(S.zone)
    if needs.all_scope:
        scope_values.append(np.full(n, _ALL, dtype=np.int64))
    scopes = np.unique(np.concatenate(scope_values)) if scope_values else np.zeros(0, dtype=np.int64)
    member_offer, member_key = [], []
    layered = _Layered(needs, qsets, n_kinds, scopes, np.zeros(0, dtype=np.int64), 1.0, None,
                       np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(1, dtype=np.int64),
                       np.zeros(0, dtype=np.int64), np.zeros(1, dtype=np.int64))
    kind_ids = ([*range(n_kinds)] if needs.bits else []) + ([n_kinds] if needs.any_kind else [])
    for q_id, q in enumerate(qsets):
        holds = _holds(S.checks, q) if any(q) else np.ones(n, bool)
        for kind_id in kind_ids:
            has = holds
            if kind_id < n_kinds:
                has = holds & ((S.kinds[:, kind_id // 64] >> np.uint64(kind_id % 64)) & np.uint64(1) == 1)
            at = np.flatnonzero(has)
            for values in scope_values:
                member_offer.append(at)
                member_key.append(layered.key(np.searchsorted(scopes, values[at]), kind_id, q_id))
    if not member_offer:
        return layered
    offer, key = np.concatenate(member_offer), np.concatenate(member_key)
    space = len(scopes) * (n_kinds + 1) * len(qsets)
    if space <= 4 * len(key) + 4096:  # the keys that occur, counted (no sort)
        present = np.bincount(key, minlength=space) > 0
        layered.keys, layer = np.flatnonzero(present), (np.cumsum(present) - 1)[key]
    else:
        layered.keys, layer = np.unique(key, return_inverse=True)
        layer = layer.reshape(-1)
    # By layer, then offer: each chunk above holds ascending offers and no two chunks share a
    # layer, so a stable sort by layer (a radix sort on 16 bits) gives that order.
    order = np.argsort(layer.astype(np.uint16) if len(layered.keys) <= 1 << 16 else layer, kind="stable")
    offer, layer = offer[order], layer[order]
    bounds = np.arange(len(layered.keys) + 1)
    layered.every, layered.every_start = offer, np.searchsorted(layer, bounds)
    placed = S.placed[offer]
    layered.unplaced, layered.unplaced_start = offer[~placed], np.searchsorted(layer[~placed], bounds)
    if placed.any():
        x, y = S.x[offer[placed]], S.y[offer[placed]]
        layered.box = (float(x.min()), float(y.min()), float(x.max()), float(y.max()))
        extent = float(max(np.ptp(x), np.ptp(y), 1.0))
        # A query point lies within 2 · bound of the map, so another layer's offers are at
        # least sep − extent − 2 · bound = 3 · extent + 2 · bound + 1 away: out of reach.
        layered.sep = 4.0 * (extent + bound) + 1.0
        layered.bound = bound
        layered.width = max(1, math.ceil(math.sqrt(len(layered.keys))))
        layered.point_offer = offer[placed]
        dx, dy = layered.shift(layer[placed])
        layered.tree = cKDTree(np.column_stack((x + dx, y + dy)), leafsize=LEAF_SIZE, balanced_tree=False)
    return layered


@dataclass(slots=True)
class _Pool:
    tree: cKDTree | None  # over the placed offers
    placed: np.ndarray  # offer indices
    unplaced: np.ndarray
    every: np.ndarray


def _offers(offers: Sequence[Party]) -> Offers:
    return offers if isinstance(offers, Offers) else Offers(offers)


# ---- the hard constraints and the score, on arrays of pairs ----------------------------------

def _at(mask: np.ndarray, i) -> np.ndarray:
    """The bit masks (`_Bits`) of the parties `i`: rows of words, or one word each as a flat
    array when the universe fits in one (much faster to gather and to test)."""
    return mask[:, 0][i] if mask.shape[1] == 1 else mask[i]


def _unique_rows(a: np.ndarray) -> np.ndarray:
    """The distinct rows of bit masks, sorted (one word each: by hashing, much faster)."""
    return np.unique(a[:, 0]).reshape(-1, 1) if a.shape[1] == 1 else np.unique(a, axis=0)


def _holds(checks: np.ndarray, words) -> np.ndarray:
    """Whether each row of the masks `checks` holds every bit of the mask `words`."""
    need = np.array(words, dtype=np.uint64)
    if checks.shape[1] == 1:
        return (checks[:, 0] & need[0]) == need[0]
    return ~_any(need[None, :], ~checks)


def _any(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    both = a & b
    return both != 0 if both.ndim == 1 else both.any(axis=1)


def _count(a: np.ndarray) -> np.ndarray:
    return np.bitwise_count(a).astype(np.int64) if a.ndim == 1 else np.bitwise_count(a).sum(axis=1, dtype=np.int64)


def _distance(rq: _Side, of: _Side, ri, oj) -> np.ndarray:
    return np.hypot(rq.x[ri] - of.x[oj], rq.y[ri] - of.y[oj])  # NaN when either is not placed


def _limit(rq: _Side, of: _Side, ri, oj, rules: Rules) -> np.ndarray:
    return np.minimum(np.minimum(rq.max_km[ri], of.max_km[oj]), rules.radius_km)


def _stages(rq: _Side, of: _Side, ri, oj, rules: Rules) -> list[tuple[str, np.ndarray]]:
    """Each hard constraint as a boolean array over the pairs, in the order of the codes."""
    rk, ok_ = _at(rq.kinds, ri), _at(of.kinds, oj)
    kind = _any(rk, ok_)
    if not rules.kinds_required:
        kind = np.ones(len(ri), bool)
    else:
        kind |= rq.n_kinds[ri] == 0
    check = ~_any(_at(rq.checks, ri), ~_at(of.checks, oj))
    zone = rq.zone[ri], of.zone[oj]
    place = (zone[0] == zone[1]) | (zone[0] == _NOZONE) | (zone[1] == _NOZONE) if rules.same_zone else True
    d = _distance(rq, of, ri, oj)
    place = place & ~(d > _limit(rq, of, ri, oj, rules))  # NaN (not placed) passes
    if rules.language_required:
        language = (_any(_at(rq.languages, ri), _at(of.languages, oj)) | (rq.n_languages[ri] == 0)
                    | (of.n_languages[oj] == 0))
    else:
        language = np.ones(len(ri), bool)
    if rules.availability_required:
        ra, oa = rq.availability[ri], of.availability[oj]
        time = ((ra & oa) != 0) | (ra == 0) | (oa == 0)
    else:
        time = np.ones(len(ri), bool)
    rh = rq.household[ri]
    refusal = ~((rh != _NOHOUSE) & (rh == of.household[oj]))
    refusal &= ~_any(_at(of.refuses, oj), rk) & ~_any(_at(rq.refuses, ri), ok_)
    return [(NO_KIND, kind), (NO_CHECK, check), (TOO_FAR, place), (NO_LANGUAGE, language),
            (NO_TIME, time), (REFUSED, refusal)]


def _feasible(rq: _Side, of: _Side, ri, oj, rules: Rules) -> np.ndarray:
    ok = None
    for _, stage in _stages(rq, of, ri, oj, rules):
        ok = stage if ok is None else ok & stage
    return ok


def _pooled_feasible(rq: _Side, of: _Side, ri, oj, rules: Rules, d: np.ndarray) -> np.ndarray:
    """`_feasible` for pairs from a pool (`Offers.pool`), which already fits zone, kind and
    checks; `d` the pairs' distances. The same rules, fewer operations."""
    ok = ~(d > _limit(rq, of, ri, oj, rules))
    if rules.language_required:
        ok &= (_any(_at(rq.languages, ri), _at(of.languages, oj)) | (rq.n_languages[ri] == 0)
               | (of.n_languages[oj] == 0))
    if rules.availability_required:
        ra, oa = rq.availability[ri], of.availability[oj]
        ok &= ((ra & oa) != 0) | (ra == 0) | (oa == 0)
    if rq.households and of.households:
        rh = rq.household[ri]
        ok &= ~((rh != _NOHOUSE) & (rh == of.household[oj]))
    if of.refusing:
        ok &= ~_any(_at(of.refuses, oj), _at(rq.kinds, ri))
    if rq.refusing:
        ok &= ~_any(_at(rq.refuses, ri), _at(of.kinds, oj))
    return ok


def _scores(rq: _Side, of: _Side, ri, oj, rules: Rules, d: np.ndarray | None = None
            ) -> tuple[np.ndarray, np.ndarray]:
    """Scores (0–100, rounded to 6 decimals) and distances (NaN: unknown) of feasible pairs."""
    w = rules.weights
    total = w.distance + w.kinds + w.languages + w.interests + w.availability + w.ages + w.areas
    d = _distance(rq, of, ri, oj) if d is None else d
    if total <= 0:
        return np.zeros(len(ri)), d
    value = np.zeros(len(ri))
    if w.distance:
        limit = _limit(rq, of, ri, oj, rules)
        with np.errstate(divide="ignore", invalid="ignore"):
            part = np.where(limit > 0, np.maximum(0.0, 1.0 - d / limit), 1.0)
        value += w.distance * np.where(np.isnan(d), 0.0, part)
    if w.kinds:
        n = rq.n_kinds[ri]
        value += w.kinds * np.where(n > 0, _count(_at(rq.kinds, ri) & _at(of.kinds, oj)) / np.maximum(n, 1), 0.0)
    if w.languages:
        value += w.languages * _any(_at(rq.languages, ri), _at(of.languages, oj))
    if w.interests:
        shared = _count(_at(rq.interests, ri) & _at(of.interests, oj))
        union = rq.n_interests[ri] + of.n_interests[oj] - shared
        value += w.interests * np.where(shared > 0, shared / np.maximum(union, 1), 0.0)
    if w.availability:
        ra = rq.availability[ri]
        shared = np.bitwise_count(ra & of.availability[oj]).astype(float)
        value += w.availability * np.where(shared > 0, shared / np.maximum(np.bitwise_count(ra), 1), 0.0)
    if w.ages and rq.ages.shape[1] and of.ages.shape[1]:
        gap = _age_gap(rq.ages[ri], of.ages[oj])
        value += w.ages * np.where(np.isnan(gap), 0.0, np.maximum(0.0, 1.0 - gap / AGE_SPAN))
    if w.areas:
        value += w.areas * _any(_at(rq.areas, ri), _at(of.areas, oj))
    return np.round(100.0 * value / total, 6), d


def _age_gap(ra: np.ndarray, oa: np.ndarray) -> np.ndarray:
    """Per pair: the largest gap from a request's child to the closest child of the offer."""
    diff = np.abs(ra[:, :, None] - oa[:, None, :])
    with np.errstate(invalid="ignore"):
        diff = np.where(np.isnan(diff), np.inf, diff).min(axis=2)
        diff = np.where(np.isinf(diff), -np.inf, diff).max(axis=1)
    return np.where(np.isinf(diff), np.nan, diff)


def _reasons(r: Party, o: Party, d: float) -> tuple[Reason, ...]:
    reasons = []
    if not math.isnan(d):
        reasons.append(Reason("distance", round(d, 1)))
    for code, a, b in (("kinds", r.kinds, o.kinds), ("languages", r.languages, o.languages),
                       ("interests", r.interests, o.interests), ("areas", r.areas, o.areas)):
        shared = a & b
        if shared:
            reasons.append(Reason(code, tuple(sorted(shared))))
    both = r.availability & o.availability
    if both:
        reasons.append(Reason("availability", both))
    if r.ages and o.ages:
        reasons.append(Reason("ages", float(max(min(abs(a - b) for b in o.ages) for a in r.ages))))
    if r.zone is not None and r.zone == o.zone:
        reasons.append(Reason("zone", r.zone))
    return tuple(reasons)


def feasible(request: Party, offer: Party, rules: Rules) -> bool:
    """Whether every hard constraint allows the pair."""
    of = Offers([offer])
    at = np.zeros(1, dtype=np.int64)
    return bool(_feasible(_side([request], of.universe), of.side, at, at, rules)[0])


def score(request: Party, offer: Party, rules: Rules) -> Pair | None:
    """The pair's score and reasons, or None when a hard constraint forbids it."""
    of = Offers([offer])
    rq = _side([request], of.universe)
    at = np.zeros(1, dtype=np.int64)
    if not _feasible(rq, of.side, at, at, rules)[0]:
        return None
    value, d = _scores(rq, of.side, at, at, rules)
    return Pair(request.id, offer.id, float(value[0]), _reasons(request, offer, float(d[0])))


# ---- candidates -----------------------------------------------------------------------------

@dataclass(slots=True)
class _Graph:
    """The candidate graph: edges (request index, offer index, score, distance), grouped by
    request, best score first within a request (ties: offer id)."""

    ri: np.ndarray
    oj: np.ndarray
    score: np.ndarray
    d: np.ndarray


def _rank(rows: np.ndarray, ok: np.ndarray, n_rows: int) -> np.ndarray:
    """For edges sorted by row: the rank of each among the `ok` edges of its row (from 0)."""
    c = np.concatenate(([0], np.cumsum(ok)))
    starts = np.searchsorted(rows, np.arange(n_rows))
    return c[1:] - c[starts][rows] - 1


def _nearest(tree, idx, rq: _Side, of: _Side, rows: np.ndarray, k: int, rules: Rules, ok_fn, first: int = 0,
             pts: np.ndarray | None = None):
    """The k nearest feasible offers within the radius for each request of `rows` (a request
    may come more than once, with its own point in `pts` each time): ask the tree for `first`
    (default FIRST_ASK · k) neighbours, then for more (×4) only for the rows that have not
    found k yet. A request that goes less far than the radius (its `max_km`) is searched only
    that far, rounded up to a whole km so that such searches go in a few groups: what lies
    beyond its own limit never fits it, and a search that stops there need not ask again."""
    pts = np.column_stack((rq.x[rows], rq.y[rows])) if pts is None else pts
    out_r, out_o, out_d = [], [], []
    reach = np.minimum(rq.max_km[rows], rules.radius_km)
    reach = np.where(reach < rules.radius_km, np.ceil(np.maximum(reach, 0.0)), rules.radius_km)
    values, group = np.unique(reach, return_inverse=True)
    group = group.reshape(-1)
    order = np.argsort(group, kind="stable")  # each group keeps the order of `rows`
    bounds = np.searchsorted(group[order], np.arange(len(values) + 1))
    for g, value in enumerate(values.tolist()):
        at = order[bounds[g]:bounds[g + 1]]
        if len(at):
            _nearest_within(tree, idx, rows[at], pts[at], k, value, ok_fn, first, out_r, out_o, out_d)
    return out_r, out_o, out_d


def _nearest_within(tree, idx, rows, pts, k: int, reach: float, ok_fn, first: int, out_r, out_o, out_d) -> None:
    n = len(idx)
    pending = np.arange(len(rows))
    found = np.zeros(len(rows), dtype=np.int64)
    start, K = 0, min(n, max(first or math.ceil(FIRST_ASK * k), 4))
    # The tree leaves out a point exactly at `distance_upper_bound`; the reach itself is
    # allowed (the hard constraint is distance ≤ radius), so ask for a hair more (more than
    # the rounding that the layers' offsets in the plane add: a few ulps of the offset).
    bound = reach * (1 + 1e-9) + 1e-9
    while len(pending):
        _, nn = tree.query(pts[pending], k=list(range(start + 1, K + 1)), distance_upper_bound=bound)
        valid = nn < n
        pr, pc = np.nonzero(valid)
        ri, oj = rows[pending[pr]], idx[nn[pr, pc]]
        ok, d = ok_fn(ri, oj)
        # keep as many as each request still needs
        need = k - found[pending]
        keep = ok & (_rank(pr, ok, len(pending)) < need[pr])
        out_r.append(ri[keep])
        out_o.append(oj[keep])
        out_d.append(d[keep])
        found[pending] += np.bincount(pr[keep], minlength=len(pending))
        exhausted = ~valid[:, -1] if valid.shape[1] else np.ones(len(pending), bool)
        done = (found[pending] >= k) | exhausted | (K >= n)
        pending = pending[~done]
        start, K = K, min(n, K * 4)


def _windows(lst: np.ndarray, start: np.ndarray, size: np.ndarray, rows: np.ndarray, need: np.ndarray,
             cap: np.ndarray, ok_fn):
    """Offers that no distance can order, for many rows at once, each with its own list:
    the segment `lst[start:start + size]`, `need` feasible offers wanted, at most `cap`
    looked at. The window of a row starts where its request's index says (so that requests
    spread over the list), is twice `need` long, and grows ×4 up to `cap` until it holds
    `need`."""
    out_r, out_o, out_d = [], [], []
    if not len(rows):
        return out_r, out_o, out_d
    cap = np.minimum(size, np.maximum(cap, need))
    offset = (rows.astype(np.int64) * 7919) % size
    found = np.zeros(len(rows), dtype=np.int64)
    lo = np.zeros(len(rows), dtype=np.int64)
    hi = np.minimum(cap, 2 * need)
    pending = np.arange(len(rows))
    while len(pending):
        length = hi[pending] - lo[pending]
        pr = np.repeat(np.arange(len(pending)), length)
        within = np.arange(len(pr)) - np.repeat(np.cumsum(length) - length, length) + lo[pending][pr]
        q = pending[pr]
        ri, oj = rows[q], lst[start[q] + (offset[q] + within) % size[q]]
        ok, d = ok_fn(ri, oj)
        out_r.append(ri[ok])
        out_o.append(oj[ok])
        out_d.append(d[ok])
        found[pending] += np.bincount(pr[ok], minlength=len(pending))
        done = (found[pending] >= need[pending]) | (hi[pending] >= cap[pending])
        pending = pending[~done]
        lo[pending], hi[pending] = hi[pending], np.minimum(cap[pending], hi[pending] * 4)
    return out_r, out_o, out_d


def _candidates(rq: _Side, of: Offers, free: np.ndarray, rules: Rules,
                rows: np.ndarray | None = None, forbidden: np.ndarray | None = None) -> _Graph:
    """For each request its best `rules.neighbours` feasible offers with room left, by score
    (ties: offer id), among:
    - the k nearest feasible placed offers within the radius in each pool of offers it may
      take from: per scope (a request with a zone looks in its zone and among the offers
      without a zone; one without a zone, or in a programme without zones, everywhere), per
      kind wanted (when kinds are required: one search per kind, merged) and per set of
      checks required. The pools are the layers of one k-d tree (`_Layered`), searched for
      every request at once;
    - offers that no distance orders, in a rotating window (`_windows`): a placed request
      looks for its share of k among a pool's offers without position (k × their share of
      the pool, at least 1, looking at no more than 8 times that), a request without position
      for k among every offer of the pool (looking at no more than WINDOW_MAX).
    `forbidden`: pairs never taken (`_forbidden_keys`). Never all pairs: a search looks at
    about k pairs unless many are infeasible, and at most k·4^j for the tree's j-th retry
    (bounded by the offers within the radius) plus the windows' caps."""
    S = of.side
    k = max(1, rules.neighbours)
    rows = np.arange(len(rq)) if rows is None else rows
    # Near requests one after the other: the tree's searches then touch the same nodes.
    cell = np.nan_to_num(np.floor(np.column_stack((rq.x[rows], rq.y[rows])) / 2.0), nan=0.0)
    rows = rows[np.lexsort((cell[:, 0], cell[:, 1]))]

    some_full = bool(len(free)) and not (free > 0).all()
    some_forbidden = forbidden is not None and len(forbidden) > 0

    def ok_fn(ri, oj):
        d = _distance(rq, S, ri, oj)
        if not some_full and not some_forbidden:
            return _pooled_feasible(rq, S, ri, oj, rules, d), d
        ok = free[oj] > 0
        if some_forbidden:
            ok &= ~_member(ri * len(S) + oj, forbidden)
        if ok.any():
            ok[ok] = _pooled_feasible(rq, S, ri[ok], oj[ok], rules, d[ok])
        return ok, d

    parts_r, parts_o, parts_d = [], [], []
    if len(rows) and len(S):
        layered = of.layered(rq, rows, rules)
        qr, layer = layered.queries(rq, rows, rules)
        placed = rq.placed[qr]
        if layered.tree is not None and placed.any():
            a, b, c = _nearest(layered.tree, layered.point_offer, rq, S, qr[placed], k, rules, ok_fn,
                               pts=layered.points(rq, qr[placed], layer[placed]))
            parts_r += a
            parts_o += b
            parts_d += c
        # Offers that no distance orders: a placed request looks for its share of k among the
        # layer's offers without position, one without position for k among all of them.
        n_every = layered.every_start[layer + 1] - layered.every_start[layer]
        n_unplaced = layered.unplaced_start[layer + 1] - layered.unplaced_start[layer]
        share = -(-k * n_unplaced // np.maximum(n_every, 1))
        for lst, starts, sizes, who, need, cap in (
                (layered.unplaced, layered.unplaced_start, n_unplaced, placed, share, 8 * share),
                (layered.every, layered.every_start, n_every, ~placed, np.full(len(qr), k),
                 np.full(len(qr), WINDOW_MAX))):
            at = np.flatnonzero(who & (sizes > 0) & (need > 0))
            a, b, c = _windows(lst, starts[layer[at]], sizes[at], qr[at], need[at], cap[at], ok_fn)
            parts_r += a
            parts_o += b
            parts_d += c
    ri = np.concatenate(parts_r) if parts_r else np.zeros(0, np.int64)
    oj = np.concatenate(parts_o) if parts_o else np.zeros(0, np.int64)
    d = np.concatenate(parts_d) if parts_d else np.zeros(0)
    value, d = _scores(rq, S, ri, oj, rules, d)
    # By request, then best score, then offer id (= offer index: the offers are sorted by id).
    m = len(S) + 1
    span = 100_000_001 * m
    if len(ri) and (len(rq) + 1) * span < 2 ** 62 and value.min() >= 0.0 and value.max() <= 100.0:
        # As one integer key that holds the whole edge (the score in millionths, exactly as
        # rounded): the keys are sorted as values, several times faster than finding the
        # order, and read back; the distances are found again for the edges kept.
        key = ri.astype(np.int64) * span + (100_000_000 - np.rint(value * 1e6).astype(np.int64)) * m + oj
        key = np.sort(key)
        if len(key) > 1:  # an offer reached through two wanted kinds counts once (the copies are adjacent)
            key = key[np.concatenate(([True], key[1:] != key[:-1]))]
        ri, rest = np.divmod(key, span)
        keep = _rank(ri, np.ones(len(ri), bool), len(rq)) < k
        ri, rest = ri[keep], rest[keep]
        points, oj = np.divmod(rest, m)
        return _Graph(ri, oj, (100_000_000 - points) / 1e6, _distance(rq, S, ri, oj))
    order = np.argsort((100_000_000 - np.rint(value * 1e6).astype(np.int64)) * m + oj)
    order = order[np.argsort(ri[order], kind="stable")]
    ri, oj, value, d = ri[order], oj[order], value[order], d[order]
    if len(ri) > 1:  # an offer reached through two wanted kinds counts once (the copies are adjacent)
        once = np.concatenate(([True], (ri[1:] != ri[:-1]) | (oj[1:] != oj[:-1])))
        ri, oj, value, d = ri[once], oj[once], value[once], d[once]
    if len(ri):
        keep = _rank(ri, np.ones(len(ri), bool), len(rq)) < k
        ri, oj, value, d = ri[keep], oj[keep], value[keep], d[keep]
    return _Graph(ri, oj, value, d)


def _member(keys: np.ndarray, sorted_keys: np.ndarray) -> np.ndarray:
    """Whether each of `keys` is in the sorted, non-empty array `sorted_keys`."""
    at = np.minimum(np.searchsorted(sorted_keys, keys), len(sorted_keys) - 1)
    return sorted_keys[at] == keys


def _forbidden_keys(rq: _Side, of: Offers, forbidden: Iterable[tuple[int, int]]) -> np.ndarray:
    """Pairs (request id, offer id) never to propose, as sorted keys request index × offers +
    offer index (pairs of parties not in the problem are left out)."""
    pairs = np.array(list(dict.fromkeys(forbidden)), dtype=np.int64).reshape(-1, 2)
    if not len(pairs) or not len(rq) or not len(of):
        return np.zeros(0, dtype=np.int64)
    ri = np.minimum(np.searchsorted(rq.ids, pairs[:, 0]), len(rq) - 1)
    oj = np.minimum(np.searchsorted(of.side.ids, pairs[:, 1]), len(of) - 1)
    known = (rq.ids[ri] == pairs[:, 0]) & (of.side.ids[oj] == pairs[:, 1])
    return np.unique(ri[known] * len(of) + oj[known])


# ---- solving --------------------------------------------------------------------------------

@dataclass(slots=True)
class _Problem:
    rq: _Side  # requests to match, sorted by id (the fixed ones left out)
    of: Offers
    free: np.ndarray  # room left per offer once the fixed pairs are counted
    fixed: list[Pair]
    graph: _Graph
    b: float  # the value of one priority unit
    timings: dict[str, float] = field(default_factory=dict)
    forbidden: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))  # see _forbidden_keys
    fixed_ids: tuple = ()  # the fixed pairs it was built with, as given
    labels: np.ndarray | None = None  # the requests' components (`_components`), once found
    index: object = None  # `_alternatives_index`, once found


def _problem(requests: Sequence[Party], offers: Sequence[Party], rules: Rules,
             fixed: Iterable[tuple[int, int]], forbidden: Iterable[tuple[int, int]] = ()) -> _Problem:
    started, cpu = time.perf_counter(), time.process_time()
    of = _offers(offers)
    fixed = list(dict.fromkeys(fixed))
    taken = {request_id for request_id, _ in fixed}
    by_id = {r.id: r for r in requests}
    pending = sorted((r for r in requests if r.id not in taken), key=lambda r: r.id)
    rq = _side(pending, of.universe)
    free = of.side.capacity.copy()
    fixed_pairs = []
    for request_id, offer_id in fixed:
        j = of.index.get(offer_id)
        if j is not None:
            free[j] -= 1
        r = by_id.get(request_id)
        pair = score(r, of.parties[j], rules) if r is not None and j is not None else None
        fixed_pairs.append(pair or Pair(request_id, offer_id, 0.0))
    free = np.maximum(free, 0)
    keys = _forbidden_keys(rq, of, forbidden)
    encoded, encoded_cpu = time.perf_counter(), time.process_time()
    graph = _candidates(rq, of, free, rules, forbidden=keys)
    timings = {"encode": encoded - started, "candidates": time.perf_counter() - encoded,
               "encode_cpu": encoded_cpu - cpu, "candidates_cpu": time.process_time() - encoded_cpu}
    return _Problem(rq, of, free, fixed_pairs, graph, big(len(requests)), timings, keys, tuple(fixed))


def _components(p: _Problem) -> tuple[int, np.ndarray]:
    """Connected components of the candidate graph: their number and each request's label
    (-1: no candidate)."""
    n, m = len(p.rq), len(p.of)
    g = p.graph
    if p.labels is not None:
        return len(np.unique(p.labels[p.labels >= 0])), p.labels
    if not len(g.ri):
        return 0, np.full(n, -1)
    graph = coo_matrix((np.ones(len(g.ri)), (g.ri, n + g.oj)), shape=(n + m, n + m)).tocsr()
    _, labels = connected_components(graph, directed=False)
    labels = labels[:n].copy()
    has = np.zeros(n, bool)
    has[g.ri] = True
    labels[~has] = -1
    p.labels = labels
    return len(np.unique(labels[has])), labels


def _assign(p: _Problem, rules: Rules, edges: np.ndarray, rows: np.ndarray, free: np.ndarray) -> np.ndarray:
    """Optimal assignment of the requests `rows` over the candidate edges `edges` (indices into
    the graph, only between those rows), offers expanded into one column per slot of room.
    Returns the chosen edges.

    The optimum matches as many requests as possible (see the module's docstring), so it is
    found in two independent parts (the Gallai–Edmonds decomposition of the slot graph, from
    one maximum matching by Hopcroft–Karp):
    - the contested part: the requests some maximum matching leaves out (reached by an
      alternating path from an unmatched request) and the slots next to them, which every
      maximum matching fills. Each slot takes one of these requests: a full assignment of
      the slots, priority first (BIG · priority + score), with free request columns close by;
    - the rest: requests that every maximum matching matches, each to a slot of the offers
      outside the contested part: a full assignment of the requests by score.
    Both are SciPy's sparse assignment (LAPJVsp) with positive costs. Without the split, each
    request left out made the solver search its whole component in vain."""
    g = p.graph
    if not len(edges):
        return edges
    local = np.full(len(p.rq), -1, dtype=np.int64)
    local[rows] = np.arange(len(rows))
    er, eo = local[g.ri[edges]], g.oj[edges]
    offers, eo_local, degree = np.unique(eo, return_inverse=True, return_counts=True)
    slots = np.minimum(free[offers], degree)
    base = np.concatenate(([0], np.cumsum(slots)[:-1]))
    rep = slots[eo_local]
    e = np.repeat(np.arange(len(edges)), rep)  # expanded entry -> local edge
    within = np.arange(len(e)) - np.repeat(np.cumsum(rep) - rep, rep)
    columns = base[eo_local[e]] + within
    n_rows, n_slots = len(rows), int(slots.sum())
    if not n_slots:
        return np.zeros(0, dtype=np.int64)
    rr = er[e]
    shape = (n_rows, n_slots)
    structure = csr_matrix((np.ones(len(e), dtype=np.int8), (rr, columns)), shape=shape)
    matched = maximum_bipartite_matching(structure, perm_type="column")  # row -> slot or -1
    # Alternating search from the unmatched requests: request -> any slot -> its request.
    lone = np.flatnonzero(matched < 0)
    contested_rows = np.zeros(n_rows, bool)
    contested_slots = np.zeros(n_slots, bool)
    if len(lone):
        source = n_rows + n_slots
        held = np.flatnonzero(matched >= 0)
        tails = np.concatenate((rr, n_rows + matched[held], np.full(len(lone), source)))
        heads = np.concatenate((n_rows + columns, held, lone))
        walk = csr_matrix((np.ones(len(tails), dtype=np.int8), (tails, heads)), shape=(source + 1, source + 1))
        reached = breadth_first_order(walk, source, directed=True, return_predecessors=False)
        reached = reached[reached != source]
        contested_rows[reached[reached < n_rows]] = True
        contested_slots[reached[reached >= n_rows] - n_rows] = True
    score = g.score[edges][e]
    owner_of_slot = np.repeat(np.arange(len(offers)), slots)
    chosen_rows, chosen_slots = [], []
    # The contested part: slots as rows (all filled), requests as columns.
    inside = contested_rows[rr] & contested_slots[columns]
    if inside.any():
        value = p.b * _priorities(p, rows, rules)[rr[inside]] + score[inside]
        a_slots, a_rows = columns[inside], rr[inside]
        slot_ids, slot_local = np.unique(a_slots, return_inverse=True)
        row_ids, row_local = np.unique(a_rows, return_inverse=True)
        cost = (value.max() + 1.0) - value
        slot_of, row_of = _full_assignment(slot_local, row_local, cost, len(slot_ids), len(row_ids))
        chosen_slots.append(slot_ids[slot_of])
        chosen_rows.append(row_ids[row_of])
    # The rest: requests as rows (all matched), slots outside the contested part as columns.
    outside = ~contested_rows[rr] & ~contested_slots[columns]
    if outside.any():
        b_rows, b_slots = rr[outside], columns[outside]
        row_ids, row_local = np.unique(b_rows, return_inverse=True)
        slot_ids, slot_local = np.unique(b_slots, return_inverse=True)
        row_of, slot_of = _full_assignment(row_local, slot_local, _COST_BASE - score[outside],
                                           len(row_ids), len(slot_ids), group=owner_of_slot[slot_ids])
        chosen_rows.append(row_ids[row_of])
        chosen_slots.append(slot_ids[slot_of])
    if not chosen_rows:
        return np.zeros(0, dtype=np.int64)
    row = np.concatenate(chosen_rows)
    owner = np.full(n_slots, -1, dtype=np.int64)
    owner[columns] = eo_local[e]
    # back to edge indices: the edge of (row, offer)
    key = er * len(offers) + eo_local
    want = row * len(offers) + owner[np.concatenate(chosen_slots)]
    order = np.argsort(key, kind="stable")
    return edges[order[np.searchsorted(key[order], want)]]


def _full_assignment(r: np.ndarray, c: np.ndarray, cost: np.ndarray, n_r: int, n_c: int,
                     group: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Minimum-cost assignment of every row (n_r ≤ n_c, a full one exists) on the sparse
    entries (r, c, cost > 0), each connected component on its own: SciPy's solver does work
    proportional to rows × columns besides the search, so it gets small components, and
    OR-Tools' min-cost flow the large ones when the columns are slots of `group` (an offer
    per column). Returns the matched (rows, columns)."""
    graph = csr_matrix((np.ones(len(r), dtype=np.int8), (r, n_r + c)), shape=(n_r + n_c, n_r + n_c))
    count, labels = connected_components(graph, directed=False)
    label = labels[r]
    order = np.argsort(label, kind="stable")
    bounds = np.searchsorted(label[order], np.arange(count + 1))
    rows_out, cols_out = [], []
    for k in range(count):
        at = order[bounds[k]:bounds[k + 1]]
        if not len(at):
            continue
        rr, rl = np.unique(r[at], return_inverse=True)
        cc, cl = np.unique(c[at], return_inverse=True)
        if group is not None and len(rr) * len(cc) > FLOW_ABOVE:
            col = _flow_assignment(rl, cl, cost[at], len(rr), group[cc])
        else:
            _, col = min_weight_full_bipartite_matching(csr_matrix((cost[at], (rl, cl)), shape=(len(rr), len(cc))))
        rows_out.append(rr)
        cols_out.append(cc[col])
    if not rows_out:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    return np.concatenate(rows_out), np.concatenate(cols_out)


def _flow_assignment(r: np.ndarray, c: np.ndarray, cost: np.ndarray, n_r: int, group: np.ndarray) -> np.ndarray:
    """`_full_assignment` of one component as a min-cost flow: rows -> groups (offers, with as
    much capacity as they have columns) -> sink, integer costs in millionths of a point (the
    scores have six decimals, so nothing is lost). Returns each row's column."""
    g_ids, g_of_col = np.unique(group, return_inverse=True)
    capacity = np.bincount(g_of_col, minlength=len(g_ids))
    pair = r.astype(np.int64) * len(g_ids) + g_of_col[c]
    pair, first = np.unique(pair, return_index=True)  # the slots of one offer cost the same
    tail, head = pair // len(g_ids), pair % len(g_ids)
    unit = np.rint(cost[first] * 1e6).astype(np.int64)
    flow = min_cost_flow.SimpleMinCostFlow()
    sink = n_r + len(g_ids)
    arcs = flow.add_arcs_with_capacity_and_unit_cost(
        np.concatenate((tail, n_r + np.arange(len(g_ids)))), np.concatenate((n_r + head, np.full(len(g_ids), sink))),
        np.concatenate((np.ones(len(tail), dtype=np.int64), capacity)),
        np.concatenate((unit, np.zeros(len(g_ids), dtype=np.int64))))
    flow.set_nodes_supplies(np.arange(sink + 1), np.concatenate((np.ones(n_r, dtype=np.int64),
                                                                 np.zeros(len(g_ids), dtype=np.int64), [-n_r])))
    status = flow.solve()
    if status != flow.OPTIMAL:
        raise RuntimeError(f"min-cost flow: {status}")
    used = flow.flows(arcs[:len(tail)]) > 0
    row, grp = tail[used], head[used]
    # Each row of a group takes the next column of that group.
    cols_by_group = np.argsort(g_of_col, kind="stable")
    start = np.searchsorted(g_of_col[cols_by_group], np.arange(len(g_ids)))
    order = np.argsort(grp, kind="stable")
    rank = np.arange(len(order)) - np.searchsorted(grp[order], grp[order])
    col = np.empty(n_r, dtype=np.int64)
    col[row[order]] = cols_by_group[start[grp[order]] + rank]
    return col


def _priorities(p: _Problem, rows: np.ndarray, rules: Rules) -> np.ndarray:
    w = rules.weights
    rq = p.rq
    waited = np.array([max(0.0, rq.parties[i].waited_days) for i in rows.tolist()])
    urgent = np.array([bool(rq.parties[i].urgent) for i in rows.tolist()], dtype=float)
    return 1.0 + w.urgent * urgent + w.waiting * waited / WAIT_UNIT_DAYS


def _blocked(p: _Problem, rules: Rules, unmatched: np.ndarray) -> dict[int, str]:
    """The most specific reason for each unmatched request: TAKEN when it has candidates,
    else the first hard constraint that no offer passes once the earlier ones are applied
    (a fitting offer that is full means TAKEN). Kind and checks are tried against every
    offer (once per set of kinds and checks wanted), the rest only against the offers of
    the request's pools within the radius."""
    has = np.zeros(len(p.rq), bool)
    has[p.graph.ri] = True
    S = p.of.side
    rq = p.rq
    out = {}
    first: dict[tuple, str | None] = {}
    for i in unmatched.tolist():
        rid = int(rq.ids[i])
        if not len(S):
            out[rid] = NO_OFFERS
            continue
        if has[i]:
            out[rid] = TAKEN
            continue
        key = (tuple(rq.kinds[i].tolist()), int(rq.n_kinds[i]) > 0, tuple(rq.checks[i].tolist()))
        if key not in first:
            (_, kind), (_, check) = _stages(rq, S, np.full(len(S), i), np.arange(len(S)), rules)[:2]
            first[key] = NO_KIND if not kind.any() else NO_CHECK if not (kind & check).any() else None
        if first[key] is not None:
            out[rid] = first[key]
            continue
        near = []
        for scope, kind, checks in _pool_keys(rq, i, p.of, rules):
            pool = p.of.pool(scope, kind, checks)
            if not rq.placed[i]:
                near.append(pool.every)
                continue
            near.append(pool.unplaced)
            if pool.tree is not None:
                near.append(pool.placed[pool.tree.query_ball_point((rq.x[i], rq.y[i]), rules.radius_km)])
        near = np.unique(np.concatenate(near)) if near else np.zeros(0, dtype=np.int64)
        code = TOO_FAR
        if len(near):
            alive = np.ones(len(near), bool)
            code = TAKEN
            for stage_code, ok in _stages(rq, S, np.full(len(near), i), near, rules):
                alive &= ok
                if not alive.any():
                    code = stage_code
                    break
            if code == TAKEN and len(p.forbidden):  # every fitting offer was turned down with it
                alive &= ~_member(i * len(S) + near, p.forbidden)
                if not alive.any():
                    code = REFUSED
        out[rid] = code
    return out


def _pool_keys(rq: _Side, i: int, of: Offers, rules: Rules) -> list[tuple]:
    """The pools (`Offers.pool`) where request `i` finds its offers: its zone's and those of
    the offers without a zone (or all zones), for each kind it wants that some offer gives
    (or any kind), with the checks it requires."""
    r = rq.parties[i]
    checks = tuple(rq.checks[i].tolist())
    scopes = [r.zone, _NOZONE] if rules.same_zone and r.zone is not None else [None]
    if rules.kinds_required and r.kinds:
        bits = of.universe.kinds.pos
        kinds = sorted({bits[k] for k in r.kinds if k in bits})
    else:
        kinds = [None]
    return [(scope, kind, checks) for scope in scopes for kind in kinds]


def _pairs(p: _Problem, edges: np.ndarray) -> list[Pair]:
    g = p.graph
    rq, of = p.rq.parties, p.of.parties
    return [Pair(rq[i].id, of[j].id, float(s), _reasons(rq[i], of[j], float(d)))
            for i, j, s, d in zip(g.ri[edges].tolist(), g.oj[edges].tolist(), g.score[edges].tolist(),
                                  g.d[edges].tolist(), strict=True)]


def _result(p: _Problem, chosen: np.ndarray, rules: Rules, components: int) -> Result:
    started, cpu = time.perf_counter(), time.process_time()
    pairs = sorted(p.fixed + _pairs(p, chosen), key=lambda x: (x.request, x.offer))
    matched = np.zeros(len(p.rq), bool)
    matched[p.graph.ri[chosen]] = True
    blocked = _blocked(p, rules, np.flatnonzero(~matched))
    return Result(pairs=pairs, blocked=dict(sorted(blocked.items())),
                  total_score=round(sum(x.score for x in pairs), 6),
                  candidates=len(p.graph.ri), components=components,
                  timings={**p.timings, "result": time.perf_counter() - started,
                           "result_cpu": time.process_time() - cpu}, problem=p)


def solve(requests: Sequence[Party], offers: Sequence[Party], rules: Rules, *,
          fixed: Iterable[tuple[int, int]] = (), forbidden: Iterable[tuple[int, int]] = ()) -> Result:
    """The optimal set of pairs: as many requests matched as possible (never fewer than
    `greedy`), urgent and long-waiting ones first, then the highest total score. `fixed`
    pairs (accepted, confirmed or locked matches) are kept as they are and use their offer's
    capacity; `forbidden` pairs (request id, offer id: turned down by a coordinator or a
    participant) are never proposed. Deterministic: the same input gives the same result."""
    p = _problem(requests, offers, rules, fixed, forbidden)
    started, cpu = time.perf_counter(), time.process_time()
    count, labels = _components(p)
    rows = np.flatnonzero(labels >= 0)
    chosen = _assign(p, rules, np.arange(len(p.graph.ri)), rows, p.free)
    p.timings.update(solve=time.perf_counter() - started, solve_cpu=time.process_time() - cpu)
    return _result(p, np.sort(chosen), rules, count)


def greedy(requests: Sequence[Party], offers: Sequence[Party], rules: Rules, *,
           forbidden: Iterable[tuple[int, int]] = ()) -> Result:
    """First come, first served, each request taking its best free offer: what the peers do,
    the baseline the benchmark compares with. Longest waiting first (ties: id); the same
    candidates as `solve`."""
    p = _problem(requests, offers, rules, (), forbidden)
    g = p.graph
    free = p.free.tolist()
    starts = np.searchsorted(g.ri, np.arange(len(p.rq) + 1)).tolist()
    oj = g.oj.tolist()
    started, cpu = time.perf_counter(), time.process_time()
    order = sorted(range(len(p.rq)), key=lambda i: (-p.rq.parties[i].waited_days, p.rq.parties[i].id))
    chosen = []
    for i in order:
        for e in range(starts[i], starts[i + 1]):
            if free[oj[e]] > 0:
                free[oj[e]] -= 1
                chosen.append(e)
                break
    p.timings.update(solve=time.perf_counter() - started, solve_cpu=time.process_time() - cpu)
    return _result(p, np.array(sorted(chosen), dtype=np.int64), rules, 0)


def propose(request: Party, offers: Sequence[Party], rules: Rules, *,
            load: dict[int, int] | None = None, limit: int = 5,
            forbidden: Iterable[tuple[int, int]] = ()) -> list[Pair]:
    """The fast path for one new request: its best `limit` feasible offers, best first,
    without solving the programme. `load` counts what each offer already took; `forbidden`
    pairs are left out. Pass an `Offers` to keep the arrays and trees between calls."""
    of = _offers(offers)
    free = of.side.capacity
    if load:
        free = free.copy()
        ids = np.fromiter(load.keys(), dtype=np.int64, count=len(load))
        taken = np.fromiter(load.values(), dtype=np.int64, count=len(load))
        at = np.minimum(np.searchsorted(of.side.ids, ids), max(0, len(of) - 1))
        known = (of.side.ids[at] == ids) if len(of) else np.zeros(len(ids), bool)
        np.subtract.at(free, at[known], taken[known])
    rq = _side([request], of.universe)
    keys = _forbidden_keys(rq, of, [f for f in forbidden if f[0] == request.id])
    g = _candidates(rq, of, free, replace(rules, neighbours=max(rules.neighbours, limit)), forbidden=keys)
    top = np.arange(min(limit, len(g.ri)))
    p = _Problem(rq, of, free, [], g, 0.0)
    return _pairs(p, top)


def alternatives(request_id: int, result: Result, requests: Sequence[Party], offers: Sequence[Party],
                 rules: Rules, *, limit: int = 3, fixed: Iterable[tuple[int, int]] = (),
                 forbidden: Iterable[tuple[int, int]] = ()) -> list[Alternative]:
    """The next-best offers for one request of a solved programme, each with what it would
    cost the others: the programme is solved again with the pair forced, within the pair's
    connected component of the candidate graph. `others_lost` is the drop of the others'
    total score, `unmatched` how many more others would be left without a pair.
    `fixed`, `forbidden`: those the result was solved with (the request's own fixed pair is
    set aside). The result's candidate graph is reused when the request was not fixed, so
    asking for every request's alternatives builds it once, not once per request."""
    fixed = list(dict.fromkeys(fixed))
    p = result.problem if isinstance(result.problem, _Problem) else None
    if p is not None and (any(f[0] == request_id for f in fixed) or p.fixed_ids != tuple(fixed)
                          or not np.array_equal(p.forbidden, _forbidden_keys(p.rq, p.of, forbidden))):
        p = None  # solved with other pairs fixed or forbidden: build the graph for this question
    if p is None:
        p = _problem(requests, offers, rules, [f for f in fixed if f[0] != request_id], forbidden)
    where = np.flatnonzero(p.rq.ids == request_id) if len(p.rq) else np.zeros(0, dtype=np.int64)
    if not len(where):
        return []
    me = int(where[0])
    _, labels = _components(p)
    g = p.graph
    index = _alternatives_index(p)
    mine = next((x for x in result.pairs if x.request == request_id), None)
    current = {x.request: x for x in result.pairs}
    out = []
    lo, hi = np.searchsorted(g.ri, [me, me + 1])  # the graph is grouped by request, best score first
    for e in range(lo, hi):
        j = int(g.oj[e])
        offer_id = int(p.of.side.ids[j])
        if mine is not None and offer_id == mine.offer:
            continue
        # the component(s) the forced pair touches: through the offer, others of its requests
        touched = np.unique(np.concatenate(([labels[me]], labels[index.requests_of(j)])))
        rows = np.concatenate([index.rows_of(label) for label in touched.tolist()])
        rows = np.sort(rows[rows != me])
        edges = np.concatenate([index.edges_of(label) for label in touched.tolist()])
        edges = np.sort(edges[g.ri[edges] != me])
        free = p.free.copy()
        free[j] -= 1
        chosen = _assign(p, rules, edges, rows, free) if len(rows) else np.zeros(0, np.int64)
        before = [current.get(int(p.rq.ids[i])) for i in rows.tolist()]
        lost = sum(x.score for x in before if x) - float(g.score[chosen].sum())
        unmatched = sum(1 for x in before if x) - len(chosen)
        out.append(Alternative(offer_id, float(g.score[e]), round(lost, 6), max(0, unmatched)))
        if len(out) >= limit:
            break
    return out


@dataclass(slots=True)
class _AlternativesIndex:
    """The candidate graph looked up by offer and by component, found once per problem."""

    by_offer: np.ndarray  # edges sorted by offer
    offer_starts: np.ndarray
    row_order: np.ndarray  # requests sorted by component
    row_starts: np.ndarray
    edge_order: np.ndarray  # edges sorted by their request's component
    edge_starts: np.ndarray
    ri: np.ndarray

    def requests_of(self, j: int) -> np.ndarray:
        return self.ri[self.by_offer[self.offer_starts[j]:self.offer_starts[j + 1]]]

    def rows_of(self, label: int) -> np.ndarray:
        return self.row_order[self.row_starts[label]:self.row_starts[label + 1]]

    def edges_of(self, label: int) -> np.ndarray:
        return self.edge_order[self.edge_starts[label]:self.edge_starts[label + 1]]


def _alternatives_index(p: _Problem) -> _AlternativesIndex:
    found = p.index
    if found is None:
        g = p.graph
        _, labels = _components(p)
        n_labels = int(labels.max()) + 1 if len(labels) else 0
        by_offer = np.argsort(g.oj, kind="stable")
        offer_starts = np.searchsorted(g.oj[by_offer], np.arange(len(p.of) + 1))
        has = np.flatnonzero(labels >= 0)
        row_order = has[np.argsort(labels[has], kind="stable")]
        row_starts = np.searchsorted(labels[row_order], np.arange(n_labels + 1))
        edge_label = labels[g.ri]
        edge_order = np.argsort(edge_label, kind="stable")
        edge_starts = np.searchsorted(edge_label[edge_order], np.arange(n_labels + 1))
        found = _AlternativesIndex(by_offer, offer_starts, row_order, row_starts, edge_order, edge_starts, g.ri)
        p.index = found
    return found
