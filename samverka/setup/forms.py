"""What the administrator fills in to move data: a file to import, its columns, a calendar feed."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samverka.actors.models import Actor
from samverka.core.errors import ActionError
from samverka.core.uploads import CheckedDocumentField, clean_document
from samverka.municipality.models import Office

from . import columns, reading
from .models import CalendarFeed, ImportJob

MAX_MB = 50


class ImportFileField(CheckedDocumentField):
    """A CSV or Excel (.xlsx) file up to MAX_MB, checked by its content (core.uploads)."""

    def __init__(self, **kwargs):
        super().__init__(kinds=("csv", "xlsx"), max_mb=MAX_MB, **kwargs)

    def to_python(self, data):
        upload = forms.FileField.to_python(self, data)
        if upload is None:
            return None
        if upload.size > MAX_MB * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than %(limit)s MB. Split it into smaller files.")
                                        % {"limit": MAX_MB})
        head = upload.read(8192)
        upload.seek(0)
        try:  # the clearest words first: an old .xls or a file of another kind
            reading.file_format(upload.name, head)
        except ActionError as error:
            raise forms.ValidationError(str(error), code="format") from error
        return clean_document(upload, kinds=self.kinds, max_mb=self.max_mb)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs["accept"] = ".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        return attrs


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("What do you want to import?"), choices=ImportJob.Kind.choices,
                             widget=forms.RadioSelect, initial=ImportJob.Kind.ACTORS)
    file = ImportFileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy("A CSV file (comma or semicolon, any Swedish character encoding) or an Excel "
                               "file (.xlsx) with the column names in the first row."))


class MappingForm(forms.Form):
    """One choice of column per field of the import."""

    def __init__(self, *args, job: ImportJob, **kwargs):
        super().__init__(*args, **kwargs)
        self.job = job
        choices = [("", _("(not in the file)"))] + [(str(i), h or _("Column %(n)s") % {"n": i + 1})
                                                    for i, h in enumerate(job.headers)]
        for field in columns.FIELDS[job.kind]:
            column = job.mapping.get(field.name)
            self.fields[field.name] = forms.ChoiceField(
                label=field.label, choices=choices, required=field.required,
                initial="" if column is None else str(column),
                error_messages={"required": _("Choose the column that holds %(field)s.")
                                % {"field": str(field.label).lower()}})

    def clean(self):
        data = super().clean()
        chosen: dict[str, str] = {}
        for name, value in list(data.items()):
            if value in ("", None):
                continue
            if value in chosen:
                self.add_error(name, _("This column is already chosen for %(field)s.")
                               % {"field": str(self.fields[chosen[value]].label).lower()})
            chosen.setdefault(value, name)
        return data

    @property
    def mapping(self) -> dict[str, int]:
        return {name: int(value) for name, value in self.cleaned_data.items() if value not in ("", None)}


class FeedForm(forms.Form):
    url = forms.URLField(label=gettext_lazy("Calendar address"), max_length=500, assume_scheme="https",
                         help_text=gettext_lazy("The address of the calendar's iCalendar feed (often ending in "
                                                ".ics), for example from Google Calendar's settings."))
    actor = forms.ModelChoiceField(label=gettext_lazy("Association that organises the activities"),
                                   queryset=Actor.objects.published(), required=False)
    office = forms.ModelChoiceField(label=gettext_lazy("Or the office that organises them"),
                                    queryset=Office.objects.all(), required=False)

    def clean_url(self):
        url = self.cleaned_data["url"]
        if not (url.startswith("https://") or (settings.DEBUG and url.startswith("http://"))):
            raise forms.ValidationError(_("Write an address that starts with https://."))
        if CalendarFeed.objects.filter(url=url).exists():
            raise forms.ValidationError(_("This calendar address is already synced."))
        return url

    def clean(self):
        data = super().clean()
        if "actor" in data and "office" in data and bool(data.get("actor")) == bool(data.get("office")):
            self.add_error("actor", _("Choose either an association or an office."))
        return data
