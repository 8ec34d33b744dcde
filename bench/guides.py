"""A knowledge bank of many invented guides for the benchmark: `fill(count=1000)` adds published
guides in plain Swedish, made of words the demo's guides use, each with its first version,
written with bulk_create. The page to measure is the search (`guide_search`), anonymous (the
page cache keeps it after the first request) and logged in (built every time): p95 under
150 ms, queries constant (samverka/guides/tests/test_query_counts.py).

Register it (not done here): in bench/management/commands/fill_bench.py an argument
`--guides N` that calls `bench.guides.fill(count=N, stdout=self.stdout)`, and in bench/cli.py a
`Target("guide_search", PATHS["guide_search"], expect='class="card__title"')` (and one with
`logged_in=True`), measured when guides were added."""

from __future__ import annotations

import random

from django.db import transaction
from django.utils import timezone

from samverka.core import versions
from samverka.guides.models import Guide, GuideVersion, Topic
from samverka.municipality.models import Office

PATHS = {"guide_search": "/kunskapsbank/sok/?q=f%C3%B6reningar+bidrag"}

SUBJECTS = ["Föreningar", "Bidrag", "Årsmöte", "Lokaler", "Samverkan", "Medborgardialog", "Partnerskap",
            "Volontärer", "Stadgar", "Ekonomi", "Integration", "Unga", "Äldre", "Kultur", "Idrott", "Mötesplatser"]
VERBS = ["Så söker du", "Så ordnar du", "Att tänka på om", "Frågor och svar om", "Så fungerar", "Vem frågar jag om"]
WORDS = ("förening föreningar bidrag ansökan styrelse medlemmar årsmöte kommunen kontoret lokal lokaler "
         "samverkan dialog beslut nämnden redovisning ekonomi volontär ideell stöd möte protokoll "
         "stadgar ansvar kontakt växel handläggare utvecklingsledare barn unga äldre nyanlända").split()


def _text(rng: random.Random, paragraphs: int) -> str:
    parts = []
    for n in range(paragraphs):
        parts.append(f"## {rng.choice(SUBJECTS)} {n + 1}")
        parts.append(" ".join(rng.choice(WORDS) for _ in range(rng.randint(25, 60))).capitalize() + ".")
    return "\n\n".join(parts)


@transaction.atomic
def fill(*, count: int = 1000, seed: int = 2031, stdout=None) -> dict[str, str]:
    rng = random.Random(seed)
    offices = list(Office.objects.values_list("pk", flat=True)) or [None]
    topics = [value for value, _label in Topic.choices]
    first = Guide.objects.count()
    now = timezone.now()
    guides = []
    for i in range(count):
        topic = rng.choice(topics)
        guide = Guide(
            slug=f"bench-vagledning-{first + i + 1}", topic=topic, status=Guide.Status.PUBLISHED, version=1,
            office_id=rng.choice(offices) if topic == Topic.OFFICE else None, published_at=now,
            title_sv=f"{rng.choice(VERBS)} {rng.choice(SUBJECTS).lower()} ({first + i + 1})",
            summary_sv=" ".join(rng.choice(WORDS) for _ in range(20)).capitalize() + ".",
            body_sv=_text(rng, rng.randint(3, 8)))
        if i % 10 == 0:
            guide.title_en, guide.summary_en, guide.body_en = (f"Guide {first + i + 1}", "A short summary.",
                                                               "## About\n\nAssociations and grants.")
        guide.derive()
        guides.append(guide)
    Guide.objects.bulk_create(guides, batch_size=200)
    made = Guide.objects.filter(slug__startswith="bench-vagledning-").filter(versions__isnull=True)
    GuideVersion.objects.bulk_create([GuideVersion(guide=g, number=1, kind=GuideVersion.Kind.CREATED,
                                                   content=g.content(), changed=[]) for g in made],
                                     batch_size=200)
    versions.renew("guides")
    if stdout is not None:
        stdout.write(f"Knowledge bank: {count} guides added ({PATHS['guide_search']}).")
    return dict(PATHS)
