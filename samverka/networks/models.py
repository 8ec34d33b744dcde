"""Standing groups (nätverk, arbetsgrupper, råd, samverkansorgan): the groups that meet again
and again, their members and appointed seats, their meetings with agenda and minutes, and the
follow-up points their meetings decide.

A follow-up point is an obligation that is tracked to the end: it has one owner (a member,
an office or an actor), a due date and a status (`open`, `done`). Apps above this one
(dialogue, plans, ideas, partnerships) link their own objects to a point by holding a
foreign key to `networks.FollowUpPoint` (this app never imports them); they read
`point.owner_name`, `point.status` and `point.group` and leave the point's own fields to
`networks.services`. Links to apps below (a need, a matching programme) are kept here, on
the point (`need`, `programme`)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from samverka.actors.models import Actor
from samverka.core.querysets import DutyQuerySet
from samverka.core.storage import private_storage
from samverka.municipality.models import Area, Committee, District, Office, SdgGoal


def _my_actor_ids(user) -> list[int]:
    from samverka.actors.rules import actor_roles

    return list(actor_roles(user))


def group_roles(user) -> dict[int, str]:
    """{group id: role} of the user's active memberships, asked once per request (kept on the user)."""
    if not user.is_authenticated:
        return {}
    found = getattr(user, "_group_roles", None)
    if found is None:
        found = dict(Membership.objects.filter(user_id=user.pk, status=Membership.Status.ACTIVE)
                     .values_list("group_id", "role"))
        user._group_roles = found
    return found


class GroupQuerySet(models.QuerySet):
    def public(self) -> GroupQuerySet:
        return self.filter(is_public=True)

    def run_by(self, user) -> GroupQuerySet:
        if not user.is_authenticated:
            return self.none()
        mine = Q(actor__in=_my_actor_ids(user))
        if user.office_ids:
            mine |= Q(office__in=user.office_ids)
        return self.filter(mine)

    def visible_to(self, user) -> GroupQuerySet:
        """Public groups to everyone; a closed group to its members, the office or actor that
        runs it, the officials of its committee's offices and administrators."""
        if not user.is_authenticated:
            return self.public()
        if user.is_superuser:
            return self
        mine = Q(is_public=True) | Q(pk__in=list(group_roles(user))) | Q(actor__in=_my_actor_ids(user))
        if user.office_ids:
            mine |= Q(office__in=user.office_ids) | Q(committee__offices__in=user.office_ids)
        return self.filter(mine).distinct()


