"""What people type in the processes part: the office's process, phase, feedback and workshop
forms, and participants' proposals, comments and reports."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from samverka.activities.forms import DateTimeInput
from samverka.activities.models import Activity
from samverka.actors.models import Actor
from samverka.core.uploads import CheckedDocumentField
from samverka.municipality.models import Office

from .models import FeedbackItem, Phase, Process, Workshop

TOO_LONG = _("Write at most %(limit_value)d characters (you wrote %(show_value)d).")


def _text(label, max_length, *, rows=5, required=True, help_text="", required_message=None):
    return forms.CharField(label=label, max_length=max_length, required=required, help_text=help_text,
                           widget=forms.Textarea(attrs={"rows": rows}),
                           error_messages={"required": required_message or _("Write something here."),
                                           "max_length": TOO_LONG})


class ProcessForm(forms.ModelForm):
    class Meta:
        model = Process
        fields = ["office", "title", "summary", "purpose", "to_decide", "decided_by", "decision_on", "level", "stage",
                  "areas", "sdg_goals", "districts", "audience", "target_groups", "invited_actors", "invited_groups",
                  "contact", "feedback_days", "retention_days", "after_retention"]
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 6}), "to_decide": forms.Textarea(attrs={"rows": 3}),
            "level": forms.RadioSelect, "stage": forms.RadioSelect, "audience": forms.RadioSelect,
            "after_retention": forms.RadioSelect,
            "areas": forms.CheckboxSelectMultiple, "sdg_goals": forms.CheckboxSelectMultiple,
            "districts": forms.CheckboxSelectMultiple, "target_groups": forms.CheckboxSelectMultiple,
            "invited_groups": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "level": _("How much say participants have, in the Council of Europe's code of good practice."),
            "stage": _("Where the decision is now."),
            "invited_actors": _("For a dialogue only for those invited: their representatives may take part."),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        from samverka.core.forms import DateInput

        offices = Office.objects.acted_for_by(user)
        self.fields["office"].queryset = offices
        if len(self.fields["office"].queryset) == 1:
            self.fields["office"].initial = self.fields["office"].queryset[0].pk
        self.fields["decision_on"].widget = DateInput()
        self.fields["invited_actors"].queryset = Actor.objects.published().order_by("name")
        from samverka.accounts.models import User

        self.fields["contact"].queryset = User.objects.filter(
            is_active=True, office_memberships__office__in=offices).distinct().order_by("first_name", "last_name")
        self.fields["contact"].label_from_instance = lambda u: u.display_name
        self.fields["feedback_days"].min_value = 1
        self.fields["feedback_days"].widget.attrs["min"] = 1


class PhaseForm(forms.ModelForm):
    class Meta:
        model = Phase
        fields = ["kind", "name", "description", "starts_at", "ends_at"]
        widgets = {"kind": forms.RadioSelect, "starts_at": DateTimeInput(), "ends_at": DateTimeInput(),
                   "description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"kind": _("The kind decides what participants may do while the phase is under way. "
                                "Phases may overlap.")}

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The end must be after the start."))
        return data


class CloseForm(forms.Form):
    outcome = _text(_("The final outcome"), 5000, rows=6,
                    help_text=_("What was decided, and what came of what people said. Shown on the dialogue's page."),
                    required_message=_("Write the final outcome: what was decided and what came of the dialogue."))


class _Participation(forms.Form):
    """On behalf of whom, and a field people never see that robots fill in."""

    actor = forms.ChoiceField(label=_("Who writes?"), required=False)
    website = forms.CharField(label=_("Leave this field empty"), required=False, max_length=200,
                              widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.actors = {str(a.pk): a for a in Actor.objects.filter(memberships__user=user).only("pk", "name", "slug")}
        if self.actors:
            choices = [("", _("I write for myself"))] + [
                (pk, _("For %(name)s") % {"name": a.name}) for pk, a in self.actors.items()]
            self.fields["actor"].choices = choices
            self.fields["actor"].widget = forms.RadioSelect(choices=choices)
        else:
            del self.fields["actor"]

    def clean_actor(self):
        return self.actors.get(self.cleaned_data.get("actor") or "")

    @property
    def is_robot(self) -> bool:
        return bool(self.data.get("website", "").strip())

    @property
    def shown_fields(self):
        return [self[name] for name in self.fields if name != "website"]


class ProposalForm(_Participation):
    title = forms.CharField(label=_("Your proposal in a few words"), max_length=150,
                            error_messages={"required": _("Write a title for your proposal."), "max_length": TOO_LONG})
    body = _text(_("Your proposal"), 5000, rows=8, help_text=_("What should be done, and why?"),
                 required_message=_("Write your proposal."))
    field_order = ["title", "body", "actor", "website"]

    def clean_body(self):
        body = self.cleaned_data["body"].strip()
        if not body:
            raise forms.ValidationError(_("Write your proposal."), code="required")
        return body


class CommentForm(_Participation):
    body = _text(_("Your comment"), 3000, rows=4, required_message=_("Write your comment."))
    proposal = forms.IntegerField(required=False, widget=forms.HiddenInput)
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)
    field_order = ["body", "actor", "website", "proposal", "parent"]

    def clean_body(self):
        body = self.cleaned_data["body"].strip()
        if not body:
            raise forms.ValidationError(_("Write your comment."), code="required")
        return body


class ReportForm(forms.Form):
    reason = forms.CharField(label=_("What is wrong?"), max_length=500, widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("For example: it is offensive, it reveals personal details, or it is spam."),
                             error_messages={"required": _("Write what is wrong."), "max_length": TOO_LONG})


class HideForm(forms.Form):
    reason = forms.CharField(label=_("Reason shown in place of the text"), max_length=300,
                             help_text=_("For example: Hidden because it named a private person."),
                             error_messages={"required": _("Write the reason that is shown in place of the text."),
                                             "max_length": TOO_LONG})


class FeedbackForm(forms.Form):
    response = _text(_("We did"), 5000, rows=6,
                     help_text=_("What the office did with what was said, or why not. The author is told."),
                     required_message=_("Write the feedback: what was done with what was said, or why not."))
    outcome = forms.ChoiceField(label=_("Outcome"), choices=FeedbackItem.Outcome.choices, widget=forms.RadioSelect,
                                error_messages={"required": _("Choose an outcome.")})
    is_public = forms.BooleanField(label=_("Show it on the dialogue's public page"), required=False, initial=True)

    def clean_response(self):
        text = self.cleaned_data["response"].strip()
        if not text:
            raise forms.ValidationError(_("Write the feedback: what was done with what was said, or why not."),
                                        code="required")
        return text


class ReassignForm(forms.Form):
    owner = forms.ModelChoiceField(label=_("Official who answers"), queryset=None,
                                   error_messages={"required": _("Choose an official.")})

    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, **kwargs)
        from samverka.accounts.models import User

        self.fields["owner"].queryset = User.objects.filter(
            is_active=True, office_memberships__office=item.office_id).distinct().order_by("first_name", "last_name")
        self.fields["owner"].label_from_instance = lambda u: u.display_name


class WorkshopForm(forms.ModelForm):
    """A workshop's activity comes from one of three places: an activity already in the calendar,
    a meeting of a standing group (its calendar activity, or a new one made from it), or a new
    activity written here (made through the calendar's own service)."""

    new_title = forms.CharField(label=_("Title"), max_length=150, required=False,
                                error_messages={"max_length": TOO_LONG})
    new_start = forms.DateTimeField(label=_("Starts"), required=False, widget=DateTimeInput())
    new_end = forms.DateTimeField(label=_("Ends"), required=False, widget=DateTimeInput())
    new_address = forms.CharField(label=_("Place"), max_length=300, required=False,
                                  error_messages={"max_length": TOO_LONG})
    new_capacity = forms.IntegerField(label=_("Number of places"), min_value=1, max_value=100000, required=False,
                                      help_text=_("Leave empty for no limit."))
    new_registration = forms.BooleanField(label=_("People register to take part"), required=False, initial=True)

    NEW_FIELDS = ("new_title", "new_start", "new_end", "new_address", "new_capacity", "new_registration")

    class Meta:
        model = Workshop
        fields = ["activity", "group_meeting", "kind", "agenda", "notes", "participants"]
        widgets = {"kind": forms.RadioSelect, "agenda": forms.Textarea(attrs={"rows": 5}),
                   "notes": forms.Textarea(attrs={"rows": 10})}
        help_texts = {"activity": _("The workshop's activity in the calendar, where people register."),
                      "group_meeting": _("Or a meeting of a council, network or working group.")}

    def __init__(self, *args, process, **kwargs):
        super().__init__(*args, **kwargs)
        from django.db.models import Q

        from samverka.networks.models import Meeting

        self.fields["activity"].required = False
        self.fields["activity"].queryset = Activity.objects.filter(office=process.office).order_by("-created_at")
        self.fields["group_meeting"].queryset = (
            Meeting.objects.filter(Q(group__office=process.office) | Q(group__dialogue_invitations=process),
                                   cancelled_at__isnull=True)
            .select_related("group").distinct().order_by("-start"))
        self.fields["group_meeting"].label_from_instance = lambda m: f"{m.group.name}: {m.title}"
        self.fields["participants"].widget.attrs["min"] = 0

    def clean(self):
        data = super().clean()
        picks_activity = bool(data.get("activity")) and data["activity"].pk != self.instance.activity_id
        picks_meeting = bool(data.get("group_meeting")) and data["group_meeting"].pk != self.instance.group_meeting_id
        writes_new = bool(data.get("new_title"))
        if picks_activity + picks_meeting + writes_new > 1:
            field = "new_title" if writes_new else "group_meeting"
            self.add_error(field, _("Choose an activity or a meeting, or write a new one: only one of them."))
        elif not (picks_activity or picks_meeting or writes_new or self.instance.activity_id):
            self.add_error("activity", _("Choose the workshop's activity, a group's meeting, or write a new one."))
        if writes_new:
            if not data.get("new_start"):
                self.add_error("new_start", _("Give the start."))
            if not data.get("new_end"):
                self.add_error("new_end", _("Give the end."))
            if data.get("new_start") and data.get("new_end") and data["new_end"] <= data["new_start"]:
                self.add_error("new_end", _("The end must come after the start."))
        self.picks_meeting = picks_meeting
        return data

    def new_activity(self) -> dict | None:
        """What to make a new calendar activity of, or None."""
        data = self.cleaned_data
        if not data.get("new_title"):
            return None
        return {"title": data["new_title"], "start": data["new_start"], "end": data["new_end"],
                "address": data["new_address"], "capacity": data["new_capacity"],
                "registration": data["new_registration"]}


class WorkshopPointForm(forms.Form):
    AS_CHOICES = [("feedback", _("A point the office answers (feedback)")),
                  ("need", _("A need: ask associations and volunteers for help"))]
    title = forms.CharField(label=_("The point in a few words"), max_length=150,
                            error_messages={"required": _("Write the point."), "max_length": TOO_LONG})
    said = _text(_("What was said"), 3000, rows=4, required_message=_("Write what was said."))
    becomes = forms.ChoiceField(label=_("It becomes"), choices=AS_CHOICES, widget=forms.RadioSelect,
                                initial="feedback")


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200,
                            error_messages={"required": _("Write the document's title."), "max_length": TOO_LONG})
    file = CheckedDocumentField(label=_("File"), kinds=("pdf", "docx", "odt", "xlsx", "ods", "png", "jpeg"),
                                help_text=_("A PDF, an image or an office document (Word, Excel, OpenDocument)."))
