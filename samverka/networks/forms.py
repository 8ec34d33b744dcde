"""What people type in the groups' pages."""

from __future__ import annotations

from datetime import datetime, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samverka.activities import recurrence
from samverka.activities.forms import DateTimeInput, TimeInput
from samverka.core.forms import DATE_FORMATS, DateInput
from samverka.core.phone import display_phone
from samverka.core.uploads import CheckedDocumentField

from .models import Group, Membership

TIME_FORMATS = ["%H:%M", "%H.%M", "%H%M"]


class JoinForm(forms.Form):
    message = forms.CharField(label=_("Why you want to join"), required=False, max_length=500,
                              widget=forms.Textarea(attrs={"rows": 3}),
                              help_text=_("The chair reads this when they answer your request."))


def _times(form: forms.Form, data: dict) -> dict:
    """`start` and `end` from the date and the two times (an end before the start is the next
    day); errors next to the fields for a time that has passed."""
    day, start_time, end_time = data.get("date"), data.get("start_time"), data.get("end_time")
    if not (day and start_time and end_time):
        return data
    start = recurrence.aware(datetime.combine(day, start_time))
    end_day = day + timedelta(days=1) if end_time < start_time else day
    end = recurrence.aware(datetime.combine(end_day, end_time))
    if start <= timezone.now():
        form.add_error("date", _("The date and time have passed. Choose a time later than now."))
    if end <= start:
        form.add_error("end_time", _("The end must be after the start."))
    data["start"], data["end"] = start, end
    return data


class MeetingForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=150)
    series = forms.CharField(label=_("Series"), max_length=100, required=False,
                             help_text=_("For example: network meetings 2026. Leave empty for a single meeting."))
    date = forms.DateField(label=_("Date"), widget=DateInput(), input_formats=DATE_FORMATS)
    start_time = forms.TimeField(label=_("Starts at"), widget=TimeInput(), input_formats=TIME_FORMATS)
    end_time = forms.TimeField(label=_("Ends at"), widget=TimeInput(), input_formats=TIME_FORMATS)
    place = forms.CharField(label=_("Place"), max_length=300, help_text=_("For example: Ekerö bibliotek, Tappströmsvägen 1"))
    agenda_deadline = forms.DateTimeField(label=_("Last time to propose agenda items"), required=False,
                                          widget=DateTimeInput(), help_text=_("Leave empty to take items until the meeting starts."))
    is_open = forms.BooleanField(label=_("Open meeting: in the calendar, anyone may register"), required=False)
    capacity = forms.IntegerField(label=_("Number of places"), required=False, min_value=1, max_value=10000,
                                  help_text=_("For an open meeting. Leave empty for drop-in without registration."))

    invite = forms.BooleanField(label=_("E-mail an invitation to the members"), required=False, initial=True)

    def clean(self):
        data = _times(self, super().clean())
        deadline = data.get("agenda_deadline")
        if deadline and data.get("start") and deadline > data["start"]:
            self.add_error("agenda_deadline", _("The last time for agenda items must be before the meeting."))
        return data

    def meeting_data(self) -> dict:
        d = self.cleaned_data
        return {"title": d["title"], "series": d["series"], "start": d["start"], "end": d["end"], "place": d["place"],
                "agenda_deadline": d.get("agenda_deadline"), "is_open": d["is_open"],
                "capacity": d.get("capacity") if d["is_open"] else None}

    def invites(self) -> bool:
        return bool(self.cleaned_data.get("invite"))


class MoveMeetingForm(forms.Form):
    """A new time (and place) for a planned meeting."""

    date = forms.DateField(label=_("Date"), widget=DateInput(), input_formats=DATE_FORMATS)
    start_time = forms.TimeField(label=_("Starts at"), widget=TimeInput(), input_formats=TIME_FORMATS)
    end_time = forms.TimeField(label=_("Ends at"), widget=TimeInput(), input_formats=TIME_FORMATS)
    place = forms.CharField(label=_("Place"), max_length=300)

    def clean(self):
        return _times(self, super().clean())


