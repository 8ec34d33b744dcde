"""Demo surveys (invented answers): the 2017 dialogue's survey to the actors, answered by 90
associations and closed, its results public and its feedback given; and the youth dialogue's open,
anonymous survey with a few answers, which the demo's resident can still answer. Running it
again adds nothing.

The 2017 answers are long past the process's retention (a year after it closed), so they are
stored as the retention rule leaves them: without who answered, the answers kept."""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from samverka.activities.recurrence import TZ

from . import demo, services_feedback
from .models import FeedbackItem, Option, Question, Response, ResponseAnswer, Survey

ANSWERED_2017 = 90

SURVEY_2017 = {
    "title": "Enkät till föreningar och andra aktörer om samverkan",
    "intro": "Vi vill veta hur er organisation ser på samverkan med kommunen i dag och vad en gemensam policy "
             "borde ta upp. Svara en gång per förening. Det tar ungefär tio minuter.",
    "questions": [
        (Question.Kind.CHOICE, "Hur ofta har er organisation samverkat med kommunen de senaste två åren?",
         ["Flera gånger i månaden", "Några gånger per år", "Någon enstaka gång", "Aldrig"], [12, 38, 28, 12]),
        (Question.Kind.MULTIPLE, "På vilka sätt har ni samverkat?",
         ["Föreningsbidrag", "Lån eller hyra av lokaler", "Gemensamma aktiviteter", "Remisser och samråd",
          "Information och marknadsföring"], [70, 55, 40, 15, 30]),
        (Question.Kind.SCALE, "Hur nöjda är ni med samverkan med kommunen i dag?", [], [8, 22, 35, 20, 5]),
        (Question.Kind.RANKING, "Vad är viktigast att en policy för samverkan tar upp?",
         ["Tidig dialog innan beslut", "Återkoppling på det vi säger", "En väg in till kommunen",
          "Enklare regler för bidrag"], [40, 30, 20, 10]),
        (Question.Kind.TEXT, "Vad skulle göra samverkan bättre?", [], []),
    ],
    "texts": [
        "Att vi blir tillfrågade innan besluten är fattade, inte efteråt.",
        "En kontaktperson på kommunen som känner till oss och som vi kan ringa.",
        "Återkoppling! Vi svarar på remisser men hör sedan aldrig vad som hände.",
        "Enklare ansökningar om bidrag, gärna samma blankett för alla nämnder.",
        "Lokaler på kvällar och helger till ett rimligt pris.",
        "Fler gemensamma träffar mellan föreningar och tjänstepersoner.",
        "Att kommunen ser föreningarna som en resurs och inte bara som bidragstagare.",
        "Information på fler språk så att våra medlemmar förstår.",
        "Besked om bidraget före sommaren, så att vi kan planera höstens verksamhet.",
        "Vi är en liten förening utan anställda. Möten klockan tio på förmiddagen passar inte oss.",
        "Ett register över föreningarna som kommunen faktiskt håller aktuellt.",
        "Tydligare vem som bestämmer vad: nämnden, förvaltningen eller kommunstyrelsen.",
        "Samverkan med skolan, så att barnen får prova på olika föreningar.",
        "Kommunen borde fråga trossamfunden när det händer något svårt i kommunen, inte bara i efterhand.",
        "Mindre pappersarbete för redovisningen av små bidrag.",
        "Att politikerna själva kommer ut till föreningarna ibland.",
        "Bättre kollektivtrafik till Adelsö och Munsö på kvällarna, annars kommer ingen på våra möten.",
        "En gemensam kalender där alla föreningars aktiviteter syns.",
        "Stöd till föreningar som vill ta emot nyanlända men inte vet hur de ska börja.",
        "Vi har bra kontakt med vår handläggare. Det ska inte hänga på en enda person.",
        "Längre avtal för lokalerna. Ettåriga avtal gör det svårt att investera i verksamheten.",
        "Utbildning för styrelser i hur kommunen fungerar och hur man lämnar synpunkter.",
        "Återkoppla även när svaret är nej, och förklara varför.",
        "Ta hjälp av pensionärsföreningarna när ni planerar för äldre.",
        "Det behövs en mötesplats i Stenhamra som föreningarna kan boka gratis.",
        "Samråden ligger ofta mitt i sommaren. Vi hinner inte svara då.",
        "Låt oss vara med tidigt när idrottshallar och planer ska byggas.",
        "Ingenting, vi är nöjda med hur det fungerar i dag.",
        "En årlig träff där kommunen berättar vad som hänt med det vi tyckt till om.",
        "Enklare språk i kommunens brev till föreningarna.",
    ],
}

SURVEY_YOUTH = {
    "title": "Vad gör du på fritiden?",
    "intro": "Fem korta frågor till dig som är mellan 13 och 19 år. Du svarar anonymt: ingen, inte heller "
             "kommunen, ser vem som svarade vad.",
    "questions": [
        (Question.Kind.MULTIPLE, "Vad gör du oftast på fritiden?",
         ["Idrott", "Musik eller teater", "Gaming", "Umgås med kompisar", "Fritidsgården"], [5, 2, 4, 6, 2]),
        (Question.Kind.CHOICE, "Hur ofta går du till en fritidsgård?",
         ["Varje vecka", "Någon gång i månaden", "Sällan", "Aldrig"], [2, 2, 2, 1]),
        (Question.Kind.SCALE, "Hur nöjd är du med det som finns att göra på Ekerö?", [], [1, 2, 2, 2, 0]),
        (Question.Kind.RANKING, "Vad skulle du helst vilja att det fanns mer av?",
         ["Längre öppettider", "Fler aktiviteter på helgen", "Ställen att bara hänga", "Bättre bussar på kvällen"],
         [2, 2, 2, 1]),
        (Question.Kind.TEXT, "Något mer du vill säga till oss?", [], []),
    ],
    "texts": ["Bussen hem går för tidigt på fredagar.", "Mer musik!", "En skatepark i Stenhamra."],
}
ANSWERED_YOUTH = 7


