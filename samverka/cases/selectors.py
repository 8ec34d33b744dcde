"""Reads of one-way-in cases: the officials' inbox and the counts other parts of the
platform show."""

from __future__ import annotations

from django.db.models import BooleanField, Count, ExpressionWrapper, IntegerField, Q, QuerySet, Value, When
from django.db.models import Case as SqlCase
from django.utils import timezone
from django.utils.formats import date_format

from samverka.accounts.models import User

from .models import Case, Topic


def inbox_counts(user) -> dict[str, int]:
    """Open and late cases among those the user sees on the officials' pages."""
    today = timezone.localdate()
    open_q = Q(status__in=Case.OPEN)
    return Case.objects.visible_to(user).aggregate(
        open=Count("pk", filter=open_q), overdue=Count("pk", filter=open_q & Q(answer_by__lt=today)))


def inbox(cases: QuerySet[Case], *, user, office=None, mine=False, topic=None, chosen: str = "open",
          today) -> tuple[QuerySet[Case], dict[str, int]]:
    """The inbox's cases (`cases`: those the user sees) narrowed by its filters, late ones
    first, and the counts for its tabs (before the topic and status filters)."""
    if office:
        cases = cases.filter(office=office)
    if mine:
        cases = cases.filter(assigned_to=user)
    open_q = Q(status__in=Case.OPEN)
    counts = cases.aggregate(
        open=Count("pk", filter=open_q), overdue=Count("pk", filter=open_q & Q(answer_by__lt=today)),
        answered=Count("pk", filter=Q(status=Case.Status.ANSWERED)),
        closed=Count("pk", filter=Q(status=Case.Status.CLOSED)), unrouted=Count("pk", filter=open_q & Q(office=None)),
        news=Count("pk", filter=Q(news_at__isnull=False)),
    )
    if topic:
        cases = cases.filter(topic=topic)
    if chosen == "open":
        cases = cases.filter(open_q)
    elif chosen == "news":
        cases = cases.filter(news_at__isnull=False)
    elif chosen in (Case.Status.ANSWERED, Case.Status.CLOSED):
        cases = cases.filter(status=chosen)
    overdue_first = SqlCase(When(open_q & Q(answer_by__lt=today), then=Value(0)), default=Value(1),
                            output_field=IntegerField())
    if chosen in ("open", "news"):
        return cases.order_by(overdue_first, "answer_by", "received_at", "pk"), counts
    return cases.order_by(overdue_first, "-received_at", "-pk"), counts


def sender_cases(case: Case, *, visible: QuerySet[Case], limit: int = 10) -> QuerySet[Case]:
    """The sender's other cases (same e-mail, phone or account) among those visible."""
    same = Q(email=case.email) if case.email else Q(phone=case.phone) if case.phone else Q(user=case.user_id)
    return (Case.objects.filter(same).exclude(pk=case.pk).filter(pk__in=visible.values("pk"))
            .order_by("-received_at")[:limit])


# What a row of the partner's inbox shows (cases/link_inbox.html, `held_rows`, in this order):
# not every column of the case, its party's actor and its handler.
HELD_ROW = ("reference", "name", "received_at", "answer_by", "status", "topic__name", "topic__name_en",
            "topic__name_ar", "party__actor__name", "assigned_to__first_name", "assigned_to__last_name",
            "assigned_to__email")


def held_cases(parties, *, chosen: str = "open", today) -> tuple[QuerySet, dict[str, int]]:
    """A partner organisation's inbox: the cases its `parties` hold (those of a named handler,
    `LinkParty.objects...filter(handlers=user)`) as an ordered QuerySet of their ids, late ones
    first (open and past its answer-by date), and the counts for its tabs (`open`, `overdue`,
    `all`: the number of rows for "open" and "all"). `held_rows` reads a page of those ids."""
    cases = Case.objects.held_by(parties)
    open_q = Q(status__in=Case.OPEN)
    counts = cases.aggregate(open=Count("pk", filter=open_q), overdue=Count("pk", filter=open_q & Q(answer_by__lt=today)),
                             all=Count("pk"))
    if chosen == "open":
        cases = cases.filter(open_q)
    # Sorted by the columns of the party's index alone; the rows' other columns and joins are
    # read for one page only (`held_rows`), not for every case before sorting.
    return cases.annotate(late=_late(today)).order_by(*HELD_ORDER).values_list("pk", flat=True), counts


