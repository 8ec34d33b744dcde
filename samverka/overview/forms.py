"""The overview's filters (GET): which year, which metric, and whose ties to list."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samverka.municipality.models import Area, Office

from .models import Metric


class OverviewFilter(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False)
    metric = forms.ChoiceField(label=_("What to show"), choices=Metric.choices, required=False)
    office = forms.ChoiceField(label=_("Actors cooperating with the office"), required=False)
    area = forms.ChoiceField(label=_("or actors of the area"), required=False)

    def __init__(self, data, *, years):
        super().__init__(data)
        self.fields["year"].choices = [(year, str(year)) for year in years]
        self.fields["office"].choices = [("", _("Choose an office"))] + [
            (str(o.pk), o.label) for o in Office.objects.all()]
        self.fields["area"].choices = [("", _("Choose an area"))] + [(str(a.pk), a.label) for a in Area.objects.all()]

    def chosen(self) -> dict:
        """The valid choices, with the defaults for what is missing or wrong."""
        data = self.cleaned_data if self.is_valid() else {}
        return {"year": data.get("year") or timezone.localdate().year,
                "metric": data.get("metric") or Metric.COOPERATING_ACTORS,
                "office": data.get("office") or "", "area": "" if data.get("office") else data.get("area") or ""}
