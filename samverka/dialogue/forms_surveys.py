"""Forms of the surveys: the office's survey and question forms, and the answer form built from
a survey's questions (choice: radios; multiple: checkboxes; scale: a row of radios; free text: a
text area; ranking: a place to choose for each option, each place used once, no JavaScript)."""

from __future__ import annotations

from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Question, Survey

MAX_SCALE_STEPS = 11


def _bdi(text: str):
    """Text the office wrote, in its own direction on an Arabic page."""
    return format_html("<bdi>{}</bdi>", text)


class SurveyForm(forms.ModelForm):
    class Meta:
        model = Survey
        fields = ["title", "intro", "respondent", "anonymous"]
        widgets = {"respondent": forms.RadioSelect, "intro": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, answered: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if answered:
            for name in ("respondent", "anonymous"):
                self.fields[name].disabled = True
                self.fields[name].help_text = _("People have answered: this can no longer change.")


class QuestionForm(forms.ModelForm):
    """A question, its options' wording (one field per option, with a box to remove it) and new
    options, one per line."""

    new_options = forms.CharField(
        label=gettext_lazy("New options"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("One option per line. Used by the kinds one choice, several choices and ranking."))

    class Meta:
        model = Question
        fields = ["kind", "text", "help_text", "required", "scale_min", "scale_max", "scale_min_label",
                  "scale_max_label"]
        widgets = {"kind": forms.RadioSelect}
        labels = {"scale_min": gettext_lazy("Scale from"), "scale_max": gettext_lazy("Scale to"),
                  "scale_min_label": gettext_lazy("Words for the lowest step"),
                  "scale_max_label": gettext_lazy("Words for the highest step")}

    def __init__(self, *args, answered: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.option_names: list[tuple[int, str, str]] = []
        if self.instance.pk:
            for option in self.instance.options.all():
                text_name, remove_name = f"option_{option.pk}", f"remove_{option.pk}"
                self.fields[text_name] = forms.CharField(
                    label=_("Option %(n)s") % {"n": len(self.option_names) + 1}, initial=option.text, max_length=200)
                self.fields[remove_name] = forms.BooleanField(
                    label=_("Remove this option"), required=False)
                self.option_names.append((option.pk, text_name, remove_name))
            self.order_fields([*self.Meta.fields, *(n for o in self.option_names for n in o[1:]), "new_options"])
        if answered:
            for name in ("kind", "scale_min", "scale_max"):
                self.fields[name].disabled = True
                self.fields[name].help_text = _("People have answered this question: this can no longer change.")

    def clean_new_options(self) -> list[str]:
        lines = [line.strip() for line in self.cleaned_data["new_options"].splitlines()]
        lines = [line for line in lines if line]
        if any(len(line) > 200 for line in lines):
            raise forms.ValidationError(_("Keep each option to 200 characters or fewer."))
        return lines

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == Question.Kind.SCALE:
            low, high = data.get("scale_min"), data.get("scale_max")
            if low is not None and high is not None and not 0 < high - low < MAX_SCALE_STEPS:
                self.add_error("scale_max", _("Make the highest step bigger than the lowest, at most %(n)s steps.")
                               % {"n": MAX_SCALE_STEPS})
        if kind in (Question.Kind.CHOICE, Question.Kind.MULTIPLE, Question.Kind.RANKING):
            kept = sum(1 for _pk, _text, remove in self.option_names if not data.get(remove))
            if kept + len(data.get("new_options") or []) < 2:
                self.add_error("new_options", _("Write at least two options, one per line."))
        return data

    @property
    def option_texts(self) -> dict[int, str]:
        return {pk: self.cleaned_data[text] for pk, text, _remove in self.option_names}

    @property
    def remove_options(self) -> set[int]:
        return {pk for pk, _text, remove in self.option_names if self.cleaned_data.get(remove)}


class AnswerForm(forms.Form):
    """An answer to every question of a survey. After `is_valid()`, `answers` maps each answered
    question to its value (see `services_surveys.answer`) and `actor` is the chosen association."""

    def __init__(self, *args, questions: list[Question], actors=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        self.actors = {str(a.pk): a for a in actors or []}
        self.answers: dict[Question, object] = {}
        self.actor = None
        if actors is not None:
            self.fields["actor"] = forms.ChoiceField(
                label=_("You answer for"), widget=forms.RadioSelect,
                choices=[(str(a.pk), a.name) for a in actors],
                error_messages={"required": _("Choose the association you answer for."),
                                "invalid_choice": _("Choose one of the associations shown.")})
        for q in questions:
            name = f"q{q.pk}"
            common = {"label": _bdi(q.text), "help_text": _bdi(q.help_text) if q.help_text else "",
                      "required": q.required}
            options = [(str(o.pk), _bdi(o.text)) for o in q.options.all()]
            wrong = {"invalid_choice": _("Choose one of the options shown."),
                     "required": _("Answer this question.")}
            if q.kind == Question.Kind.CHOICE:
                self.fields[name] = forms.ChoiceField(widget=forms.RadioSelect, choices=options,
                                                      error_messages=wrong, **common)
            elif q.kind == Question.Kind.MULTIPLE:
                self.fields[name] = forms.MultipleChoiceField(
                    widget=forms.CheckboxSelectMultiple, choices=options,
                    error_messages={**wrong, "required": _("Choose at least one option.")}, **common)
            elif q.kind == Question.Kind.SCALE:
                self.fields[name] = forms.TypedChoiceField(
                    widget=forms.RadioSelect, coerce=int, choices=self._steps(q), error_messages=wrong, **common)
            elif q.kind == Question.Kind.TEXT:
                self.fields[name] = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), max_length=5000,
                                                    error_messages=wrong, **common)
            else:
                places = [("", "–")] + [(str(n), str(n)) for n in range(1, len(options) + 1)]
                for option in q.options.all():
                    self.fields[f"{name}_{option.pk}"] = forms.ChoiceField(
                        label=_bdi(option.text), choices=places, required=False,
                        error_messages={"invalid_choice": _("Choose a place from the list.")})

    @staticmethod
    def _steps(q: Question) -> list[tuple[int, str]]:
        steps = []
        for n in range(q.scale_min, q.scale_max + 1):
            words = q.scale_min_label if n == q.scale_min else q.scale_max_label if n == q.scale_max else ""
            steps.append((n, format_html("{} <bdi>{}</bdi>", n, f"– {words}") if words else str(n)))
        return steps

    def blocks(self) -> list[dict]:
        """The questions in order, each with its field (or, for ranking, its option fields)."""
        out = []
        for q in self.questions:
            if q.kind == Question.Kind.RANKING:
                fields = [self[f"q{q.pk}_{o.pk}"] for o in q.options.all()]
                out.append({"question": q, "ranking": fields, "errors": [e for f in fields for e in f.errors][:1]})
            else:
                out.append({"question": q, "field": self[f"q{q.pk}"]})
        return out

    def clean(self):
        data = super().clean()
        if "actor" in self.fields and data.get("actor"):
            self.actor = self.actors[data["actor"]]
        for q in self.questions:
            name = f"q{q.pk}"
            options = {str(o.pk): o for o in q.options.all()}
            if q.kind == Question.Kind.RANKING:
                self._clean_ranking(q, options, data)
            elif name not in data or data[name] in (None, "", []):
                continue
            elif q.kind == Question.Kind.CHOICE:
                self.answers[q] = options[data[name]]
            elif q.kind == Question.Kind.MULTIPLE:
                self.answers[q] = [options[pk] for pk in options if pk in data[name]]
            else:
                self.answers[q] = data[name]
        return data

    def _clean_ranking(self, q: Question, options: dict, data: dict) -> None:
        names = {pk: f"q{q.pk}_{pk}" for pk in options}
        if any(name in self.errors for name in names.values()):
            return
        places = {pk: int(data[name]) for pk, name in names.items() if data.get(name)}
        first = next(iter(names.values()), None)
        if not places:
            if q.required and first:
                self.add_error(first, _("Give each option a place."))
            return
        if len(places) < len(names):
            self.add_error(first, _("Give every option a place, or leave them all empty."))
        elif sorted(places.values()) != list(range(1, len(names) + 1)):
            self.add_error(first, _("Use each place once: %(places)s.")
                           % {"places": ", ".join(str(n) for n in range(1, len(names) + 1))})
        else:
            self.answers[q] = [options[pk] for pk in sorted(places, key=places.get)]
