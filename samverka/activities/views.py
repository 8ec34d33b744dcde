import csv
from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_ratelimit.core import is_ratelimited

from samverka.core.access import get_for_user
from samverka.core.errors import ActionError
from samverka.core.once import already_done, once
from samverka.core.pagecache import cache_public_page
from samverka.core.ratelimit import too_many_requests
from samverka.core.text import spreadsheet_safe

from . import ical, selectors, services
from .filters import ActivityFilter, MeetingPlaceFilter, OccurrenceFilter, local_midnight, sane
from .forms import (
    MAX_DURATION,
    ActivityForm,
    FeatureForm,
    MeetingPlaceForm,
    MoveOccurrenceForm,
    RegistrationForm,
    ReviewForm,
    local_date_or_none,
)
from .models import Activity, Feature, MeetingPlace, Occurrence, Registration
from .structured import ACTIVITY_FIELDS, PLACE_FIELDS, activity_rows, event_jsonld, place_rows

PAGE_SIZE = 25
VIEWS = ("list", "week", "month")
DATE_FILTERS = ("when", "from_date", "to_date")
FEED_LIMIT = 500
FEED_PAST = timedelta(days=30)
# Per client address: a family signs up a few; a robot fills an activity.
REGISTER_RATE = "60/h"
CANCEL_RATE = "30/h"  # whoever has a link cancels once; many are a robot trying links
RATE_WINDOW = 60 * 60


# ---------------------------------------------------------------- the calendar


class CappedPaginator(Paginator):
    """Counts at most CAP + 1 rows: "more than 1 000" is all a reader needs, and counting
    a whole city's calendar would cost more than showing a page of it."""

    CAP = 1000

    @cached_property
    def count(self) -> int:
        return self.object_list.order_by().values("pk")[: self.CAP + 1].count()

    @property
    def capped(self) -> bool:
        return self.count > self.CAP


LIST_STEP = 5  # minutes: the list starts at the last multiple of LIST_STEP (see _list_since)


def _list_since(now):
    """Where the list starts: a little before now, on a LIST_STEP boundary, so that one
    rendering of the list serves everyone for those minutes (an occasion that ended a
    few minutes ago may still show at the top)."""
    return now.replace(minute=now.minute - now.minute % LIST_STEP, second=0, microsecond=0)


def _calendar_moment(request) -> str:
    """What a calendar page shows besides its data: the week and the month change at
    midnight (today is marked), the list as occasions end (every LIST_STEP minutes)."""
    now = timezone.localtime()
    return f"{now:%Y-%m-%d}" if request.GET.get("view") in ("week", "month") else _list_since(now).isoformat()


@require_GET
@cache_public_page("activities", "actors", moment=_calendar_moment)
def calendar(request):
    view = request.GET.get("view") if request.GET.get("view") in VIEWS else "list"
    context = _calendar_context(request, view, timezone.localdate())
    if request.htmx:
        return render(request, "activities/calendar.html#results", context)
    context.update(query=_feed_query(request), newcomers=selectors.has_newcomers_group())
    return render(request, "activities/calendar.html", context)


def _calendar_context(request, view: str, today) -> dict:
    anchor = local_date_or_none(request.GET.get("date"))
    data = request.GET.copy()
    if view != "list":
        for name in DATE_FILTERS:
            data.pop(name, None)
    filterset = OccurrenceFilter(data, queryset=Occurrence.objects.in_calendar(), request=request)
    occurrences = filterset.qs
    context = {"filter": filterset, "fields": filterset.shown_fields(dates=view == "list"), "view": view,
               "today": today, "chosen": filterset.chosen()}
    if view == "list":
        cleaned = filterset.form.cleaned_data
        if not (cleaned.get("when") or sane(cleaned.get("from_date"))):
            since = local_midnight(anchor) if anchor else _list_since(timezone.localtime())
            # The start bound lets the database walk the start index; nothing lasts longer.
            occurrences = occurrences.filter(end__gt=since, start__gte=since - MAX_DURATION)
        context["page"] = CappedPaginator(occurrences.for_list(), PAGE_SIZE).get_page(request.GET.get("page"))
        context["anchor"] = anchor or today
    elif view == "week":
        monday, days = selectors.week(occurrences, anchor or today)
        context.update(anchor=monday, days=days, previous=monday - timedelta(days=7), next=monday + timedelta(days=7),
                       last=monday + timedelta(days=6))
    else:
        first, weeks = selectors.month(occurrences, anchor or today)
        context.update(anchor=first, weeks=weeks, previous=(first - timedelta(days=1)).replace(day=1),
                       next=(first + timedelta(days=32)).replace(day=1))
    return context


