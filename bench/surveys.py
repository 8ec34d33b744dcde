"""Many invented survey answers for the benchmark: `fill(count=10000)` adds answers to the demo's
2017 survey (closed, results public), written with bulk_create like the demo's own 90. The
results page to measure is then `/dialog/enkater/<pk>/resultat/`, anonymous (the page cache)
and as the office's official (`handlaggare@samverka.example`: counted for every request, free
text listed). The fill_bench command calls it with `--survey-answers N`."""

from __future__ import annotations

import random

from django.db import transaction

from samverka.dialogue import demo, demo_surveys
from samverka.dialogue.models import Survey


def survey() -> Survey:
    found = Survey.objects.filter(process__slug=demo.DIALOGUE_2017).first()
    if found is None:
        raise ValueError("Load the demo first (load_demo): the benchmark fills the 2017 survey.")
    return found


@transaction.atomic
def fill(*, count: int = 10_000, seed: int = 2017, stdout=None) -> Survey:
    target = survey()
    questions = list(target.questions.prefetch_related("options"))
    first = target.responses.count()
    start = target.process.phases.first().starts_at
    demo_surveys._answers(target, questions, demo_surveys.SURVEY_2017, count, start, 28, random.Random(seed),
                          first=first)
    if stdout is not None:
        stdout.write(f"Survey answers: {count} added to {target.title} (/dialog/enkater/{target.pk}/resultat/).")
    return target
