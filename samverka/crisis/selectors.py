"""Reading crisis data: the triage list, matching suggestions and the live overview, each
in a fixed number of queries however many requests and volunteers there are."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    StringAgg,
    Subquery,
    Value,
    When,
    prefetch_related_objects,
)
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone

from samverka.matching import engine
from samverka.municipality.models import District
from samverka.volunteers.models import Availability, Volunteer

from .models import Crisis, CrisisVolunteer, HelpRequest, Task

SUGGESTIONS = 8
PRIORITY_ORDER = Case(
    When(priority=HelpRequest.Priority.URGENT, then=Value(0)),
    When(priority=HelpRequest.Priority.NEW, then=Value(1)),
    When(priority=HelpRequest.Priority.NORMAL, then=Value(2)),
    default=Value(3), output_field=IntegerField(),
)
MATCHED_ORDER = Case(When(status__in=HelpRequest.UNMATCHED, then=Value(0)),
                     When(status__in=(HelpRequest.Status.PROVIDER, HelpRequest.Status.ASSIGNED), then=Value(1)), default=Value(2),
                     output_field=IntegerField())
AGE_BUCKETS = (  # (key, label is in the template, lower bound in hours)
    ("under_1h", 0), ("under_6h", 1), ("under_24h", 6), ("under_3d", 24), ("older", 72),
)


def triage_list(crisis, *, show: str = "open"):
    """Unmatched first, urgent first, oldest first."""
    requests = crisis.help_requests.select_related("district").prefetch_related("help_kinds")
    if show == "open":
        requests = requests.filter(status__in=HelpRequest.OPEN_STATUSES)
    elif show == "closed":
        requests = requests.filter(status__in=(HelpRequest.Status.DONE, HelpRequest.Status.CLOSED))
    return requests.annotate(matched_order=MATCHED_ORDER, priority_order=PRIORITY_ORDER).order_by(
        "matched_order", "priority_order", "created_at")


def askable(crisis_id: int) -> Q:
    """Who may be asked to help in a crisis: whoever signed up for it and confirmed, and
    the municipality's volunteers whose profile says they may be asked in a crisis."""
    signed_up = CrisisVolunteer.objects.filter(volunteer=OuterRef("pk"), crisis_id=crisis_id, confirmed_at__isnull=False)
    return Q(Exists(signed_up)) | Q(crisis_help=True)


def soon_mask(now=None) -> int:
    """The availability bits for this part of the day and the next two."""
    now = timezone.localtime(now or timezone.now())
    part = 0 if now.hour < 12 else 1 if now.hour < 17 else 2
    slot = now.weekday() * 3 + part
    mask = 0
    for step in range(3):
        mask |= 1 << ((slot + step) % 21)
    return mask


# Crisis mode's weights for the matching engine: the same part of the municipality first,
# then the share of the kinds of help asked for, then how much of "now or soon" the volunteer
# is free; with these weights each criterion outweighs all that follow it (up to ten kinds
# asked for). Volunteers have no position, so distance plays no part.
CRISIS_RULES = engine.Rules(
    weights=engine.Weights(distance=0.0, kinds=10.0, languages=0.0, interests=0.0, availability=1.0, ages=0.0,
                           areas=100.0),
    same_zone=False, kinds_required=False)


