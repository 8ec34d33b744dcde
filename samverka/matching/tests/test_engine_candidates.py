"""The engine's candidate builder against a plain reference: for random instances the
vectorised `_candidates` gives exactly the candidate graph that its docstring describes,
written here one request, one pool and one offer at a time (hard constraints and scores in
plain Python too). Positions are drawn from continuous distributions, so no two offers lie
at the same distance from a request and "the k nearest" has one answer."""

from __future__ import annotations

import math
import random

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samverka.matching import engine
from samverka.matching.engine import Party, Rules, Weights


def fits(r: Party, o: Party, rules: Rules) -> bool:
    """Every hard constraint of the engine's docstring, in words."""
    if rules.kinds_required and r.kinds and not r.kinds & o.kinds:
        return False
    if not r.checks <= o.checks:
        return False
    if rules.same_zone and r.zone is not None and o.zone is not None and r.zone != o.zone:
        return False
    if r.x_km is not None and r.y_km is not None and o.x_km is not None and o.y_km is not None:
        limit = min(x for x in (rules.radius_km, r.max_km, o.max_km) if x is not None)
        if np.hypot(r.x_km - o.x_km, r.y_km - o.y_km) > limit:
            return False
    if rules.language_required and r.languages and o.languages and not r.languages & o.languages:
        return False
    if rules.availability_required and r.availability and o.availability and not r.availability & o.availability:
        return False
    if r.household is not None and r.household == o.household:
        return False
    return not (o.refuses & r.kinds) and not (r.refuses & o.kinds)


def distance(r: Party, o: Party) -> float:
    if None in (r.x_km, r.y_km, o.x_km, o.y_km):
        return math.nan
    return float(np.hypot(r.x_km - o.x_km, r.y_km - o.y_km))


def plain_score(r: Party, o: Party, rules: Rules, ages_anywhere: bool) -> float:
    """The score of the engine's docstring, term by term in the engine's order (so that the
    floating-point sums agree to the last bit)."""
    w = rules.weights
    total = w.distance + w.kinds + w.languages + w.interests + w.availability + w.ages + w.areas
    if total <= 0:
        return 0.0
    value = 0.0
    d = distance(r, o)
    if w.distance:
        limit = min(x for x in (rules.radius_km, r.max_km, o.max_km) if x is not None)
        part = 0.0 if math.isnan(d) else max(0.0, 1.0 - d / limit) if limit > 0 else 1.0
        value += w.distance * part
    if w.kinds:
        value += w.kinds * (len(r.kinds & o.kinds) / len(r.kinds) if r.kinds else 0.0)
    if w.languages:
        value += w.languages * float(bool(r.languages & o.languages))
    if w.interests:
        shared = len(r.interests & o.interests)
        value += w.interests * (shared / (len(r.interests | o.interests)) if shared else 0.0)
    if w.availability:
        shared = (r.availability & o.availability).bit_count()
        value += w.availability * (shared / r.availability.bit_count() if shared else 0.0)
    if w.ages and ages_anywhere:
        part = 0.0
        if r.ages and o.ages:
            gap = max(min(abs(a - b) for b in o.ages) for a in r.ages)
            part = max(0.0, 1.0 - gap / engine.AGE_SPAN)
        value += w.ages * part
    if w.areas:
        value += w.areas * float(bool(r.areas & o.areas))
    return float(np.round(100.0 * value / total, 6))


def window(lst: list[int], need: int, cap: int, i: int, ok) -> list[int]:
    """A rotating window over `lst` from the request's own offset, 2 × need long at first,
    growing × 4 up to `cap` until it holds `need` that fit (all that fit in a look count)."""
    size = len(lst)
    cap = min(size, max(cap, need))
    offset = (i * 7919) % size
    found, lo, hi = [], 0, min(cap, 2 * need)
    while True:
        found += [lst[(offset + p) % size] for p in range(lo, hi) if ok(lst[(offset + p) % size])]
        if len(found) >= need or hi >= cap:
            return found
        lo, hi = hi, min(cap, hi * 4)


