"""The sign-up form of a matching programme: one form per side, whose questions depend on
the programme's kind (`QUESTIONS`). Everyone gives a name, a way to be reached, a part of
the municipality, "about me" and consent; the rest is the programme's own."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from samverka.accounts.ages import age_of, is_minor, participation_refusal
from samverka.accounts.forms import age_field, asks_age
from samverka.core.forms import DATE_FORMATS, DateInput
from samverka.core.phone import PhoneNumberField
from samverka.municipality.models import District, Language
from samverka.volunteers.models import Availability

from .models import CheckIn, Choice, Participant, Programme

Kind, Side = Programme.Kind, Participant.Side
ABOUT_MAX = 2000
NOTE_MAX = 2000
MAX_ITEMS = 20

# The programme's own questions, per kind and side, in the order the page shows them.
QUESTIONS: dict[tuple[str, str], list[str]] = {
    (Kind.BEFRIENDING, Side.REQUEST): ["kinds", "languages", "availability", "district", "about", "sensitive"],
    (Kind.BEFRIENDING, Side.OFFER): ["kinds", "refuses", "capacity", "languages", "availability", "district",
                                     "max_km", "about", "record_check"],
    (Kind.FRIEND_FAMILY, Side.REQUEST): ["household_size", "children_ages", "interests", "work", "languages",
                                         "district", "about", "sensitive"],
    (Kind.FRIEND_FAMILY, Side.OFFER): ["household_size", "children_ages", "interests", "work", "languages",
                                       "district", "about", "record_check"],
    (Kind.ASSOCIATION, Side.REQUEST): ["interests", "languages", "availability", "district", "about", "sensitive"],
    (Kind.ASSOCIATION, Side.OFFER): ["actor", "interests", "capacity", "languages", "availability", "district",
                                     "about"],
    (Kind.LANGUAGE_FRIEND, Side.REQUEST): ["interests", "work", "languages", "availability", "district", "about",
                                           "sensitive"],
    (Kind.LANGUAGE_FRIEND, Side.OFFER): ["interests", "work", "languages", "availability", "district", "about",
                                         "record_check"],
    (Kind.REUSE, Side.REQUEST): ["items", "household_size", "district", "about", "sensitive"],
    (Kind.REUSE, Side.OFFER): ["items", "district", "pickup_from", "pickup_until", "about"],
}

# Words that differ by side: (field, side) → label, help text.
WORDS = {
    ("kinds", Side.REQUEST): (_("What would you like?"), _("Choose one or more.")),
    ("kinds", Side.OFFER): (_("What can you offer?"), _("Choose one or more.")),
    ("district", Side.REQUEST): (_("Where do you live?"), _("The part of the municipality. We use it to find "
                                                             "someone near you; nobody gets your address.")),
    ("district", Side.OFFER): (_("Where do you live?"), _("The part of the municipality. We use it to find someone "
                                                           "near you; nobody gets your address.")),
    ("items", Side.REQUEST): (_("What does your home need?"), _("Write how many of each. Leave the rest empty.")),
    ("items", Side.OFFER): (_("What do you give away?"), _("Write how many of each. Leave the rest empty.")),
    ("availability", Side.REQUEST): (_("When suits you?"), _("Tick the times that usually suit you.")),
    ("availability", Side.OFFER): (_("When can you?"), _("Tick the times that usually suit you.")),
    ("capacity", Side.OFFER): (_("How many can you take on?"), _("Most people start with one.")),
}
ASSOCIATION_WORDS = {
    "district": (_("Where does the association meet?"), _("The part of the municipality.")),
    "capacity": (_("How many newcomers can the association welcome?"), _("Places for new members just now.")),
}
REUSE_OFFER_DISTRICT = (_("Where can the things be picked up?"), _("The part of the municipality."))


def _label(obj) -> str:
    return obj.label


PHONE_EXAMPLE = "070-123 45 67"


def phone_hint() -> str:
    """The phone field's hint, its example number isolated left to right: in an Arabic page
    the digits and dashes would otherwise be reordered with the words around them."""
    return format_html(gettext("If you have no e-mail, we send a text message instead. For example {example}."),
                       example=format_html('<bdi dir="ltr">{}</bdi>', PHONE_EXAMPLE))


class SignUpForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=200,
                           widget=forms.TextInput(attrs={"autocomplete": "name"}))
    email = forms.EmailField(label=_("E-mail address"), required=False, max_length=254,
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}),
                             help_text=_("We send a link to confirm, and later news about your match."))
    phone = PhoneNumberField(label=_("Mobile phone"), required=False)  # its hint: `phone_hint`
    # The programme's questions; __init__ keeps those of its kind and side.
    actor = forms.ModelChoiceField(label=_("Which association?"), queryset=None, widget=forms.RadioSelect,
                                   empty_label=None,
                                   help_text=_("Associations you represent here."))
    household_size = forms.IntegerField(label=_("How many are you in the household?"), min_value=1, max_value=20)
    children_ages = forms.CharField(label=_("Children's ages"), required=False, max_length=60,
                                    help_text=_("For example: 4, 9, 12. Leave empty if there are no children."))
    kinds = forms.ModelMultipleChoiceField(label=_("What would you like?"), queryset=None,
                                           widget=forms.CheckboxSelectMultiple)
    refuses = forms.ModelMultipleChoiceField(
        label=_("What will you not do?"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("We never propose these to you."))
    interests = forms.ModelMultipleChoiceField(label=_("Interests"), queryset=None, required=False,
                                               widget=forms.CheckboxSelectMultiple,
                                               help_text=_("We look for someone who shares some of them."))
    work = forms.CharField(label=_("Work or education"), required=False, max_length=200,
                           help_text=_("For example: nurse, carpenter, studied economics."))
    capacity = forms.IntegerField(label=_("How many can you take on?"), min_value=1, max_value=20, initial=1)
    languages = forms.ModelMultipleChoiceField(label=_("Languages you speak"), queryset=None, required=False,
                                               widget=forms.CheckboxSelectMultiple)
    availability = forms.MultipleChoiceField(label=_("When suits you?"), required=False,
                                             widget=forms.CheckboxSelectMultiple)
    district = forms.ModelChoiceField(label=_("Where do you live?"), queryset=None, widget=forms.RadioSelect,
                                      empty_label=None)
    max_km = forms.IntegerField(label=_("How far can you travel (km)?"), required=False, min_value=1, max_value=200,
                                help_text=_("Leave empty if the programme's usual distance suits you."))
    pickup_from = forms.DateField(label=_("Can be picked up from"), widget=DateInput(), input_formats=DATE_FORMATS)
    pickup_until = forms.DateField(label=_("Can be picked up until"), widget=DateInput(),
                                   input_formats=DATE_FORMATS)
    about = forms.CharField(
        label=_("About you"), max_length=ABOUT_MAX, required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("A few words for the one you are matched with, for example what you like to do. They see "
                    "it only after both of you have said yes."))
    sensitive = forms.CharField(
        label=_("For the coordinators only: your health or situation"), max_length=ABOUT_MAX, required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Anything that helps us find the right match, for example that you use a wheelchair or "
                    "have a hard time hearing. This is sensitive information: only the programme's "
                    "coordinators see it, never the one you are matched with. You do not have to write anything."))
    record_check = forms.BooleanField(
        label=_("I will show an extract from the police's criminal-record register before my first meeting"),
        error_messages={"required": _("This programme asks everyone who gives to show an extract. Tick the box "
                                      "if you agree.")},
        help_text=_("You order it free of charge from the Police. A coordinator looks at it; no copy is kept."))
    consent = forms.BooleanField(error_messages={"required": _("Tick the box, so that we may keep your details.")})

    def __init__(self, *args, programme: Programme, side: str, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme, self.side = programme, side
        self.fields["phone"].help_text = phone_hint()
        questions = QUESTIONS[(programme.kind, side)]
        if "record_check" in questions and programme.required_check != Programme.Check.RECORD_EXTRACT:
            questions = [q for q in questions if q != "record_check"]
        self.questions = questions
        contact = ["name", "email", "phone"]
        keep = set(contact) | set(questions) | {"consent"}
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]
        self.order_fields([*contact, *questions, "consent"])
        choices = list(programme.choices.all())
        self.kind_choices = [c for c in choices if c.group == Choice.Group.KIND]
        interest_choices = [c for c in choices if c.group == Choice.Group.INTEREST]
        for name, pool in (("kinds", self.kind_choices), ("refuses", self.kind_choices),
                           ("interests", interest_choices)):
            if name in self.fields:
                self.fields[name].queryset = Choice.objects.filter(pk__in=[c.pk for c in pool])
                self.fields[name].label_from_instance = _label
        if "kinds" in self.fields:
            self.fields["kinds"].error_messages["required"] = _("Choose at least one.")
        if "languages" in self.fields:
            self.fields["languages"].queryset = Language.objects.all()
            self.fields["languages"].label_from_instance = _label
        if "availability" in self.fields:
            self.fields["availability"].choices = Availability.choices()
        if "district" in self.fields:
            self.fields["district"].queryset = District.objects.all()
            self.fields["district"].label_from_instance = _label
            self.fields["district"].error_messages["required"] = _("Choose a part of the municipality.")
        if "actor" in self.fields:
            from samverka.actors.models import Actor

            self.fields["actor"].queryset = (Actor.objects.filter(memberships__user=user).distinct()
                                             if getattr(user, "is_authenticated", False) else Actor.objects.none())
            self.fields["actor"].error_messages["required"] = _("Choose the association.")
        if "household_size" in self.fields:
            self.fields["household_size"].error_messages["required"] = _("Write how many you are, for example 3.")
        if "pickup_from" in self.fields:
            self.fields["pickup_from"].error_messages["required"] = _("Write the first day, for example 2026-05-04.")
            self.fields["pickup_until"].error_messages["required"] = _("Write the last day, for example 2026-05-18.")
        for (name, on_side), (label, help_text) in WORDS.items():
            if name in self.fields and on_side == side:
                self.fields[name].label, self.fields[name].help_text = label, help_text
        if programme.kind == Kind.ASSOCIATION and side == Side.OFFER:
            for name, (label, help_text) in ASSOCIATION_WORDS.items():
                self.fields[name].label, self.fields[name].help_text = label, help_text
            self.fields["name"].label = _("Your name (the association's contact person)")
        if programme.kind == Kind.REUSE and side == Side.OFFER:
            self.fields["district"].label, self.fields["district"].help_text = REUSE_OFFER_DISTRICT
        if "capacity" in self.fields and programme.kind != Kind.ASSOCIATION:
            self.fields["capacity"].initial = programme.default_capacity
        if "items" in questions:
            for choice in self.kind_choices:
                self.fields[f"item_{choice.pk}"] = forms.IntegerField(
                    label=choice.label, required=False, min_value=0, max_value=MAX_ITEMS,
                    widget=forms.NumberInput(attrs={"inputmode": "numeric"}))
            self.order_fields([*contact, *[f"item_{c.pk}" for c in self.kind_choices], *questions, "consent"])
        self.fields["consent"].label = _(
            "I agree that the municipality keeps my details to find me a match in this programme.")
        # Age where it matters: the programme's ages, and the extract never asked of a minor.
        self.record_extract = side == Side.OFFER and programme.asks_record_extract
        self.user = user
        self.known_age = age_of(user)
        if is_minor(self.known_age):
            for name in ("sensitive", "record_check"):  # never asked of a minor
                self.fields.pop(name, None)
        if asks_age(user, programme, record_extract=self.record_extract):
            self.fields["age"] = age_field()
            self.order_fields([*contact, "age", *[n for n in self.fields if n not in (*contact, "age")]])
        if user is not None and getattr(user, "is_authenticated", False) and not self.is_bound:
            self.initial.setdefault("name", user.get_full_name())
            self.initial.setdefault("email", user.email)
            self.initial.setdefault("phone", getattr(user, "phone", ""))

    # ---- the page's groups

    def item_fields(self):
        return [self[f"item_{c.pk}"] for c in self.kind_choices if f"item_{c.pk}" in self.fields]

    def availability_days(self):
        return Availability.days(self["availability"])

    def layout(self) -> list[tuple[str, Any]]:
        """The page in order: ("field", bound field), ("items", None) for the quantities of
        things, ("times", None) for the availability grid, ("consent", bound field)."""
        parts: list[tuple[str, Any]] = []
        for name in self.fields:
            if name.startswith("item_"):
                if not parts or parts[-1][0] != "items":
                    parts.append(("items", None))
            elif name == "availability":
                parts.append(("times", None))
            else:
                parts.append(("consent" if name == "consent" else "field", self[name]))
        return parts

    # ---- validation

    def clean_name(self):
        value = " ".join(self.cleaned_data["name"].split())
        if not value:
            raise forms.ValidationError(_("Write your name."), code="required")
        return value

    def clean_children_ages(self):
        value = self.cleaned_data.get("children_ages", "").strip()
        if not value:
            return []
        parts = [p for p in re.split(r"[,;\s]+(?:och\s+|and\s+)?", value) if p]
        if not parts or not all(p.isdigit() and int(p) < 25 for p in parts):
            raise forms.ValidationError(_("Write the ages as numbers with commas, for example 4, 9, 12."),
                                        code="invalid")
        return sorted(int(p) for p in parts)

    def clean_availability(self):
        return Availability.from_slots(self.cleaned_data.get("availability") or [])

    def clean_pickup_from(self):
        value = self.cleaned_data.get("pickup_from")
        if value and value < timezone.localdate():
            raise forms.ValidationError(_("The first day cannot be in the past."), code="past")
        return value

    def clean(self):
        data = super().clean()
        if "age" not in self.errors and (refused := participation_refusal(
                self.user, self.programme, age=data.get("age"), record_extract=self.record_extract)):
            self.add_error("age" if "age" in self.fields else None, refused)
        age = self.known_age if self.known_age is not None else data.get("age")
        if is_minor(age) and data.get("sensitive"):
            self.add_error("sensitive", _("We do not ask this of anyone under 18. Leave it empty, please."))
        if not data.get("phone") and not data.get("email") and "phone" not in self.errors and "email" not in self.errors:
            self.add_error("email", _("Write an e-mail address or a mobile phone number, so that we can reach you."))
        if "items" in self.questions:
            items = {c.pk: data.get(f"item_{c.pk}") or 0 for c in self.kind_choices}
            if not any(items.values()) and self.item_fields():
                self.add_error(self.item_fields()[0].name, _("Write how many of at least one thing, for example 1."))
            data["items"] = {pk: n for pk, n in items.items() if n}
        start, end = data.get("pickup_from"), data.get("pickup_until")
        if start and end:
            if end < start:
                self.add_error("pickup_until", _("The last day must be on or after the first day."))
            elif end - start > timedelta(days=180):
                self.add_error("pickup_until", _("Choose at most six months."))
        return data

    def participant_data(self) -> dict[str, Any]:
        """What `services_participants.sign_up` takes."""
        data = self.cleaned_data
        result: dict[str, Any] = {"name": data["name"], "email": data.get("email", ""), "phone": data.get("phone", ""),
                                  "district": data.get("district"), "about": data.get("about", "").strip(),
                                  "sensitive": data.get("sensitive", "").strip()}
        for name in ("kinds", "refuses", "interests", "languages"):
            if name in data:
                result[name] = list(data[name])
        for name in ("availability", "capacity", "max_km", "actor"):
            if name in data:
                result[name] = data[name]
        details: dict[str, Any] = {}
        if "household_size" in data:
            details["household_size"] = data["household_size"]
        if data.get("children_ages"):
            details["children_ages"] = data["children_ages"]
        if data.get("work"):
            details["work"] = data["work"].strip()
        if data.get("items"):
            details["items"] = {str(pk): n for pk, n in data["items"].items()}
            result["kinds"] = [c for c in self.kind_choices if c.pk in data["items"]]
            if self.side == Side.OFFER:
                result["capacity"] = 1
        if data.get("pickup_from"):
            details["pickup_from"] = data["pickup_from"].isoformat()
            details["pickup_until"] = data["pickup_until"].isoformat()
        if data.get("record_check"):
            details["record_check_agreed"] = True
        result["details"] = details
        result["age"] = data.get("age")
        return result


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Why do you leave?"), required=False, max_length=300,
                             widget=forms.Textarea(attrs={"rows": 2}),
                             help_text=_("It helps the coordinators make the programme better."))


class DeclineForm(forms.Form):
    reason = forms.CharField(label=_("Why not?"), required=False, max_length=500,
                             widget=forms.Textarea(attrs={"rows": 2}),
                             help_text=_("Only the coordinators read it. You stay on the waiting list."))


class CheckInForm(forms.Form):
    answer = forms.ChoiceField(label=_("How is it going?"), choices=CheckIn.Answer.choices, widget=forms.RadioSelect,
                               error_messages={"required": _("Choose how it is going.")})
    note = forms.CharField(label=_("Anything you want to tell the coordinators?"), required=False,
                           max_length=NOTE_MAX, widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("Only the coordinators read it."))
