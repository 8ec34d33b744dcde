from django import forms
from django.utils.translation import gettext_lazy as _

from samverka.core.phone import PhoneNumberField
from samverka.municipality.models import District, Office

from .models import Case, Consent, Link, LinkParty, Topic

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


class ChoosesLinkParty:
    """The question which party of a link the person wants to contact (or none in particular:
    the link's rules decide), and their consent that their details go to an organisation
    outside the municipality: what, and to whom by name. `cleaned_data["party"]` is the
    LinkParty chosen, or None."""

    def add_party_fields(self, parties: list[LinkParty]) -> None:
        links = list({party.link_id: party.link for party in parties}.values()) or [getattr(self, "link", None)]
        several = len(links) > 1
        self.link_parties = {str(party.pk): party for party in parties}
        self.fields["party"] = forms.ChoiceField(
            label=_("Who do you want to contact?"), required=False, widget=forms.RadioSelect, initial="",
            choices=[("", _("No one in particular: let the link find the right one"))]
            + [(str(party.pk), f"{party.label} ({party.link.label})" if several else party.label) for party in parties],
            error_messages={"invalid_choice": _("Choose one of the parties in the list, or “No one in particular”.")})
        if str(self.initial.get("party", "")) not in self.link_parties:
            self.initial["party"] = ""
        partners = [party.label for party in parties if party.is_partner]
        municipality = links[0].coordinator_office.label if len(links) == 1 and links[0] else _("the municipality")
        self.fields["consent"] = forms.BooleanField(
            label=_("Yes, my name, contact details and message may go to the organisation I chose, or, if I let the "
                    "link decide, to the organisation in the link that can help me best."), required=False,
            help_text=(_("The organisations: %(names)s. Only the people each has named see your case. Without your "
                         "consent %(office)s handles your case. You can withdraw your consent at any time on your "
                         "case's page.") % {"names": ", ".join(partners), "office": municipality}) if partners else
            _("Without your consent only the municipality handles your case."))

    def clean_party(self):
        value = self.cleaned_data.get("party")
        return self.link_parties.get(value) if value else None

    def check_party(self, data, *, link) -> None:
        """The party chosen belongs to `link` (the link of the topic chosen), and an organisation
        outside the municipality only with consent: else a message next to the field."""
        party = data.get("party")
        if party is None or "party" in self.errors:
            return
        if link is None or party.link_id != link.pk:
            topics = ", ".join(str(topic.label) for topic in party.link.topics.all())
            self.add_error("party", _("%(party)s answers questions about: %(topics)s. Choose one of those topics, or "
                                      "choose “No one in particular”.") % {"party": party.label, "topics": topics})
        elif party.is_partner and not data.get("consent"):
            self.add_error("consent", _("To contact %(party)s, tick the box: without your consent your details stay "
                                        "with the municipality. Or choose “No one in particular”.")
                           % {"party": party.label})


def link_parties(links) -> list[LinkParty]:
    """The parties a person may choose among: the municipality's offices first, then the
    organisations by name."""
    parties = LinkParty.objects.active().filter(link__in=links).select_related("link__coordinator_office", "actor",
                                                                               "office")
    return sorted(parties, key=lambda p: (p.link.position, p.link.pk, p.is_partner, str(p.label).casefold()))


class OneWayInForm(ChoosesLinkParty, CaseForm):
    """The one way in. When a link across organisations takes some of the topics, the person
    may say which of its parties they want to contact, and agree that their details go there."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.links = list(Link.objects.active().filter(pk__in=Link.topics.through.objects.values("link_id"))
                          .select_related("coordinator_office").prefetch_related("topics"))
        parties = link_parties(self.links) if self.links else []
        if parties:
            self.add_party_fields(parties)

    def clean(self):
        data = super().clean()
        if "party" in self.fields and data.get("topic") is not None:
            self.check_party(data, link=Link.objects.active().for_topic(data["topic"]))
        return data

    @property
    def link_sections(self) -> list[tuple[Link, str]]:
        """Each link and the topics it takes, for the form's words."""
        return [(link, ", ".join(str(topic.label) for topic in link.topics.all())) for link in self.links]


class LinkCaseForm(ChoosesLinkParty, CaseForm):
    """A person contacts a link across organisations on its own page, and may choose which
    of its parties they want to contact (`?part=` preselects one, from an actor's page)."""

    def __init__(self, *args, link, **kwargs):
        super().__init__(*args, **kwargs)
        self.link = link
        topics = link.topics.all()
        first = list(topics[:2])
        if first:
            self.fields["topic"].queryset = topics
        if len(first) == 1:
            self.fields["topic"].initial = first[0].pk  # the only choice is chosen already
        self.fields["kind"].initial = Case.Kind.QUESTION
        self.add_party_fields(link_parties([link]))

    def clean(self):
        data = super().clean()
        self.check_party(data, link=self.link)
        return data


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
                              widget=forms.RadioSelect,  # two long choices: read whole, not cut in a list
                              error_messages={"required": _("Choose what the person agreed to."),
                                              "invalid_choice": _("Choose what the person agreed to.")})

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        from .models import LinkParty

        self.fields["party"].queryset = LinkParty.objects.filter(link_id=case.link_id, actor__isnull=False) \
            .select_related("actor")
        self.fields["party"].label_from_instance = lambda party: party.label


