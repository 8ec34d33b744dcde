"""Many invented activities for the benchmark: `fill(count=20000)` writes activities
(half of them weekly for twelve weeks), their stored occurrences and tags with
bulk_create, over the coming three months, spread over the actors already in the
register. The fill_bench command calls it after filling the actors."""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta

from django.db import connection, transaction
from django.utils import timezone

from samverka.activities import recurrence
from samverka.activities.models import Activity, MeetingPlace, Occurrence
from samverka.actors.models import Actor
from samverka.core.text import search_document
from samverka.municipality.models import Area, District, Language, SdgGoal, TargetGroup

BATCH = 1000
TITLES = [
    ("Språkcafé", ["integration"], ["nyanlanda", "vuxna"]), ("Seniorgympa", ["folkhalsa"], ["aldre"]),
    ("Studiecirkel i släktforskning", ["kultur", "utbildning"], ["vuxna", "aldre"]),
    ("Naturvandring", ["natur", "folkhalsa"], ["familjer", "vuxna"]), ("Läxhjälp", ["utbildning"], ["barn", "unga"]),
    ("Körövning", ["kultur"], ["vuxna"]), ("Stödgrupp", ["omsorg"], ["anhoriga"]),
    ("Prova på parasport", ["fritid"], ["funktionsnedsattning", "unga"]), ("Nätverksträff", ["integration"], ["vuxna"]),
    ("Babycafé", ["fritid"], ["familjer", "barn"]), ("Laga-café", ["innovation", "natur"], ["vuxna"]),
]


def fill(*, count: int = 20000, seed: int = 2026, stdout=None) -> int:
    rng = random.Random(seed)
    actors = list(Actor.objects.published().values_list("pk", "name"))
    if not actors:
        raise ValueError("Fill the register with actors first.")
    areas = {a.slug: a.pk for a in Area.objects.all()}
    groups = {t.slug: t.pk for t in TargetGroup.objects.all()}
    languages = list(Language.objects.values_list("pk", flat=True))
    goals = list(SdgGoal.objects.values_list("pk", flat=True))
    districts = list(District.objects.values_list("pk", flat=True)) or [None]
    places = list(MeetingPlace.objects.approved().values_list("pk", flat=True)) or [None]
    today = timezone.localdate()
    made = 0
    while made < count:
        size = min(BATCH, count - made)
        rows, tags = [], []
        for n in range(made, made + size):
            title, area_slugs, group_slugs = TITLES[n % len(TITLES)]
            actor_pk, actor_name = actors[n % len(actors)]
            day = today + timedelta(days=1 + rng.randrange(90))
            start = recurrence.aware(datetime.combine(day, time(rng.choice([9, 10, 13, 14, 17, 18, 19]))))
            full_title = f"{title} – {actor_name}"[:150]
            rows.append(Activity(
                actor_id=actor_pk, title=full_title, slug=f"bank-{seed}-{n}",
                summary=f"{title} för alla som vill vara med.", start=start, end=start + timedelta(minutes=90),
                rrule="FREQ=WEEKLY;COUNT=12" if n % 2 == 0 else "", address="Ekerö centrum",
                place_id=places[n % len(places)] if n % 3 == 0 else None, district_id=districts[n % len(districts)],
                is_free=n % 4 != 0, cost="" if n % 4 else "50 kronor", step_free_entry=n % 2 == 0,
                registration_mode="registration" if n % 5 == 0 else "drop_in", capacity=20 if n % 5 == 0 else None,
                status=Activity.Status.PUBLISHED,
                search_text=search_document(full_title, f"{title} för alla som vill vara med.", "Ekerö centrum"),
            ))
            tags.append((None, [areas[a] for a in area_slugs if a in areas],
                         [groups[g] for g in group_slugs if g in groups], rng.sample(languages, k=min(2, len(languages))),
                         [rng.choice(goals)] if goals else []))
        with transaction.atomic():
            Activity.objects.bulk_create(rows)  # sets the primary keys (RETURNING, SQLite and PostgreSQL)
            tags = [(activity.pk, *rest) for activity, (_none, *rest) in zip(rows, tags, strict=True)]
            occurrences = []
            for activity in rows:
                for slot in recurrence.expand(start=activity.start, end=activity.end, rule=activity.rrule):
                    occurrences.append(Occurrence(activity_id=activity.pk, start=slot.start, end=slot.end, day=slot.day))
            Occurrence.objects.bulk_create(occurrences, batch_size=5000)
            for field, index in (("areas", 1), ("target_groups", 2), ("languages", 3), ("sdg_goals", 4)):
                through = getattr(Activity, field).through
                column = {"areas": "area_id", "target_groups": "targetgroup_id", "languages": "language_id",
                          "sdg_goals": "sdggoal_id"}[field]
                through.objects.bulk_create([through(activity_id=t[0], **{column: v}) for t in tags for v in t[index]],
                                            batch_size=5000)
        made += size
        if stdout is not None:
            stdout.write(f"  {made} activities")
    with connection.cursor() as cursor:  # fresh statistics, so the planner uses the indexes
        cursor.execute("ANALYZE")
    return made
