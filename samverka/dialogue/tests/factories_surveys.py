"""Factories for the surveys' tests, with a minimal process of their own (the processes' part
has its richer factories in factories.py)."""

from datetime import timedelta

import factory
from django.utils import timezone

from samverka.dialogue.models import (
    Option,
    Phase,
    PhaseKind,
    Process,
    Question,
    Response,
    ResponseAnswer,
    Survey,
)
from samverka.municipality.tests.factories import OfficeFactory


class SurveyProcessFactory(factory.django.DjangoModelFactory):
    """An open process of the culture and leisure office."""

    class Meta:
        model = Process

    title = factory.Sequence(lambda n: f"Dialog om fritiden {n}")
    slug = factory.Sequence(lambda n: f"dialog-{n}")
    summary = "Vi vill höra vad du tycker."
    purpose = "Underlag inför nämndens beslut."
    to_decide = "Fritidsgårdarnas verksamhet."
    office = factory.SubFactory(OfficeFactory, slug="kultur-och-fritidskontoret", name="Kultur- och fritidskontoret")
    level = Process.Level.DIALOGUE
    stage = Process.Stage.AGENDA_SETTING
    status = Process.Status.OPEN


class PhaseFactory(factory.django.DjangoModelFactory):
    """A survey phase under way now (ten days ago to twenty days ahead)."""

    class Meta:
        model = Phase

    process = factory.SubFactory(SurveyProcessFactory)
    kind = PhaseKind.SURVEY
    starts_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=10))
    ends_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=20))


class SurveyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Survey

    process = factory.SubFactory(SurveyProcessFactory)
    title = "Enkät om fritiden"
    intro = "Det tar fem minuter."
    status = Survey.Status.OPEN


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question
        skip_postgeneration_save = True

    survey = factory.SubFactory(SurveyFactory)
    kind = Question.Kind.CHOICE
    text = factory.Sequence(lambda n: f"Fråga {n}")
    position = factory.Sequence(lambda n: n)

    @factory.post_generation
    def options(obj, create, extracted, **kwargs):
        """options=["Ja", "Nej"]; by default two for the kinds with options."""
        if not create:
            return
        texts = extracted if extracted is not None else (
            ["Ja", "Nej"] if obj.kind in (Question.Kind.CHOICE, Question.Kind.MULTIPLE, Question.Kind.RANKING)
            else [])
        for position, text in enumerate(texts, start=1):
            Option.objects.create(question=obj, text=text, position=position)


class ResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Response

    survey = factory.SubFactory(SurveyFactory)
    respondent_key = factory.Sequence(lambda n: f"key-{n}")


class ResponseAnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ResponseAnswer

    response = factory.SubFactory(ResponseFactory)
    question = factory.SubFactory(QuestionFactory)
    question_text = factory.LazyAttribute(lambda a: a.question.text)


def open_survey_with_phase(**kwargs) -> Survey:
    """An open survey of an open process whose survey phase is under way."""
    survey = SurveyFactory(**kwargs)
    PhaseFactory(process=survey.process)
    return survey


def five_kinds(survey: Survey) -> dict[str, Question]:
    """One question of each kind, in order: choice, multiple, scale, text, ranking."""
    return {
        "choice": QuestionFactory(survey=survey, kind=Question.Kind.CHOICE, text="Har ni samverkat med kommunen?",
                                  options=["Ja", "Nej", "Vet inte"]),
        "multiple": QuestionFactory(survey=survey, kind=Question.Kind.MULTIPLE, text="Hur har ni samverkat?",
                                    options=["Bidrag", "Lokaler", "Gemensamma aktiviteter"]),
        "scale": QuestionFactory(survey=survey, kind=Question.Kind.SCALE, text="Hur nöjda är ni?", scale_min=1,
                                 scale_max=5, scale_min_label="Inte alls", scale_max_label="Mycket"),
        "text": QuestionFactory(survey=survey, kind=Question.Kind.TEXT, text="Vad borde bli bättre?",
                                required=False),
        "ranking": QuestionFactory(survey=survey, kind=Question.Kind.RANKING, text="Vad är viktigast?",
                                   options=["Tidig dialog", "Återkoppling", "En väg in"]),
    }


def post_for(questions: dict[str, Question], **overrides) -> dict:
    """A complete, valid answer to `five_kinds`: Ja; Bidrag and Lokaler; 4; a text; ranked in
    the options' order reversed."""
    q = questions
    choice, multiple, ranking = (list(q[k].options.all()) for k in ("choice", "multiple", "ranking"))
    data = {
        f"q{q['choice'].pk}": str(choice[0].pk),
        f"q{q['multiple'].pk}": [str(multiple[0].pk), str(multiple[1].pk)],
        f"q{q['scale'].pk}": "4",
        f"q{q['text'].pk}": "Mer tid för remisser.",
    }
    for place, option in enumerate(reversed(ranking), start=1):
        data[f"q{q['ranking'].pk}_{option.pk}"] = str(place)
    data.update(overrides)
    return data
