"""The calendar's filters. One set of filters serves the calendar pages, the iCalendar
feeds, the open data and the API: `OccurrenceFilter` for dates (the calendar),
`ActivityFilter` for activities (feeds, exports, API). A value that makes no sense is
ignored (and shown as an error next to its field), never a server error."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samverka.actors.models import Actor
from samverka.core.filters import SearchFilter
from samverka.core.forms import Select
from samverka.municipality.models import Area, District, Language, Office, SdgGoal, TargetGroup

from .models import Activity, MeetingPlace, Occurrence
from .recurrence import TZ

NEWCOMERS = "nyanlanda"  # the target group behind the "For newcomers" shortcut
HIDDEN = ("actor", "office", "place")  # set by links, shown as removable notes


def _label(obj):
    return obj.label


class SafeModelChoiceField(forms.ModelChoiceField):
    """Rejects a value that cannot be a key before asking the database (a number too
    large for the column would otherwise raise an error there)."""

    def __init__(self, *args, max_length=64, numeric=False, **kwargs):
        self.max_length, self.numeric = max_length, numeric
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        text = str(value)
        if len(text) > self.max_length or "\x00" in text or (self.numeric and not (text.isdigit() and int(text) < 32768)):
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class SafeModelChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = SafeModelChoiceField


def local_midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=TZ)


def sane(day: date | None) -> date | None:
    return day if day and 2000 <= day.year <= 2100 else None


def period(when: str, today: date | None = None) -> tuple[date, date] | None:
    """The dates (first, last) of a shortcut: today, this weekend, this week, this month."""
    today = today or timezone.localdate()
    if when == "today":
        return today, today
    if when == "weekend":
        saturday = today + timedelta(days=(5 - today.weekday()) % 7) if today.weekday() < 5 else today
        sunday = today + timedelta(days=6 - today.weekday())
        return saturday, sunday
    if when == "week":
        return today, today + timedelta(days=6 - today.weekday())
    if when == "month":
        next_month = (today.replace(day=28) + timedelta(days=4)).replace(day=1)
        return today, next_month - timedelta(days=1)
    return None


class _Filters(django_filters.FilterSet):
    """The filters of an activity; PATH leads from the filtered model to the activity."""

    PATH = ""

    q = SearchFilter(method="filter_q")
    when = django_filters.ChoiceFilter(widget=Select,
        label=_("When"), method="filter_when", empty_label=_("Any time"),
        choices=[("today", _("Today")), ("weekend", _("This weekend")), ("week", _("This week")),
                 ("month", _("This month"))])
    from_date = django_filters.DateFilter(label=_("From date"), method="filter_from",
                                          widget=forms.DateInput(attrs={"type": "date"}))
    to_date = django_filters.DateFilter(label=_("To date"), method="filter_to",
                                        widget=forms.DateInput(attrs={"type": "date"}))
    area = SafeModelChoiceFilter(widget=Select, label=_("Area"), queryset=Area.objects.all(), to_field_name="slug",
                                 method="filter_area", empty_label=_("All areas"))
    target_group = SafeModelChoiceFilter(widget=Select, label=_("For whom"), queryset=TargetGroup.objects.all(),
                                         to_field_name="slug", method="filter_target_group",
                                         empty_label=_("Everyone"))
    district = SafeModelChoiceFilter(widget=Select, label=_("Part of the municipality"), queryset=District.objects.all(),
                                     to_field_name="slug", method="filter_district",
                                     empty_label=_("The whole municipality"))
    language = SafeModelChoiceFilter(widget=Select, label=_("Language"), queryset=Language.objects.all(), to_field_name="code",
                                     method="filter_language", empty_label=_("All languages"))
    sdg = SafeModelChoiceFilter(widget=Select, label=_("Agenda 2030 goal"), queryset=SdgGoal.objects.all(), method="filter_sdg",
                                empty_label=_("All goals"), numeric=True)
    free = django_filters.BooleanFilter(label=_("Free of charge"), method="filter_free", widget=forms.CheckboxInput)
    accessible = django_filters.BooleanFilter(label=_("Step-free entry"), method="filter_accessible",
                                              widget=forms.CheckboxInput)
    hearing_loop = django_filters.BooleanFilter(label=_("Hearing loop"), method="filter_hearing_loop",
                                                widget=forms.CheckboxInput)
    actor = django_filters.CharFilter(label=_("Organiser"), method="filter_actor", max_length=170)
    office = django_filters.CharFilter(label=_("Office"), method="filter_office", max_length=60)
    place = django_filters.CharFilter(label=_("Meeting place"), method="filter_place", max_length=170)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("area", "target_group", "district", "language"):
            self.form.fields[name].label_from_instance = _label

    def _q(self, **lookups) -> Q:
        return Q(**{f"{self.PATH}{k}": v for k, v in lookups.items()})

    def _tagged(self, field: str, value) -> Q:
        """Activities tagged with `value`, as a subquery (no join, no duplicates)."""
        column = {"areas": "area", "target_groups": "targetgroup", "languages": "language", "sdg_goals": "sdggoal"}[field]
        ids = getattr(Activity, field).through.objects.filter(**{column: value}).values("activity_id")
        return Q(activity_id__in=ids) if self.PATH else Q(pk__in=ids)

    def filter_q(self, queryset, name, value):
        from samverka.core.text import search_terms

        for term in search_terms(value):
            queryset = queryset.filter(self._q(search_text__contains=term))
        return queryset

    def filter_area(self, queryset, name, value: str):
        return queryset.filter(self._tagged("areas", value))

    def filter_target_group(self, queryset, name, value: str):
        return queryset.filter(self._tagged("target_groups", value))

    def filter_language(self, queryset, name, value: str):
        return queryset.filter(self._tagged("languages", value))

    def filter_sdg(self, queryset, name, value: int):
        return queryset.filter(self._tagged("sdg_goals", value))

    def filter_district(self, queryset, name, value: str):
        return queryset.filter(self._q(district=value) | self._q(place__district=value))

    def filter_free(self, queryset, name, value):
        return queryset.filter(self._q(is_free=True)) if value else queryset

    def filter_accessible(self, queryset, name, value):
        return queryset.filter(self._q(step_free_entry=True) | self._q(place__step_free_entry=True)) if value else queryset

    def filter_hearing_loop(self, queryset, name, value):
        return queryset.filter(self._q(hearing_loop=True) | self._q(place__hearing_loop=True)) if value else queryset

    def filter_actor(self, queryset, name, value):
        return queryset.filter(self._q(actor__slug=value))

    def filter_office(self, queryset, name, value):
        return queryset.filter(self._q(office__slug=value))

    def filter_place(self, queryset, name, value):
        return queryset.filter(self._q(place__slug=value))

    # Dates: see the subclasses.
    def filter_when(self, queryset, name, value):
        dates = period(value)
        return self.between(queryset, *dates) if dates else queryset

    def filter_from(self, queryset, name, value):
        return self.between(queryset, sane(value), None) if sane(value) else queryset

    def filter_to(self, queryset, name, value):
        return self.between(queryset, None, sane(value)) if sane(value) else queryset

    def between(self, queryset, first: date | None, last: date | None):
        raise NotImplementedError

    # What the page shows about the filters in use.
    def chosen(self) -> list[tuple[str, str, object]]:
        """The filters set by links (organiser, place) in use: (name, value, the object it
        names or None when nothing has that name)."""
        if not self.is_bound:
            return []
        self.form.is_valid()
        data = self.form.cleaned_data  # what passed the fields' own checks (no NUL, not too long)
        found = []
        lookups = {"actor": Actor.objects.published(), "office": Office.objects.all(),
                   "place": MeetingPlace.objects.approved()}
        for name in HIDDEN:
            value = str(data.get(name) or "")[:170]
            if value:
                found.append((name, value, lookups[name].filter(slug=value).first()))
        return found

    def shown_fields(self, *, dates: bool = True) -> list:
        """The form's fields to show (the calendar's week and month pick their own dates)."""
        skip = {*HIDDEN, *(() if dates else ("when", "from_date", "to_date"))}
        return [field for field in self.form if field.name not in skip]


class OccurrenceFilter(_Filters):
    PATH = "activity__"

    class Meta:
        model = Occurrence
        fields: list[str] = []

    def between(self, queryset, first, last):
        if first:
            queryset = queryset.filter(end__gt=local_midnight(first))
        if last:
            queryset = queryset.filter(start__lt=local_midnight(last + timedelta(days=1)))
        return queryset


class ActivityFilter(_Filters):
    class Meta:
        model = Activity
        fields: list[str] = []

    def between(self, queryset, first, last):
        occurrences = Occurrence.objects.all()
        if first:
            occurrences = occurrences.filter(end__gt=local_midnight(first))
        if last:
            occurrences = occurrences.filter(start__lt=local_midnight(last + timedelta(days=1)))
        return queryset.filter(pk__in=occurrences.values("activity_id"))


class MeetingPlaceFilter(django_filters.FilterSet):
    q = SearchFilter(method="filter_q")
    kind = django_filters.ChoiceFilter(widget=Select, label=_("Kind of place"), choices=MeetingPlace.Kind.choices,
                                       empty_label=_("All kinds"))
    district = SafeModelChoiceFilter(widget=Select, label=_("Part of the municipality"), queryset=District.objects.all(),
                                     to_field_name="slug", empty_label=_("The whole municipality"))
    target_group = SafeModelChoiceFilter(widget=Select, label=_("For whom"), queryset=TargetGroup.objects.all(),
                                         to_field_name="slug", field_name="target_groups", empty_label=_("Everyone"))
    accessible = django_filters.BooleanFilter(label=_("Step-free entry"), field_name="step_free_entry",
                                              widget=forms.CheckboxInput, method="filter_true")
    hearing_loop = django_filters.BooleanFilter(label=_("Hearing loop"), field_name="hearing_loop",
                                                widget=forms.CheckboxInput, method="filter_true")
    accessible_toilet = django_filters.BooleanFilter(label=_("Accessible toilet"), field_name="accessible_toilet",
                                                     widget=forms.CheckboxInput, method="filter_true")

    class Meta:
        model = MeetingPlace
        fields: list[str] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("district", "target_group"):
            self.form.fields[name].label_from_instance = _label

    def filter_q(self, queryset, name, value):
        return queryset.search(value)

    def filter_true(self, queryset, name, value):
        return queryset.filter(**{name: True}) if value else queryset
