"""A link across organisations for the benchmark: `fill_link(cases=20000)` adds a link with 10
partner organisations (Parkinson Ekerö, whose owner is the bench's visitor, among them and
named as its handler) and 20 000 cases spread over them, each with its consent, written with
bulk_create. The page to measure is a partner handler's inbox (`link_inbox`): p95 under
150 ms, queries constant (samverka/cases/tests/test_links.py)."""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from samverka.accounts.models import User
from samverka.actors.models import Actor
from samverka.cases.models import Case, Consent, Link, LinkParty, Topic
from samverka.municipality.models import Office

PATHS = {"link_inbox": "/vag-in/lank/inkorg/"}
VISITOR = "forening@samverka.example"  # bench/cli.py's DEMO_LOGIN
MESSAGES = ["Jag tar hand om min mamma och behöver någon att prata med.",
            "Min man har demens. Finns det avlösning några timmar i veckan?",
            "Jag är anhörig och vill träffa andra i samma situation.",
            "Vem kan hjälpa min pappa med att handla när jag är bortrest?"]


@transaction.atomic
def fill_link(*, cases: int = 20000, partners: int = 10, seed: int = 2032, stdout=None) -> dict[str, str]:
    rng = random.Random(seed)
    office = Office.objects.order_by("pk").first()
    topic = Topic.objects.order_by("pk").first()
    visitor = User.objects.filter(email=VISITOR).first()
    if office is None or topic is None:
        return {}
    link = Link.objects.create(name="Bänklänken", slug="bank-lanken", coordinator_office=office)
    link.topics.add(topic)
    joined = date(2020, 1, 1)
    LinkParty.objects.create(link=link, office=office, joined_at=joined)
    own = Actor.objects.filter(slug="parkinson-ekero").first()
    others = list(Actor.objects.exclude(pk=own.pk if own else None).order_by("pk")[: partners - (1 if own else 0)])
    parties = LinkParty.objects.bulk_create(
        [LinkParty(link=link, actor=actor, joined_at=joined) for actor in ([own] if own else []) + others])
    if visitor is not None and own is not None:
        parties[0].handlers.add(visitor)
    now, today = timezone.now(), timezone.localdate()
    first = Case.objects.count()
    rows = []
    for n in range(cases):
        received = now - timedelta(days=rng.randint(0, 400), minutes=rng.randint(0, 1440))
        status = rng.choice([Case.Status.RECEIVED, Case.Status.IN_PROGRESS, Case.Status.ANSWERED,
                             Case.Status.CLOSED, Case.Status.CLOSED])
        rows.append(Case(
            reference=f"BEN-{first + n + 1:06d}", kind=Case.Kind.QUESTION, topic=topic, message=rng.choice(MESSAGES),
            name=f"Anhörig {first + n + 1}", email=f"anhorig{first + n + 1}@example.org", received_at=received,
            answer_by=today + timedelta(days=rng.randint(-10, 10)), status=status, office=office, link=link,
            party=parties[n % len(parties)], party_since=received,
            assigned_to=visitor if status == Case.Status.IN_PROGRESS and n % len(parties) == 0 else None))
    Case.objects.bulk_create(rows, batch_size=1000)
    made = Case.objects.filter(link=link).values_list("pk", flat=True)
    Consent.objects.bulk_create([Consent(case_id=pk, given_at=now) for pk in made], batch_size=2000)
    if stdout is not None:
        stdout.write(f"Link across organisations: {partners} partners, {cases} cases ({PATHS['link_inbox']}).")
    return dict(PATHS)
