from django import forms
from django.utils.translation import gettext_lazy as _

from samverka.core.phone import PhoneNumberField
from samverka.municipality.models import District, Office

from .models import Case, Consent, Topic

MESSAGE_MAX = 5000
NOTE_MAX = 5000


class CaseForm(forms.Form):
    kind = forms.ChoiceField(label=_("What do you want to do?"), choices=Case.Kind.choices, widget=forms.RadioSelect,
                             error_messages={"required": _("Choose what you want to do."),
                                             "invalid_choice": _("Choose what you want to do.")})
    topic = forms.ModelChoiceField(
        label=_("What is it about?"), queryset=Topic.objects.all(), widget=forms.RadioSelect, empty_label=None,
        help_text=_("Choose the closest. If nothing fits, choose “Something else”: we find the right person."),
        error_messages={"required": _("Choose what it is about."),
                        "invalid_choice": _("Choose what it is about.")})
    district = forms.ModelChoiceField(
        label=_("Part of the municipality"), queryset=District.objects.all(), required=False,
        empty_label=_("Don't know, or the whole municipality"),
        help_text=_("Where does it concern? It helps us find the right person."),
        error_messages={"invalid_choice": _("Choose a part of the municipality from the list.")})
    message = forms.CharField(
        label=_("Your message"), max_length=MESSAGE_MAX, widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Write in your own words. You do not need to know who in the municipality handles it."),
        error_messages={"required": _("Write your message."),
                        "max_length": _("Write at most %(limit_value)d characters (you wrote %(show_value)d).")})
    name = forms.CharField(label=_("Your name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"}),
                           error_messages={"required": _("Write your name, so that we know what to call you."),
                                           "max_length": _("Write at most %(limit_value)d characters.")})
    email = forms.EmailField(label=_("E-mail address"), required=False, max_length=254,
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}),
                             help_text=_("We send the case number and our answer here."),
                             error_messages={"invalid": _("Write an e-mail address like name@example.se.")})
    phone = PhoneNumberField(label=_("Phone"), required=False,
                             help_text=_("If you have no e-mail, we answer by text message or call you. For example 070-123 45 67."))
    # A field people never see (cases.css hides it); form-filling robots fill it in.
    website = forms.CharField(label=_("Leave this field empty"), required=False, max_length=200,
                              widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user if getattr(user, "is_authenticated", False) else None
        if self.user is not None:
            self.fields["email"].help_text = _("We send the case number and our answer here. "
                                               "You also find the case under My pages.")

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def clean_message(self):
        message = self.cleaned_data["message"].strip()
        if not message:
            raise forms.ValidationError(_("Write your message."), code="required")
        return message

    def clean(self):
        data = super().clean()
        if self.user is None and not data.get("email") and not data.get("phone") \
                and "email" not in self.errors and "phone" not in self.errors:
            self.add_error("email", _("Write an e-mail address or a phone number, so that we can answer you."))
        return data

    @property
    def is_robot(self) -> bool:
        return bool(self.data.get("website", "").strip())

    @property
    def visible_fields_list(self):
        return [self[name] for name in self.fields if name != "website"]


class CaseFilterForm(forms.Form):
    STATUS_CHOICES = [
        ("open", _("Waiting for an answer")),
        ("news", _("News from the sender")),
        ("answered", _("Answered")),
        ("closed", _("Closed")),
        ("all", _("All")),
    ]
    status = forms.ChoiceField(label=_("Status"), choices=STATUS_CHOICES, required=False)
    topic = forms.ModelChoiceField(label=_("Topic"), queryset=Topic.objects.all(), required=False,
                                   empty_label=_("All topics"))
    office = forms.ModelChoiceField(label=_("Office"), queryset=Office.objects.all(), required=False,
                                    empty_label=_("All my offices"))
    mine = forms.BooleanField(label=_("Only cases I handle"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if user.is_superuser or user.is_process_leader:
            self.fields["office"].empty_label = _("All offices")
        else:
            self.fields["office"].queryset = Office.objects.filter(pk__in=user.office_ids)
            if len(user.office_ids) < 2:
                del self.fields["office"]

    def value(self, name, default=None):
        if not self.is_bound or not self.is_valid():
            return default
        return self.cleaned_data.get(name) or default


class RerouteForm(forms.Form):
    office = forms.ModelChoiceField(label=_("Hand to"), queryset=Office.objects.all(), empty_label=_("Choose an office"),
                                    error_messages={"required": _("Choose the office that takes over."),
                                                    "invalid_choice": _("Choose the office that takes over.")})
    note = forms.CharField(label=_("Note for the office that takes over"), max_length=NOTE_MAX,
                           widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("Why it belongs there and what has been done. The sender does not see this."),
                           error_messages={"required": _("Write a note for the office that takes over.")})

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        if case is not None and case.office_id:
            self.fields["office"].queryset = Office.objects.exclude(pk=case.office_id)


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Your note"), max_length=NOTE_MAX, widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("Only officials see notes. The sender does not."),
                           error_messages={"required": _("Write the note.")})


class AnswerForm(forms.Form):
    text = forms.CharField(label=_("Your answer"), max_length=MESSAGE_MAX,
                           widget=forms.Textarea(attrs={"rows": 6}),
                           help_text=_("Sent by e-mail, or by text message if the sender gave only a phone number. "
                                       "Write plainly and say what happens next."),
                           error_messages={"required": _("Write the answer."),
                                           "max_length": _("Write at most %(limit_value)d characters (you wrote %(show_value)d).")})
    close = forms.BooleanField(label=_("Close the case when the answer is sent"), required=False)


class CloseForm(forms.Form):
    note = forms.CharField(label=_("Note about closing"), max_length=NOTE_MAX, required=False,
                           widget=forms.Textarea(attrs={"rows": 2}),
                           help_text=_("Only officials see it. For example: answered by phone on 12 May."))


class ReplyForm(forms.Form):
    """The sender writes more in their own case."""

    text = forms.CharField(
        label=_("Your message"), max_length=MESSAGE_MAX, widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Answer our questions or add something you forgot. The office handling your case sees it."),
        error_messages={"required": _("Write your message."),
                        "max_length": _("Write at most %(limit_value)d characters (you wrote %(show_value)d).")})


class LinkCaseForm(CaseForm):
    """A person contacts a link across organisations on its own page."""

    consent = forms.BooleanField(
        label=_("Yes, my name, contact details and message may be passed to the organisation in the link that can "
                "help me best."), required=False,
        help_text=_("Without it only the municipality handles your case. You can withdraw it at any time on your "
                    "case's page."))

    def __init__(self, *args, link, **kwargs):
        super().__init__(*args, **kwargs)
        topics = link.topics.all()
        if topics.exists():
            self.fields["topic"].queryset = topics
        self.fields["kind"].initial = Case.Kind.QUESTION


class RegisterCallForm(CaseForm):
    """A handler of a party registers a phone call for the person who called."""

    consent = forms.BooleanField(
        label=_("The person agreed on the phone that their details are kept by our organisation and the link's "
                "parties that help them."),
        error_messages={"required": _("Ask the person for their consent and tick the box. Without it, ask them to "
                                      "contact the municipality.")})

    def __init__(self, *args, party, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].initial = Case.Kind.QUESTION
        topics = party.link.topics.all()
        if topics.exists():
            self.fields["topic"].queryset = topics
        self.fields["email"].help_text = _("If the person has one. We send the case number and the answer here.")
        self.fields["phone"].help_text = _("The number to call back.")

    def clean(self):
        data = forms.Form.clean(self)
        if not data.get("email") and not data.get("phone") and "email" not in self.errors \
                and "phone" not in self.errors:
            self.add_error("phone", _("Write the number to call back, or an e-mail address."))
        return data


class HandOverForm(forms.Form):
    party = forms.ModelChoiceField(label=_("Hand to"), queryset=None, empty_label=_("Choose a party"),
                                   error_messages={"required": _("Choose the party that takes over."),
                                                   "invalid_choice": _("Choose the party that takes over.")})
    note = forms.CharField(label=_("Note for the party that takes over"), max_length=NOTE_MAX,
                           widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("Why it belongs there and what has been done. The deadline stays as it is."),
                           error_messages={"required": _("Write a note for the party that takes over.")})

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        from .models import LinkParty

        queryset = LinkParty.objects.filter(link_id=case.link_id).select_related("actor", "office")
        self.fields["party"].queryset = queryset.exclude(pk=case.party_id) if case.party_id else queryset
        self.fields["party"].label_from_instance = lambda party: party.label


class ConsentForm(forms.Form):
    party = forms.ModelChoiceField(label=_("To"), queryset=None, required=False,
                                   empty_label=_("Any party of the link"),
                                   error_messages={"invalid_choice": _("Choose a party of the link.")})
    scope = forms.ChoiceField(label=_("What"), choices=Consent.Scope.choices, initial=Consent.Scope.ALL,
                              error_messages={"required": _("Choose what the person agreed to."),
                                              "invalid_choice": _("Choose what the person agreed to.")})

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        from .models import LinkParty

        self.fields["party"].queryset = LinkParty.objects.filter(link_id=case.link_id, actor__isnull=False) \
            .select_related("actor")
        self.fields["party"].label_from_instance = lambda party: party.label