class Group(models.Model):
    class Kind(models.TextChoices):
        NETWORK = "network", _("Network")
        WORKING_GROUP = "working_group", _("Working group")
        COUNCIL = "council", _("Council")
        REFERENCE_GROUP = "reference_group", _("Reference group")
        COOPERATION_BODY = "cooperation_body", _("Cooperation body")
        STEERING_GROUP = "steering_group", _("Steering group")
        ASSOCIATION_COUNCIL = "association_council", _("Association council")
        PUPILS_COUNCIL = "pupils_council", _("Pupils' council")

    class JoinRule(models.TextChoices):
        OPEN = "open", _("Anyone may join")
        REQUEST = "request", _("By request: the chair accepts")
        APPOINTED = "appointed", _("Appointed seats")

    class Lifecycle(models.TextChoices):
        FORMING = "forming", _("Forming")
        ACTIVE = "active", _("Active")
        CLOSED = "closed", _("Closed")
        ANCHORED = "anchored", _("Anchored in an office's regular work")
        HANDED_OVER = "handed_over", _("Handed over to an association")

    class MinutesRule(models.TextChoices):
        MEMBERS = "members", _("Only for members")
        PUBLIC = "public", _("Public once approved")

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(max_length=170, unique=True)
    kind = models.CharField(_("kind of group"), max_length=20, choices=Kind.choices)
    office = models.ForeignKey(Office, verbose_name=_("run by office"), null=True, blank=True,
                               on_delete=models.CASCADE, related_name="groups")
    actor = models.ForeignKey(Actor, verbose_name=_("run by association"), null=True, blank=True,
                              on_delete=models.CASCADE, related_name="groups")
    committee = models.ForeignKey(Committee, verbose_name=_("appointing committee"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="groups")
    purpose = models.TextField(_("purpose"), max_length=3000)
    areas = models.ManyToManyField(Area, verbose_name=_("areas"), blank=True, related_name="groups")
    districts = models.ManyToManyField(District, verbose_name=_("parts of the municipality"), blank=True,
                                       related_name="groups")
    sdg_goals = models.ManyToManyField(SdgGoal, verbose_name=_("Agenda 2030 goals"), blank=True,
                                       related_name="groups")
    join_rule = models.CharField(_("how one joins"), max_length=10, choices=JoinRule.choices,
                                 default=JoinRule.REQUEST)
    is_public = models.BooleanField(_("public page"), default=True)
    minutes_rule = models.CharField(_("minutes"), max_length=10, choices=MinutesRule.choices,
                                    default=MinutesRule.MEMBERS)
    parent = models.ForeignKey("self", verbose_name=_("formed from"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="working_groups")
    lifecycle = models.CharField(_("stage"), max_length=12, choices=Lifecycle.choices, default=Lifecycle.ACTIVE)
    programme = models.ForeignKey("matching.Programme", verbose_name=_("matching programme"), null=True,
                                  blank=True, on_delete=models.SET_NULL, related_name="groups")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = GroupQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("group")
        verbose_name_plural = _("groups")
        constraints = [
            models.CheckConstraint(
                condition=(Q(actor__isnull=False) & Q(office__isnull=True)) | (Q(actor__isnull=True) & Q(office__isnull=False)),
                name="group_run_by_one",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("networks:group", kwargs={"slug": self.slug})

    @property
    def runner(self):
        return self.actor if self.actor_id else self.office

    @property
    def runner_name(self) -> str:
        return str(self.runner) if self.runner else ""

    @property
    def is_appointed(self) -> bool:
        return self.join_rule == self.JoinRule.APPOINTED

    @property
    def minutes_are_public(self) -> bool:
        return self.is_public and self.minutes_rule == self.MinutesRule.PUBLIC


class MembershipQuerySet(models.QuerySet):
    def told(self) -> MembershipQuerySet:
        """The active members who have not stopped the group's messages: those who get its
        invitations, moved meetings and announcements."""
        return self.filter(status=Membership.Status.ACTIVE, announcements=True)

    def with_sms(self) -> MembershipQuerySet:
        """Each member marked `by_sms`: announcements reach them by SMS when they chose it and
        their number is verified (User.has_verified_phone), by e-mail otherwise."""
        return self.annotate(by_sms=models.ExpressionWrapper(
            Q(channel=Membership.Channel.SMS, user__phone__gt="", user__phone_verified_at__isnull=False),
            output_field=models.BooleanField()))


class Membership(models.Model):
    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        SECRETARY = "secretary", _("Secretary")
        ADJUSTER = "adjuster", _("Minutes checker")
        MEMBER = "member", _("Member")
        SUBSTITUTE = "substitute", _("Substitute")
        OBSERVER = "observer", _("Observer")

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Asked to join")
        ACTIVE = "active", _("Member")
        LEFT = "left", _("Left")

    class Channel(models.TextChoices):
        EMAIL = "email", _("E-mail")
        SMS = "sms", _("SMS")

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="group_memberships")
    role = models.CharField(_("role"), max_length=12, choices=Role.choices, default=Role.MEMBER)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    actor = models.ForeignKey(Actor, verbose_name=_("represents"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="group_memberships")
    announcements = models.BooleanField(_("receives announcements"), default=True)
    # How the member gets the group's announcements. SMS only reaches a verified number
    # (MembershipQuerySet.with_sms); without one they come by e-mail.
    channel = models.CharField(_("announcements by"), max_length=5, choices=Channel.choices, default=Channel.EMAIL)
    message = models.CharField(_("why you want to join"), max_length=500, blank=True)
    joined_at = models.DateTimeField(default=timezone.now)
    left_at = models.DateTimeField(null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["group", "role", "pk"]
        verbose_name = _("group member")
        verbose_name_plural = _("group members")
        constraints = [models.UniqueConstraint(fields=["group", "user"], name="one_membership_per_group")]
        indexes = [models.Index(fields=["user", "status"])]

    def __str__(self) -> str:
        return f"{self.user} – {self.group}"


class Announcement(models.Model):
    """What a group's chair or secretary sent to its members (networks.services.send_announcement),
    kept so that a member who got it by SMS, or saw it in the bell on My pages, can read all of
    it on its page (members and those who see inside the group only)."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="announcements")
    subject = models.CharField(_("subject"), max_length=150)
    body = models.TextField(_("message"), max_length=5000)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("sent by"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        ordering = ["-sent_at", "-pk"]
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")
        indexes = [models.Index(fields=["group", "-sent_at"])]

    def __str__(self) -> str:
        return self.subject

    def get_absolute_url(self) -> str:
        return reverse("networks:announcement", kwargs={"slug": self.group.slug, "pk": self.pk})


class Seat(models.Model):
    """An appointed seat in a council: it belongs to an actor (PRO, SRF, …), which has a named
    delegate and substitute for a term. The committee's officials appoint them."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="seats")
    actor = models.ForeignKey(Actor, verbose_name=_("association"), on_delete=models.PROTECT,
                              related_name="council_seats")
    delegate = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("delegate"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="seats")
    substitute = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("substitute"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="substitute_seats")
    term_starts = models.DateField(_("term starts"))
    term_ends = models.DateField(_("term ends"))

    class Meta:
        ordering = ["group", "actor__name", "pk"]
        verbose_name = _("seat")
        verbose_name_plural = _("seats")
        constraints = [
            models.CheckConstraint(condition=Q(term_ends__gte=models.F("term_starts")), name="seat_term_in_order"),
            models.CheckConstraint(condition=~Q(delegate=models.F("substitute")) | Q(delegate__isnull=True),
                                   name="seat_two_people"),
        ]

    def __str__(self) -> str:
        return f"{self.actor} – {self.group}"

    @property
    def is_current(self) -> bool:
        return self.term_starts <= timezone.localdate() <= self.term_ends

    @property
    def is_empty(self) -> bool:
        return self.delegate_id is None or not self.is_current


class Meeting(models.Model):
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="meetings")
    title = models.CharField(_("title"), max_length=150)
    series = models.CharField(_("series"), max_length=100, blank=True,
                              help_text=_("For example: network meetings 2026. Leave empty for a single meeting."))
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=300)
    is_open = models.BooleanField(_("open meeting"), default=False,
                                  help_text=_("Open meetings are in the calendar and anyone may register."))
    agenda_deadline = models.DateTimeField(_("last time to propose agenda items"), null=True, blank=True)
    activity = models.ForeignKey("activities.Activity", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="group_meetings")
    occurrence = models.ForeignKey("activities.Occurrence", null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="group_meetings")
    invited_at = models.DateTimeField(_("invitations sent"), null=True, blank=True)
    cancelled_at = models.DateTimeField(
        _("cancelled"), null=True, blank=True,
        help_text=_("A planned meeting is cancelled when its group ends; it stays in the group's record."))
    attendees = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name=_("present"), blank=True,
                                       related_name="group_meetings_attended")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["start", "pk"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [models.CheckConstraint(condition=Q(end__gt=models.F("start")), name="meeting_ends_after_start")]
        indexes = [models.Index(fields=["group", "start"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("networks:meeting", kwargs={"pk": self.pk})

    @property
    def has_started(self) -> bool:
        return self.start <= timezone.now()

    @property
    def takes_items(self) -> bool:
        deadline = self.agenda_deadline or self.start
        return timezone.now() < deadline


class MeetingDocument(models.Model):
    """A file for a meeting (background, a presentation, an attachment to the minutes), kept in
    the private storage and streamed only to those inside the group (`networks.view_inside`)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="documents")
    label = models.CharField(_("what the file is"), max_length=150)
    file = models.FileField(_("file"), storage=private_storage, upload_to="meetings/%Y/")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("meeting document")
        verbose_name_plural = _("meeting documents")

    def __str__(self) -> str:
        return self.label

    def get_absolute_url(self) -> str:
        return reverse("networks:document", kwargs={"pk": self.pk})


class AgendaItem(models.Model):
    class Standing(models.TextChoices):
        """The standing items a cooperation body's and a steering group's meetings start with."""
        FIGURES = "figures", _("The overview's figures since the last meeting")
        REPORTS = "reports", _("Reports to the steering group")
        PROPOSALS = "proposals", _("Proposals to the steering group")
        BODY_REPORTS = "body_reports", _("Reports from the cooperation body")
        BODY_PROPOSALS = "body_proposals", _("Proposals from the cooperation body")
        POINTS_DUE = "points_due", _("Follow-up points due")
        APPROVE_MINUTES = "approve_minutes", _("Approve the minutes of the previous meeting")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    standing = models.CharField(_("standing item"), max_length=20, choices=Standing.choices, blank=True)
    minutes_of = models.ForeignKey(Meeting, verbose_name=_("approves the minutes of"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="approval_items")
    title = models.CharField(_("item"), max_length=200)
    description = models.TextField(_("background"), max_length=2000, blank=True)
    seat = models.ForeignKey(Seat, verbose_name=_("for the seat"), null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="agenda_items")
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self) -> str:
        return self.title


class Minutes(models.Model):
    """One version of a meeting's minutes. The secretary edits a draft (each save raises
    `revision`, the optimistic lock); the chair approves it and it is locked; a correction is a
    new version (number + 1) starting from the approved text."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", pgettext_lazy("minutes", "Approved")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="minutes")
    number = models.PositiveSmallIntegerField(_("version"), default=1)
    revision = models.PositiveIntegerField(default=0)
    text = models.TextField(_("minutes"), max_length=20000, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    edited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_at_meeting = models.ForeignKey(Meeting, verbose_name=_("approved at the meeting"), null=True,
                                            blank=True, on_delete=models.SET_NULL, related_name="minutes_approved")
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["meeting", "number"]
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")
        constraints = [models.UniqueConstraint(fields=["meeting", "number"], name="one_minutes_per_version")]

    def __str__(self) -> str:
        return f"{self.meeting} ({self.number})"

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED


class Decision(models.Model):
    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="decisions")
    text = models.CharField(_("decision"), max_length=1000)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["minutes", "position", "pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return self.text


class FollowUpPointQuerySet(DutyQuerySet):
    def owned_by(self, user) -> FollowUpPointQuerySet:
        """The points the user answers for: their own, and their offices' and actors'."""
        if not user.is_authenticated:
            return self.none()
        mine = Q(owner_user=user) | Q(owner_actor__in=_my_actor_ids(user))
        if user.office_ids:
            mine |= Q(owner_office__in=user.office_ids)
        return self.filter(mine)


class FollowUpPoint(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="points")
    meeting = models.ForeignKey(Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="points")
    title = models.CharField(_("what is to be done"), max_length=200)
    description = models.TextField(_("more about it"), max_length=2000, blank=True)
    owner_user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("owner"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="followup_points")
    owner_office = models.ForeignKey(Office, verbose_name=_("owning office"), null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="followup_points")
    owner_actor = models.ForeignKey(Actor, verbose_name=_("owning association"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="followup_points")
    due_on = models.DateField(_("due"))
    status = models.CharField(_("status"), max_length=5, choices=Status.choices, default=Status.OPEN)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+")
    need = models.ForeignKey("needs.Need", verbose_name=_("became the need"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="followup_points")
    programme = models.ForeignKey("matching.Programme", verbose_name=_("became the matching programme"),
                                  null=True, blank=True, on_delete=models.SET_NULL, related_name="followup_points")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = FollowUpPointQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("follow-up point")
        verbose_name_plural = _("follow-up points")
        indexes = [models.Index(fields=["group", "status", "due_on"]),
                   models.Index(fields=["owner_user", "status", "due_on"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("networks:point", kwargs={"pk": self.pk})

    @property
    def owner(self):
        return self.owner_user or self.owner_office or self.owner_actor

    @property
    def owner_name(self) -> str:
        if self.owner_user_id:
            return self.owner_user.display_name
        return str(self.owner_office or self.owner_actor or "")

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_on < timezone.localdate()