def _feed_query(request) -> str:
    """The filters of this page, without the page's own view and paging."""
    params = request.GET.copy()
    for name in ("view", "date", "page"):
        params.pop(name, None)
    return params.urlencode()


# ---------------------------------------------------------------- one activity


def _activities(request):
    return Activity.objects.visible_to(request.user).select_related(
        "actor", "office", "place", "place__district", "district")


def _get_activity(request, slug, perm=None):
    return get_for_user(_activities(request), request.user, perm=perm, slug=slug)


def _minute(request) -> str:
    """An activity's page shows whether one can still register for each date."""
    return f"{timezone.localtime():%Y-%m-%dT%H:%M}"


@require_GET
@cache_public_page("activities", "actors", "ideas", moment=_minute)
def detail(request, slug):
    activity = get_for_user(
        _activities(request).prefetch_related("areas", "target_groups", "languages", "sdg_goals"),
        request.user, slug=slug)
    occurrences, total = selectors.upcoming_occurrences(activity)
    features = []
    if request.user.has_perm("activities.feature_activity", activity):
        features = selectors.current_features(activity=activity)
    return render(request, "activities/detail.html", {
        "activity": activity, "occurrences": occurrences, "total": total, "features": features,
        "jsonld": event_jsonld(activity, occurrences[:10]),
    })


@login_required
@require_http_methods(["GET", "POST"])
def create(request):
    if not request.user.has_perm("activities.add_activity"):
        return render(request, "activities/no_organiser.html", status=403)
    if request.method == "POST":
        if done := already_done(request):
            return redirect(done)
        form = ActivityForm(request.POST, request.FILES, user=request.user)
        if form.is_valid():
            url = once(request, lambda: services.create_activity(by=request.user, data=form.activity_data())
                       .get_absolute_url())
            messages.success(request, _("The activity is saved. Check the page; share the link or the calendar feed."))
            return redirect(url)
    else:
        form = ActivityForm(user=request.user)
    return render(request, "activities/form.html", {"form": form, "activity": None})


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, slug):
    activity = _get_activity(request, slug, perm="activities.change_activity")
    if request.method == "POST":
        form = ActivityForm(request.POST, request.FILES, instance=Activity.objects.get(pk=activity.pk),
                            user=request.user)
        if form.is_valid():
            services.update_activity(by=request.user, activity=activity, data=form.activity_data())
            messages.success(request, _("The changes are saved. People who registered are told if a date changed."))
            return redirect(activity)
    else:
        form = ActivityForm(instance=activity, user=request.user)
    return render(request, "activities/form.html", {"form": form, "activity": activity})


@login_required
@require_POST
def publish(request, slug):
    activity = _get_activity(request, slug, perm="activities.change_activity")
    try:
        services.publish_activity(by=request.user, activity=activity)
    except ActionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The activity is published and shown in the calendar."))
    return redirect(activity)


@login_required
@require_POST
def cancel(request, slug):
    activity = _get_activity(request, slug, perm="activities.change_activity")
    services.cancel_activity(by=request.user, activity=activity)
    messages.success(request, _("The activity is cancelled. Everyone who registered gets a message."))
    return redirect(activity)


@login_required
@require_POST
def cancel_occurrence(request, slug, pk):
    activity = _get_activity(request, slug, perm="activities.change_activity")
    occurrence = get_for_user(activity.occurrences.filter(end__gt=timezone.now()), request.user, pk=pk)
    services.cancel_occurrence(by=request.user, occurrence=occurrence)
    messages.success(request, _("The date is cancelled. Everyone who registered for it gets a message."))
    return redirect(activity)


@login_required
@require_http_methods(["GET", "POST"])
def move_occurrence(request, slug, pk):
    """Another day or other times for one date; the registrations stay with it."""
    activity = _get_activity(request, slug, perm="activities.change_activity")
    occurrence = get_for_user(activity.occurrences.filter(end__gt=timezone.now(), cancelled=False),
                              request.user, pk=pk)
    occurrence.activity = activity
    if request.method == "POST":
        form = MoveOccurrenceForm(request.POST, occurrence=occurrence)
        if form.is_valid():
            try:
                services.move_occurrence(by=request.user, occurrence=occurrence,
                                         start=form.cleaned_data["start"], end=form.cleaned_data["end"])
            except ActionError as error:
                form.add_error("date", str(error))
            else:
                messages.success(request, _("The date is changed. Everyone who registered for it gets a message."))
                return redirect(activity)
    else:
        form = MoveOccurrenceForm(occurrence=occurrence)
    registered = selectors.active_registration_count(occurrence=occurrence)
    return render(request, "activities/move_occurrence.html", {
        "activity": activity, "occurrence": occurrence, "form": form, "registered": registered})


