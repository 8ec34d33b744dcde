from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samverka.core.forms import DATE_FORMATS, DateInput
from samverka.core.phone import PhoneNumberField
from samverka.municipality.models import Area, District, Language

from .models import Availability, HelpKind, Volunteer


def _label(obj):
    return obj.label


class ProfileForm(forms.ModelForm):
    phone = PhoneNumberField(label=_("Mobile phone"), required=False,
                             help_text=_("For example 070-123 45 67. Needed if you want text messages."))
    availability = forms.MultipleChoiceField(label=_("When can you help?"), required=False,
                                             widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = Volunteer
        fields = ["name", "phone", "districts", "help_kinds", "areas", "languages", "skills", "will_not_do",
                  "availability", "record_checked_on", "consent_email", "consent_sms", "crisis_help"]
        widgets = {
            "districts": forms.CheckboxSelectMultiple,
            "help_kinds": forms.CheckboxSelectMultiple,
            "areas": forms.CheckboxSelectMultiple,
            "languages": forms.CheckboxSelectMultiple,
            "skills": forms.Textarea(attrs={"rows": 4, "maxlength": 2000}),
            "will_not_do": forms.Textarea(attrs={"rows": 3, "maxlength": 1000}),
            "record_checked_on": DateInput(),
        }
        labels = {
            "districts": _("Where can you help?"),
            "help_kinds": _("What practical help can you give?"),
            "areas": _("What are you interested in?"),
            "languages": _("Languages you speak"),
            "crisis_help": _("You may also ask me when there is a crisis"),
        }
        help_texts = {
            "skills": _("For example: I am a retired teacher, I can drive, I like cooking."),
            "will_not_do": _("For example: no heavy lifting, no work with animals."),
            "record_checked_on": _("Only if you have shown one to us or to an association. Work with children needs one."),
            "consent_email": _("About needs and assignments that match you."),
            "consent_sms": _("Mostly in a crisis, when help is needed quickly."),
            "crisis_help": _("In a storm, a long power cut or another crisis, the municipality may ask you to "
                             "help someone near you. You say yes or no each time."),
        }

    # The order the page shows the fields in, so the error summary lists them in that order.
    field_order = ["name", "phone", "skills", "languages", "help_kinds", "areas", "districts", "availability",
                   "will_not_do", "record_checked_on", "consent_email", "consent_sms", "crisis_help"]

    def __init__(self, *args, minor: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if minor:  # a criminal-record extract is never asked of anyone under 18
            del self.fields["record_checked_on"]
        self.fields["districts"].queryset = District.objects.all()
        self.fields["help_kinds"].queryset = HelpKind.objects.all()
        self.fields["areas"].queryset = Area.objects.all()
        self.fields["languages"].queryset = Language.objects.all()
        for name in ("districts", "help_kinds", "areas", "languages"):
            self.fields[name].label_from_instance = _label
        self.fields["availability"].choices = Availability.choices()
        if "record_checked_on" in self.fields:
            self.fields["record_checked_on"].input_formats = DATE_FORMATS
        self.fields["skills"].max_length = 2000
        self.fields["will_not_do"].max_length = 1000
        for name in ("help_kinds", "districts"):
            self.fields[name].required = True
            self.fields[name].error_messages["required"] = self._REQUIRED[name]
        if self.instance.pk:
            self.initial["availability"] = Availability.to_slots(self.instance.availability)

    # What a coordinator needs to ask someone: at least one kind of help and one part of
    # the municipality (and a way to reach them, see clean()).
    _REQUIRED = {
        "help_kinds": _("Choose at least one kind of help you can give."),
        "districts": _("Choose at least one part of the municipality where you can help."),
    }

    def validate_constraints(self):
        """The service checks that the phone number is the person's own (with a clearer
        message than a constraint's); the database keeps the constraints anyway."""

    def clean_name(self):
        value = " ".join(self.cleaned_data["name"].split())
        if not value:
            raise forms.ValidationError(_("Write your name."), code="required")
        return value

    def clean_skills(self):
        value = self.cleaned_data.get("skills", "")
        if len(value) > 2000:
            raise forms.ValidationError(_("Write at most 2000 characters."), code="max_length")
        return value

    def clean_will_not_do(self):
        value = self.cleaned_data.get("will_not_do", "")
        if len(value) > 1000:
            raise forms.ValidationError(_("Write at most 1000 characters."), code="max_length")
        return value

    def clean_availability(self):
        return Availability.from_slots(self.cleaned_data.get("availability") or [])

    def clean_record_checked_on(self):
        value = self.cleaned_data.get("record_checked_on")
        if value and value > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."), code="future")
        if value and value.year < 2000:
            raise forms.ValidationError(_("Write the date on the extract, for example 2026-03-15."), code="old")
        return value

    def clean(self):
        """A coordinator needs a way to reach the person: a phone number or consent to e-mail
        (a kind of help and a part of the municipality are required fields)."""
        data = super().clean()
        if data.get("consent_sms") and not data.get("phone") and "phone" not in self.errors:
            self.add_error("phone", _("Write your mobile number if you want text messages."))
        if not data.get("phone") and not data.get("consent_email") and "phone" not in self.errors:
            self.add_error("consent_email", _("Tick this or write your mobile number, so a coordinator can reach you."))
        return data

    def profile_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields if name in self.cleaned_data}

    def availability_days(self):
        return Availability.days(self["availability"])


class HoursField(forms.DecimalField):
    """Hours written the Swedish way (1,5) or the English way (1.5)."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(",", ".")
        return super().to_python(value)


class HoursForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput(), input_formats=DATE_FORMATS)
    hours = HoursField(label=_("Hours"), max_digits=4, decimal_places=2,
                               min_value=Decimal("0.25"), max_value=Decimal("24"),
                               help_text=_("From 0.25 (a quarter of an hour) to 24. For example 2.5."),
                               widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 6}))
    note = forms.CharField(label=_("What you did"), max_length=500, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hours"].error_messages.update({
            "min_value": _("Write at least 0.25 hours."), "max_value": _("Write at most 24 hours."),
            "invalid": _("Write a number of hours, for example 2 or 1.5."),
            "max_decimal_places": _("Write the hours with at most two decimals, for example 1.25."),
            "max_digits": _("Write at most 24 hours."),
        })

    def clean_date(self):
        value = self.cleaned_data["date"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."), code="future")
        if value.year < 2000:
            raise forms.ValidationError(_("Write a date from this century."), code="old")
        return value


class AssignmentStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=[
        ("active", _("Under way")), ("done", _("Done")), ("cancelled", _("Cancelled"))])
