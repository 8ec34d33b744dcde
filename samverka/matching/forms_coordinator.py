"""The coordinator's forms: the programme's rules and weights, ending a match, a follow-up
noted by the coordinator, adding a coordinator. (The public side's forms are in forms.py.)"""

from __future__ import annotations

from dataclasses import fields

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from samverka.accounts.forms import check_age_span

from . import engine
from .models import CheckIn, Match, Programme

WEIGHT_LABELS = {
    "distance": _("Living close to each other"),
    "kinds": _("Giving what is asked for"),
    "languages": _("A shared language"),
    "interests": _("Shared interests"),
    "availability": _("Free at the same times"),
    "ages": _("Children of about the same age"),
    "waiting": _("Those who waited long go first"),
    "urgent": _("Urgent requests go first"),
    "areas": _("The same part of the municipality (counts when no place is known)"),
}
WEIGHTS = [f.name for f in fields(engine.Weights)]


class RulesForm(forms.ModelForm):
    """The hard constraints, then one weight (0–5) per soft criterion, then the Agenda 2030 goals
    the programme works towards."""

    class Meta:
        model = Programme
        fields = ["radius_km", "same_zone", "language_required", "availability_required", "required_check",
                  "min_age", "max_age", "default_capacity", "trial_days", "check_in_days", "sdg_goals"]
        widgets = {"sdg_goals": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = self.instance.weights or {}
        defaults = engine.Weights()
        for name in WEIGHTS:
            self.fields[f"weight_{name}"] = forms.DecimalField(
                label=WEIGHT_LABELS.get(name, name), min_value=0, max_value=5, decimal_places=1, max_digits=2,
                initial=current.get(name, getattr(defaults, name)), required=False,
                help_text=_("0 leaves it out, 1 is normal, 5 counts it five times as much. Empty: the usual weight."))
        self.fields["radius_km"].min_value = 1
        self.fields["trial_days"].help_text = _("Days from both saying yes to the end of the trial period.")

    def clean_radius_km(self):
        value = self.cleaned_data["radius_km"]
        if not value:
            raise forms.ValidationError(_("Write a distance of at least 1 km."))
        return value

    def clean_check_in_days(self):
        value = self.cleaned_data["check_in_days"]
        if not value:
            raise forms.ValidationError(_("Write how many days between follow-ups, at least 1."))
        return value

    def clean(self):
        data = super().clean()
        defaults = engine.Weights()
        weights = [w if (w := data.get(f"weight_{name}")) is not None else getattr(defaults, name)
                   for name in WEIGHTS if name not in ("waiting", "urgent")]
        check_age_span(self, data)
        if not self.errors and not any(weights):
            raise forms.ValidationError(_("Give at least one criterion a weight above 0, or every pair scores 0."))
        return data

    def rules_data(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        defaults = engine.Weights()
        data["weights"] = {name: float(value if (value := self.cleaned_data.get(f"weight_{name}")) is not None
                                       else getattr(defaults, name)) for name in WEIGHTS}
        return data


class EndForm(forms.Form):
    reason = forms.ChoiceField(label=_("Why does the match end?"), choices=Match.EndReason.choices,
                               widget=forms.RadioSelect)
    note = forms.CharField(label=_("Note"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("For the coordinators only."))


class CheckInForm(forms.Form):
    answer = forms.ChoiceField(label=_("How is it going?"), choices=CheckIn.Answer.choices, widget=forms.RadioSelect)
    note = forms.CharField(label=_("What they said"), max_length=2000, required=False,
                           widget=forms.Textarea(attrs={"rows": 3}))


class CoordinatorForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of their account"),
                             help_text=_("The person must have an account on the platform."))

    def clean_email(self):
        email = self.cleaned_data["email"]
        user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("Nobody has an account with this address. Ask them to create one first."))
        self.user = user
        return email


class PauseForm(forms.Form):
    note = forms.CharField(label=_("Why"), max_length=300, required=False)