# ---------------------------------------------------------------- registration


@require_http_methods(["GET", "POST"])
def register(request, slug, pk):
    activity = _get_activity(request, slug)
    occurrence = get_for_user(activity.occurrences.all(), request.user, pk=pk)
    occurrence.activity = activity
    reason = selectors.closed_reason(activity, occurrence)
    user = request.user
    status = 200
    if request.method == "POST":
        if done := already_done(request):
            return redirect(done)
        form = RegistrationForm(request.POST, user=user, activity=activity)
        valid = form.is_valid()
        if reason:
            form.add_error(None, reason)
        elif is_ratelimited(request, group="activities.register", key="ip", rate=REGISTER_RATE,
                            method="POST", increment=True):
            form.add_error(None, _("Too many registrations from your network just now. Wait a while and try again."))
            status = 429
        elif valid:
            data = form.cleaned_data
            try:
                if services.too_busy(by=user, email=data["email"]):
                    raise services.TooBusy
                url = once(request, lambda: _after_registering(services.register(
                    by=user, occurrence=occurrence, name=data["name"], email=data["email"], phone=data["phone"],
                    age=data.get("age"),
                )))
            except services.AlreadyRegistered as error:
                field = "email" if data["email"] and error.registration.email == data["email"].lower() else "phone"
                form.add_error(field, _("You are already registered for this occasion. The confirmation we sent you has a link to cancel."))
            except services.TooBusy as error:
                form.add_error(None, str(error))
                status = 429
            except ActionError as error:
                form.add_error(None, str(error))
            else:
                return redirect(url)
    else:
        initial = {"name": user.get_full_name(), "email": user.email, "phone": user.phone} if user.is_authenticated else {}
        form = RegistrationForm(initial=initial, user=user, activity=activity)
    places_left = selectors.places_left(activity=activity, occurrence=occurrence)
    response = render(request, "activities/register.html", {
        "activity": activity, "occurrence": occurrence, "form": form, "reason": reason, "places_left": places_left,
        "confirm_by_link": services.needs_confirmation(by=user, email=user.email if user.is_authenticated else ""),
    }, status=status)
    if status == 429:  # the limit per network, or the form's cap of messages for the hour
        response["Retry-After"] = str(RATE_WINDOW)
    return response


def _after_registering(registration: Registration) -> str:
    """The participant's own page; or, while the registration waits for the link in its
    message, a page that says so (without the link: only the message carries it)."""
    if registration.status == Registration.Status.UNCONFIRMED:
        occurrence = registration.occurrence
        return reverse("activities:registration_sent", args=[occurrence.activity.slug, occurrence.pk])
    return registration.get_absolute_url()


@require_GET
def registration_sent(request, slug, pk):
    """"Check your e-mail": the same page whether a message went out or was held back."""
    activity = _get_activity(request, slug)
    occurrence = get_for_user(activity.occurrences.all(), request.user, pk=pk)
    occurrence.activity = activity
    return render(request, "activities/registration_sent.html", {"activity": activity, "occurrence": occurrence})


@require_POST
def confirm_registration(request, token):
    """The button on the participant's page, reached by the link in the message."""
    found = Registration.objects.filter(cancel_token=token[:64]).values_list("cancel_token", flat=True).first()
    if found is None:
        raise Http404
    if is_ratelimited(request, group="activities.confirm", key="ip", rate=CANCEL_RATE, method="POST", increment=True):
        return too_many_requests(request, retry_after=RATE_WINDOW)
    try:
        registration = services.confirm_registration(by=request.user, token=found)
    except ActionError as error:
        messages.error(request, str(error))
    else:
        if registration.status == Registration.Status.CONFIRMED:
            messages.success(request, _("Thank you! Your registration is confirmed and you have a place."))
        else:
            messages.info(request, _("Thank you! Your registration is confirmed. You are on the waiting list."))
    return redirect("activities:registration", token=found)


