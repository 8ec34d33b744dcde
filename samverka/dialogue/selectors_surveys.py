"""Reads of the surveys: which surveys a person sees, and a survey's results, counted in the
database (a fixed number of queries however many answered)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q
from django.template.defaultfilters import floatformat

from .models import Option, Process, Question, Response, ResponseAnswer, Survey

TEXTS_SHOWN = 50  # free text answers listed per question; the CSV has them all
ROW = 44  # px: one bar of a chart with its label above it
BAR = 16


def surveys_for(user):
    """Surveys of the processes the user sees; drafts only to the office that runs the process
    (and administrators)."""
    surveys = Survey.objects.filter(process__in=Process.objects.visible_to(user)).select_related("process")
    if user.is_authenticated and user.is_superuser:
        return surveys
    mine = Q(process__office__in=user.office_ids) if user.is_authenticated and user.office_ids else Q(pk__in=[])
    return surveys.filter(~Q(status=Survey.Status.DRAFT) | mine)


def surveys_of(process: Process, user) -> list[Survey]:
    """A process's surveys for its page, for someone who sees the process: as `surveys_for`, drafts
    only to the office that runs it (and administrators), without asking again which processes
    the user sees."""
    surveys = Survey.objects.filter(process=process)
    if not (user.is_authenticated and (user.is_superuser or process.office_id in user.office_ids)):
        surveys = surveys.exclude(status=Survey.Status.DRAFT)
    return list(surveys)


@dataclass
class Bar:
    label: str
    count: int
    length: float  # 0–100: the bar's length in per cent of the chart's width
    share: float | None = None  # per cent of those who answered the question
    average: float | None = None  # ranking: the average place
    y: int = 0
    # The share and the average place as the page writes them (localised, `floatformat`), once
    # for the chart and the table (set by `results`).
    share_text: str = ""
    average_text: str = ""

    @property
    def width(self) -> str:
        """The length for the SVG attribute (never a localised decimal comma)."""
        return f"{self.length:.1f}%"

    @property
    def rest(self) -> str:
        """Where a bar starts on a right-to-left page."""
        return f"{100 - self.length:.1f}%"

    # The SVG's coordinates as text: a number in a template is localised first.
    @property
    def label_y(self) -> str:
        return str(self.y + 14)

    @property
    def bar_y(self) -> str:
        return str(self.y + 20)


@dataclass
class QuestionResult:
    question: Question
    answered: int
    bars: list[Bar] = field(default_factory=list)
    mean: float | None = None
    texts: list[str] = field(default_factory=list)

    @property
    def chart_height(self) -> str:
        return str(len(self.bars) * ROW)

    @property
    def more_texts(self) -> int:
        return max(0, self.answered - len(self.texts))


def _pct(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


def results(survey: Survey, *, with_texts: bool) -> dict:
    """Per question: how many answered, bars (count and share per option or step; for ranking,
    the average place), the scale's mean and, for the office, the latest free text answers."""
    # The options in their order within each question, without joining the questions and the
    # survey for the default ordering (by question first).
    questions = list(survey.questions.prefetch_related(Prefetch("options", Option.objects.order_by("position", "pk"))))
    total = Response.objects.filter(survey=survey).count()
    # One pass over the answers, grouped by (question, option, number), by the questions' ids (no
    # join to the responses); then who answered the questions of several choices, which alone
    # may have more than one row per response.
    rows = ResponseAnswer.objects.filter(question__in=[q.pk for q in questions]).order_by()
    by_option: dict[tuple[int, int], list[int]] = {}  # (question, option) → [count, sum of places]
    by_step: dict[tuple[int, int], int] = {}
    rows_of: dict[int, int] = {}
    for q, o, number, n in (rows.values("question", "option", "number").annotate(n=Count("*"))
                            .values_list("question", "option", "number", "n")):
        rows_of[q] = rows_of.get(q, 0) + n
        if o is not None:
            found = by_option.setdefault((q, o), [0, 0])
            found[0] += n
            found[1] += (number or 0) * n
        elif number is not None:
            by_step[(q, number)] = n
    answered = dict(ResponseAnswer.objects.filter(question__in=[q.pk for q in questions
                                                                if q.kind == Question.Kind.MULTIPLE]).order_by()
                    .values("question").annotate(n=Count("response", distinct=True)).values_list("question", "n"))
    for q in questions:
        if q.kind == Question.Kind.RANKING:  # every option ranked, once per response
            answered[q.pk] = max((by_option.get((q.pk, o.pk), [0])[0] for o in q.options.all()), default=0)
        elif q.kind != Question.Kind.MULTIPLE:  # one row per response
            answered[q.pk] = rows_of.get(q.pk, 0)
    out = []
    for q in questions:
        result = QuestionResult(question=q, answered=answered.get(q.pk, 0))
        if q.kind in (Question.Kind.CHOICE, Question.Kind.MULTIPLE):
            for o in q.options.all():
                n = by_option.get((q.pk, o.pk), [0, 0])[0]
                share = _pct(n, result.answered)
                result.bars.append(Bar(o.text, n, share, share=share))
        elif q.kind == Question.Kind.SCALE:
            steps = range(q.scale_min, q.scale_max + 1)
            counts = {s: by_step.get((q.pk, s), 0) for s in steps}
            for s in steps:
                words = q.scale_min_label if s == q.scale_min else q.scale_max_label if s == q.scale_max else ""
                share = _pct(counts[s], result.answered)
                result.bars.append(Bar(f"{s} – {words}" if words else str(s), counts[s], share, share=share))
            if result.answered:
                result.mean = round(sum(s * n for s, n in counts.items()) / sum(counts.values()), 1)
        elif q.kind == Question.Kind.RANKING:
            options = list(q.options.all())
            places = len(options)
            ranked = []
            for o in options:
                n, places_sum = by_option.get((q.pk, o.pk), [0, 0])
                avg = places_sum / n if n else None
                ranked.append((avg if avg is not None else places + 1, o, n, avg))
            ranked.sort(key=lambda r: (r[0], r[1].position, r[1].pk))
            for _key, o, n, avg in ranked:
                # The bar is longest for the first place on average, empty for the last.
                score = _pct(places - avg, places - 1) if avg is not None and places > 1 else 0.0
                result.bars.append(Bar(o.text, n, score, average=avg))
        elif q.kind == Question.Kind.TEXT and with_texts:
            result.texts = list(rows.filter(question=q).exclude(text="").order_by("-pk")
                                .values_list("text", flat=True)[:TEXTS_SHOWN])
        for i, bar in enumerate(result.bars):
            bar.y = i * ROW
            if bar.share is not None:
                bar.share_text = floatformat(bar.share, "-1")
            bar.average_text = "–" if bar.average is None else floatformat(bar.average, 1)
        out.append(result)
    return {"total": total, "questions": out}


