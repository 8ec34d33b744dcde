"""What people type in grants: the application (with its budget and attachments), a
review, the committee's decision and a payout."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from samverka.core.forms import DATE_FORMATS, DateInput
from samverka.core.uploads import CheckedDocumentField

from .models import ActorKinds, AnnualDocument, Application, BudgetLine, Decision, GrantProgramme, PaymentDetails
from .services import PROGRAMME_FIELDS, CriterionLine, Line

# What an association may send: PDF, images and office documents, each told by its content.
DOCUMENT_KINDS = ("pdf", "png", "jpeg", "docx", "xlsx", "odt", "ods")

MAX_AMOUNT = 100_000_000
BUDGET_ROWS_EXTRA = 3
OTHER = "__other__"


class PartErrors:
    """Errors for a part of the page that is no single field (the budget table, the criteria).
    `PARTS = {"budget": "amount_asked"}` names each part (its element's id) and the field it
    follows on the page (None: after the last field). The part shows `form.part_errors.budget`
    next to itself; components/error_summary.html lists it after that field, linked to the part."""

    PARTS: dict[str, str | None] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.part_errors: dict[str, str] = {}

    def add_part_error(self, part: str, message: str) -> None:
        self.part_errors[part] = message

    @property
    def summary_extra(self) -> list[tuple[str | None, str, str]]:
        """(the field it follows, the part's id, the message), for the error summary."""
        return [(self.PARTS[part], part, message) for part, message in self.part_errors.items()]


class ChooseActorForm(forms.Form):
    actor = forms.TypedChoiceField(label=_("Who applies?"), coerce=int, widget=forms.RadioSelect)

    def __init__(self, *args, actors, **kwargs):
        super().__init__(*args, **kwargs)
        self.actors = {actor.pk: actor for actor in actors}
        self.fields["actor"].choices = [(actor.pk, actor.name) for actor in actors]
        if len(actors) == 1:
            self.fields["actor"].initial = actors[0].pk

    def chosen(self):
        return self.actors[self.cleaned_data["actor"]]


class ApplicationForm(PartErrors, forms.ModelForm):
    PARTS = {"budget": "amount_asked"}

    amount_asked = forms.IntegerField(label=_("Amount you apply for (SEK)"), required=False, min_value=1,
                                      max_value=MAX_AMOUNT, help_text=_("In whole kronor, e.g. 15000."))
    attachment_label = forms.ChoiceField(label=_("What the file is"), required=False)
    attachment = CheckedDocumentField(label=_("Attach a file"), required=False, kinds=DOCUMENT_KINDS,
                                      help_text=_("A PDF, an image (PNG, JPEG) or an office document (docx, xlsx, "
                                                  "odt, ods). It is kept with the application and shown only to "
                                                  "you and the officials who handle it."))

    class Meta:
        model = Application
        fields = ["title", "purpose", "amount_asked"]
        widgets = {"purpose": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attachment_label"].choices = [("", _("Choose")), *((label, label) for label in
                                                                        programme.attachment_labels),
                                                   (OTHER, _("Something else"))]

    def clean(self):
        data = super().clean()
        if data.get("attachment") and not data.get("attachment_label"):
            self.add_error("attachment_label", _("Choose what the file is."))
        return data

    def attachment_name(self) -> str:
        label = self.cleaned_data.get("attachment_label")
        return str(_("Other attachment")) if label == OTHER else label


class BudgetLineForm(forms.Form):
    kind = forms.ChoiceField(label=_("Income or cost"), choices=[("", "–"), *BudgetLine.Kind.choices],
                             required=False)
    label = forms.CharField(label=_("What"), max_length=150, required=False)
    amount = forms.IntegerField(label=_("Amount (SEK)"), min_value=0, max_value=MAX_AMOUNT, required=False)

    def clean(self):
        data = super().clean()
        filled = [bool(data.get("kind")), bool((data.get("label") or "").strip()), data.get("amount") is not None]
        if any(filled) and not all(filled):
            raise forms.ValidationError(_("Fill in income or cost, what, and the amount, or leave the row empty."))
        return data


BudgetFormSet = forms.formset_factory(BudgetLineForm, extra=BUDGET_ROWS_EXTRA, max_num=60)


def budget_formset(data=None, *, application: Application) -> forms.BaseFormSet:
    initial = [{"kind": line.kind, "label": line.label, "amount": line.amount}
               for line in application.budget_lines.all()]
    return BudgetFormSet(data, initial=initial, prefix="budget")


def budget_lines(formset) -> list[Line]:
    return [Line(kind=f.cleaned_data["kind"], label=f.cleaned_data["label"].strip(), amount=f.cleaned_data["amount"])
            for f in formset.forms if f.cleaned_data.get("kind")]


class ReviewForm(forms.Form):
    comment = forms.CharField(label=_("Comment"), max_length=3000, widget=forms.Textarea(attrs={"rows": 5}),
                              help_text=_("What the scores rest on. The committee and the applicant may read it."))

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        fields = {}
        for criterion in self.criteria:
            fields[f"score_{criterion.pk}"] = forms.TypedChoiceField(
                label=_("%(name)s (weight %(weight)s)") % {"name": criterion.name, "weight": criterion.weight},
                choices=[(n, str(n)) for n in range(6)], coerce=int, widget=forms.RadioSelect)
        self.fields = {**fields, **self.fields}

    def scores(self) -> dict[int, int]:
        return {c.pk: self.cleaned_data[f"score_{c.pk}"] for c in self.criteria}


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Decision"), choices=Decision.Outcome.choices, widget=forms.RadioSelect)
    amount = forms.IntegerField(label=_("Amount granted (SEK)"), min_value=0, max_value=MAX_AMOUNT, required=False)
    reasons = forms.CharField(label=_("Reasons"), max_length=3000, widget=forms.Textarea(attrs={"rows": 5}),
                              help_text=_("Published with the decision: why it was granted or refused. Names of the "
                                          "case's contact persons and reviewers are removed when published; "
                                          "write no other personal details."))
    meeting_date = forms.DateField(label=_("Committee meeting"), widget=DateInput(), input_formats=DATE_FORMATS)


class PayoutForm(forms.Form):
    paid_on = forms.DateField(label=_("Paid on"), widget=DateInput(), input_formats=DATE_FORMATS)
    amount = forms.IntegerField(label=_("Amount (SEK)"), min_value=1, max_value=MAX_AMOUNT)


class ProgrammeForm(PartErrors, forms.ModelForm):
    """A programme's settings, for its committee's officials (and the admin)."""

    PARTS = {"criteria": None}

    eligible_kinds = forms.MultipleChoiceField(label=_("Who may apply"), required=False,
                                               choices=ActorKinds.CHOICES, widget=forms.CheckboxSelectMultiple,
                                               help_text=_("None chosen: every kind."))

    class Meta:
        model = GrantProgramme
        fields = PROGRAMME_FIELDS
        widgets = {"opens_on": DateInput(), "closes_on": DateInput(), "follow_up_due_on": DateInput(),
                   "description": forms.Textarea(attrs={"rows": 5}),
                   "required_attachments": forms.Textarea(attrs={"rows": 3}),
                   "follow_up_questions": forms.Textarea(attrs={"rows": 4}),
                   "sdg_goals": forms.CheckboxSelectMultiple}

    def __init__(self, *args, committees=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("opens_on", "closes_on", "follow_up_due_on"):
            self.fields[name].input_formats = DATE_FORMATS
        if committees is not None:
            self.fields["committee"].queryset = committees
        self.fields["committee"].empty_label = None if committees is not None and len(committees) == 1 else "–"
        self.fields["kind"].choices = GrantProgramme.Kind.choices

    def clean(self):
        data = super().clean()
        if data.get("opens_on") and data.get("closes_on") and data["closes_on"] < data["opens_on"]:
            self.add_error("closes_on", _("The last day to apply cannot be before applications open."))
        return data

    def data_for_service(self) -> dict:
        return {name: self.cleaned_data[name] for name in PROGRAMME_FIELDS if name in self.cleaned_data}


class CriterionForm(forms.Form):
    name = forms.CharField(label=_("Criterion"), max_length=200, required=False)
    weight = forms.IntegerField(label=_("Weight"), min_value=1, max_value=10, required=False)

    def clean(self):
        data = super().clean()
        if (data.get("name") or "").strip() and data.get("weight") is None:
            self.add_error("weight", _("Give the criterion a weight from 1 to 10."))
        return data


CriterionFormSet = forms.formset_factory(CriterionForm, extra=2, max_num=20)


def criteria_formset(data=None, *, programme: GrantProgramme | None) -> forms.BaseFormSet:
    initial = [{"name": c.name, "weight": c.weight} for c in programme.criteria.all()] if programme and programme.pk \
        else []
    return CriterionFormSet(data, initial=initial, prefix="criteria")


def criterion_lines(formset) -> list[CriterionLine]:
    return [CriterionLine(name=f.cleaned_data["name"].strip(), weight=f.cleaned_data["weight"])
            for f in formset.forms if (f.cleaned_data.get("name") or "").strip()]


class AnnualDocumentForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Financial year"), coerce=int)
    kind = forms.ChoiceField(label=_("Document"), choices=AnnualDocument.Kind.choices, widget=forms.RadioSelect)
    file = CheckedDocumentField(label=_("File"), kinds=DOCUMENT_KINDS,
                                help_text=_("A PDF, an image or an office document (Word, Excel, OpenDocument)."))

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, str(year)) for year in years]