@require_http_methods(["GET", "POST"])
def registration(request, token):
    """The participant's own page, reached by the link in the confirmation: status and
    cancelling. The link is the key; whoever has it can cancel."""
    found = (Registration.objects.select_related("occurrence__activity__place", "occurrence__activity__actor",
                                                 "occurrence__activity__office")
             .filter(cancel_token=token[:64]).first())
    if request.method == "POST" and found is not None:
        if is_ratelimited(request, group="activities.registration", key="ip", rate=CANCEL_RATE, method="POST",
                          increment=True):
            return too_many_requests(request, retry_after=RATE_WINDOW)
        try:
            services.cancel_registration(by=request.user, token=found.cancel_token)
        except services.AlreadyCancelled as error:
            messages.info(request, str(error))
        except ActionError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Your registration is cancelled. Thank you for telling us: someone on the waiting list gets your place."))
        return redirect("activities:registration", token=found.cancel_token)
    return render(request, "activities/registration.html", {"registration": found}, status=200 if found else 404)


@login_required
@require_GET
def my_registrations(request):
    registrations = selectors.my_registrations(user=request.user)
    return render(request, "activities/my_registrations.html", {"registrations": registrations})


def _participants_context(request, activity):
    occurrences = selectors.participant_dates(activity=activity)
    selected = None
    wanted = request.GET.get("occurrence", "")
    if wanted.isdigit():
        selected = next((o for o in occurrences if o.pk == int(wanted)), None)
    if selected is None:
        selected = next((o for o in occurrences if o.end > timezone.now()), occurrences[-1] if occurrences else None)
    registrations = []
    if selected is not None:
        registrations = selectors.participants(occurrence=selected)
    return {"activity": activity, "occurrences": occurrences, "selected": selected, "registrations": registrations}


@login_required
@require_GET
def participants(request, slug):
    activity = _get_activity(request, slug, perm="activities.view_participants")
    return render(request, "activities/participants.html", _participants_context(request, activity))


@login_required
@require_GET
def participants_csv(request, slug):
    activity = _get_activity(request, slug, perm="activities.view_participants")
    context = _participants_context(request, activity)
    selected = context["selected"]
    services.record_participant_export(by=request.user, activity=activity)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    day = selected.day.isoformat() if selected else "inga"
    response["Content-Disposition"] = f'attachment; filename="deltagare-{activity.pk}-{day}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([_("Name"), _("E-mail address"), _("Mobile phone"), _("Status"), _("Place in line"), _("Registered")])
    for r in context["registrations"]:
        writer.writerow([spreadsheet_safe(str(v)) for v in (
            r.name, r.email, r.phone, r.get_status_display(), r.position,
            timezone.localtime(r.created_at).strftime("%Y-%m-%d %H:%M"))])
    return response


# ---------------------------------------------------------------- featured


@login_required
@require_http_methods(["GET", "POST"])
def feature(request, slug):
    activity = _get_activity(request, slug, perm="activities.feature_activity")
    if request.method == "POST":
        form = FeatureForm(request.POST)
        if form.is_valid():
            try:
                services.feature_activity(by=request.user, activity=activity, **form.cleaned_data)
            except ActionError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The activity is featured on the home page for the dates you chose."))
                return redirect(activity)
    else:
        today = timezone.localdate()
        form = FeatureForm(initial={"starts_on": today, "ends_on": today + timedelta(days=14)})
    return render(request, "activities/feature.html", {"activity": activity, "form": form})


@login_required
@require_POST
def unfeature(request, slug, pk):
    activity = _get_activity(request, slug, perm="activities.feature_activity")
    item = get_for_user(Feature.objects.filter(activity=activity), request.user, pk=pk)
    services.remove_feature(by=request.user, feature=item)
    messages.success(request, _("The activity is no longer featured."))
    return redirect(activity)


# ---------------------------------------------------------------- feeds and open data


def _public_activities(request):
    return ActivityFilter(request.GET, queryset=selectors.feed_activities(past=FEED_PAST), request=request)


def _ical_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=ical.CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "public, max-age=900"
    return response


@require_GET
@cache_public_page("activities", "actors")
def feed(request):
    """The calendar, with the same filters as the page (e.g. ?actor=… or ?place=…)."""
    filterset = _public_activities(request)
    activities = filterset.qs.prefetch_related("areas")[:FEED_LIMIT]
    chosen = [str(obj) for _name, _value, obj in filterset.chosen() if obj]
    name = " – ".join(["Samverka", *chosen]) if chosen else _("Samverka: activities")
    return _ical_response(ical.calendar(activities, name=name), "kalender.ics")


@require_GET
def activity_feed(request, slug):
    activity = get_for_user(Activity.objects.public().select_related("actor", "office", "place")
                            .prefetch_related("areas"), request.user, slug=slug)
    return _ical_response(ical.calendar([activity], name=activity.title), f"{activity.slug}.ics")


