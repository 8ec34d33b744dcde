"""What a person chooses when asking for a report: which report, the year and (for a report
per office) the office, among those the person may ask for."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samverka.municipality.models import Office

from .models import Report

FIRST_YEAR = 2020



def years() -> list[tuple[int, int]]:
    this_year = timezone.localdate().year
    return [(year, year) for year in range(this_year, FIRST_YEAR - 1, -1)]


class ReportForm(forms.Form):
    kind = forms.ChoiceField(label=_("Which report"), choices=Report.Kind.choices, widget=forms.RadioSelect,
                             error_messages={"required": _("Choose which report you want.")})
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, choices=(),
                                  help_text=_("The report covers January to December of the year."),
                                  error_messages={"required": _("Choose the year."),
                                                  "invalid_choice": _("Choose one of the years in the list.")})
    office = forms.ModelChoiceField(
        label=_("Office"), queryset=Office.objects.none(), required=False, empty_label=_("Choose an office"),
        error_messages={"invalid_choice": _("Choose one of the offices in the list.")})

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = years()
        self.fields["office"].queryset = Office.objects.acted_for_by(user)
        self.fields["office"].label_from_instance = lambda office: office.label
        if not user.has_perm("overview.request_report", None):
            # An official asks only for the office's own report.
            self.fields["kind"].choices = [(Report.Kind.OFFICE.value, Report.Kind.OFFICE.label)]
            self.fields["kind"].initial = Report.Kind.OFFICE
        offices = list(self.fields["office"].queryset[:2])
        if len(offices) == 1:
            self.fields["office"].initial = offices[0].pk

    def clean(self):
        data = super().clean()
        if data.get("kind") == Report.Kind.OFFICE and not data.get("office") and "office" not in self.errors:
            self.add_error("office", _("Choose the office the report is for."))
        if data.get("kind") == Report.Kind.YEARLY:
            data["office"] = None
        return data
