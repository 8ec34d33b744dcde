"""Crisis mode (krisläge): while a crisis is under way, residents offer help and ask for it,
officials of the triaging offices sort the requests and match them with volunteers nearby,
and the volunteer accepts or declines by link or SMS.

At most one crisis is active at a time (a partial unique index on `is_active`). A help
request's personal details are seen only by the triaging officials and, once they accept,
the volunteer who goes; they are erased `retention_days` after the crisis ends unless the
request is kept for a case."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_token() -> str:
    return secrets.token_urlsafe(24)


def new_code() -> str:
    """Six digits for an SMS, never starting with 0 (some phones drop it)."""
    return str(100000 + secrets.randbelow(900000))


class CrisisQuerySet(models.QuerySet):
    def handled_by(self, user) -> CrisisQuerySet:
        """Who may handle a crisis, in one place: all crises for an administrator, those
        the user's offices triage for an official, none for anyone else. The rules
        (`crisis.rules.triages`), the views and the requests' visibility all ask this."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        if not user.office_ids:
            return self.none()
        return self.filter(pk__in=Crisis.triage_offices.through.objects.filter(
            office_id__in=user.office_ids).values("crisis_id"))

    def visible_to(self, user) -> CrisisQuerySet:
        """The crises whose pages `user` may open: those they handle, and every crisis'
        overview for a process leader (what each may do there is in rules.py)."""
        if user.is_authenticated and user.is_active and user.is_process_leader:
            return self
        return self.handled_by(user)