def _export_activities(request):
    return _public_activities(request).qs.select_related("district").prefetch_related(
        "areas", "target_groups", "languages", "sdg_goals")


def _csv(rows, fields, filename):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.DictWriter(response, fieldnames=fields)
    writer.writeheader()
    for row in rows:
        writer.writerow({k: spreadsheet_safe("; ".join(map(str, v)) if isinstance(v, list) else
                                             ("" if v is None else str(v))) for k, v in row.items()})
    return response


def _json(rows, key, filename):
    rows = list(rows)
    response = JsonResponse({"count": len(rows), "license": "CC0-1.0", key: rows},
                            json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def export_csv(request):
    return _csv(activity_rows(_export_activities(request)), ACTIVITY_FIELDS, "aktiviteter.csv")


@require_GET
def export_json(request):
    return _json(activity_rows(_export_activities(request)), "activities", "aktiviteter.json")


# ---------------------------------------------------------------- meeting places


def _places(request):
    return MeetingPlace.objects.visible_to(request.user).select_related("district", "owner")


def _get_place(request, slug, perm=None):
    return get_for_user(_places(request), request.user, perm=perm, slug=slug)


@require_GET
def places(request):
    filterset = MeetingPlaceFilter(request.GET, queryset=MeetingPlace.objects.approved().select_related("district"),
                                   request=request)
    page = Paginator(filterset.qs.prefetch_related("target_groups"), PAGE_SIZE).get_page(request.GET.get("page"))
    proposals = selectors.place_proposals(user=request.user)
    template = "activities/places.html#results" if request.htmx else "activities/places.html"
    return render(request, template, {"filter": filterset, "page": page, "proposals": proposals,
                                      "query": request.GET.urlencode()})


@require_GET
def place_detail(request, slug):
    place = get_for_user(_places(request).prefetch_related("target_groups"), request.user, slug=slug)
    return render(request, "activities/place_detail.html", {
        "place": place, "activities": selectors.upcoming_at_place(place), "review_form": ReviewForm(),
    })


@login_required
@require_http_methods(["GET", "POST"])
def place_create(request):
    if not request.user.has_perm("activities.add_meetingplace"):
        return render(request, "activities/no_organiser.html", status=403)
    if request.method == "POST":
        if done := already_done(request):
            return redirect(done)
        form = MeetingPlaceForm(request.POST, user=request.user)
        if form.is_valid():
            url = once(request, lambda: services.propose_place(by=request.user, data=form.cleaned_data).get_absolute_url())
            if request.user.has_perm("activities.review_meetingplace"):
                messages.success(request, _("The meeting place is in the register."))
            else:
                messages.success(request, _("Thank you! The municipality checks the place, usually within a week. You get an e-mail when it is done."))
            return redirect(url)
    else:
        form = MeetingPlaceForm(user=request.user)
    return render(request, "activities/place_form.html", {"form": form, "place": None})


@login_required
@require_http_methods(["GET", "POST"])
def place_edit(request, slug):
    place = _get_place(request, slug, perm="activities.change_meetingplace")
    if request.method == "POST":
        form = MeetingPlaceForm(request.POST, instance=MeetingPlace.objects.get(pk=place.pk), user=request.user)
        if form.is_valid():
            services.update_place(by=request.user, place=place, data=form.cleaned_data)
            messages.success(request, _("The changes are saved."))
            return redirect(place)
    else:
        form = MeetingPlaceForm(instance=place, user=request.user)
    return render(request, "activities/place_form.html", {"form": form, "place": place})


@login_required
@require_POST
def place_review(request, slug):
    place = _get_place(request, slug, perm="activities.review_meetingplace")
    form = ReviewForm(request.POST)
    if form.is_valid():
        approve = form.cleaned_data["decision"] == "approve"
        services.review_place(by=request.user, place=place, approve=approve, note=form.cleaned_data["note"])
        messages.success(request, _("The place is approved and shown in the register.") if approve
                         else _("The place is not approved. The proposer gets your message."))
        return redirect(place)
    return render(request, "activities/place_detail.html", {
        "place": place, "activities": selectors.upcoming_at_place(place), "review_form": form,
    }, status=400)


def _export_places():
    return MeetingPlace.objects.approved().select_related("district", "owner").prefetch_related("target_groups")


@require_GET
def places_csv(request):
    return _csv(place_rows(_export_places()), PLACE_FIELDS, "motesplatser.csv")


@require_GET
def places_json(request):
    return _json(place_rows(_export_places()), "meeting_places", "motesplatser.json")