def _at(day, hour=12) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=TZ)


def _survey(process, spec, **fields) -> tuple[Survey, list[Question]]:
    survey = Survey.objects.create(process=process, title=spec["title"], intro=spec["intro"], **fields)
    questions = []
    for position, (kind, text, options, _weights) in enumerate(spec["questions"], start=1):
        question = Question.objects.create(
            survey=survey, kind=kind, text=text, position=position, required=kind != Question.Kind.TEXT,
            **({"scale_min_label": "Inte alls nöjd", "scale_max_label": "Mycket nöjd"}
               if kind == Question.Kind.SCALE else {}))
        Option.objects.bulk_create([Option(question=question, text=t, position=i)
                                    for i, t in enumerate(options, start=1)])
        questions.append(question)
    return survey, questions


def _answers(survey, questions, spec, count: int, start: datetime, days: int, rnd: random.Random,
             first: int = 0) -> None:
    """`count` invented responses, stored without who answered (keys that name no one); the
    benchmark adds more with `first` past those already there."""
    responses = Response.objects.bulk_create([
        Response(survey=survey, respondent_key=f"anon:demo-{survey.pk}:{i}",
                 submitted_at=start + timedelta(minutes=rnd.randint(0, days * 24 * 60)))
        for i in range(first, first + count)], batch_size=1000)
    weights = {q.pk: spec["questions"][i][3] for i, q in enumerate(questions)}
    options = {q.pk: list(q.options.all()) for q in questions}
    rows = []
    for n, response in enumerate(responses):
        for q in questions:
            row = {"response": response, "question": q, "question_text": q.text}
            found = options[q.pk]
            if q.kind == Question.Kind.CHOICE:
                o = rnd.choices(found, weights[q.pk])[0]
                rows.append(ResponseAnswer(option=o, option_text=o.text, **row))
            elif q.kind == Question.Kind.MULTIPLE:
                chosen = [o for o, w in zip(found, weights[q.pk], strict=True) if rnd.random() < w / count]
                chosen = chosen or [rnd.choices(found, weights[q.pk])[0]]
                rows += [ResponseAnswer(option=o, option_text=o.text, **row) for o in chosen]
            elif q.kind == Question.Kind.SCALE:
                rows.append(ResponseAnswer(number=rnd.choices(range(1, 6), weights[q.pk])[0], **row))
            elif q.kind == Question.Kind.RANKING:
                order = sorted(found, key=lambda o: -rnd.random() * weights[q.pk][found.index(o)])
                rows += [ResponseAnswer(option=o, option_text=o.text, number=p, **row)
                         for p, o in enumerate(order, start=1)]
            elif n % 3 == 0:
                rows.append(ResponseAnswer(text=spec["texts"][n // 3 % len(spec["texts"])], **row))
    ResponseAnswer.objects.bulk_create(rows, batch_size=2000)


def _dialogue_2017() -> None:
    process = demo.process(demo.DIALOGUE_2017)
    if process is None or process.surveys.exists():
        return
    phase = process.phases.first()
    survey, questions = _survey(process, SURVEY_2017, respondent=Survey.Respondent.ACTOR,
                                status=Survey.Status.CLOSED, created_at=phase.starts_at - timedelta(days=7))
    _answers(survey, questions, SURVEY_2017, ANSWERED_2017, phase.starts_at, 28, random.Random(2017))
    closed = phase.ends_at.date()
    item = services_feedback.open_item(
        by=None, process=process, survey=survey, title=f"Enkät: {survey.title}", deadline=closed + timedelta(days=30),
        said=f"{ANSWERED_2017} föreningar och andra aktörer svarade. De flesta samverkar några gånger per år, och "
             "tidig dialog och återkoppling var det viktigaste för en policy.")
    FeedbackItem.objects.filter(pk=item.pk).update(
        created_at=_at(closed), status=FeedbackItem.Status.GIVEN, outcome=FeedbackItem.Outcome.ADOPTED,
        given_at=_at(closed + timedelta(days=21)), given_by=process.contact,
        response="Tack för era svar! Tidig dialog och återkoppling blev policyns punkter 2 och 7, och önskan "
                 "om en väg in till kommunen togs upp i punkt 6 om en öppen och tillgänglig beslutsprocess. "
                 "Resultaten redovisades på den öppna workshopen i maj.")


def _youth() -> None:
    process = demo.process(demo.YOUTH)
    if process is None or process.surveys.exists():
        return
    survey, questions = _survey(process, SURVEY_YOUTH, anonymous=True, status=Survey.Status.OPEN)
    _answers(survey, questions, SURVEY_YOUTH, ANSWERED_YOUTH, timezone.now() - timedelta(days=8), 7,
             random.Random(19))


def load(*, stdout, password: str) -> None:
    with transaction.atomic():
        _dialogue_2017()
        _youth()
    stdout.write(f"Dialogue: {Survey.objects.count()} surveys, {Response.objects.count()} survey answers.")