def suggestions(help_request: HelpRequest, *, limit: int = SUGGESTIONS, now=None) -> list[Volunteer]:
    """The best available volunteers for this request, best first, by the matching engine
    (`CRISIS_RULES`): same part of the municipality, most of the kinds of help asked for,
    free now or soon; equal scores go to the volunteer with fewest open tasks. Those who
    signed up for the crisis and the volunteers who may be asked in any crisis alike
    (`askable`); volunteers already asked about this request are left out. Three queries."""
    kind_ids = [k.pk for k in help_request.help_kinds.all()]
    district_through = Volunteer.districts.through
    kinds_through = Volunteer.help_kinds.through
    mask = soon_mask(now)
    open_tasks = (Task.objects.filter(volunteer=OuterRef("pk"), status__in=(Task.Status.OFFERED, Task.Status.ACCEPTED))
                  .order_by().values("volunteer").annotate(n=Count("pk")).values("n"))
    kinds = (kinds_through.objects.filter(volunteer=OuterRef("pk"), helpkind_id__in=kind_ids)
             .order_by().values("volunteer"))
    candidates = list(
        Volunteer.objects.available()
        .filter(askable(help_request.crisis_id))
        .exclude(Exists(Task.objects.filter(volunteer=OuterRef("pk"), help_request=help_request)
                        .exclude(status=Task.Status.CANCELLED)))
        .annotate(
            same_district=Exists(district_through.objects.filter(
                volunteer=OuterRef("pk"), district_id=help_request.district_id))
            if help_request.district_id else Value(False, output_field=BooleanField()),
            kinds_matched=Coalesce(Subquery(kinds.annotate(n=Count("pk")).values("n"), output_field=IntegerField()),
                                   0) if kind_ids else Value(0),
            matched_kind_ids=Subquery(kinds.annotate(ids=StringAgg(Cast("helpkind_id", CharField()), delimiter=Value(",")))
                                      .values("ids"), output_field=CharField()) if kind_ids
            else Value("", output_field=CharField()),
            soon_bits=ExpressionWrapper(F("availability").bitand(mask), output_field=IntegerField()),
            load=Coalesce(Subquery(open_tasks, output_field=IntegerField()), 0),
        )
        .annotate(free_soon=Case(When(soon_bits__gt=0, then=Value(True)), default=Value(False),
                                 output_field=BooleanField()))
        .order_by("pk")
    )
    district = help_request.district_id
    wanted = engine.Party(id=help_request.pk, kinds=frozenset(kind_ids), availability=mask,
                          areas=frozenset({district}) if district else frozenset())
    offers = [engine.Party(
        id=v.pk, kinds=frozenset(int(k) for k in (v.matched_kind_ids or "").split(",") if k),
        availability=v.availability, areas=frozenset({district}) if v.same_district else frozenset(),
        capacity=len(candidates) + 1,  # open tasks order equal scores; they never rule a volunteer out
    ) for v in candidates]
    by_pk = {v.pk: v for v in candidates}
    pairs = engine.propose(wanted, offers, CRISIS_RULES, limit=len(offers))
    pairs.sort(key=lambda pair: (-pair.score, by_pk[pair.offer].load, pair.offer))
    chosen = [by_pk[pair.offer] for pair in pairs[:limit]]
    prefetch_related_objects(chosen, "districts")
    return chosen


def overview(crisis, now=None) -> dict:
    """The live overview of one crisis in six queries."""
    now = now or timezone.now()
    open_requests = crisis.help_requests.filter(status__in=HelpRequest.OPEN_STATUSES)
    by_status = dict(crisis.help_requests.values_list("status").annotate(n=Count("pk")).order_by())
    is_open = Q(status__in=HelpRequest.OPEN_STATUSES)
    by_district_rows = (crisis.help_requests.values("district").annotate(
        total=Count("pk", filter=is_open), unmatched=Count("pk", filter=Q(status__in=HelpRequest.UNMATCHED)),
        urgent=Count("pk", filter=is_open & Q(priority=HelpRequest.Priority.URGENT)),
        done=Count("pk", filter=Q(status=HelpRequest.Status.DONE)), all=Count("pk")).order_by())
    if crisis.is_active:
        by_district_rows = [row for row in by_district_rows if row["total"]]
    districts = {d.pk: d for d in District.objects.all()}
    by_district = sorted(
        ({**row, "district": districts.get(row["district"])} for row in by_district_rows),
        key=lambda row: (-row["unmatched"], -row["total"], -row["all"],
                         row["district"].position if row["district"] else 999))
    ages = {}
    for key, hours in AGE_BUCKETS:
        ages[key] = Count("pk", filter=Q(created_at__lte=now - timedelta(hours=hours)))
    cumulative = open_requests.filter(status__in=HelpRequest.UNMATCHED).aggregate(**ages)
    keys = [key for key, _ in AGE_BUCKETS]
    by_age = [(key, cumulative[key] - (cumulative[keys[i + 1]] if i + 1 < len(keys) else 0))
              for i, key in enumerate(keys)]
    links = crisis.volunteer_links.all()
    busy = Task.objects.filter(volunteer=OuterRef("volunteer"), status=Task.Status.ACCEPTED)
    volunteers = links.aggregate(
        signed_up=Count("pk"),
        confirmed=Count("pk", filter=Q(confirmed_at__isnull=False)),
        available=Count("pk", filter=Q(confirmed_at__isnull=False, volunteer__status=Volunteer.Status.ACTIVE,
                                       volunteer__confirmed_at__isnull=False) & ~Q(Exists(busy))),
    )
    waiting = list(triage_list(crisis).filter(status__in=HelpRequest.UNMATCHED)[:10])
    return {
        "by_status": by_status, "open_total": sum(by_status.get(s, 0) for s in HelpRequest.OPEN_STATUSES),
        "unmatched_total": sum(by_status.get(s, 0) for s in HelpRequest.UNMATCHED),
        "done_total": by_status.get(HelpRequest.Status.DONE, 0),
        "closed_total": by_status.get(HelpRequest.Status.CLOSED, 0),
        "by_district": by_district, "by_age": by_age, "volunteers": volunteers, "waiting": waiting,
        "now": now, "availability_labels": Availability.DAYS,
    }


