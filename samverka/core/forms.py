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
    """Django's `<select>`, the same HTML, for choices without groups, with each option
    written in one template loop instead of two template includes per option (a filter
    with 60 options renders 120 templates less), from a (value, label, selected) triple
    instead of the dictionary of attributes Django builds for each option."""

    template_name = "core/widgets/select.html"

    def optgroups(self, name, value, attrs=None):
        """The options as (value, label, selected) triples; as in Django's, only the first
        option with the value is selected (`value` is the list of str of format_value)."""
        options, found = [], False
        for option_value, label in self.choices:
            text = "" if option_value is None else str(option_value)
            selected = not found and text in value
            found = found or selected
            options.append((text, label, selected))
        return options
