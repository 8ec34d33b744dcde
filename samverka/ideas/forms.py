from __future__ import annotations

from urllib.parse import urlparse

from django import forms
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samverka.activities.models import Activity
from samverka.core.forms import DATE_FORMATS, DateInput
from samverka.grants.models import Application
from samverka.municipality.models import Area, District, SdgGoal
from samverka.partnerships.models import Partnership

from .models import OUTCOMES, Support

TOO_LONG = _("Write at most %(limit_value)d characters (you wrote %(show_value)d).")


def _label(obj):
    return obj.label


class IdeaForm(forms.Form):
    title = forms.CharField(
        label=_("Give your idea a short name"), max_length=150,
        help_text=_("For example: Language café at the library."),
        error_messages={"required": _("Give your idea a name."), "max_length": TOO_LONG})
    what = forms.CharField(
        label=_("What is your idea?"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Write in your own words. What would happen, and why is it needed?"),
        error_messages={"required": _("Write what your idea is."), "max_length": TOO_LONG})
    for_whom = forms.CharField(
        label=_("For whom?"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Who would have joy or use of it? For example: young people in Stenhamra, newcomers, seniors."),
        error_messages={"required": _("Write who the idea is for."), "max_length": TOO_LONG})
    place = forms.CharField(
        label=_("Where?"), max_length=300, required=False,
        help_text=_("A place, if you have one in mind. For example: the sports hall in Ekerö centrum."),
        error_messages={"max_length": TOO_LONG})
    districts = forms.ModelMultipleChoiceField(
        label=_("Parts of the municipality"), queryset=District.objects.all(), required=False,
        widget=forms.CheckboxSelectMultiple, error_messages={"invalid_choice": _("Choose from the list.")})
    help_wanted = forms.CharField(
        label=_("What help do you want from the idea lab?"), max_length=2000, required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: someone to talk it through with, a room, contacts, help to apply for a grant."),
        error_messages={"max_length": TOO_LONG})
    areas = forms.ModelMultipleChoiceField(
        label=_("Areas"), queryset=Area.objects.all(), required=False, widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose from the list.")})
    sdg_goals = forms.ModelMultipleChoiceField(
        label=_("Agenda 2030 goals"), queryset=SdgGoal.objects.all(), required=False,
        widget=forms.CheckboxSelectMultiple, help_text=_("If you know which of the UN's global goals it helps."),
        error_messages={"invalid_choice": _("Choose from the list.")})
    is_public = forms.BooleanField(
        label=_("Show my idea in the idea gallery"), required=False,
        help_text=_("Others see its name, what it is, for whom and how far it has come, once a coach has read it. "
                    "Never your name or e-mail address. You can change this later."))
    name = forms.CharField(
        label=_("Your name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Write your name, so that the coach knows what to call you."),
                        "max_length": TOO_LONG})
    email = forms.EmailField(
        label=_("E-mail address"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("We send a link to your idea here. It is the only message we send until you confirm the address."),
        error_messages={"required": _("Write your e-mail address, so that you get the link to your idea."),
                        "invalid": _("Write an e-mail address like name@example.se.")})
    # A field people never see (hidden); form-filling robots fill it in.
    website = forms.CharField(label=_("Leave this field empty"), required=False, max_length=200,
                              widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["districts"].label_from_instance = _label
        self.fields["areas"].label_from_instance = _label
        self.user = user if getattr(user, "is_authenticated", False) else None
        if self.user is not None:
            del self.fields["name"]
            del self.fields["email"]

    def _text(self, name):
        return self.cleaned_data[name].strip()

    def clean_title(self):
        return " ".join(self.cleaned_data["title"].split())

    def clean_what(self):
        if not (value := self._text("what")):
            raise forms.ValidationError(_("Write what your idea is."), code="required")
        return value

    def clean_for_whom(self):
        if not (value := self._text("for_whom")):
            raise forms.ValidationError(_("Write who the idea is for."), code="required")
        return value

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    @property
    def is_robot(self) -> bool:
        return bool(self.data.get("website", "").strip())


class MoveForm(forms.Form):
    note = forms.CharField(
        label=_("What happened?"), max_length=3000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The author sees this note on the idea's page."),
        error_messages={"required": _("Write a note about what happened."), "max_length": TOO_LONG})
    on = forms.DateField(
        label=_("Date"), input_formats=DATE_FORMATS, widget=DateInput(),
        error_messages={"required": _("Write the date it happened."),
                        "invalid": _("Write the date like 2026-11-23.")})
    outcome = forms.ChoiceField(
        label=_("How does the idea end?"), required=False, widget=forms.RadioSelect,
        choices=[(s.value, s.label) for s in OUTCOMES],
        error_messages={"invalid_choice": _("Choose how the idea ends.")})

    def __init__(self, *args, idea, **kwargs):
        kwargs.setdefault("auto_id", "move_%s")  # one of four forms on the idea's page: ids of its own
        super().__init__(*args, **kwargs)
        self.initial.setdefault("on", timezone.localdate())
        self.idea = idea
        if idea.next_step is not None:
            del self.fields["outcome"]

    def clean(self):
        data = super().clean()
        if "outcome" in self.fields and not data.get("outcome") and "outcome" not in self.errors:
            self.add_error("outcome", _("Choose how the idea ends: closed, continues or anchored."))
        return data


class BackForm(forms.Form):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "back_%s")
        super().__init__(*args, **kwargs)

    reason = forms.CharField(
        label=_("Why does the idea go back a step?"), max_length=3000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The author sees this on the idea's page."),
        error_messages={"required": _("Write why the idea goes back a step."), "max_length": TOO_LONG})


class SupportForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of support"), choices=Support.Kind.choices, widget=forms.RadioSelect,
                             error_messages={"required": _("Choose the kind of support."),
                                             "invalid_choice": _("Choose the kind of support.")})
    hours = forms.DecimalField(
        label=_("Hours"), required=False, min_value=0.1, max_value=9999, decimal_places=1,
        help_text=_("For coaching: how many hours, for example 1.5."),
        error_messages={"invalid": _("Write the hours as a number, for example 1.5."),
                        "min_value": _("Write the hours as a number above zero, for example 1.5."),
                        "max_value": _("Write fewer hours: at most 9999."),
                        "max_decimal_places": _("Write at most one decimal, for example 1.5.")})
    text = forms.CharField(label=_("What was given"), max_length=500, required=False,
                           help_text=_("For example: the small hall at the library on Tuesdays, or who was contacted."),
                           error_messages={"max_length": TOO_LONG})
    on = forms.DateField(label=_("Date"), input_formats=DATE_FORMATS, widget=DateInput(),
                         error_messages={"required": _("Write the date it happened."),
                                         "invalid": _("Write the date like 2026-11-23.")})

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "support_%s")
        super().__init__(*args, **kwargs)
        self.initial.setdefault("on", timezone.localdate())

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        if data.get("kind") == Support.Kind.COACHING and data.get("hours") is None:
            self.add_error("hours", _("Write how many hours of coaching."))
        elif data.get("hours") is None and not data.get("text", "").strip():
            self.add_error("text", _("Write what was given, or the hours."))
        return data


def _resolved(value: str):
    """The match of a web address (or a path) on this site, or None."""
    path = urlparse(value).path or value
    try:
        return resolve(path if path.startswith("/") else "/" + path)
    except Resolver404:
        return None


class LinkForm(forms.Form):
    """Link an activity (its address or short name) or a grant application (its address,
    number or case number). Empty removes the link."""

    activity = forms.CharField(
        label=_("Activity"), max_length=500, required=False,
        help_text=_("Paste the address of the activity's page. Empty removes the link."))
    application = forms.CharField(
        label=_("Grant application"), max_length=500, required=False,
        help_text=_("Paste the address of the application's page, or its case number. Empty removes the link."))
    partnership = forms.CharField(
        label=_("Partnership"), max_length=500, required=False,
        help_text=_("Paste the address of the partnership's page. Empty removes the link."))

    def __init__(self, *args, user, **kwargs):
        kwargs.setdefault("auto_id", "link_%s")
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_activity(self):
        value = self.cleaned_data["activity"].strip()
        if not value:
            return None
        match = _resolved(value) if "/" in value else None
        slug = match.kwargs.get("slug") if match and match.url_name == "detail" and match.namespace == "activities" \
            else value
        found = Activity.objects.visible_to(self.user).filter(slug=slug).first()
        if found is None:
            raise forms.ValidationError(_("We found no activity at that address. Copy it from the activity's page."))
        return found

    def clean_application(self):
        value = self.cleaned_data["application"].strip()
        if not value:
            return None
        visible = Application.objects.visible_to(self.user)
        found = visible.filter(case_number=value).first()
        if found is None and value.isdigit():
            found = visible.filter(pk=int(value)).first()
        if found is None and (match := _resolved(value)) and match.namespace == "grants" and "pk" in match.kwargs:
            found = visible.filter(pk=match.kwargs["pk"]).first()
        if found is None:
            raise forms.ValidationError(_("We found no application you may see at that address or number. "
                                          "Ask the applicant or the grants office."))
        return found

    def clean_partnership(self):
        value = self.cleaned_data["partnership"].strip()
        if not value:
            return None
        match = _resolved(value) if "/" in value else None
        slug = match.kwargs.get("slug") if match and match.namespace == "partnerships" else value
        found = Partnership.objects.visible_to(self.user).filter(slug=slug).first()
        if found is None:
            raise forms.ValidationError(_("We found no partnership at that address. Copy it from the "
                                          "partnership's page."))
        return found


class GalleryFilterForm(forms.Form):
    area = forms.ModelChoiceField(label=_("Area"), queryset=Area.objects.all(), required=False,
                                  empty_label=_("All areas"), to_field_name="slug")
    district = forms.ModelChoiceField(label=_("Part of the municipality"), queryset=District.objects.all(),
                                      required=False, empty_label=_("The whole municipality"), to_field_name="slug")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].label_from_instance = _label
        self.fields["district"].label_from_instance = _label

    def value(self, name):
        if not self.is_bound or not self.is_valid():
            return None
        return self.cleaned_data.get(name)

