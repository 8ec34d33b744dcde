"""What officials and parties type about partnerships and compacts. The forms check what they
can on their own; the rules that need the database (a milestone inside the period, a party
twice) are the services', and the views put the services' `FieldProblem` next to its field."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from samverka.actors.models import Actor
from samverka.core.forms import DateInput
from samverka.core.uploads import DOCUMENT_KINDS, CheckedDocumentField
from samverka.municipality.models import Office

from .models import Compact, Contribution, Document, Goal, Milestone, Partnership


def _label(obj):
    return obj.label


def _squash(text: str) -> str:
    return " ".join((text or "").split())



class PartnershipForm(forms.ModelForm):
    class Meta:
        model = Partnership
        fields = ["kind", "title", "summary", "challenge", "why_partnership", "office", "committee", "case_number",
                  "decided_on", "starts_on", "ends_on", "status", "is_public", "areas", "districts", "sdg_goals"]
        widgets = {
            "kind": forms.RadioSelect,
            "status": forms.RadioSelect,
            "challenge": forms.Textarea(attrs={"rows": 6}),
            "why_partnership": forms.Textarea(attrs={"rows": 4}),
            "decided_on": DateInput(),
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "areas": forms.CheckboxSelectMultiple,
            "districts": forms.CheckboxSelectMultiple,
            "sdg_goals": forms.CheckboxSelectMultiple,
        }
        help_texts = {"case_number": _("For example: SN 2026/114")}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        offices = Office.objects.acted_for_by(user)
        if self.instance.pk:
            offices = offices | Office.objects.filter(pk=self.instance.office_id)
        self.fields["office"].queryset = offices.distinct()
        self.fields["office"].label_from_instance = _label
        self.fields["committee"].label_from_instance = _label
        for name in ("areas", "districts"):
            self.fields[name].label_from_instance = _label
        if offices.count() == 1 and not self.instance.pk:
            self.fields["office"].initial = offices.first().pk

    def clean_title(self):
        return _squash(self.cleaned_data["title"])

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The partnership cannot end before it starts."))
        if data.get("kind") == Partnership.Kind.IOP and not (data.get("why_partnership") or "").strip():
            self.add_error("why_partnership", _("For an IOP, write why neither a grant nor a procurement fits."))
        return data

    def partnership_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class PartyForm(forms.Form):
    actor = forms.ModelChoiceField(label=_("Association or group"), queryset=Actor.objects.none(), required=False,
                                   empty_label=_("(none)"))
    office = forms.ModelChoiceField(label=_("Or an office"), queryset=Office.objects.all(), required=False,
                                    empty_label=_("(none)"))
    role = forms.CharField(label=_("Role"), max_length=150, required=False,
                           help_text=_("What the party does in the partnership, in a few words."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["actor"].queryset = Actor.objects.filter(status=Actor.Status.ACTIVE).only("pk", "name")
        self.fields["office"].label_from_instance = _label

    def clean(self):
        data = super().clean()
        if not self.errors and bool(data.get("actor")) == bool(data.get("office")):
            self.add_error("actor", _("Choose an association or an office (one of them)."))
        return data


class ContributionForm(forms.ModelForm):
    class Meta:
        model = Contribution
        fields = ["party", "kind", "description", "amount", "unit", "counted_in", "starts_on", "ends_on"]
        widgets = {"kind": forms.RadioSelect, "starts_on": DateInput(), "ends_on": DateInput()}

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = partnership.parties.select_related("actor", "office")
        self.fields["party"].label_from_instance = lambda party: party.name

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The contribution cannot end before it starts."))
        if data.get("amount") is not None and not data.get("unit") and "unit" not in self.errors:
            self.add_error("unit", _("Choose what the amount counts (kronor, hours, people …)."))
        return data

    def contribution_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields if name != "party"}


class GoalForm(forms.ModelForm):
    class Meta:
        model = Goal
        fields = ["text", "measure"]


class MilestoneForm(forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["title", "due_on", "follow_up_on"]
        widgets = {"due_on": DateInput(), "follow_up_on": DateInput()}

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.partnership = partnership

    def clean(self):
        data = super().clean()
        due, follow_up = data.get("due_on"), data.get("follow_up_on")
        p = self.partnership
        if due and due < p.starts_on:
            self.add_error("due_on", _("The milestone is due before the partnership starts (%(date)s). Choose a later "
                                       "date.") % {"date": p.starts_on.isoformat()})
        elif due and p.ends_on and due > p.ends_on:
            self.add_error("due_on", _("The milestone is due after the partnership ends (%(date)s). Choose an earlier "
                                       "date.") % {"date": p.ends_on.isoformat()})
        if due and follow_up and follow_up < due:
            self.add_error("follow_up_on", _("The follow-up comes after the due date, not before it."))
        return data


class MilestoneDoneForm(forms.Form):
    note = forms.CharField(label=_("What was done"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4}),
                           help_text=_("Shown on the partnership's page, when it is public."))
    done_on = forms.DateField(label=_("Done on"), required=False, widget=DateInput(),
                              help_text=_("Leave empty for today."))


class DocumentForm(forms.ModelForm):
    class Meta:
        model = Document
        fields = ["title", "kind", "visibility", "file"]
        widgets = {"kind": forms.RadioSelect, "visibility": forms.RadioSelect}
        field_classes = {"file": CheckedDocumentField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"] = CheckedDocumentField(
            label=_("File"), kinds=DOCUMENT_KINDS,
            help_text=_("A PDF, an image or an office document (Word, Excel, OpenDocument)."))


class CompactForm(forms.ModelForm):
    class Meta:
        model = Compact
        fields = ["title", "summary", "principles", "office", "committee", "adopted_on", "open_for_signing"]
        widgets = {"principles": forms.Textarea(attrs={"rows": 12}), "adopted_on": DateInput()}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        offices = Office.objects.acted_for_by(user)
        if self.instance.pk:
            offices = offices | Office.objects.filter(pk=self.instance.office_id)
        self.fields["office"].queryset = offices.distinct()
        self.fields["office"].label_from_instance = _label
        self.fields["committee"].label_from_instance = _label


class SignForm(forms.Form):
    actor = forms.ModelChoiceField(label=_("Sign for"), queryset=Actor.objects.none(), empty_label=None,
                                   widget=forms.RadioSelect)

    def __init__(self, *args, actors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["actor"].queryset = actors
        only = list(actors[:2])
        if len(only) == 1:
            self.fields["actor"].initial = only[0].pk
