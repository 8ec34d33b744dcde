"""The crisis forms. The two public ones take their choices (parts of the municipality,
kinds of help) from the cache, under the version stamps of the apps that hold them, so
checking an answer in a surge costs no query (see crisis.services.active_crisis)."""

from __future__ import annotations

from django import forms
from django.core.cache import cache
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from samverka.core import versions
from samverka.core.phone import PhoneNumberField
from samverka.municipality.models import District, Office, in_language
from samverka.volunteers.models import Availability, HelpKind

from .models import HelpRequest


def public_choices(active) -> tuple[list, list]:
    """(districts, kinds of help) as [(pk, label)] in the current language. The kinds are
    the crisis' own, or all if the administrator chose none."""
    key = f"crisis:choices:{active.pk}:{versions.current('crisis', 'municipality', 'volunteers')}"
    rows = cache.get(key)
    if rows is None:
        kinds = HelpKind.objects.all()
        if active.help_kind_ids:
            kinds = kinds.filter(pk__in=active.help_kind_ids)
        rows = (
            [(d.pk, (d.name, d.name_en, d.name_ar)) for d in District.objects.all()],
            [(k.pk, (k.name, k.name_en, k.name_ar)) for k in kinds],
        )
        cache.set(key, rows, versions.STAMP_SECONDS)
    language = (get_language() or "sv")[:2]
    return ([(pk, in_language(*names, language)) for pk, names in rows[0]],
            [(pk, in_language(*names, language)) for pk, names in rows[1]])


class Honeypot(forms.Form):
    """A field people never see or reach; a bot that fills in every field fills it in."""

    website = forms.CharField(label=_("Leave this field empty"), required=False,
                              widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}))

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get("website", "").strip())


class PublicCrisisForm(Honeypot):
    """A public crisis form, opened by everyone at once after a news item: its choices
    (parts of the municipality, kinds of help) come from `public_choices`."""

    def __init__(self, *args, active, **kwargs):
        super().__init__(*args, **kwargs)
        self.prepare_fields(*public_choices(active))

    def prepare_fields(self, districts, kinds) -> None:
        raise NotImplementedError