def reference(requests: list[Party], offers: list[Party], rules: Rules, free: dict[int, int],
              forbidden: set[tuple[int, int]]) -> list[tuple[int, int, float, float]]:
    """(request index, offer index, score, distance) per candidate, grouped by request, best
    score first (ties: offer id): per request, in each pool it may take from (its zone's and
    the offers without a zone, or everyone; per kind wanted; holding its checks), the k
    nearest placed offers that fit and have room, plus those in the rotating windows over
    the offers without a position; then its best k."""
    k = max(1, rules.neighbours)
    requests = sorted(requests, key=lambda r: r.id)
    offers = sorted(offers, key=lambda o: o.id)
    ages_anywhere = any(r.ages for r in requests) and any(o.ages for o in offers)
    out = []
    for i, r in enumerate(requests):
        if rules.same_zone and r.zone is not None:
            scopes = [lambda o, z=r.zone: o.zone == z, lambda o: o.zone is None]
        else:
            scopes = [lambda o: True]
        kinds = sorted(r.kinds) if rules.kinds_required and r.kinds else [None]

        def ok(j, r=r):
            o = offers[j]
            return free[o.id] > 0 and (r.id, o.id) not in forbidden and fits(r, o, rules)

        placed_r = r.x_km is not None and r.y_km is not None
        mine = set()
        for scope in scopes:
            for kind in kinds:
                pool = [j for j, o in enumerate(offers)
                        if scope(o) and (kind is None or kind in o.kinds) and r.checks <= o.checks]
                if not pool:
                    continue
                placed = [j for j in pool if offers[j].x_km is not None and offers[j].y_km is not None]
                unplaced = [j for j in pool if j not in placed]
                if placed_r:
                    near = sorted(placed, key=lambda j: distance(r, offers[j]))
                    mine.update([j for j in near if ok(j)][:k])
                    if unplaced:
                        share = -(-k * len(unplaced) // len(pool))
                        mine.update(window(unplaced, share, 8 * share, i, ok))
                else:
                    mine.update(window(pool, k, engine.WINDOW_MAX, i, ok))
        scored = sorted(((plain_score(r, offers[j], rules, ages_anywhere), j) for j in mine),
                        key=lambda x: (-x[0], x[1]))
        out += [(i, j, s, distance(r, offers[j])) for s, j in scored[:k]]
    return out


def instance(seed: int):
    rnd = random.Random(seed)
    spread = rnd.choice([10.0, 40.0, 120.0])

    def maybe(p, value):
        return value if rnd.random() < p else None

    def party(id, side):
        placed = rnd.random() > rnd.choice([0.0, 0.1, 0.4])
        return Party(
            id=id,
            x_km=rnd.uniform(0, spread) if placed else None,
            y_km=rnd.uniform(0, spread) if placed else None,
            zone=maybe(0.4, rnd.randrange(3)),
            kinds=frozenset(rnd.sample(range(5), rnd.randint(1 if side == "request" else 0, 3))),
            refuses=frozenset(rnd.sample(range(6), 1)) if rnd.random() < 0.1 else frozenset(),
            checks=frozenset(rnd.sample("abc", rnd.randint(0, 1 if side == "request" else 3))),
            languages=frozenset(rnd.sample(range(4), rnd.randint(0, 2))),
            interests=frozenset(rnd.sample(range(8), rnd.randint(0, 3))),
            areas=frozenset(rnd.sample(range(4), rnd.randint(0, 2))),
            ages=tuple(rnd.randint(0, 15) for _ in range(rnd.choice([0, 0, 1, 2]))),
            availability=rnd.randrange(1 << engine.SLOTS) if rnd.random() < 0.7 else 0,
            household=maybe(0.1, rnd.randrange(4)),
            capacity=rnd.randint(1, 3) if side == "offer" else 1,
            max_km=maybe(0.3, rnd.uniform(2.0, 20.0)),
            waited_days=rnd.uniform(0, 90) if side == "request" else 0.0,
            urgent=side == "request" and rnd.random() < 0.1,
        )

    n_offers, n_requests = rnd.choice([(0, 5), (8, 6), (40, 30), (200, 40)])
    offers = [party(rnd.randrange(10**6) * 1000 + n, "offer") for n in range(n_offers)]
    requests = [party(rnd.randrange(10**6) * 1000 + n, "request") for n in range(n_requests)]
    rules = Rules(
        weights=Weights(ages=rnd.choice([0.0, 1.0]), areas=rnd.choice([0.0, 2.0]),
                        distance=rnd.choice([0.0, 1.0, 3.0])),
        radius_km=rnd.choice([5.0, 12.0, 25.0]), neighbours=rnd.choice([1, 2, 3, 5, 30]),
        same_zone=rnd.random() < 0.7, kinds_required=rnd.random() < 0.8,
        language_required=rnd.random() < 0.3, availability_required=rnd.random() < 0.3)
    free = {o.id: max(0, o.capacity - rnd.choice([0, 0, 0, 1, 3])) for o in offers}
    pairs = [(r.id, o.id) for r in requests for o in offers]
    forbidden = set(rnd.sample(pairs, min(len(pairs), rnd.choice([0, 5, 50]))))
    return requests, offers, rules, free, forbidden


def built(requests, offers, rules, free, forbidden):
    of = engine.Offers(offers)
    rq = engine._side(sorted(requests, key=lambda r: r.id), of.universe)
    room = np.array([free[o.id] for o in of.parties], dtype=np.int64)
    g = engine._candidates(rq, of, room, rules, forbidden=engine._forbidden_keys(rq, of, forbidden))
    return list(zip(g.ri.tolist(), g.oj.tolist(), g.score.tolist(), g.d.tolist(), strict=True))


def same(got, want):
    assert [(i, j, s) for i, j, s, _ in got] == [(i, j, s) for i, j, s, _ in want]
    for (*_, a), (*_, b) in zip(got, want, strict=True):
        assert (math.isnan(a) and math.isnan(b)) or a == b


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 2**32 - 1))
def test_candidates_are_those_the_docstring_describes(seed):
    requests, offers, rules, free, forbidden = instance(seed)
    same(built(requests, offers, rules, free, forbidden), reference(requests, offers, rules, free, forbidden))