class AgendaItemForm(forms.Form):
    title = forms.CharField(label=_("Item"), max_length=200)
    description = forms.CharField(label=_("Background"), max_length=2000, required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    seat = forms.ChoiceField(label=_("In the name of"), required=False)

    def __init__(self, *args, seats=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.seats = {str(s.pk): s for s in seats}
        if self.seats:
            self.fields["seat"].choices = [("", _("Myself"))] + [(k, s.actor.name) for k, s in self.seats.items()]
        else:
            del self.fields["seat"]

    def clean_seat(self):
        value = self.cleaned_data.get("seat")
        return self.seats.get(value) if value else None


class AttendanceForm(forms.Form):
    present = forms.MultipleChoiceField(label=_("Present"), required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.members = {str(m.user_id): m.user for m in members}
        self.fields["present"].choices = [(k, u.display_name) for k, u in self.members.items()]

    def people(self) -> list:
        return [self.members[k] for k in self.cleaned_data["present"]]


class MinutesForm(forms.Form):
    text = forms.CharField(label=_("Minutes"), max_length=20000,
                           error_messages={"required": _("Write the minutes before you save them.")},
                           widget=forms.Textarea(attrs={"rows": 16}))
    decisions = forms.CharField(label=_("Decisions"), max_length=5000, required=False,
                                widget=forms.Textarea(attrs={"rows": 5}), help_text=_("One decision per line."))
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def decision_list(self) -> list[str]:
        return [line.strip()[:1000] for line in self.cleaned_data["decisions"].splitlines() if line.strip()]


class PointForm(forms.Form):
    title = forms.CharField(label=_("What is to be done"), max_length=200)
    owner = forms.ChoiceField(label=_("Who owns it"))
    due_on = forms.DateField(label=_("Due"), widget=DateInput(), input_formats=DATE_FORMATS)
    description = forms.CharField(label=_("More about it"), max_length=2000, required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, group, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.owners = {f"user-{m.user_id}": m.user for m in members}
        if group.office_id:
            self.owners[f"office-{group.office_id}"] = group.office
        if group.actor_id:
            self.owners[f"actor-{group.actor_id}"] = group.actor
        self.fields["owner"].choices = [("", "—")] + [
            (k, o.display_name if hasattr(o, "display_name") else str(o)) for k, o in self.owners.items()]

    def clean_owner(self):
        value = self.cleaned_data["owner"]
        if value not in self.owners:
            raise forms.ValidationError(_("Choose who owns the point."))
        return self.owners[value]

    def clean_due_on(self):
        value = self.cleaned_data["due_on"]
        if value < timezone.localdate():
            raise forms.ValidationError(_("The due date has passed. Choose today or a later day."))
        return value


class AnnouncementForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=150)
    body = forms.CharField(label=_("Message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 8}))


class ChannelForm(forms.Form):
    """How a member gets a group's announcements: e-mail, or SMS to their verified number
    (offered only when they have one; networks.services.set_announcement_channel checks it)."""

    channel = forms.ChoiceField(label=_("How do you want the group's announcements?"), widget=forms.RadioSelect)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(Membership.Channel.EMAIL, _("By e-mail to %(address)s") % {"address": user.email})]
        if user.has_verified_phone:
            choices.append((Membership.Channel.SMS, _("By SMS to %(number)s") % {"number": display_phone(user.phone)}))
        self.fields["channel"].choices = choices


class SeatForm(forms.Form):
    actor = forms.ChoiceField(label=_("Association"))
    delegate = forms.EmailField(label=_("The delegate's e-mail address"),
                                help_text=_("The person must have an account."))
    substitute = forms.EmailField(label=_("The substitute's e-mail address"), required=False)
    term_starts = forms.DateField(label=_("Term starts"), widget=DateInput(), input_formats=DATE_FORMATS)
    term_ends = forms.DateField(label=_("Term ends"), widget=DateInput(), input_formats=DATE_FORMATS)

    def __init__(self, *args, **kwargs):
        from samverka.actors.models import Actor

        super().__init__(*args, **kwargs)
        self.actors = {str(a.pk): a for a in Actor.objects.published().only("pk", "name").order_by("name")}
        self.fields["actor"].choices = [("", "—")] + [(k, a.name) for k, a in self.actors.items()]

    def _person(self, name):
        from django.contrib.auth import get_user_model

        email = self.cleaned_data.get(name)
        if not email:
            return None
        user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("No one with an account has this address. Ask them to make an account first."))
        return user

    def clean_actor(self):
        value = self.cleaned_data["actor"]
        if value not in self.actors:
            raise forms.ValidationError(_("Choose the association."))
        return self.actors[value]

    def clean_delegate(self):
        return self._person("delegate")

    def clean_substitute(self):
        return self._person("substitute")

    def clean(self):
        data = super().clean()
        if data.get("term_starts") and data.get("term_ends") and data["term_ends"] < data["term_starts"]:
            self.add_error("term_ends", _("The term must end after it starts."))
        return data


ROLE_CHOICES = Membership.Role.choices


class StageForm(forms.Form):
    lifecycle = forms.ChoiceField(label=_("Stage"), choices=Group.Lifecycle.choices)
    hand_over = forms.BooleanField(required=False)
    cancel_meetings = forms.BooleanField(
        label=_("Cancel the planned meetings"), required=False,
        help_text=_("Those registered for an open meeting and the invited members are told by e-mail."))

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hand_over"].label = _("Hand the open follow-up points to %(runner)s") % {
            "runner": group.runner_name}


DOCUMENT_KINDS = ("pdf", "png", "jpeg", "docx", "xlsx", "odt", "ods")


class DocumentForm(forms.Form):
    label = forms.CharField(label=_("What the file is"), max_length=150,
                            help_text=_("For example: Underlag om lokalerna, or Presentation från mötet."))
    file = CheckedDocumentField(label=_("File"), kinds=DOCUMENT_KINDS,
                                help_text=_("A PDF, an image (PNG, JPEG) or an office document (docx, xlsx, odt, ods). "
                                            "Only the group's members and those who run it can open it."))