def csv_rows(survey: Survey, *, with_names: bool):
    """The header and one row per response, every answer as it was given (the question and
    option texts as asked). Streams in chunks: the queries grow with the chunks, not the rows."""
    questions = list(survey.questions.all())
    header = ["#", "submitted_at"]
    if with_names:
        header += ["respondent", "actor"]
    yield header + [q.text for q in questions]
    responses = (Response.objects.filter(survey=survey).select_related("respondent", "actor")
                 .prefetch_related("answers").order_by("submitted_at", "pk"))
    for number, response in enumerate(responses.iterator(chunk_size=1000), start=1):
        given: dict[int, list[ResponseAnswer]] = {}
        for a in response.answers.all():
            given.setdefault(a.question_id, []).append(a)
        row = [str(number), response.submitted_at.isoformat(timespec="minutes")]
        if with_names:
            row += [response.respondent.display_name if response.respondent_id else "",
                    response.actor.name if response.actor_id else ""]
        for q in questions:
            parts = given.get(q.pk, [])
            if q.kind == Question.Kind.RANKING:
                parts = sorted(parts, key=lambda a: a.number or 0)
                row.append("; ".join(f"{a.number}. {a.option_text}" for a in parts))
            elif q.kind == Question.Kind.SCALE:
                row.append(str(parts[0].number) if parts else "")
            elif q.kind == Question.Kind.TEXT:
                row.append(parts[0].text if parts else "")
            else:
                row.append("; ".join(a.option_text for a in parts))
        yield row
