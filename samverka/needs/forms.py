from __future__ import annotations

from datetime import timedelta

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samverka.accounts.ages import participation_refusal
from samverka.accounts.forms import age_field, asks_age, check_age_span
from samverka.accounts.models import User
from samverka.activities.forms import NOT_YOURS, organiser_choices
from samverka.actors.models import Actor, ActorMembership
from samverka.core.forms import DATE_FORMATS, DateInput
from samverka.municipality.models import Area, District, Office, OfficeMembership, SdgGoal
from samverka.volunteers.models import HelpKind

from .models import Answer, Need

MAX_PEOPLE = 10000


def _label(obj):
    return obj.label


def _person(user):
    return user.display_name


def _squash(text: str) -> str:
    return " ".join((text or "").split())


def contact_choices(user):
    """The people who may be a need's contact: the user and the colleagues in their
    offices and actors."""
    if not user.is_authenticated:
        return User.objects.none()
    if user.is_superuser:
        return User.objects.filter(Q(office_memberships__isnull=False) | Q(actor_memberships__isnull=False)
                                   | Q(pk=user.pk)).distinct().order_by("first_name", "last_name", "email")
    colleagues = Q(pk=user.pk)
    if user.office_ids:
        colleagues |= Q(office_memberships__office__in=user.office_ids)
    actors = ActorMembership.objects.filter(user=user).values("actor_id")
    colleagues |= Q(actor_memberships__actor__in=actors)
    return User.objects.filter(colleagues).distinct().order_by("first_name", "last_name", "email")