def crises_for(*, user, limit: int = 20) -> tuple[list, set[int]]:
    """The crises the person may see (the latest `limit`) and the ids of those they handle."""
    return (list(Crisis.objects.visible_to(user)[:limit]),
            set(Crisis.objects.handled_by(user).values_list("pk", flat=True)))


def tasks_of(*, help_request: HelpRequest) -> list[Task]:
    """The request's tasks with their volunteers, the latest offered first."""
    return list(help_request.tasks.select_related("volunteer").order_by("-offered_at"))


# ---------------------------------------------------------------- help providers


def start_of_day(now=None):
    return timezone.localtime(now or timezone.now()).replace(hour=0, minute=0, second=0, microsecond=0)


def capacity_today(providers, now=None) -> dict[int, list[dict]]:
    """{provider id: [{"kind", "per_day", "used", "left"}, …]} for today, in two queries
    however many providers: an errand handed today counts unless it came back."""
    from .models import ProviderCapacity, ProviderTask

    ids = [p.pk for p in providers]
    used = {(row["provider"], row["help_kind"]): row["n"] for row in ProviderTask.objects.filter(
        provider_id__in=ids, handed_at__gte=start_of_day(now)).exclude(status=ProviderTask.Status.RETURNED)
        .values("provider", "help_kind").annotate(n=Count("pk")).order_by()}
    result: dict[int, list[dict]] = {pk: [] for pk in ids}
    for capacity in (ProviderCapacity.objects.filter(provider_id__in=ids, per_day__gt=0)
                     .select_related("help_kind").order_by("help_kind__position", "help_kind_id")):
        n = used.get((capacity.provider_id, capacity.help_kind_id), 0)
        result[capacity.provider_id].append({"kind": capacity.help_kind, "per_day": capacity.per_day, "used": n,
                                             "left": max(capacity.per_day - n, 0)})
    return result


def providers_of(crisis, now=None) -> list:
    """The crisis' providers with their capacity today (`today`) and open errands (`open_tasks`)."""
    from .models import ProviderTask

    providers = list(crisis.providers.select_related("actor").annotate(
        open_tasks=Count("tasks", filter=Q(tasks__status__in=(ProviderTask.Status.HANDED,
                                                              ProviderTask.Status.ACCEPTED)))).order_by("actor__name"))
    today = capacity_today(providers, now)
    for provider in providers:
        provider.today = today[provider.pk]
        provider.has_room = any(row["left"] for row in provider.today)
    return providers


def provider_tasks(provider, *, show: str = "open"):
    """The provider's errands, open ones first and oldest first, in two queries."""
    from .models import ProviderTask

    tasks = provider.tasks.select_related("help_request__district", "help_kind").prefetch_related(
        "help_request__help_kinds")
    if show == "open":
        tasks = tasks.open()
    else:
        tasks = tasks.filter(status__in=(ProviderTask.Status.DONE, ProviderTask.Status.RETURNED))
    return tasks.order_by("handed_at", "pk")


def providers_for(*, user, crisis_id: int | None) -> list:
    """The providers the user represents (all crises, the latest first)."""
    from samverka.actors.rules import actor_roles

    from .models import HelpProvider

    if not user.is_authenticated:
        return []
    return list(HelpProvider.objects.filter(actor_id__in=list(actor_roles(user))).select_related("actor", "crisis")
                .order_by("-crisis__started_at", "actor__name")[:20])


def unneeded_volunteers(crisis_id: int):
    """Those who signed up for the crisis, confirmed and were never given a task."""
    helped = Task.objects.filter(volunteer=OuterRef("volunteer"), help_request__crisis_id=crisis_id,
                                 status__in=(Task.Status.ACCEPTED, Task.Status.DONE))
    return CrisisVolunteer.objects.filter(crisis_id=crisis_id, confirmed_at__isnull=False).exclude(Exists(helped))


def crisis_kinds(crisis) -> list:
    """The crisis' kinds of help, or all if the administrator chose none."""
    from samverka.volunteers.models import HelpKind

    kinds = list(crisis.help_kinds.all())
    return kinds or list(HelpKind.objects.all())
