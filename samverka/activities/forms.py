from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samverka.accounts.ages import participation_refusal
from samverka.accounts.forms import age_field, asks_age, check_age_span
from samverka.actors.models import Actor
from samverka.core.forms import DATE_FORMATS, DateInput
from samverka.core.phone import normalise_phone
from samverka.core.uploads import CheckedImageField
from samverka.municipality.models import Area, District, Language, Office, SdgGoal, TargetGroup

from . import recurrence
from .models import Activity, MeetingPlace

MAX_DURATION = timedelta(days=31)
TIME_FORMATS = ["%H:%M", "%H.%M", "%H:%M:%S", "%H"]
def _label(obj):
    return obj.label


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


def parse_exdates(text: str) -> tuple[list[str], list[str]]:
    """(ISO dates, what could not be read) from a free text of dates."""
    good, bad = set(), []
    for chunk in filter(None, re.split(r"[\s,;]+", text or "")):
        for fmt in DATE_FORMATS:
            try:
                good.add(datetime.strptime(chunk, fmt).date().isoformat())
                break
            except ValueError:
                continue
        else:
            bad.append(chunk[:30])
    return sorted(good), bad


NOT_YOURS = _("You cannot publish for this organiser. Choose an association or office you act for.")


def organiser_choices(user) -> list[tuple[str, str]]:
    """The actors and offices this user may publish for."""
    if not user.is_authenticated:
        return []
    if user.is_superuser:
        actors = Actor.objects.published()
        offices = Office.objects.all()
    else:
        actors = Actor.objects.filter(memberships__user=user)
        offices = Office.objects.filter(pk__in=user.office_ids)
    return [(f"actor:{a.pk}", a.name) for a in actors.only("pk", "name")] + \
           [(f"office:{o.pk}", o.label) for o in offices]