class NeedForm(forms.ModelForm):
    publisher = forms.ChoiceField(label=_("Who asks?"))
    people_needed = forms.IntegerField(label=_("How many people?"), required=False,
                                       help_text=_("Leave empty if it does not matter."))

    class Meta:
        model = Need
        fields = ["title", "summary", "description", "kind", "help_kinds", "people_needed", "requirements",
                  "record_extract_required", "min_age", "max_age", "district", "place", "starts_on", "ends_on",
                  "when_text", "areas", "sdg_goals", "closes_on", "contact"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 8}),
            "requirements": forms.Textarea(attrs={"rows": 3}),
            "kind": forms.RadioSelect,
            "help_kinds": forms.CheckboxSelectMultiple,
            "areas": forms.CheckboxSelectMultiple,
            "sdg_goals": forms.CheckboxSelectMultiple,
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "closes_on": DateInput(),
        }
        help_texts = {
            "summary": _("Shown in the list of needs. At most 200 characters."),
            "description": _("What should be done, and why it matters. Plain words help everyone."),
            "help_kinds": _("If the need is practical help a volunteer can give."),
            "requirements": _("For example: speaks Arabic, has a driving licence. Leave empty if anyone can help."),
            "record_extract_required": _("For work with children: the volunteer shows an extract from the police's register."),
            "place": _("For example: Ekerö bibliotek, Tappströmsvägen 1"),
            "when_text": _("If dates are not enough. For example: Tuesday evenings this autumn"),
            "closes_on": _("After this day the need takes no more answers. Leave empty to close it yourself."),
            "contact": _("Answers are sent to this person."),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        for name in ("starts_on", "ends_on", "closes_on"):
            self.fields[name].input_formats = DATE_FORMATS
        self.fields["kind"].choices = Need.Kind.choices
        self.fields["district"].queryset = District.objects.all()
        self.fields["district"].empty_label = _("The whole municipality")
        self.fields["areas"].queryset = Area.objects.all()
        self.fields["sdg_goals"].queryset = SdgGoal.objects.all()
        self.fields["help_kinds"].queryset = HelpKind.objects.all()
        for name in ("district", "areas", "help_kinds"):
            self.fields[name].label_from_instance = _label
        self.fields["contact"].queryset = contact_choices(user)
        self.fields["contact"].label_from_instance = _person
        self.fields["contact"].required = True
        if self.instance.pk:
            del self.fields["publisher"]
        else:
            self.fields["publisher"].choices = [("", _("Choose"))] + organiser_choices(user)
            self.fields["publisher"].error_messages["invalid_choice"] = NOT_YOURS
            if len(self.fields["publisher"].choices) == 2:
                self.initial.setdefault("publisher", self.fields["publisher"].choices[1][0])
            self.initial.setdefault("contact", user.pk)

    def clean_title(self):
        return _squash(self.cleaned_data["title"])

    def clean_summary(self):
        return _squash(self.cleaned_data["summary"])

    def clean_people_needed(self):
        value = self.cleaned_data.get("people_needed")
        if value is not None and value <= 0:
            raise forms.ValidationError(_("Write at least 1, or leave it empty."), code="min")
        if value is not None and value > MAX_PEOPLE:
            raise forms.ValidationError(_("Write at most 10 000."), code="max")
        return value

    def clean_closes_on(self):
        value = self.cleaned_data.get("closes_on")
        changed = self.instance.pk is None or value != self.instance.closes_on
        if value and changed and value < timezone.localdate():
            raise forms.ValidationError(_("The day has passed. Choose today or a later day."), code="past")
        if value and value.year > timezone.localdate().year + 5:
            raise forms.ValidationError(_("Choose a day within five years."), code="far")
        return value

    def clean_publisher(self):
        value = self.cleaned_data["publisher"]
        kind, _sep, pk = value.partition(":")
        if kind == "actor":
            return {"actor": Actor.objects.get(pk=pk), "office": None}
        return {"actor": None, "office": Office.objects.get(pk=pk)}

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The end must be on or after the start."))
        publisher = data.get("publisher") or {"actor": self.instance.actor, "office": self.instance.office}
        contact = data.get("contact")
        if contact and (publisher.get("actor") or publisher.get("office")) and not _works_for(contact, **publisher):
            self.add_error("contact", _("Choose someone who works for the office or association that asks."))
        check_age_span(self, data)
        return data

    def need_data(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self._meta.fields if name in self.cleaned_data}
        if "publisher" in self.fields:
            data.update(self.cleaned_data["publisher"])
        return data


def _works_for(user, *, actor=None, office=None) -> bool:
    if actor is not None:
        return ActorMembership.objects.filter(actor=actor, user=user).exists()
    return OfficeMembership.objects.filter(office=office, user=user).exists()


class AnswerForm(forms.Form):
    kind = forms.ChoiceField(label=_("What do you want to do?"), choices=Answer.Kind.choices,
                             widget=forms.RadioSelect, initial=Answer.Kind.SIGN_UP)
    actor = forms.ChoiceField(label=_("Who answers?"), required=False)
    message = forms.CharField(label=_("Your message"), max_length=2000, widget=forms.Textarea(attrs={"rows": 6}),
                              help_text=_("Tell them briefly who you are, what you can do and when. At most 2000 characters."))

    def __init__(self, *args, user, need=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user, self.need = user, need
        if need is not None and asks_age(user, need, record_extract=need.record_extract_required):
            self.fields["age"] = age_field()
            self.order_fields(["kind", "actor", "age", "message"])
        self.actors = {str(a.pk): a for a in Actor.objects.filter(memberships__user=user).only("pk", "name", "slug")}
        if self.actors:
            self.fields["actor"].choices = [("", _("I answer for myself"))] + [
                (pk, _("For %(name)s") % {"name": a.name}) for pk, a in self.actors.items()]
            self.fields["actor"].widget = forms.RadioSelect(choices=self.fields["actor"].choices)
        else:
            del self.fields["actor"]

    def clean_actor(self):
        value = self.cleaned_data.get("actor") or ""
        return self.actors.get(value)

    def clean_message(self):
        value = self.cleaned_data["message"].strip()
        if not value:
            raise forms.ValidationError(_("Write a message."), code="required")
        return value

    def clean(self):
        data = super().clean()
        if self.need is not None and data.get("kind") == Answer.Kind.SIGN_UP and not data.get("actor"):
            refused = participation_refusal(self.user, self.need, age=data.get("age"),
                                            record_extract=self.need.record_extract_required)
            if refused and "age" not in self.errors:
                self.add_error("age" if "age" in self.fields else "kind", refused)
        return data


class HandleForm(forms.Form):
    decision = forms.ChoiceField(label=_("Your decision"), widget=forms.RadioSelect)
    reply = forms.CharField(label=_("Message to the person who answered"), max_length=2000,
                            widget=forms.Textarea(attrs={"rows": 5}),
                            help_text=_("Sent by e-mail. For example: when and where to meet, or why not this time."))

    def __init__(self, *args, answer, stated_record_date=None, **kwargs):
        super().__init__(*args, **kwargs)
        if answer.kind == Answer.Kind.QUESTION:
            choices = [("reply", _("Answer the question"))]
            self.initial.setdefault("decision", "reply")
        else:
            choices = [("accept", _("Accept: yes, thank you")), ("decline", _("Decline: not this time"))]
        self.fields["decision"].choices = choices
        if answer.asks_for_extract:
            self.fields["record_checked_on"] = forms.DateField(
                label=_("Date on the extract you have seen"), required=False, widget=DateInput(),
                input_formats=DATE_FORMATS,
                help_text=_("Needed to accept: look at the original extract from the police, write its date and "
                            "give it back (keep no copy). It may be at most a year old."))
            self.initial.setdefault("record_checked_on", stated_record_date)

    def clean(self):
        data = super().clean()
        if "record_checked_on" in self.fields and data.get("decision") == "accept" \
                and "record_checked_on" not in self.errors:
            seen, today = data.get("record_checked_on"), timezone.localdate()
            if seen is None:
                self.add_error("record_checked_on", _("Write the date on the extract you have seen. Without an "
                                                      "extract, decline for now and tell the person how to order one."))
            elif seen > today:
                self.add_error("record_checked_on", _("The date cannot be in the future."))
            elif seen < today - timedelta(days=365):
                self.add_error("record_checked_on", _("The extract is more than a year old. Ask the person to "
                                                      "order a new one."))
        return data


class CloseForm(forms.Form):
    outcome = forms.CharField(label=_("What came of it?"), max_length=1000, widget=forms.Textarea(attrs={"rows": 4}),
                              help_text=_("Shown on the need's page for everyone. For example: Six volunteers run the language café every Tuesday since March."))

    def clean_outcome(self):
        value = self.cleaned_data["outcome"].strip()
        if not value:
            raise forms.ValidationError(_("Write a few words about what came of it."), code="required")
        return value