def test_candidates_of_a_town_with_many_more_offers_than_neighbours():
    """Retries for more neighbours (many offers too far for the request's or the offer's own
    limit, or full) and windows over offers without a position, in one dense town."""
    rnd = random.Random(12)
    offers = [Party(id=n, x_km=None if n % 23 == 0 else rnd.gauss(0, 6), y_km=rnd.gauss(0, 6),
                    kinds=frozenset({n % 3}), max_km=rnd.choice([None, None, 2.0, 4.0]),
                    checks=frozenset("a") if n % 4 else frozenset(), capacity=1 + n % 2) for n in range(1500)]
    requests = [Party(id=10_000 + n, x_km=None if n % 31 == 0 else rnd.gauss(0, 6), y_km=rnd.gauss(0, 6),
                      kinds=frozenset({n % 3, (n + 1) % 3}) if n % 5 == 0 else frozenset({n % 3}),
                      max_km=rnd.choice([None, 1.5, 3.0, 9.0]), checks=frozenset("a") if n % 3 == 0 else frozenset())
                for n in range(400)]
    free = {o.id: 0 if o.id % 7 == 0 else o.capacity for o in offers}
    forbidden = {(r.id, o.id) for r in requests[:50] for o in offers[:200]}
    for rules in (Rules(radius_km=10.0, neighbours=12), Rules(radius_km=25.0, neighbours=30, same_zone=False)):
        got = built(requests, offers, rules, free, forbidden)
        assert len(got) > 1000
        same(got, reference(requests, offers, rules, free, forbidden))