class ActivityForm(forms.ModelForm):
    REPEAT_CHOICES = [
        ("none", _("Once")),
        ("weekly", _("Every week")),
        ("biweekly", _("Every other week")),
        ("monthly", _("Once a month, on the same weekday (for example the second Tuesday)")),
        ("custom", _("Another rule (RRULE, for those who know it)")),
    ]
    STATUS_CHOICES = [
        (Activity.Status.PUBLISHED, _("Yes, publish it in the calendar now")),
        (Activity.Status.DRAFT, _("No, save it as a draft that only we see")),
    ]

    organiser = forms.ChoiceField(label=_("Who organises it?"))
    date = forms.DateField(label=_("Date"), widget=DateInput(), input_formats=DATE_FORMATS,
                           help_text=_("The first time, if it repeats."))
    start_time = forms.TimeField(label=_("Starts at"), widget=TimeInput(), input_formats=TIME_FORMATS,
                                 help_text=_("For example 18:00"))
    end_time = forms.TimeField(label=_("Ends at"), widget=TimeInput(), input_formats=TIME_FORMATS,
                               help_text=_("For example 20:00"))
    end_date = forms.DateField(label=_("Ends on another day"), required=False, widget=DateInput(),
                               input_formats=DATE_FORMATS,
                               help_text=_("Only if it goes on past midnight or for several days."))
    repeat = forms.ChoiceField(label=_("How often?"), choices=REPEAT_CHOICES, initial="none", widget=forms.RadioSelect)
    repeat_until = forms.DateField(label=_("Repeats until"), required=False, widget=DateInput(),
                                   input_formats=DATE_FORMATS,
                                   help_text=_("The last date, at most a year from the first."))
    rule = forms.CharField(label=_("Recurrence rule"), required=False, max_length=500,
                           help_text=_("Only for “Another rule”. For example FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;UNTIL=20261231"))
    exceptions = forms.CharField(
        label=_("Dates when it does not take place"), required=False, max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One date per line, for example 2026-12-24. People who registered are told."))
    capacity = forms.IntegerField(label=_("Number of places"), required=False,
                                  help_text=_("Leave empty if there is no limit. When it is full, people join a waiting list."))
    registration_deadline = forms.DateTimeField(
        label=_("Last time to register"), required=False, widget=DateTimeInput(),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"],
        help_text=_("Optional. Otherwise people can register until the activity starts."))
    status = forms.ChoiceField(label=_("Show it in the calendar?"), choices=STATUS_CHOICES, widget=forms.RadioSelect,
                               initial=Activity.Status.PUBLISHED)

    class Meta:
        model = Activity
        fields = [
            "title", "summary", "description", "place", "address", "district", "areas", "target_groups",
            "min_age", "max_age", "languages", "sdg_goals", "cost", "is_free", "step_free_entry", "hearing_loop", "accessible_toilet",
            "accessibility_notes", "image", "image_alt", "registration_mode",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 8}),
            "accessibility_notes": forms.Textarea(attrs={"rows": 3}),
            "areas": forms.CheckboxSelectMultiple,
            "target_groups": forms.CheckboxSelectMultiple,
            "languages": forms.CheckboxSelectMultiple,
            "sdg_goals": forms.CheckboxSelectMultiple,
            "registration_mode": forms.RadioSelect,
        }
        field_classes = {"image": CheckedImageField}
        help_texts = {
            "summary": _("Shown in the calendar. At most 200 characters."),
            "place": _("Choose a meeting place from the register, or write an address below."),
            "address": _("If the place is not in the list. For example: Färentuna bygdegård, Färentunavägen 10"),
            "cost": _("For example: 20 kronor for coffee. Leave empty if it is free."),
            "image": _("Optional. A JPEG, PNG, WebP or GIF image of at most 5 MB."),
            "image_alt": _("Needed with an image: what does it show? For example: Six people around a table with coffee cups."),
            "languages": _("The languages spoken at the activity."),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        instance = self.instance
        self.fields["organiser"].choices = [("", _("Choose"))] + organiser_choices(user)
        self.fields["organiser"].error_messages["invalid_choice"] = NOT_YOURS
        self.fields["place"].queryset = MeetingPlace.objects.approved()
        self.fields["district"].queryset = District.objects.all()
        self.fields["areas"].queryset = Area.objects.all()
        self.fields["target_groups"].queryset = TargetGroup.objects.all()
        self.fields["languages"].queryset = Language.objects.all()
        self.fields["sdg_goals"].queryset = SdgGoal.objects.all()
        for name in ("district", "areas", "target_groups", "languages"):
            self.fields[name].label_from_instance = _label
        self.fields["registration_mode"].choices = Activity.Mode.choices
        if instance.pk:
            # The organiser does not change; a cancelled activity keeps its status.
            del self.fields["organiser"]
            if instance.status == Activity.Status.CANCELLED:
                del self.fields["status"]
            start, end = timezone.localtime(instance.start), timezone.localtime(instance.end)
            self.initial.update({
                "date": start.date(), "start_time": start.time(), "end_time": end.time(),
                "end_date": end.date() if end.date() != start.date() else None,
                "capacity": instance.capacity, "registration_deadline": (
                    timezone.localtime(instance.registration_deadline) if instance.registration_deadline else None),
                "status": instance.status, "exceptions": "\n".join(instance.exdates),
                **_repeat_initial(instance),
            })
        elif len(self.fields["organiser"].choices) == 2:
            self.initial.setdefault("organiser", self.fields["organiser"].choices[1][0])

    def clean_title(self):
        return " ".join(self.cleaned_data["title"].split())

    def clean_capacity(self):
        value = self.cleaned_data.get("capacity")
        if value is not None and value <= 0:
            raise forms.ValidationError(_("Write at least 1 place, or leave it empty if there is no limit."), code="min")
        if value is not None and value > 100000:
            raise forms.ValidationError(_("Write at most 100 000 places."), code="max")
        return value

    def clean_organiser(self):
        value = self.cleaned_data["organiser"]
        kind, _sep, pk = value.partition(":")
        if kind == "actor":
            return {"actor": Actor.objects.get(pk=pk), "office": None}
        return {"actor": None, "office": Office.objects.get(pk=pk)}

    def clean(self):
        data = super().clean()
        self._clean_schedule(data)
        self._clean_registration(data)
        if not data.get("place") and not (data.get("address") or "").strip() and "address" not in self.errors:
            self.add_error("address", _("Choose a meeting place or write an address."))
        if not data.get("is_free") and not (data.get("cost") or "").strip():
            self.add_error("cost", _("Write what it costs, or tick “Free of charge”."))
        image = data.get("image")
        if image and not (data.get("image_alt") or "").strip() and "image" not in self.errors:
            self.add_error("image_alt", _("Describe the image for people who cannot see it."))
        check_age_span(self, data)
        return data

    def _clean_schedule(self, data):
        day, start_time, end_time = data.get("date"), data.get("start_time"), data.get("end_time")
        if not (day and start_time and end_time):
            return
        start = recurrence.aware(datetime.combine(day, start_time))
        end = recurrence.aware(datetime.combine(data.get("end_date") or day, end_time))
        data["start"], data["end"] = start, end
        problems = False
        changed = self.instance.pk is None or start != self.instance.start
        if changed and start < timezone.now():
            self.add_error("date", _("The date and time have passed. Choose a time later than now."))
            problems = True
        if end <= start:
            self.add_error("end_time", _("The end must be after the start. Check the times and the dates."))
            problems = True
        elif end - start > MAX_DURATION:
            self.add_error("end_date", _("An activity can last at most 31 days. For a longer one, let it repeat."))
            problems = True
        if problems:
            return
        repeat = data.get("repeat") or "none"
        rule = ""
        if repeat in {"weekly", "biweekly", "monthly"}:
            until = data.get("repeat_until")
            if until is None:
                if "repeat_until" not in self.errors:
                    self.add_error("repeat_until", _("Write the last date it repeats, at most a year from the first."))
                return
            if until < day:
                self.add_error("repeat_until", _("The last date must be on or after the first date."))
                return
            rule = recurrence.simple_rule(repeat=repeat, start=start, until=until)
            error_field = "repeat_until"
        elif repeat == "custom":
            error_field = "rule"
            try:
                rule = recurrence.normalise(data.get("rule", ""))
            except recurrence.RecurrenceError as error:
                self.add_error("rule", str(error))
                return
            if not rule:
                self.add_error("rule", _("Write the rule, or choose how often above."))
                return
        if rule:
            try:
                recurrence.check(rule=rule, start=start)
            except recurrence.RecurrenceError as error:
                self.add_error(error_field, str(error))
                return
        data["rrule"] = rule
        exdates, bad = parse_exdates(data.get("exceptions", ""))
        if bad:
            self.add_error("exceptions", _("%(dates)s is not a date. Write dates like 2026-12-24, one per line.")
                           % {"dates": ", ".join(bad[:3])})
            return
        data["exdates"] = exdates if rule else []

    def _clean_registration(self, data):
        if data.get("registration_mode") != Activity.Mode.REQUIRED:
            data["capacity"] = None
            data["registration_deadline"] = None
            return
        deadline = data.get("registration_deadline")
        if deadline and data.get("start") and deadline > data["end"] and not data.get("rrule"):
            self.add_error("registration_deadline", _("The last time to register must be before the activity ends."))

    def activity_data(self) -> dict:
        """What the services take: model fields, the schedule and the organiser."""
        data = {name: self.cleaned_data[name] for name in self._meta.fields if name in self.cleaned_data}
        if data.get("image") is None:
            data.pop("image", None)  # nothing new chosen: keep the current image
        elif data.get("image") is False:
            data["image"] = None
            data["image_alt"] = ""
        for name in ("start", "end", "rrule", "exdates", "capacity", "registration_deadline"):
            data[name] = self.cleaned_data[name]
        if "status" in self.fields:
            data["status"] = self.cleaned_data["status"]
        if "organiser" in self.fields:
            data.update(self.cleaned_data["organiser"])
        if data.get("is_free") and not data.get("cost"):
            data["cost"] = ""
        return data


def _repeat_initial(activity: Activity) -> dict:
    """Which of the form's plain choices an existing rule is, or the rule itself."""
    if not activity.rrule:
        return {"repeat": "none"}
    until = recurrence.until_date(activity.rrule)
    if until is not None:
        for repeat in ("weekly", "biweekly", "monthly"):
            if recurrence.simple_rule(repeat=repeat, start=activity.start, until=until) == activity.rrule:
                return {"repeat": repeat, "repeat_until": until}
    return {"repeat": "custom", "rule": activity.rrule, "repeat_until": until}


class RegistrationForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"}))
    email = forms.EmailField(label=_("E-mail address"), required=False, max_length=254,
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}),
                             help_text=_("We send the confirmation and a reminder here."))
    phone = forms.CharField(label=_("Mobile phone"), required=False, max_length=30,
                            widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
                            help_text=_("If you have no e-mail, we send a text message instead. For example 070-123 45 67."))

    def __init__(self, *args, user=None, activity=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user, self.activity = user, activity
        if activity is not None and asks_age(user, activity):
            self.fields["age"] = age_field()

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def clean_phone(self):
        value = self.cleaned_data.get("phone", "").strip()
        if not value:
            return ""
        try:
            return normalise_phone(value)
        except ValueError:
            raise forms.ValidationError(_("Write a mobile phone number, for example 070-123 45 67."), code="invalid") from None

    def clean(self):
        data = super().clean()
        if not data.get("email") and not data.get("phone") and "email" not in self.errors and "phone" not in self.errors:
            self.add_error("email", _("Write an e-mail address or a mobile phone number, so that we can reach you."))
        if self.activity is not None and "age" not in self.errors and (
                refused := participation_refusal(self.user, self.activity, age=data.get("age"))):
            self.add_error("age" if "age" in self.fields else None, refused)
        return data


class MoveOccurrenceForm(forms.Form):
    """Another day or other times for one date of an activity."""

    date = forms.DateField(label=_("Date"), widget=DateInput(), input_formats=DATE_FORMATS)
    start_time = forms.TimeField(label=_("Starts at"), widget=TimeInput(), input_formats=TIME_FORMATS)
    end_time = forms.TimeField(label=_("Ends at"), widget=TimeInput(), input_formats=TIME_FORMATS,
                               help_text=_("An end before the start means the next day, for example 22.00–01.00."))

    def __init__(self, *args, occurrence, **kwargs):
        start, end = timezone.localtime(occurrence.start), timezone.localtime(occurrence.end)
        kwargs.setdefault("initial", {"date": start.date(), "start_time": start.time(), "end_time": end.time()})
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        day, start_time, end_time = data.get("date"), data.get("start_time"), data.get("end_time")
        if not (day and start_time and end_time):
            return data
        if not 2000 <= day.year <= 2100:
            self.add_error("date", _("Write a date like 2026-12-24."))
            return data
        start = recurrence.aware(datetime.combine(day, start_time))
        end_day = day + timedelta(days=1) if end_time < start_time else day
        end = recurrence.aware(datetime.combine(end_day, end_time))
        if start <= timezone.now():
            self.add_error("date", _("The date and time have passed. Choose a time later than now."))
        elif end <= start:
            self.add_error("end_time", _("The end must be after the start. Check the times and the dates."))
        data["start"], data["end"] = start, end
        return data


class FeatureForm(forms.Form):
    starts_on = forms.DateField(label=_("Show it from"), widget=DateInput(), input_formats=DATE_FORMATS)
    ends_on = forms.DateField(label=_("Show it until"), widget=DateInput(), input_formats=DATE_FORMATS)

    def clean(self):
        data = super().clean()
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on:
            if ends_on < starts_on:
                self.add_error("ends_on", _("The last day must be on or after the first day."))
            elif ends_on < timezone.localdate():
                self.add_error("ends_on", _("The last day has passed. Choose today or a later day."))
            elif ends_on - starts_on > timedelta(days=366):
                self.add_error("ends_on", _("Feature an activity for at most a year."))
        return data


class MeetingPlaceForm(forms.ModelForm):
    class Meta:
        model = MeetingPlace
        fields = [
            "name", "kind", "address", "district", "opening_hours", "offers", "target_groups", "website", "owner",
            "step_free_entry", "hearing_loop", "accessible_toilet", "accessibility_notes",
        ]
        widgets = {
            "kind": forms.RadioSelect,
            "target_groups": forms.CheckboxSelectMultiple,
            "opening_hours": forms.Textarea(attrs={"rows": 3}),
            "offers": forms.Textarea(attrs={"rows": 5}),
            "accessibility_notes": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "opening_hours": _("For example: Monday–Friday 10–19, Saturday 11–15"),
            "offers": _("What can people do here, and who is it for? For example: a reading corner, free Wi-Fi, a language café on Thursdays."),
            "owner": _("The association that runs the place, if any. Its representatives can keep the page up to date."),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = District.objects.all()
        self.fields["district"].label_from_instance = _label
        self.fields["target_groups"].queryset = TargetGroup.objects.all()
        self.fields["target_groups"].label_from_instance = _label
        if user.is_superuser or user.is_official:
            owners = Actor.objects.published()
        else:
            owners = Actor.objects.filter(memberships__user=user)
            if self.instance.owner_id:
                owners = owners | Actor.objects.filter(pk=self.instance.owner_id)
        self.fields["owner"].queryset = owners.distinct()

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect,
                                 choices=[("approve", _("Approve: show it in the register")),
                                          ("reject", _("Do not approve"))])
    note = forms.CharField(label=_("Message to the proposer"), required=False, max_length=1000,
                           widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("Needed if you do not approve: say why, and what would make it possible."))

    def clean(self):
        data = super().clean()
        if data.get("decision") == "reject" and not (data.get("note") or "").strip():
            self.add_error("note", _("Tell the proposer why the place is not approved."))
        return data


def local_date_or_none(value: str | None) -> date | None:
    """A date from a URL parameter, or None for anything that is not a sensible date."""
    if not value or len(value) > 10:
        return None
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        return None
    return parsed if 2000 <= parsed.year <= 2100 else None
