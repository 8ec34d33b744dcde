"""What people type for consultations (remiss): the office's consultation, its documents and
recipients, and a recipient's answer."""

from __future__ import annotations

from django import forms
from django.forms.models import ModelChoiceIteratorValue
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from samverka.activities.forms import DateTimeInput
from samverka.actors.models import Actor
from samverka.core.uploads import DOCUMENT_KINDS, CheckedDocumentField
from samverka.municipality.models import Area
from samverka.networks.models import Group

DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"]
MAX_QUESTIONS = 30


class ConsultationForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(label=_("What we ask"), max_length=5000, widget=forms.Textarea(attrs={"rows": 8}),
                           help_text=_("What the proposal is about and what you want the recipients to answer."))
    questions = forms.CharField(
        label=_("Questions"), max_length=MAX_QUESTIONS * 1000, widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Write at least one question.")},
        help_text=_("One question per line, in the order they are asked."))
    deadline = forms.DateTimeField(label=_("Answers by"), widget=DateTimeInput(), input_formats=DATETIME_FORMATS,
                                   help_text=_("Date and time, for example 2026-12-15 16:00."))
    remind_days_before = forms.IntegerField(
        label=_("Remind this many days before the deadline"), min_value=0, max_value=60, initial=7,
        help_text=_("Recipients who have not sent an answer get one reminder. 0: no reminder before the last day."))

    def clean_questions(self) -> list[str]:
        lines = [line.strip() for line in self.cleaned_data["questions"].splitlines() if line.strip()]
        if not lines:
            raise forms.ValidationError(_("Write at least one question."))
        if len(lines) > MAX_QUESTIONS:
            raise forms.ValidationError(_("Ask at most %(n)s questions.") % {"n": MAX_QUESTIONS})
        if any(len(line) > 1000 for line in lines):
            raise forms.ValidationError(_("A question may be at most 1000 characters long."))
        return lines

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        if deadline <= timezone.now():
            raise forms.ValidationError(_("The deadline has passed. Choose a date and time later than now."))
        return deadline

    def consultation_data(self) -> dict:
        d = self.cleaned_data
        return {"title": d["title"], "body": d["body"], "deadline": d["deadline"],
                "remind_days_before": d["remind_days_before"]}

    @staticmethod
    def initial_of(consultation) -> dict:
        return {"title": consultation.title, "body": consultation.body,
                "questions": "\n".join(q.text for q in consultation.questions.all()),
                "deadline": timezone.localtime(consultation.deadline),
                "remind_days_before": consultation.remind_days_before}


class DeadlineForm(forms.Form):
    deadline = forms.DateTimeField(label=_("New deadline"), widget=DateTimeInput(), input_formats=DATETIME_FORMATS,
                                   help_text=_("Date and time, for example 2026-12-15 16:00. Those who have not "
                                               "answered yet are told."))

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        if deadline <= timezone.now():
            raise forms.ValidationError(_("The deadline has passed. Choose a date and time later than now."))
        return deadline


class FixedCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes of which some (`fixed`, the values) are ticked and cannot be unticked."""

    fixed: frozenset = frozenset()

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex=subindex, attrs=attrs)
        if getattr(value, "value", value) in self.fixed:
            option["selected"] = True
            option["attrs"] = {**option["attrs"], "checked": True, "disabled": True}
        return option


class RecipientSearchForm(forms.Form):
    """Narrows the actors offered on the recipients page (a city's register is long): by name,
    kind and area. Never required; a bad value is ignored."""

    q = forms.CharField(label=_("Name"), max_length=100, required=False)
    kind = forms.ChoiceField(label=_("Kind of actor"), required=False,
                             choices=[("", _("All kinds")), *Actor.Kind.choices])
    area = forms.ModelChoiceField(label=_("Area"), required=False, queryset=Area.objects.all(),
                                  empty_label=_("All areas"))

    def filter(self, actors):
        data = self.cleaned_data if self.is_valid() else {}
        if data.get("q"):
            actors = actors.filter(name__icontains=data["q"].strip())
        if data.get("kind"):
            actors = actors.filter(kind=data["kind"])
        if data.get("area"):
            actors = actors.filter(areas=data["area"])
        return actors


class RecipientsForm(forms.Form):
    """Once the consultation is sent, those already asked (`fixed_actors`, `fixed_groups`: ids)
    are shown ticked and disabled, and stay asked whatever is posted."""

    groups = forms.ModelMultipleChoiceField(
        label=_("Councils and groups"), required=False, widget=FixedCheckboxes,
        queryset=Group.objects.none(), help_text=_("A council answers as one body: its members draft, its chair sends."))
    actors = forms.ModelMultipleChoiceField(
        label=_("Associations and other actors"), required=False, widget=FixedCheckboxes,
        queryset=Actor.objects.none(), help_text=_("Any representative of the association may send its answer."))

    def __init__(self, *args, fixed_actors=(), fixed_groups=(), shown_actors=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["groups"].queryset = Group.objects.filter(
            lifecycle__in=[Group.Lifecycle.FORMING, Group.Lifecycle.ACTIVE]).order_by("kind", "name")
        self.fields["actors"].queryset = Actor.objects.published().order_by("name")
        if shown_actors is not None:
            # Offered: those chosen and the search's matches; any published actor is accepted.
            self.fields["actors"].widget.choices = [(ModelChoiceIteratorValue(a.pk, a), a.name) for a in shown_actors]
        self.fixed = {"actors": frozenset(fixed_actors), "groups": frozenset(fixed_groups)}
        for name, ids in self.fixed.items():
            self.fields[name].widget.fixed = ids
            if ids:
                self.fields[name].help_text = format_lazy(
                    "{} {}", self.fields[name].help_text,
                    _("Those already asked are ticked and cannot be removed: their answer may be under way."))

    def clean(self):
        data = super().clean()
        for name, model in (("actors", Actor), ("groups", Group)):
            if name in data:
                data[name] = list(data[name]) + [
                    o for o in model.objects.filter(pk__in=self.fixed[name]) if o not in data[name]]
        if not data.get("groups") and not data.get("actors"):
            raise forms.ValidationError(_("Choose at least one council, group or association."))
        return data


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title of the document"), max_length=200)
    file = CheckedDocumentField(label=_("File"), kinds=DOCUMENT_KINDS,
                                help_text=_("A PDF, an image or an office document (Word, Excel, OpenDocument)."))


class AnswerForm(forms.Form):
    """The recipient's one answer: a summary and one field per question, with the revision the
    editor opened (the optimistic lock)."""

    summary = forms.CharField(label=_("Our answer in short"), max_length=5000, required=False,
                              widget=forms.Textarea(attrs={"rows": 5, "dir": "auto"}))
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            self.fields[f"q{question.pk}"] = forms.CharField(
                label=question.text, max_length=10000, required=False,
                widget=forms.Textarea(attrs={"rows": 5, "dir": "auto"}))

    def parts(self) -> dict[int, str]:
        return {q.pk: self.cleaned_data.get(f"q{q.pk}", "").strip() for q in self.questions}

    @staticmethod
    def initial_of(answer) -> dict:
        if answer is None:
            return {"revision": 0}
        initial = {"summary": answer.summary, "revision": answer.revision}
        for part in answer.parts.all():
            if part.question_id:
                initial[f"q{part.question_id}"] = part.text
        return initial
