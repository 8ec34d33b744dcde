"""The form that turns a group's follow-up point into an action of an office's plan."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from samverka.core.forms import DateInput

from .models import Action, ActionPlan


def plans_for(user):
    """The plans in use (draft or published) of the offices the user works at; every plan in
    use for an administrator."""
    plans = ActionPlan.objects.exclude(status=ActionPlan.Status.ARCHIVED).select_related("office")
    if not user.is_superuser:
        plans = plans.filter(office__in=user.office_ids)
    return plans.order_by("office__name", "-first_year", "title")


class PointActionForm(forms.ModelForm):
    plan = forms.ModelChoiceField(label=_("Action plan"), queryset=ActionPlan.objects.none(),
                                  empty_label=_("Choose a plan"))

    class Meta:
        model = Action
        fields = ["title", "description", "ends_on"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4}), "ends_on": DateInput()}
        labels = {"ends_on": _("To be done by")}

    field_order = ["plan", "title", "description", "ends_on"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = plans_for(user)
        self.fields["plan"].label_from_instance = lambda plan: f"{plan.title} ({plan.office.label})"

    def clean_title(self):
        return " ".join(self.cleaned_data["title"].split())

    def action_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}