class OfferForm(PublicCrisisForm):
    name = forms.CharField(label=_("Your name"), max_length=200,
                           widget=forms.TextInput(attrs={"autocomplete": "name"}))
    phone = PhoneNumberField(label=_("Mobile phone"), required=False,
                             help_text=_("We send you a code by SMS to confirm."))
    email = forms.EmailField(label=_("E-mail address"), required=False, max_length=254,
                             help_text=_("If you have no mobile phone: we send you a link instead."),
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    district = forms.TypedChoiceField(label=_("Where can you help?"), coerce=int,
                                      help_text=_("The part of the municipality where you live or can get to."))
    help_kinds = forms.TypedMultipleChoiceField(label=_("What can you help with?"), coerce=int,
                                                widget=forms.CheckboxSelectMultiple)
    availability = forms.MultipleChoiceField(label=_("When can you help?"), required=False,
                                             choices=Availability.choices, widget=forms.CheckboxSelectMultiple)
    consent = forms.BooleanField(
        label=_("The municipality may keep my details to coordinate help in this crisis and contact me by SMS or e-mail."),
        error_messages={"required": _("Tick the box, so that we may contact you.")})

    field_order = ["name", "phone", "email", "district", "help_kinds", "availability", "consent", "website"]

    def prepare_fields(self, districts, kinds) -> None:
        self.fields["district"].choices = [("", _("Choose…")), *districts]
        self.fields["help_kinds"].choices = kinds
        self.fields["help_kinds"].error_messages["required"] = _("Choose at least one kind of help.")
        self.fields["district"].error_messages["required"] = _("Choose a part of the municipality.")

    def clean(self):
        data = super().clean()
        if not data.get("phone") and not data.get("email") and "phone" not in self.errors and "email" not in self.errors:
            self.add_error("phone", _("Give a mobile phone number or an e-mail address, so that we can confirm."))
        return data

    def volunteer_data(self) -> dict:
        data = self.cleaned_data
        return {
            "name": data["name"].strip(), "phone": data["phone"], "email": data["email"].strip(),
            "districts": [data["district"]], "help_kinds": data["help_kinds"],
            "availability": Availability.from_slots(data["availability"]),
            "consent_sms": bool(data["phone"]), "consent_email": bool(data["email"]),
        }

    def availability_days(self):
        return Availability.days(self["availability"])


class RequestForm(PublicCrisisForm):
    for_whom = forms.ChoiceField(label=_("Who needs help?"), choices=HelpRequest.ForWhom.choices,
                                 initial=HelpRequest.ForWhom.SELF, widget=forms.RadioSelect)
    name = forms.CharField(label=_("Name of the person who needs help"), max_length=200)
    contact_name = forms.CharField(label=_("Your name, if you ask for someone else"), max_length=200, required=False)
    phone = PhoneNumberField(label=_("Phone"), required=False, help_text=_("So that we can call or send an SMS."))
    email = forms.EmailField(label=_("E-mail address"), required=False, max_length=254,
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    district = forms.TypedChoiceField(label=_("Part of the municipality"), coerce=int)
    address = forms.CharField(label=_("Address"), max_length=300, required=False,
                              help_text=_("Where the volunteer should come, e.g. street, number and door code."),
                              widget=forms.TextInput(attrs={"autocomplete": "address-line1"}))
    help_kinds = forms.TypedMultipleChoiceField(label=_("What kind of help?"), coerce=int, required=False,
                                                widget=forms.CheckboxSelectMultiple)
    what = forms.CharField(label=_("What do you need help with?"), max_length=2000,
                           help_text=_("For example: food for the week from the shop, medicine to pick up at the pharmacy."),
                           widget=forms.Textarea(attrs={"rows": 4}))
    when = forms.CharField(label=_("When?"), max_length=200, required=False,
                           help_text=_("For example: as soon as possible, or Tuesday before 12."))

    field_order = ["for_whom", "name", "contact_name", "phone", "email", "district", "address", "help_kinds",
                   "what", "when", "website"]

    def prepare_fields(self, districts, kinds) -> None:
        self.fields["district"].choices = [("", _("Choose…")), *districts]
        self.fields["district"].error_messages["required"] = _("Choose a part of the municipality.")
        self.fields["help_kinds"].choices = kinds
        self.fields["name"].error_messages["required"] = _("Write the name of the person who needs help.")
        self.fields["what"].error_messages["required"] = _("Write what help is needed.")

    def clean(self):
        data = super().clean()
        if not data.get("phone") and not data.get("email") and "phone" not in self.errors and "email" not in self.errors:
            self.add_error("phone", _("Give a phone number or an e-mail address, so that we can reach you."))
        if data.get("for_whom") == HelpRequest.ForWhom.OTHER and not (data.get("contact_name") or "").strip():
            self.add_error("contact_name", _("Write your own name, so that we know who asked."))
        return data

    def request_data(self) -> tuple[dict, list]:
        data = self.cleaned_data
        fields = {name: data[name].strip() if isinstance(data[name], str) else data[name]
                  for name in ("for_whom", "name", "contact_name", "phone", "email", "address", "what", "when")}
        fields["district_id"] = data["district"]
        return fields, data["help_kinds"]


class DeskRequestForm(RequestForm):
    """The same form, filled in by a help-desk official while the person is on the phone."""

    priority = forms.ChoiceField(
        label=_("Triage"), widget=forms.RadioSelect, initial=HelpRequest.Priority.NORMAL,
        choices=[(HelpRequest.Priority.URGENT, _("Urgent")), (HelpRequest.Priority.NORMAL, _("Normal"))])

    field_order = [*RequestForm.field_order[:-1], "priority"]


class StartForm(forms.Form):
    name = forms.CharField(label=_("Name of the crisis"), max_length=120,
                           help_text=_("Shown to everyone, e.g. \"Storm on the islands\"."))
    message = forms.CharField(label=_("Message in the banner"), max_length=300, required=False,
                              widget=forms.Textarea(attrs={"rows": 2}),
                              help_text=_("One or two short sentences. The links to the two forms are added."))
    help_kinds = forms.ModelMultipleChoiceField(label=_("Kinds of help needed"), queryset=HelpKind.objects.all(),
                                                widget=forms.CheckboxSelectMultiple, required=False,
                                                help_text=_("None chosen: all kinds."))
    triage_offices = forms.ModelMultipleChoiceField(
        label=_("Offices whose officials handle the requests"), queryset=Office.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one office to handle the requests.")})
    retention_days = forms.IntegerField(label=_("Erase requests' personal details after (days)"), min_value=1,
                                        max_value=3650, initial=90,
                                        help_text=_("Counted from when the crisis is closed."))


class TriageForm(forms.Form):
    priority = forms.ChoiceField(label=_("How urgent is it?"), widget=forms.RadioSelect, choices=[
        (HelpRequest.Priority.URGENT, _("Urgent")), (HelpRequest.Priority.NORMAL, _("Normal")),
        (HelpRequest.Priority.NOT_FOR_US, _("Not for us"))])
    note = forms.CharField(label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class CloseRequestForm(forms.Form):
    note = forms.CharField(label=_("Follow-up note"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}),
                           help_text=_("How did it go? Seen only by the officials."))
    keep_for_case = forms.BooleanField(label=_("Keep the personal details: a case needs them"), required=False)


class CodeForm(forms.Form):
    code = forms.CharField(label=_("Code from the SMS"), max_length=12,
                           widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}))


class ProviderForm(forms.Form):
    """An association joins the crisis as a help provider (or changes what it gives): one
    number of errands a day per kind of help the crisis has."""

    actor = forms.TypedChoiceField(label=_("Association"), coerce=int)
    contact_name = forms.CharField(label=_("Contact person"), max_length=200,
                                   help_text=_("Whom the triage calls about your errands."))
    contact_phone = PhoneNumberField(label=_("Contact phone"))
    hours = forms.CharField(label=_("When you can take errands"), max_length=200,
                            help_text=_("For example: weekdays 9–17, Saturdays 10–14."))

    def __init__(self, *args, actors, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        self.actors = {actor.pk: actor for actor in actors}
        self.fields["actor"].choices = [(actor.pk, actor.name) for actor in actors]
        self.kinds = list(kinds)
        for kind in self.kinds:
            self.fields[f"kind_{kind.pk}"] = forms.IntegerField(
                label=kind.label, min_value=0, max_value=500, required=False, initial=0,
                help_text=_("Errands a day. 0: you do not give this kind of help."))

    @property
    def kind_fields(self):
        return [self[f"kind_{kind.pk}"] for kind in self.kinds]

    def clean(self):
        cleaned = super().clean()
        if self.kinds and not any(cleaned.get(f"kind_{kind.pk}") for kind in self.kinds) and not any(
                f"kind_{kind.pk}" in self.errors for kind in self.kinds):
            self.add_error(f"kind_{self.kinds[0].pk}",
                           _("Give the number of errands a day for at least one kind of help."))
        return cleaned

    def provider_data(self) -> dict:
        data = self.cleaned_data
        return {"actor": self.actors[data["actor"]], "contact_name": data["contact_name"],
                "contact_phone": data["contact_phone"], "hours": data["hours"],
                "capacities": {kind.pk: data.get(f"kind_{kind.pk}") or 0 for kind in self.kinds}}


class HelpersForm(forms.Form):
    helpers = forms.CharField(label=_("Who goes"),
                              help_text=_("First names of your own volunteers who go. Nothing more is needed."))