class ReturnDocumentForm(forms.Form):
    reason = forms.CharField(label=_("What must be corrected"), max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 3}))


class DetailsForm(forms.Form):
    """The organisation number and the account: asked for by a representative, changed by an official."""

    organisation_number = forms.CharField(label=_("New organisation number"), max_length=13, required=False,
                                          help_text=_("Ten digits, for example 802400-1235. Leave empty if it "
                                                      "stays the same."))
    account_kind = forms.ChoiceField(label=_("Account"), required=False, widget=forms.RadioSelect,
                                     choices=PaymentDetails.Account.choices)
    account_number = forms.CharField(label=_("New account number"), max_length=20, required=False,
                                     help_text=_("The bankgiro or plusgiro number grants are paid to."))
    note = forms.CharField(label=_("Why the change"), max_length=2000, required=False,
                           widget=forms.Textarea(attrs={"rows": 3}))

    def values(self) -> dict:
        data = self.cleaned_data
        return {"organisation_number": data["organisation_number"].strip(), "account_kind": data["account_kind"],
                "account_number": data["account_number"].strip()}


class ReportForm(forms.Form):
    """The follow-up report: one answer per question of the programme, and a file."""

    attachment = CheckedDocumentField(label=_("Attach a file"), required=False, kinds=DOCUMENT_KINDS,
                                      help_text=_("For example the accounts for the grant or photos. A PDF, an "
                                                  "image or an office document."))

    def __init__(self, *args, questions: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        answers = {f"answer_{n}": forms.CharField(label=question, max_length=3000,
                                                   widget=forms.Textarea(attrs={"rows": 4}))
                   for n, question in enumerate(questions)}
        self.fields = {**answers, **self.fields}

    def answers(self) -> list[str]:
        return [self.cleaned_data[f"answer_{n}"] for n in range(len(self.questions))]


class ReclaimForm(forms.Form):
    amount = forms.IntegerField(label=_("Amount to pay back (SEK)"), min_value=1, max_value=MAX_AMOUNT)
    reasons = forms.CharField(label=_("Reasons"), max_length=3000, widget=forms.Textarea(attrs={"rows": 4}),
                              help_text=_("Published with the decision."))
    meeting_date = forms.DateField(label=_("Committee meeting"), widget=DateInput(), input_formats=DATE_FORMATS)


COMMITTEE = "committee"


class NominationForm(forms.Form):
    nominee = forms.TypedChoiceField(label=_("Who do you nominate?"), coerce=int)
    by = forms.ChoiceField(label=_("Who nominates?"), widget=forms.RadioSelect)
    title = forms.CharField(label=_("Why, in a few words"), max_length=150)
    motivation = forms.CharField(label=_("Reasons for the nomination"), max_length=5000,
                                 widget=forms.Textarea(attrs={"rows": 6}),
                                 help_text=_("What they have done and for whom. The nomination becomes a public "
                                             "record; do not write other people's personal details."))

    def __init__(self, *args, nominees, actors, committee_label=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.nominees = {actor.pk: actor for actor in nominees}
        self.actors = {str(actor.pk): actor for actor in actors}
        self.fields["nominee"].choices = [("", _("Choose")), *((a.pk, a.name) for a in nominees)]
        choices = [(str(actor.pk), actor.name) for actor in actors]
        if committee_label:
            choices.append((COMMITTEE, committee_label))
        self.fields["by"].choices = choices
        if len(choices) == 1:
            self.fields["by"].initial = choices[0][0]

    def nominee_actor(self):
        return self.nominees[self.cleaned_data["nominee"]]

    def nominating_actor(self):
        by = self.cleaned_data["by"]
        return None if by == COMMITTEE else self.actors[by]
