"""The overview's figures, computed in the database from the other apps' records.

`compute(today=…)` recomputes the last 13 months (or everything) and writes one `Figure` per
month, metric and dimension (the whole municipality, an office, an area, a part of the
municipality, an Agenda 2030 goal), and one `Tie` per actor, office and month. Every count is
one GROUP BY query (month × key), so the cost grows with the number of groups, not of rows
shown; the page then reads only these rows.

What each metric counts, per month:

- actors: actors in the register (active) at the end of the month, by area, part and goal;
- cooperating actors: distinct actors with a tie to an office in the month (see `ties`);
- activities: activities starting in the month (not drafts), by organising office, part, area, goal;
- volunteers: volunteers registered in the month, by part and area; volunteer hours: hours logged,
  by the office of the need or activity, and by the volunteer's parts;
- matches: matches made (not declined), by the programme's office and the asker's part;
- grants decided / followed up: decisions made / follow-up reports sent, by the offices of the
  deciding committee and the applicant's parts, areas and goals;
- feedback given / on time: feedback items given in the month by office, and of those the ones
  given by their deadline (`out_of` the number given);
- needs met: needs closed in the month with an accepted answer, by office, part, area and goal;
- ideas coached: ideas a coach took in the month, by part, area and goal;
- partnerships: partnerships that started in the month (not drafts), by office, part, area, goal;
- participation: sign-ups in the month (registrations for activities, sign-ups to needs,
  sign-ups to matching programmes), and by target group only for people with an account who
  chose to say which groups they belong to (never inferred from age or anything else).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db import transaction
from django.db.models import Count, DateTimeField, F, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from samverka.activities.models import Activity, Registration
from samverka.actors.models import Actor
from samverka.dialogue.models import ConsultationAnswer, FeedbackItem
from samverka.grants.models import Application, Decision, FollowUpReport
from samverka.ideas.models import Idea
from samverka.matching.models import Match, Participant
from samverka.municipality.models import Office
from samverka.needs.models import Answer, Need
from samverka.networks.models import Membership
from samverka.partnerships.models import Partnership
from samverka.volunteers.models import HoursLog, Volunteer

from .models import CooperatingSoFar, Dimension, Figure, Metric, Tie

WINDOW_MONTHS = 13
D = Dimension


def first_of_month(day: dt.date) -> dt.date:
    return day.replace(day=1)


def add_months(month: dt.date, n: int) -> dt.date:
    index = month.year * 12 + month.month - 1 + n
    return dt.date(index // 12, index % 12 + 1, 1)


def months_between(first: dt.date, last: dt.date) -> list[dt.date]:
    out, month = [], first_of_month(first)
    while month <= last:
        out.append(month)
        month = add_months(month, 1)
    return out


def _as_month(value) -> dt.date:
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value.replace(day=1)


def _field_is_datetime(model, path: str) -> bool:
    meta = model._meta
    parts = path.split("__")
    for part in parts[:-1]:
        meta = meta.get_field(part).related_model._meta
    return isinstance(meta.get_field(parts[-1]), DateTimeField)


def _start_filter(model, path: str, start: dt.date | None, end: dt.date | None = None) -> Q:
    q = Q()
    is_dt = _field_is_datetime(model, path)

    def edge(day):
        return timezone.make_aware(dt.datetime.combine(day, dt.time.min)) if is_dt else day

    if start is not None:
        q &= Q(**{f"{path}__gte": edge(start)})
    if end is not None:
        q &= Q(**{f"{path}__lt": edge(end)})
    return q


def grouped(queryset, when: str, dims: dict, *, start, value=None, end=None) -> list[tuple]:
    """[(month, dimension, key, number)] for the whole municipality and each dimension of `dims`
    ({Dimension.OFFICE: "office_id", …}): a count of distinct rows, or the sum of `value`."""
    base = queryset.filter(_start_filter(queryset.model, when, start, end), **{f"{when}__isnull": False})
    base = base.annotate(figure_month=TruncMonth(when)).order_by()
    agg = Count("pk", distinct=True) if value is None else Sum(value)
    rows = []
    for dimension, path in [(D.TOTAL, None), *dims.items()]:
        if path is None:
            query = base.values("figure_month")
        else:
            query = base.filter(**{f"{path}__isnull": False}).values("figure_month", figure_key=F(path))
        for row in query.annotate(figure_n=agg):
            rows.append((_as_month(row["figure_month"]), dimension, str(row.get("figure_key", "")),
                         row["figure_n"] or 0))
    return rows


def _merge(rows) -> dict:
    """Rows summed by (month, dimension, key): datetimes truncated in the database may fall on
    the same local month twice."""
    out: dict = defaultdict(int)
    for month, dimension, key, n in rows:
        out[(month, dimension, key)] += n
    return out


# ---------------------------------------------------------------- ties between actors and offices


def tie_rows(start: dt.date, today: dt.date) -> set[tuple[int, int, dt.date]]:
    """(actor, office, month) for every tie from `start` to `today`."""
    ties: set[tuple[int, int, dt.date]] = set()
    last = first_of_month(today)

    def span(first, until):
        first = max(first_of_month(first), start)
        until = min(first_of_month(until), last) if until else last
        return months_between(first, until) if first <= until else []

    # Partnerships: every month a party belongs to a running partnership with an office.
    parties = (Partnership.objects.exclude(status=Partnership.Status.DRAFT)
               .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=start), parties__actor__isnull=False,
                       starts_on__lte=today)
               .values_list("parties__actor_id", "office_id", "starts_on", "ends_on", "parties__ended_on"))
    for actor, office, starts, ends, left in parties:
        until = min(d for d in (ends, left) if d) if (ends or left) else None
        for month in span(starts, until):
            ties.add((actor, office, month))
    # Group members representing an actor in a group an office runs, while they are members.
    members = (Membership.objects.filter(actor__isnull=False, group__office__isnull=False)
               .exclude(status=Membership.Status.REQUESTED)
               .filter(Q(left_at__isnull=True) | Q(left_at__gte=_aware(start)))
               .values_list("actor_id", "group__office_id", "joined_at", "left_at"))
    for actor, office, joined, left in members:
        for month in span(timezone.localdate(joined), timezone.localdate(left) if left else None):
            ties.add((actor, office, month))
    # Events: a grant application sent (to each office of the deciding committee), an answer to
    # an office's need, a consultation answer sent to an office, a match in an office's programme.
    events = [
        (Application.objects.filter(programme__committee__offices__isnull=False),
         "actor_id", "programme__committee__offices__id", "submitted_at"),
        (Answer.objects.filter(actor__isnull=False, need__office__isnull=False),
         "actor_id", "need__office_id", "created_at"),
        (ConsultationAnswer.objects.filter(status=ConsultationAnswer.Status.SENT,
                                           recipient__actor__isnull=False),
         "recipient__actor_id", "recipient__consultation__process__office_id", "sent_at"),
        (Match.objects.filter(request__actor__isnull=False), "request__actor_id", "programme__office_id",
         "created_at"),
        (Match.objects.filter(offer__actor__isnull=False), "offer__actor_id", "programme__office_id",
         "created_at"),
    ]
    for queryset, actor, office, when in events:
        rows = (queryset.filter(_start_filter(queryset.model, when, start), **{f"{when}__isnull": False})
                .annotate(tie_month=TruncMonth(when)).values_list(actor, office, "tie_month").distinct())
        for actor_id, office_id, month in rows:
            if actor_id and office_id:
                ties.add((actor_id, office_id, _as_month(month)))
    return ties


def _aware(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


# ---------------------------------------------------------------- the metrics


def _actor_dims(prefix: str = "") -> dict:
    return {D.AREA: f"{prefix}areas", D.DISTRICT: f"{prefix}districts", D.GOAL: f"{prefix}sdg_goals"}


def metric_rows(start: dt.date, today: dt.date) -> dict[str, dict]:
    """{metric: {(month, dimension, key): count}}, plus ("out_of") for shares."""
    end = add_months(first_of_month(today), 1)
    out: dict[str, dict] = {}

    # Actors in the register at the end of each month: those before the window, then the new ones.
    actors = Actor.objects.filter(status=Actor.Status.ACTIVE)
    new = _merge(grouped(actors, "created_at", _actor_dims(), start=start, end=end))
    before: dict = defaultdict(int)
    earlier = actors.filter(created_at__lt=_aware(start)).order_by()
    before[(D.TOTAL, "")] = earlier.count()
    for dimension, path in _actor_dims().items():
        for row in earlier.filter(**{f"{path}__isnull": False}).values(figure_key=F(path)).annotate(
                figure_n=Count("pk", distinct=True)):
            before[(dimension, str(row["figure_key"]))] = row["figure_n"]
    keys = set(before) | {(dimension, key) for (_m, dimension, key) in new}
    stock = {}
    for dimension, key in keys:
        running = before.get((dimension, key), 0)
        for month in months_between(start, today):
            running += new.get((month, dimension, key), 0)
            stock[(month, dimension, key)] = running
    out[Metric.ACTORS] = stock

    out[Metric.ACTIVITIES] = _merge(grouped(
        Activity.objects.exclude(status=Activity.Status.DRAFT), "start",
        {D.OFFICE: "office_id", D.DISTRICT: "district_id", D.AREA: "areas", D.GOAL: "sdg_goals"},
        start=start, end=end))
    out[Metric.VOLUNTEERS] = _merge(grouped(Volunteer.objects.all(), "created_at",
                                            {D.DISTRICT: "districts", D.AREA: "areas"}, start=start, end=end))
    hours = _merge(grouped(HoursLog.objects.all(), "date",
                           {D.DISTRICT: "volunteer__districts"}, start=start, end=end, value="hours"))
    for office_path in ("assignment__need__office_id", "assignment__activity__office_id"):
        for key, n in _merge(grouped(HoursLog.objects.all(), "date", {D.OFFICE: office_path}, start=start,
                                     end=end, value="hours")).items():
            if key[1] == D.OFFICE:
                hours[key] = hours.get(key, 0) + n
    out[Metric.VOLUNTEER_HOURS] = {key: round(n) for key, n in hours.items()}
    out[Metric.MATCHES] = _merge(grouped(
        Match.objects.exclude(status=Match.Status.DECLINED), "created_at",
        {D.OFFICE: "programme__office_id", D.DISTRICT: "request__district_id"}, start=start, end=end))
    grant_dims = {D.OFFICE: "application__programme__committee__offices", **_actor_dims("application__actor__")}
    out[Metric.GRANTS_DECIDED] = _merge(grouped(Decision.objects.all(), "decided_at", grant_dims,
                                                start=start, end=end))
    out[Metric.GRANTS_FOLLOWED_UP] = _merge(grouped(FollowUpReport.objects.all(), "submitted_at", grant_dims,
                                                    start=start, end=end))
    given = FeedbackItem.objects.filter(status=FeedbackItem.Status.GIVEN)
    out[Metric.FEEDBACK_GIVEN] = _merge(grouped(given, "given_at", {D.OFFICE: "office_id"}, start=start, end=end))
    out[Metric.FEEDBACK_ON_TIME] = _merge(grouped(given.filter(given_at__date__lte=F("deadline")), "given_at",
                                                  {D.OFFICE: "office_id"}, start=start, end=end))
    out[Metric.NEEDS_MET] = _merge(grouped(
        Need.objects.filter(status=Need.Status.CLOSED, answers__status=Answer.Status.ACCEPTED), "closed_at",
        {D.OFFICE: "office_id", D.DISTRICT: "district_id", D.AREA: "areas", D.GOAL: "sdg_goals"},
        start=start, end=end))
    out[Metric.IDEAS_COACHED] = _merge(grouped(Idea.objects.filter(coach__isnull=False), "taken_at",
                                               _actor_dims(), start=start, end=end))
    out[Metric.PARTNERSHIPS] = _merge(grouped(
        Partnership.objects.exclude(status=Partnership.Status.DRAFT), "starts_on",
        {D.OFFICE: "office_id", **_actor_dims()}, start=start, end=end))
    said = {D.TARGET_GROUP: "user__target_groups"}
    participation = [
        *grouped(Registration.objects.exclude(status__in=(Registration.Status.CANCELLED,
                                                          Registration.Status.UNCONFIRMED)),
                 "created_at", said, start=start, end=end),
        *grouped(Answer.objects.filter(kind=Answer.Kind.SIGN_UP), "created_at", said, start=start, end=end),
        *grouped(Participant.objects.exclude(confirmed_at__isnull=True), "joined_at", said, start=start, end=end),
    ]
    out[Metric.PARTICIPATION] = _merge(participation)
    return out


def _actor_tags(actor_ids: set[int]) -> dict[int, list[tuple[str, str]]]:
    """The (dimension, key) of each area, part and goal of the given actors."""
    tags: dict = defaultdict(list)
    through = {D.AREA: Actor.areas.through, D.DISTRICT: Actor.districts.through, D.GOAL: Actor.sdg_goals.through}
    fields = {D.AREA: "area_id", D.DISTRICT: "district_id", D.GOAL: "sdggoal_id"}
    for dimension, model in through.items():
        for actor, key in model.objects.values_list("actor_id", fields[dimension]).iterator(chunk_size=5000):
            if actor in actor_ids:
                tags[actor].append((dimension, str(key)))
    return tags


def so_far_rows(year: int, today: dt.date) -> list[CooperatingSoFar]:
    """Running counts of distinct cooperating actors from January of `year` to each of its
    months up to `today`: in all, per office, per area, part and goal of the actor, and per
    office × area of the actor (the overview's matrix). Read from the ties already written."""
    ties = sorted(Tie.objects.filter(month__gte=dt.date(year, 1, 1), month__lte=min(dt.date(year, 12, 1), today))
                  .values_list("month", "actor", "office"))
    tags = _actor_tags({actor for _month, actor, _office in ties})
    seen: dict[tuple[str, str], set[int]] = defaultdict(set)
    rows, at = [], 0
    for number in range(1, 13):
        month = dt.date(year, number, 1)
        if month > today:
            break
        while at < len(ties) and ties[at][0] == month:
            _month, actor, office = ties[at]
            seen[(D.TOTAL, "")].add(actor)
            seen[(D.OFFICE, str(office))].add(actor)
            for dimension, key in tags.get(actor, ()):
                seen[(dimension, key)].add(actor)
                if dimension == D.AREA:
                    seen[(D.MATRIX, f"{office}:{key}")].add(actor)
            at += 1
        rows.extend(CooperatingSoFar(month=month, dimension=dimension, key=key, count=len(actors))
                    for (dimension, key), actors in seen.items())
    return rows


def cooperating_rows(ties, start: dt.date) -> dict:
    """Distinct cooperating actors per month: in all, per office, and per area, part and goal of the actor."""
    by_month_actors: dict = defaultdict(set)
    for actor, office, month in ties:
        if month >= start:
            by_month_actors[(month, D.TOTAL, "")].add(actor)
            by_month_actors[(month, D.OFFICE, str(office))].add(actor)
    tags = _actor_tags({actor for actor, _office, month in ties if month >= start})
    for (month, dimension, _key), actors in list(by_month_actors.items()):
        if dimension != D.TOTAL:
            continue
        for actor in actors:
            for tag in tags.get(actor, ()):
                by_month_actors[(month, *tag)].add(actor)
    return {key: len(actors) for key, actors in by_month_actors.items()}


# ---------------------------------------------------------------- writing


def compute(*, today: dt.date | None = None, everything: bool = False) -> int:
    """Recompute the figures and ties of the last 13 months (all months with `everything`) and
    return the number of figures written. Safe to run at any time: rows are replaced in place."""
    today = today or timezone.localdate()
    if everything:
        earliest = Actor.objects.order_by("created_at").values_list("created_at", flat=True).first()
        start = first_of_month(timezone.localdate(earliest)) if earliest else first_of_month(today)
        start = min(start, add_months(first_of_month(today), -(WINDOW_MONTHS - 1)))
    else:
        start = add_months(first_of_month(today), -(WINDOW_MONTHS - 1))
    ties = tie_rows(start, today)
    rows = metric_rows(start, today)
    rows[Metric.COOPERATING_ACTORS] = cooperating_rows(ties, start)
    on_time_out_of = rows[Metric.FEEDBACK_GIVEN]
    now = timezone.now()
    figures = [
        Figure(month=month, metric=metric, dimension=dimension, key=key, count=int(count), computed_at=now,
               out_of=on_time_out_of.get((month, dimension, key), 0) if metric == Metric.FEEDBACK_ON_TIME else None)
        for metric, numbers in rows.items() for (month, dimension, key), count in numbers.items()
        if start <= month <= today
    ]
    valid_offices = set(Office.objects.values_list("pk", flat=True))
    with transaction.atomic():
        # A number that fell to nothing (a record removed) must not stay: clear the window first.
        cleared = {} if everything else {"month__gte": start}
        Figure.objects.filter(**cleared).delete()
        Figure.objects.bulk_create(figures, batch_size=2000, update_conflicts=True,
                                   unique_fields=["metric", "dimension", "key", "month"],
                                   update_fields=["count", "out_of", "computed_at"])
        Tie.objects.filter(**cleared).delete()
        Tie.objects.bulk_create([Tie(actor_id=a, office_id=o, month=m) for a, o, m in ties if o in valid_offices],
                                batch_size=5000, ignore_conflicts=True)
        # The running counts of every year the window touches, from the ties just written.
        first_year = start.year
        CooperatingSoFar.objects.filter(month__gte=dt.date(first_year, 1, 1)).delete()
        for year in range(first_year, today.year + 1):
            CooperatingSoFar.objects.bulk_create(so_far_rows(year, today), batch_size=2000)
    return len(figures)
