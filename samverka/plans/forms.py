"""What officials type about the inventory and the action plans. Numbers may be typed the
Swedish way ("1 200,5") and with their unit ("45 %", "12 timmar"); a unit other than the
indicator's is refused with a message naming the right one. The rules that need the
database are the services'; the views put their `FieldProblem` next to its field."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samverka.core.forms import DateInput
from samverka.municipality.models import Area, District, Office, SdgTarget

from . import sources
from .models import Action, ActionPlan, Follow, ForwardItem, Goal, Indicator, Inventory

Unit = Indicator.Unit

# The words people type after a number, per unit (compared in lower case, without a final dot).
UNIT_WORDS = {
    Unit.PERCENT: {"%", "procent", "percent", "per cent", "pct", "proc"},
    Unit.HOURS: {"h", "tim", "timme", "timmar", "hour", "hours", "hrs", "hr"},
    Unit.KRONOR: {"kr", "kronor", "krona", "sek", ":-", "kr.", "tkr"},
    Unit.DAYS: {"dag", "dagar", "d", "day", "days"},
    Unit.PEOPLE: {"personer", "person", "pers", "people", "persons", "deltagare"},
    Unit.COUNT: {"st", "stycken", "antal", "pcs"},
}
NUMBER = re.compile(r"^\s*(?P<number>[-+]?[\d\s\u00a0\u202f.,]*\d)\s*(?P<unit>.*?)\s*$")


def _label(obj):
    return obj.label


def _squash(text: str) -> str:
    return " ".join((text or "").split())


def parse_amount(text: str, unit: str | None) -> Decimal:
    """A number typed with or without its unit, in Swedish or English notation. Raises
    ValidationError naming the right unit when another unit is typed."""
    text = (text or "").strip()
    match = NUMBER.match(text)
    if not match:
        raise forms.ValidationError(_("Type a number, such as 12 or 12,5."), code="invalid")
    number, word = match["number"], match["unit"].strip().lower().rstrip(".") or ""
    if word:
        typed = next((u for u, words in UNIT_WORDS.items() if word in words or word.rstrip(".") in words), None)
        if typed is None:
            raise forms.ValidationError(_("Type a number, such as 12 or 12,5."), code="invalid")
        if unit and typed != unit and not (typed == Unit.COUNT and unit == Unit.PEOPLE):
            raise forms.ValidationError(
                _("This indicator is measured in %(unit)s, not in %(typed)s. Type the number in %(unit)s "
                  "(without “%(word)s”).") % {"unit": Unit(unit).label, "typed": Unit(typed).label,
                                             "word": match["unit"].strip()}, code="unit")
    digits = re.sub(r"[\s\u00a0\u202f]", "", number)
    if "," in digits:  # Swedish: 1.200,5 or 1200,5
        digits = digits.replace(".", "").replace(",", ".")
    elif digits.count(".") > 1:
        digits = digits.replace(".", "")
    try:
        value = Decimal(digits)
    except InvalidOperation:
        raise forms.ValidationError(_("Type a number, such as 12 or 12,5."), code="invalid") from None
    if value != value.quantize(Decimal("0.01")):
        value = value.quantize(Decimal("0.01"))
    if abs(value) >= Decimal("1e12"):
        raise forms.ValidationError(_("The number is too large."), code="invalid")
    return value



class InventoryForm(forms.ModelForm):
    class Meta:
        model = Inventory
        fields = ["area", "description", "contact"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}
        help_texts = {"description": _("How associations can cooperate with the office here, and on what."),
                      "contact": _("The official associations can turn to.")}

    def __init__(self, *args, office, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = Area.objects.all()
        self.fields["area"].label_from_instance = _label
        self.fields["contact"].queryset = get_user_model().objects.filter(
            is_active=True, office_memberships__office=office).order_by("first_name", "last_name").distinct()
        self.fields["contact"].label_from_instance = lambda user: user.display_name

    def clean_description(self):
        return (self.cleaned_data["description"] or "").strip()


class PlanForm(forms.ModelForm):
    class Meta:
        model = ActionPlan
        fields = ["office", "title", "first_year", "last_year", "summary", "sdg_goals"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 5}), "sdg_goals": forms.CheckboxSelectMultiple,
                   "first_year": forms.NumberInput(attrs={"inputmode": "numeric"}),
                   "last_year": forms.NumberInput(attrs={"inputmode": "numeric"})}
        help_texts = {"first_year": _("For example: 2026"), "last_year": _("For example: 2028")}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        offices = Office.objects.acted_for_by(user)
        if self.instance.pk:
            offices = offices | Office.objects.filter(pk=self.instance.office_id)
        self.fields["office"].queryset = offices.distinct()
        self.fields["office"].label_from_instance = _label
        if not self.instance.pk and len(ids := list(offices.values_list("pk", flat=True)[:2])) == 1:
            self.fields["office"].initial = ids[0]

    def clean_title(self):
        return _squash(self.cleaned_data["title"])

    def _year(self, name):
        year = self.cleaned_data[name]
        if year is not None and not 2000 <= year <= 2100:
            raise forms.ValidationError(_("Type a year between 2000 and 2100."))
        return year

    def clean_first_year(self):
        return self._year("first_year")

    def clean_last_year(self):
        return self._year("last_year")

    def clean(self):
        data = super().clean()
        first, last = data.get("first_year"), data.get("last_year")
        if first and last and last < first:
            self.add_error("last_year", _("The last year cannot come before the first year."))
        return data

    def plan_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class GoalForm(forms.ModelForm):
    class Meta:
        model = Goal
        fields = ["title", "description", "area", "sdg_goals", "sdg_targets"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4}), "sdg_goals": forms.CheckboxSelectMultiple,
                   "sdg_targets": forms.CheckboxSelectMultiple}
        help_texts = {"sdg_targets": _("The targets of the plan's Agenda 2030 goals.")}

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].label_from_instance = _label
        chosen = list(self.instance.sdg_targets.values_list("pk", flat=True)) if self.instance.pk else []
        goals = list(plan.sdg_goals.values_list("pk", flat=True))
        self.fields["sdg_targets"].queryset = SdgTarget.objects.filter(Q(goal__in=goals) | Q(pk__in=chosen))
        if not goals and not chosen:
            del self.fields["sdg_targets"]

    def clean_title(self):
        return _squash(self.cleaned_data["title"])

    def goal_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields if name in self.fields}


class IndicatorForm(forms.ModelForm):
    baseline = forms.CharField(label=_("baseline"), required=False, max_length=40,
                               help_text=_("The value when the plan starts, for example 120 or 45 %."))
    target = forms.CharField(label=_("target"), required=False, max_length=40,
                             help_text=_("The value to reach, in the indicator's unit."))

    class Meta:
        model = Indicator
        fields = ["name", "source", "unit", "method", "frequency", "baseline", "baseline_on", "target", "target_on",
                  "district"]
        widgets = {"source": forms.RadioSelect, "unit": forms.RadioSelect, "frequency": forms.RadioSelect,
                   "method": forms.Textarea(attrs={"rows": 3}),
                   "baseline_on": DateInput(), "target_on": DateInput()}
        help_texts = {"source": _("A computed indicator is measured every day from the platform's own data, for the "
                                  "goal's area and the part of the municipality chosen below."),
                      "unit": _("A computed indicator has the unit of its source.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = District.objects.all()
        self.fields["district"].label_from_instance = _label
        for name in ("baseline", "target"):
            if self.instance.pk and getattr(self.instance, name) is not None:
                self.initial[name] = str(getattr(self.instance, name)).replace(".", ",").removesuffix(",00")

    def clean_name(self):
        return _squash(self.cleaned_data["name"])

    def clean(self):
        data = super().clean()
        source, unit = data.get("source"), data.get("unit")
        if source in sources.UNITS and unit and unit != sources.UNITS[source]:
            self.add_error("unit", _("“%(source)s” is counted in %(unit)s. Choose that unit.")
                           % {"source": Indicator.Source(source).label,
                              "unit": Unit(sources.UNITS[source]).label})
            unit = sources.UNITS[source]
        for name in ("baseline", "target"):
            text = self.data.get(self.add_prefix(name), "")
            if not text.strip():
                data[name] = None
                continue
            try:
                data[name] = value = parse_amount(text, unit)
            except forms.ValidationError as error:
                self.add_error(name, error)
                continue
            if value < 0:
                self.add_error(name, _("The value cannot be below zero."))
            elif unit == Unit.PERCENT and value > 100:
                self.add_error(name, _("A share cannot be more than 100 per cent."))
        if data.get("baseline_on") and data["baseline_on"] > timezone.localdate():
            self.add_error("baseline_on", _("The baseline is a value already measured: the date cannot be in the "
                                            "future."))
        if data.get("target") is not None and not data.get("target_on") and "target_on" not in self.errors:
            self.add_error("target_on", _("Give the date by which the target is to be reached."))
        return data

    def clean_baseline(self):
        return None

    def clean_target(self):
        return None

    def indicator_data(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self.Meta.fields}


class ValueForm(forms.Form):
    measured_on = forms.DateField(label=_("Measured on"), widget=DateInput())
    value = forms.CharField(label=_("Value"), max_length=40)
    note = forms.CharField(label=_("Note"), max_length=500, required=False,
                           help_text=_("For example where the number comes from, or what a correction corrects."))

    def __init__(self, *args, indicator: Indicator, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        self.fields["value"].help_text = _("In %(unit)s. For example: 12 or 12,5.") % {
            "unit": Unit(indicator.unit).label}

    def clean_measured_on(self):
        day = self.cleaned_data["measured_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return day

    def clean_value(self):
        value = parse_amount(self.cleaned_data["value"], self.indicator.unit)
        if value < 0:
            raise forms.ValidationError(_("The value cannot be below zero."))
        if self.indicator.unit == Unit.PERCENT and value > 100:
            raise forms.ValidationError(_("A share cannot be more than 100 per cent."))
        return value

    def clean_note(self):
        return _squash(self.cleaned_data["note"])


LINK_FIELDS = ("needs", "activities", "grant_programmes", "partnerships", "processes", "ideas", "programmes",
               "groups")
LINK_LIMIT = 40


class ActionForm(forms.ModelForm):
    class Meta:
        model = Action
        fields = ["title", "description", "goal", "owner", "starts_on", "ends_on", "status", "sdg_goals",
                  *LINK_FIELDS]
        widgets = {"description": forms.Textarea(attrs={"rows": 4}), "status": forms.RadioSelect,
                   "starts_on": DateInput(), "ends_on": DateInput(), "sdg_goals": forms.CheckboxSelectMultiple,
                   **{name: forms.CheckboxSelectMultiple for name in LINK_FIELDS}}

    def __init__(self, *args, plan: ActionPlan, user, **kwargs):
        super().__init__(*args, **kwargs)
        from . import selectors

        self.plan = plan
        self.fields["goal"].queryset = plan.goals.all()
        owners = get_user_model().objects.filter(
            Q(office_memberships__office=plan.office_id) | Q(is_process_leader=True), is_active=True)
        self.fields["owner"].queryset = owners.distinct().order_by("first_name", "last_name")
        self.fields["owner"].label_from_instance = lambda person: person.display_name
        self.fields["owner"].help_text = _("An official of %(office)s or the process leader.") % {
            "office": plan.office.label}
        current = self.instance if self.instance.pk else None
        for name, queryset in selectors.link_choices(user, plan, current=current, limit=LINK_LIMIT).items():
            self.fields[name].queryset = queryset
            self.fields[name].label_from_instance = selectors.link_label

    def clean_title(self):
        return _squash(self.cleaned_data["title"])

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The action cannot end before it starts."))
        return data

    def action_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Action.Status.choices)


# ---------------------------------------------------------------- the forward look


def _year_between(year):
    if year is not None and not 2000 <= year <= 2100:
        raise forms.ValidationError(_("Type a year between 2000 and 2100."))
    return year


class ForwardItemForm(forms.ModelForm):
    class Meta:
        model = ForwardItem
        fields = ["office", "committee", "title", "why", "to_decide", "year", "quarter", "level", "stage", "areas",
                  "sdg_goals", "take_part", "group", "process", "contact"]
        widgets = {"why": forms.Textarea(attrs={"rows": 4}), "to_decide": forms.Textarea(attrs={"rows": 4}),
                   "take_part": forms.Textarea(attrs={"rows": 4}), "level": forms.RadioSelect,
                   "stage": forms.RadioSelect, "areas": forms.CheckboxSelectMultiple,
                   "sdg_goals": forms.CheckboxSelectMultiple,
                   "year": forms.NumberInput(attrs={"inputmode": "numeric"})}
        help_texts = {"year": _("For example: 2027"),
                      "take_part": _("Meetings, dialogues, consultations: where and when associations and "
                                     "residents can say what they think before the decision."),
                      "process": _("When a dialogue starts from this coming decision, choose it here: each page "
                                   "then links to the other.")}

    def __init__(self, *args, user, **kwargs):
        from samverka.dialogue.models import Process
        from samverka.networks.models import Group

        super().__init__(*args, **kwargs)
        offices = Office.objects.all() if (user.is_superuser or user.is_process_leader) else \
            Office.objects.acted_for_by(user)
        if self.instance.pk:
            offices = offices | Office.objects.filter(pk=self.instance.office_id)
        self.fields["office"].queryset = offices.distinct()
        self.fields["office"].label_from_instance = _label
        if not self.instance.pk and len(ids := list(offices.values_list("pk", flat=True)[:2])) == 1:
            self.fields["office"].initial = ids[0]
        self.fields["committee"].label_from_instance = _label
        self.fields["areas"].label_from_instance = _label
        processes = Process.objects.all() if (user.is_superuser or user.is_process_leader) else \
            Process.objects.run_by(user)
        self.fields["process"].queryset = processes.order_by("-created_at")
        self.fields["group"].queryset = Group.objects.public().exclude(
            lifecycle=Group.Lifecycle.CLOSED).order_by("name")
        people = get_user_model().objects.filter(
            Q(office_memberships__isnull=False) | Q(is_process_leader=True), is_active=True)
        self.fields["contact"].queryset = people.distinct().order_by("first_name", "last_name")
        self.fields["contact"].label_from_instance = lambda person: person.display_name

    def clean_title(self):
        return _squash(self.cleaned_data["title"])

    def clean_year(self):
        return _year_between(self.cleaned_data["year"])

    def item_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class MoveForm(forms.Form):
    year = forms.IntegerField(label=_("New year of the decision"), widget=forms.NumberInput(
        attrs={"inputmode": "numeric"}))
    quarter = forms.TypedChoiceField(label=_("New quarter"), choices=ForwardItem.Quarter.choices, coerce=int)
    reason = forms.CharField(label=_("Why it is moved"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))

    def clean_year(self):
        return _year_between(self.cleaned_data["year"])

    def clean_reason(self):
        return self.cleaned_data["reason"].strip()


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Why it is withdrawn"), max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 3}))

    def clean_reason(self):
        return self.cleaned_data["reason"].strip()


class FollowForm(forms.Form):
    kind = forms.ChoiceField(choices=[(name, name) for name in Follow.TARGETS], widget=forms.HiddenInput)
    target = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    email = forms.BooleanField(label=_("Also tell me by e-mail"), required=False)


class RequestForm(forms.Form):
    actor = forms.ModelChoiceField(label=_("You ask for"), queryset=None, required=False,
                                   empty_label=_("Myself, as a resident"))
    text = forms.CharField(label=_("How do you want to take part?"), max_length=3000,
                           widget=forms.Textarea(attrs={"rows": 5}),
                           help_text=_("What you or your association know about the matter, and how you would like "
                                       "to contribute: a meeting, a written opinion, a place in a working group."))

    def __init__(self, *args, user, **kwargs):
        from samverka.actors.models import Actor
        from samverka.actors.rules import actor_roles

        super().__init__(*args, **kwargs)
        self.fields["actor"].queryset = Actor.objects.filter(pk__in=list(actor_roles(user))).order_by("name")

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if len(text) < 10:
            raise forms.ValidationError(_("Write a few words about how you want to take part."))
        return text
