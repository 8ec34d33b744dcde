"""Form pieces every app shares (no domain rules)."""

from django import forms

# What people type for a date: the browser's date field sends ISO; without it, these.
DATE_FORMATS = ["%Y-%m-%d", "%Y%m%d", "%d/%m/%Y"]


class DateInput(forms.DateInput):
    """The browser's date picker (`<input type="date">`), with the value in ISO format."""

    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)