def held_rows(ids: QuerySet, *, today, case_url: str) -> list[dict]:
    """The rows of the partner's inbox (cases/link_inbox.html) for `ids` (a slice of
    `held_cases`' ids), in its order, in one query with the ids as a subquery: what each row
    shows worked out here, once, instead of in the template for each row. `case_url` is the
    address of a case without its reference. Read as plain values, not five model instances a
    row: a topic's label and a handler's name come from their models' own properties, once for
    each topic and handler; the dates as the template's `date:"j F Y"` writes them (in the
    page's time zone and language), once for each date."""
    values = (Case.objects.filter(pk__in=ids).annotate(late=_late(today)).order_by(*HELD_ORDER)
              .values_list(*HELD_ROW, "assigned_to", "late"))
    statuses = {value: str(label) for value, label in Case.Status.choices}
    topics: dict[tuple, str] = {}
    days: dict = {}
    handlers: dict[int, str] = {}
    rows = []
    for (reference, name, received_at, answer_by, status, topic, topic_en, topic_ar, actor, first_name, last_name,
         email, handler, late) in values:
        received = timezone.localtime(received_at).date()
        if (topic, topic_en, topic_ar) not in topics:
            topics[topic, topic_en, topic_ar] = Topic(name=topic, name_en=topic_en, name_ar=topic_ar).label
        for day in (received, answer_by):
            if day not in days:
                days[day] = date_format(day, "j F Y")
        if handler and handler not in handlers:
            handlers[handler] = User(first_name=first_name, last_name=last_name, email=email).display_name
        rows.append({
            "reference": reference, "url": f"{case_url}{reference}/", "actor": actor, "name": name,
            "topic": topics[topic, topic_en, topic_ar], "received": days[received], "answer_by": days[answer_by],
            "status": status, "status_label": statuses[status], "late": late, "handler": handlers.get(handler, ""),
        })
    return rows


HELD_ORDER = ("-late", "answer_by", "received_at", "pk")


def _late(today) -> ExpressionWrapper:
    return ExpressionWrapper(Q(status__in=Case.OPEN) & Q(answer_by__lt=today), output_field=BooleanField())


# ---------------------------------------------------------------- the link's coordinator

WORK_LISTED = 100


def coordinated_links(user, *, today) -> list:
    """The links `user` coordinates, each with how many open cases nobody has taken, are late,
    or are held by a party that has left; one query."""
    from .models import Link

    open_q = Q(cases__status__in=Case.OPEN)
    return list(Link.objects.coordinated_by(user).select_related("coordinator_office").annotate(
        untaken=Count("cases", filter=open_q & Q(cases__assigned_to__isnull=True)),
        late=Count("cases", filter=open_q & Q(cases__answer_by__lt=today)),
        left=Count("cases", filter=open_q & Q(cases__party__left_at__lte=today)),
    ).order_by("position", "name", "pk"))


def coordinator_work(link, *, today, limit: int = WORK_LISTED) -> dict:
    """The coordinator's work list of a link: open cases held by a party that has left, late
    cases and cases nobody has taken (a case may be in more than one), the earliest deadline
    first, with their counts; four queries however many cases there are."""
    cases = (Case.objects.open().filter(link=link)
             .select_related("topic", "party__actor", "party__office", "assigned_to"))
    left_q, late_q, untaken_q = Q(party__left_at__lte=today), Q(answer_by__lt=today), Q(assigned_to__isnull=True)
    counts = cases.aggregate(left=Count("pk", filter=left_q), late=Count("pk", filter=late_q),
                             untaken=Count("pk", filter=untaken_q), open=Count("pk"))
    order = ("answer_by", "received_at", "pk")
    return {
        "counts": counts,
        "left": list(cases.filter(left_q).order_by(*order)[:limit]),
        "late": list(cases.filter(late_q).order_by(*order)[:limit]),
        "untaken": list(cases.filter(untaken_q).order_by(*order)[:limit]),
    }