# ---------------------------------------------------------------- the coordinator's set-up of a link


class AddPartyForm(forms.Form):
    """An office or an organisation joins the link (one that left joins again)."""

    office = forms.ModelChoiceField(label=_("An office of the municipality"), queryset=Office.objects.none(),
                                    required=False, empty_label=_("No office"),
                                    error_messages={"invalid_choice": _("Choose an office from the list.")})
    actor = forms.ModelChoiceField(label=_("Or an organisation"), queryset=None, required=False,
                                   empty_label=_("No organisation"),
                                   help_text=_("An association or another organisation from the register."),
                                   error_messages={"invalid_choice": _("Choose an organisation from the list.")})

    def __init__(self, *args, link, **kwargs):
        super().__init__(*args, **kwargs)
        from samverka.actors.models import Actor

        taking_part = link.parties.active()
        self.fields["office"].queryset = Office.objects.exclude(
            pk__in=taking_part.filter(office__isnull=False).values("office_id"))
        self.fields["actor"].queryset = Actor.objects.published().exclude(
            pk__in=taking_part.filter(actor__isnull=False).values("actor_id")).order_by("name")

    def clean(self):
        data = super().clean()
        office, actor = data.get("office"), data.get("actor")
        if office is None and actor is None and not self.errors:
            self.add_error("office", _("Choose the office or the organisation that joins the link."))
        elif office is not None and actor is not None:
            self.add_error("actor", _("Choose an office or an organisation, not both."))
        return data


class LeaveForm(forms.Form):
    """A party leaves the link from today."""

    party = forms.ModelChoiceField(queryset=None, widget=forms.HiddenInput,
                                   error_messages={"required": _("Choose the party that leaves."),
                                                   "invalid_choice": _("This party does not take part in the link "
                                                                       "now.")})

    def __init__(self, *args, link, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = link.parties.active().exclude(office_id=link.coordinator_office_id)


class HandlerForm(forms.Form):
    """Name one of an organisation's representatives as a handler of its cases in the link."""

    user = forms.ModelChoiceField(label=_("Name a handler"), queryset=None, empty_label=_("Choose a person"),
                                  help_text=_("Only people who represent the organisation on the platform can be "
                                              "named. The organisation invites them first."),
                                  error_messages={"required": _("Choose the person to name as a handler."),
                                                  "invalid_choice": _("Choose a person who represents the "
                                                                      "organisation.")})

    def __init__(self, *args, party, **kwargs):
        super().__init__(*args, **kwargs)
        from samverka.accounts.models import User

        self.party = party
        self.auto_id = f"id_handler_{party.pk}_%s"
        self.fields["user"].queryset = (
            User.objects.filter(is_active=True, actor_memberships__actor_id=party.actor_id)
            .exclude(pk__in=party.handlers.values("pk")).order_by("first_name", "last_name", "pk"))
        self.fields["user"].label_from_instance = lambda user: user.display_name


class TopicsForm(forms.Form):
    topics = forms.ModelMultipleChoiceField(
        label=_("What the link is for"), queryset=Topic.objects.all(), required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("A message about one of these topics through the one way in goes to the link, and the person "
                    "may choose which party to contact."),
        error_messages={"invalid_choice": _("Choose topics from the list."),
                        "invalid_pk_value": _("Choose topics from the list.")})


class LinkRuleForm(forms.Form):
    """Cases about a topic (from a part of the municipality) go to a party."""

    topic = forms.ModelChoiceField(label=_("Topic"), queryset=Topic.objects.all(), required=False,
                                   empty_label=_("Any topic"),
                                   error_messages={"invalid_choice": _("Choose a topic from the list.")})
    district = forms.ModelChoiceField(label=_("Part of the municipality"), queryset=District.objects.all(),
                                      required=False, empty_label=_("Anywhere"),
                                      error_messages={"invalid_choice": _("Choose a part of the municipality from "
                                                                          "the list.")})
    party = forms.ModelChoiceField(label=_("Goes to"), queryset=None, empty_label=_("Choose a party"),
                                   error_messages={"required": _("Choose the party that takes these cases."),
                                                   "invalid_choice": _("Choose a party that takes part in the link "
                                                                       "now.")})

    def __init__(self, *args, link, **kwargs):
        super().__init__(*args, **kwargs)
        self.auto_id = "id_rule_%s"
        topics = link.topics.all()
        if topics.exists():
            self.fields["topic"].queryset = topics
        self.fields["party"].queryset = link.parties.active().select_related("actor", "office")
        self.fields["party"].label_from_instance = lambda party: party.label


class RemoveRuleForm(forms.Form):
    rule = forms.ModelChoiceField(queryset=None, widget=forms.HiddenInput,
                                  error_messages={"required": _("Choose the rule to remove."),
                                                  "invalid_choice": _("The rule is already removed.")})

    def __init__(self, *args, link, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rule"].queryset = link.rules.all()
