"""What people type in the knowledge bank."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from samverka.core.forms import Select
from samverka.municipality.models import Office

from .models import LANGUAGES, Audience, Guide, Topic

BODY_HELP = _("Separate paragraphs with an empty line. A line starting with ## is a heading, ### a smaller "
              "heading, and lines starting with - make a list.")
LANGUAGE_NAMES = {"sv": _("Swedish"), "en": _("English"), "ar": _("Arabic")}
# Whole labels, so that each language's words can be put in order: "Titel på svenska".
LABELS = {
    "sv": (_("Title in Swedish"), _("Summary in Swedish"), _("Text in Swedish")),
    "en": (_("Title in English"), _("Summary in English"), _("Text in English")),
    "ar": (_("Title in Arabic"), _("Summary in Arabic"), _("Text in Arabic")),
}


def _text_fields(lang: str, required: bool) -> dict[str, forms.Field]:
    attrs = {"lang": lang, "dir": "rtl" if lang == "ar" else "ltr"}
    title, summary, body = LABELS[lang]
    return {
        f"title_{lang}": forms.CharField(
            label=title, max_length=200, required=required,
            widget=forms.TextInput(attrs=attrs),
            error_messages={"required": _("Write the guide's title in Swedish."),
                            "max_length": _("Write a title of at most 200 characters.")}),
        f"summary_{lang}": forms.CharField(
            label=summary, max_length=600, required=required,
            help_text=_("Two or three short sentences in plain language: what the guide helps with."),
            widget=forms.Textarea(attrs={**attrs, "rows": 3}),
            error_messages={"required": _("Write a short summary in Swedish."),
                            "max_length": _("Write a summary of at most 600 characters.")}),
        f"body_{lang}": forms.CharField(
            label=body, max_length=30000, required=required,
            help_text=BODY_HELP, widget=forms.Textarea(attrs={**attrs, "rows": 16}),
            error_messages={"required": _("Write the guide's text in Swedish."),
                            "max_length": _("Write a text of at most 30 000 characters.")}),
    }


class GuideForm(forms.Form):
    """A guide's texts in every language and, for the municipality's writers, its facts. An
    invited writer from civil society (`facts=False`) changes the texts only. `base` is the
    version the form was opened on."""

    topic = forms.ChoiceField(label=_("Topic"), choices=[("", _("Choose a topic"))] + Topic.choices, widget=Select,
                              error_messages={"required": _("Choose the guide's topic.")})
    office = forms.ModelChoiceField(
        label=_("Office"), queryset=Office.objects.all(), required=False, widget=Select,
        help_text=_("The office the guide belongs to. Needed for a guide about an office."))
    audience = forms.ChoiceField(label=_("For whom"), choices=Audience.choices, initial=Audience.EVERYONE,
                                 widget=forms.RadioSelect)
    invited_actor = forms.ModelChoiceField(
        label=_("Written with an association"), queryset=Guide._meta.get_field("invited_actor").related_model.objects
        .order_by("name"), required=False, widget=Select,
        help_text=_("Its representatives may write the draft; an official publishes it."))
    note = forms.CharField(label=_("What did you change?"), max_length=300, required=False,
                           help_text=_("A few words for the history, for example: new telephone hours."),
                           error_messages={"max_length": _("Write at most 300 characters.")})
    base = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, facts: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        texts = {}
        for lang in LANGUAGES:
            texts.update(_text_fields(lang, lang == "sv"))
        self.fields = {**texts, **self.fields}
        if not facts:
            for name in ("topic", "office", "audience", "invited_actor"):
                del self.fields[name]
        self.groups = [(lang, LANGUAGE_NAMES[lang], [self[f"{n}_{lang}"] for n in ("title", "summary", "body")])
                       for lang in LANGUAGES]

    @classmethod
    def initial_for(cls, guide: Guide) -> dict:
        initial = {name: getattr(guide, name) for name in cls.text_names()}
        initial.update(topic=guide.topic, office=guide.office_id, audience=guide.audience,
                       invited_actor=guide.invited_actor_id, base=guide.version)
        return initial

    @staticmethod
    def text_names() -> list[str]:
        return [f"{n}_{lang}" for lang in LANGUAGES for n in ("title", "summary", "body")]

    def clean(self):
        data = super().clean()
        for lang in LANGUAGES[1:]:
            title, summary, body = (data.get(f"{n}_{lang}") for n in ("title", "summary", "body"))
            if (summary or body) and not title:
                self.add_error(f"title_{lang}", _("Write a title for this language too, or leave its three "
                                                  "fields empty."))
        if data.get("topic") == Topic.OFFICE and not data.get("office"):
            self.add_error("office", _("Choose the office that the guide is about."))
        return data

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("base", None)
        data.pop("note", None)
        return data


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search the knowledge bank"), max_length=200, required=False,
                        widget=forms.TextInput(attrs={"type": "search"}))
    amne = forms.ChoiceField(label=_("Topic"), choices=[("", _("All topics"))] + Topic.choices, required=False,
                             widget=Select)

    def value(self, name: str) -> str:
        return self.cleaned_data.get(name, "") if self.is_valid() else ""
