"""Form pieces every app shares (no domain rules)."""

from django import forms

# What people type for a date: the browser's date field sends ISO; without it, these.
DATE_FORMATS = ["%Y-%m-%d", "%Y%m%d", "%d/%m/%Y"]


class DateInput(forms.DateInput):
    """The browser's date picker (`<input type="date">`), with the value in ISO format."""

    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class Select(forms.Select):
    """Django's `<select>`, the same HTML, with each option written in one template loop
    instead of two template includes per option (a filter with 60 options renders 120
    templates less)."""

    template_name = "core/widgets/select.html"