class Crisis(models.Model):
    name = models.CharField(_("name"), max_length=120)
    message = models.CharField(
        _("message to the public"), max_length=300, blank=True,
        help_text=_("One or two short sentences shown in the banner on every page."),
    )
    help_kinds = models.ManyToManyField(
        "volunteers.HelpKind", verbose_name=_("kinds of help needed"), blank=True, related_name="+",
    )
    triage_offices = models.ManyToManyField(
        "municipality.Office", verbose_name=_("offices that handle the requests"), related_name="crises",
    )
    retention_days = models.PositiveIntegerField(
        _("keep personal data for (days)"), default=90,
        help_text=_("After the crisis is closed, help requests' personal details are erased after this many days."),
    )
    is_active = models.BooleanField(_("under way"), default=True, editable=False)
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("started by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    ended_at = models.DateTimeField(_("closed"), null=True, blank=True)
    ended_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("closed by"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    erased_at = models.DateTimeField(_("personal data erased"), null=True, blank=True)
    # When the volunteers who were not needed started to be told so (the batch task goes on from here).
    release_started_at = models.DateTimeField(_("volunteers not needed told"), null=True, blank=True)

    objects = CrisisQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("crisis")
        verbose_name_plural = _("crises")
        constraints = [
            models.UniqueConstraint(fields=["is_active"], condition=Q(is_active=True), name="one_active_crisis"),
            models.CheckConstraint(
                condition=Q(is_active=True, ended_at__isnull=True) | Q(is_active=False, ended_at__isnull=False),
                name="crisis_active_until_ended",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("crisis:requests", args=[self.pk])


class CrisisVolunteer(models.Model):
    """A volunteer who signed up to help in this crisis, and the confirmation of their
    phone (a six-digit code) or e-mail address (a single-use link)."""

    class Channel(models.TextChoices):
        SMS = "sms", _("SMS code")
        EMAIL = "email", _("E-mail link")

    crisis = models.ForeignKey(Crisis, on_delete=models.CASCADE, related_name="volunteer_links")
    volunteer = models.ForeignKey("volunteers.Volunteer", on_delete=models.CASCADE, related_name="crisis_links")
    signed_up_at = models.DateTimeField(_("signed up"), default=timezone.now)
    channel = models.CharField(max_length=5, choices=Channel.choices, default=Channel.SMS)
    confirm_token = models.CharField(max_length=64, blank=True, db_index=True)
    confirm_code = models.CharField(max_length=6, blank=True)
    confirm_expires_at = models.DateTimeField(null=True, blank=True)
    confirm_attempts = models.PositiveSmallIntegerField(default=0)
    confirm_sent = models.PositiveSmallIntegerField(default=0)
    confirm_sent_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    # The language the person signed up in: the crisis' messages to them are written in it.
    language = models.CharField(max_length=8, blank=True)
    # "Not needed this time": when the message went out, and what the volunteer chose.
    released_at = models.DateTimeField(_("told not needed"), null=True, blank=True)
    choice = models.CharField(_("choice"), max_length=5, blank=True,
                              choices=[("keep", _("Keep my details")), ("erase", _("Erase my details"))])
    chosen_at = models.DateTimeField(_("chose"), null=True, blank=True)

    class Meta:
        verbose_name = _("crisis volunteer")
        verbose_name_plural = _("crisis volunteers")
        constraints = [models.UniqueConstraint(fields=["crisis", "volunteer"], name="one_signup_per_crisis")]
        indexes = [models.Index(fields=["crisis", "confirmed_at"])]

    def __str__(self) -> str:
        return str(self.volunteer)


class ReceivedSignUpQuerySet(models.QuerySet):
    def pending(self) -> ReceivedSignUpQuerySet:
        return self.filter(processed_at__isnull=True)

    def store(self, *, crisis_id: int, data: dict, language: str, token: str | None) -> int:
        """Insert a received form and return its id; a form with a token already stored
        returns the stored row's id and changes nothing else. One statement on PostgreSQL
        and SQLite alike: `INSERT … ON CONFLICT (token) DO UPDATE SET token = EXCLUDED.token
        RETURNING id` (the no-op update makes the database return the existing row's id)."""
        row = self.model(crisis_id=crisis_id, data=data, language=language, token=token)
        self.bulk_create([row], update_conflicts=True, unique_fields=["token"], update_fields=["token"])
        return row.pk


class ReceivedSignUp(models.Model):
    """An "I can help" form as it arrived. The form's answer only stores this row (one
    INSERT, so a surge of sign-ups after a news item is taken at the rate people send
    them); the task worker then adds or updates the volunteer and sends the confirmation
    (`services.process_received`), and empties `data`. The row stays, so that the
    person's thank-you page finds their sign-up. A resent form (same submission token)
    finds the row already there: one sign-up."""

    crisis = models.ForeignKey(Crisis, on_delete=models.CASCADE, related_name="received_signups")
    token = models.CharField(max_length=64, unique=True, null=True, blank=True)
    data = models.JSONField(default=dict, blank=True)
    language = models.CharField(max_length=8, blank=True)
    received_at = models.DateTimeField(default=timezone.now)
    processed_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    link = models.ForeignKey(CrisisVolunteer, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    objects = ReceivedSignUpQuerySet.as_manager()

    class Meta:
        verbose_name = _("received sign-up")
        verbose_name_plural = _("received sign-ups")
        indexes = [models.Index(fields=["id"], condition=Q(processed_at__isnull=True), name="signup_pending")]

    def __str__(self) -> str:
        return f"{self.crisis_id}/{self.pk}"

    @property
    def channel(self) -> str:
        """How the confirmation goes out, known before the worker has made it."""
        if self.link_id is not None:
            return self.link.channel
        return CrisisVolunteer.Channel.SMS if self.data.get("phone") else CrisisVolunteer.Channel.EMAIL


class HelpRequestQuerySet(models.QuerySet):
    def visible_to(self, user) -> HelpRequestQuerySet:
        """Only the triaging officials of the request's crisis (and an administrator) see a
        request as such; the volunteer who goes sees it through their task link."""
        return self.filter(crisis__in=Crisis.objects.handled_by(user))

    def unmatched(self) -> HelpRequestQuerySet:
        return self.filter(status__in=HelpRequest.UNMATCHED)


class HelpRequest(models.Model):
    class ForWhom(models.TextChoices):
        SELF = "self", _("For me")
        OTHER = "other", _("For someone else")

    class Priority(models.TextChoices):
        NEW = "new", _("Not yet triaged")
        URGENT = "urgent", _("Urgent")
        NORMAL = "normal", _("Normal")
        NOT_FOR_US = "not_for_us", _("Not for us")

    class Status(models.TextChoices):
        NEW = "new", _("New")
        OPEN = "open", _("Waiting for a volunteer")
        OFFERED = "offered", _("Offered to a volunteer")
        PROVIDER = "provider", _("With a help provider")
        ASSIGNED = "assigned", _("A volunteer is going")
        DONE = "done", _("Done")
        CLOSED = "closed", _("Closed")

    UNMATCHED = (Status.NEW, Status.OPEN, Status.OFFERED)
    OPEN_STATUSES = (Status.NEW, Status.OPEN, Status.OFFERED, Status.PROVIDER, Status.ASSIGNED)

    crisis = models.ForeignKey(Crisis, on_delete=models.PROTECT, related_name="help_requests")
    reference = models.CharField(_("reference"), max_length=20, unique=True)
    for_whom = models.CharField(_("who needs help"), max_length=5, choices=ForWhom.choices, default=ForWhom.SELF)
    name = models.CharField(_("name of the person who needs help"), max_length=200)
    contact_name = models.CharField(_("your name"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    district = models.ForeignKey("municipality.District", verbose_name=_("part of the municipality"), null=True,
                                 blank=True, on_delete=models.SET_NULL, related_name="+")
    address = models.CharField(_("address"), max_length=300, blank=True)
    help_kinds = models.ManyToManyField("volunteers.HelpKind", verbose_name=_("kinds of help"), blank=True,
                                        related_name="+")
    what = models.TextField(_("what help is needed"), max_length=2000, blank=True)
    when = models.CharField(_("when"), max_length=200, blank=True)
    language = models.CharField(max_length=8, blank=True)  # the messages to the requester are written in it
    priority = models.CharField(_("triage"), max_length=10, choices=Priority.choices, default=Priority.NEW)
    triage_note = models.TextField(_("note"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.NEW)
    outcome_note = models.TextField(_("follow-up note"), blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("entered by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    keep_for_case = models.BooleanField(
        _("keep for a case"), default=False,
        help_text=_("The personal details are not erased after the crisis, because a case needs them."),
    )
    created_at = models.DateTimeField(_("received"), default=timezone.now)
    triaged_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    erased_at = models.DateTimeField(_("personal data erased"), null=True, blank=True)

    objects = HelpRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("help request")
        verbose_name_plural = _("help requests")
        indexes = [models.Index(fields=["crisis", "status", "created_at"])]
        constraints = [models.CheckConstraint(
            condition=~Q(phone="", email="") | Q(erased_at__isnull=False), name="help_request_reachable")]

    def __str__(self) -> str:
        return self.reference

    def get_absolute_url(self) -> str:
        return reverse("crisis:request_detail", args=[self.pk])

    @property
    def is_unmatched(self) -> bool:
        return self.status in self.UNMATCHED

    @property
    def is_closed(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.CLOSED)


class TaskQuerySet(models.QuerySet):
    def open(self) -> TaskQuerySet:
        return self.filter(status__in=(Task.Status.OFFERED, Task.Status.ACCEPTED))


class Task(models.Model):
    """A help request offered to one volunteer. Several may be offered the same request;
    the first to accept takes it (a conditional update), the others' offers lapse."""

    class Status(models.TextChoices):
        OFFERED = "offered", _("Offered")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    help_request = models.ForeignKey(HelpRequest, on_delete=models.CASCADE, related_name="tasks")
    volunteer = models.ForeignKey("volunteers.Volunteer", on_delete=models.CASCADE, related_name="crisis_tasks")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OFFERED)
    token = models.CharField(max_length=64, unique=True, default=new_token)
    code = models.CharField(max_length=6, default=new_code)
    offered_at = models.DateTimeField(_("offered"), default=timezone.now)
    offered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    objects = TaskQuerySet.as_manager()

    class Meta:
        ordering = ["-offered_at"]
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        constraints = [models.UniqueConstraint(fields=["help_request"], condition=Q(status="accepted"),
                                               name="one_accepted_task_per_request")]
        indexes = [models.Index(fields=["volunteer", "status"])]

    def __str__(self) -> str:
        return f"{self.help_request} – {self.volunteer}"

    def get_absolute_url(self) -> str:
        return reverse("crisis:task_answer", args=[self.token])




# ---------------------------------------------------------------- help providers


class HelpProviderQuerySet(models.QuerySet):
    def visible_to(self, user) -> HelpProviderQuerySet:
        """A provider is seen by the officials who triage its crisis (and an administrator)
        and by the representatives of its association."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        from samverka.actors.rules import actor_roles

        return self.filter(Q(crisis__in=Crisis.objects.handled_by(user)) | Q(actor_id__in=list(actor_roles(user))))


class HelpProvider(models.Model):
    """An association that joins a crisis as a help provider: it takes help requests from the
    triage for its own volunteers, up to its capacity per kind of help a day."""

    crisis = models.ForeignKey(Crisis, on_delete=models.CASCADE, related_name="providers")
    actor = models.ForeignKey("actors.Actor", verbose_name=_("association"), on_delete=models.CASCADE,
                              related_name="crisis_providers")
    contact_name = models.CharField(_("contact person"), max_length=200)
    contact_phone = models.CharField(_("contact phone"), max_length=20)
    hours = models.CharField(_("when you can take errands"), max_length=200,
                             help_text=_("For example: weekdays 9–17, Saturdays 10–14."))
    is_paused = models.BooleanField(_("paused"), default=False)
    paused_at = models.DateTimeField(null=True, blank=True)
    joined_at = models.DateTimeField(_("joined"), default=timezone.now)
    joined_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")

    objects = HelpProviderQuerySet.as_manager()

    class Meta:
        ordering = ["joined_at"]
        verbose_name = _("help provider")
        verbose_name_plural = _("help providers")
        constraints = [models.UniqueConstraint(fields=["crisis", "actor"], name="one_provider_per_actor_and_crisis")]

    def __str__(self) -> str:
        return str(self.actor)

    def get_absolute_url(self) -> str:
        return reverse("crisis:provider", args=[self.pk])


class ProviderCapacity(models.Model):
    """How many errands of one kind of help a provider takes a day."""

    provider = models.ForeignKey(HelpProvider, on_delete=models.CASCADE, related_name="capacities")
    help_kind = models.ForeignKey("volunteers.HelpKind", on_delete=models.CASCADE, related_name="+")
    per_day = models.PositiveSmallIntegerField(_("errands a day"), default=0)

    class Meta:
        verbose_name = _("capacity")
        verbose_name_plural = _("capacities")
        constraints = [models.UniqueConstraint(fields=["provider", "help_kind"], name="one_capacity_per_kind")]

    def __str__(self) -> str:
        return f"{self.provider}: {self.help_kind} {self.per_day}"


class ProviderTaskQuerySet(models.QuerySet):
    def open(self) -> ProviderTaskQuerySet:
        return self.filter(status__in=(ProviderTask.Status.HANDED, ProviderTask.Status.ACCEPTED))


class ProviderTask(models.Model):
    """A help request handed by the triage to a help provider. At most one is open per
    request (a partial unique index): two officials handing the same request at once, one wins."""

    class Status(models.TextChoices):
        HANDED = "handed", _("Handed to the provider")
        ACCEPTED = "accepted", _("Accepted by the provider")
        DONE = "done", _("Done")
        RETURNED = "returned", _("Returned to the triage")

    help_request = models.ForeignKey(HelpRequest, on_delete=models.CASCADE, related_name="provider_tasks")
    provider = models.ForeignKey(HelpProvider, on_delete=models.CASCADE, related_name="tasks")
    help_kind = models.ForeignKey("volunteers.HelpKind", null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.HANDED)
    handed_at = models.DateTimeField(_("handed over"), default=timezone.now)
    handed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    helpers = models.CharField(_("who goes"), max_length=200, blank=True,
                               help_text=_("First names of your own volunteers who go. Nothing more is needed."))
    done_at = models.DateTimeField(_("done"), null=True, blank=True)

    objects = ProviderTaskQuerySet.as_manager()

    class Meta:
        ordering = ["-handed_at"]
        verbose_name = _("provider task")
        verbose_name_plural = _("provider tasks")
        constraints = [models.UniqueConstraint(fields=["help_request"], condition=Q(status__in=("handed", "accepted")),
                                               name="one_open_provider_task_per_request")]
        indexes = [models.Index(fields=["provider", "status", "handed_at"])]

    def __str__(self) -> str:
        return f"{self.help_request} – {self.provider}"

    @property
    def shows_contact(self) -> bool:
        """The requester's contact details are the provider's only once it has accepted."""
        return self.status in (self.Status.ACCEPTED, self.Status.DONE)
