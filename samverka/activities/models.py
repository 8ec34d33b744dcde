"""Activities, their occurrences and registrations, meeting places and featured activities."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samverka.accounts.ages import AgeRange
from samverka.actors.models import Actor, ActorMembership
from samverka.core.text import search_document, search_terms, sort_key
from samverka.municipality.models import Area, District, Language, Office, SdgGoal, TargetGroup


def _my_actor_ids(user):
    return ActorMembership.objects.filter(user=user).values("actor_id")


class AccessibilityFacts(models.Model):
    """The same three facts for places and activities, so one filter finds both."""

    step_free_entry = models.BooleanField(_("step-free entry"), default=False,
                                          help_text=_("No steps or thresholds, or a ramp or a lift."))
    hearing_loop = models.BooleanField(_("hearing loop"), default=False)
    accessible_toilet = models.BooleanField(_("accessible toilet"), default=False)
    accessibility_notes = models.TextField(_("more about accessibility"), max_length=2000, blank=True)

    class Meta:
        abstract = True


# ---------------------------------------------------------------- meeting places


class MeetingPlaceQuerySet(models.QuerySet):
    def approved(self) -> MeetingPlaceQuerySet:
        return self.filter(status=MeetingPlace.Status.APPROVED)

    def visible_to(self, user) -> MeetingPlaceQuerySet:
        """Everyone sees approved places; proposals are seen by officials, by whoever
        proposed them and by the owning actor's representatives."""
        if not user.is_authenticated:
            return self.approved()
        if user.is_superuser or user.is_official:
            return self
        return self.filter(Q(status=MeetingPlace.Status.APPROVED) | Q(proposed_by=user)
                           | Q(owner__in=_my_actor_ids(user)))

    def search(self, query: str) -> MeetingPlaceQuerySet:
        qs = self
        for term in search_terms(query):
            qs = qs.filter(search_text__contains=term)
        return qs


class MeetingPlace(AccessibilityFacts):
    class Kind(models.TextChoices):
        LIBRARY = "library", _("Library")
        DAY_CENTRE = "day_centre", _("Open day centre")
        ASSOCIATION = "association", _("Association premises")
        CAFE = "cafe", _("Café")
        SPORTS_HALL = "sports_hall", _("Sports hall")
        CHURCH_HALL = "church_hall", _("Church or parish hall")
        OUTDOOR = "outdoor", _("Outdoors")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Waiting for approval")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Not approved")

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(max_length=170, unique=True)
    kind = models.CharField(_("kind of place"), max_length=20, choices=Kind.choices)
    address = models.CharField(_("address"), max_length=300)
    district = models.ForeignKey(District, verbose_name=_("part of the municipality"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="meeting_places")
    opening_hours = models.TextField(_("opening hours"), max_length=1000, blank=True)
    offers = models.TextField(_("what it offers and to whom"), max_length=3000, blank=True)
    target_groups = models.ManyToManyField(TargetGroup, verbose_name=_("for whom"), blank=True,
                                           related_name="meeting_places")
    website = models.URLField(_("website"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    owner = models.ForeignKey(Actor, verbose_name=_("run by"), null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="meeting_places")
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(_("message to the proposer"), max_length=1000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    sort_name = models.CharField(max_length=200, db_index=True, editable=False)
    search_text = models.TextField(editable=False, default="")

    objects = MeetingPlaceQuerySet.as_manager()

    class Meta:
        ordering = ["sort_name"]
        verbose_name = _("meeting place")
        verbose_name_plural = _("meeting places")
        indexes = [models.Index(fields=["status", "sort_name"])]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.sort_name = sort_key(self.name)
        self.search_text = search_document(self.name, self.address, self.offers)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "sort_name", "search_text", "updated_at"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("places:detail", kwargs={"slug": self.slug})

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED


# ---------------------------------------------------------------- activities


class ActivityQuerySet(models.QuerySet):
    def public(self) -> ActivityQuerySet:
        """Shown to everyone: published, and cancelled ones (marked as cancelled)."""
        return self.filter(status__in=[Activity.Status.PUBLISHED, Activity.Status.CANCELLED])

    def visible_to(self, user) -> ActivityQuerySet:
        """Drafts are seen by their organiser (the actor's representatives, the office's
        officials) and administrators."""
        if not user.is_authenticated:
            return self.public()
        if user.is_superuser:
            return self
        mine = Q(actor__in=_my_actor_ids(user))
        if user.office_ids:
            mine |= Q(office__in=user.office_ids)
        return self.filter(Q(status__in=[Activity.Status.PUBLISHED, Activity.Status.CANCELLED]) | mine)

    def organised_by(self, user) -> ActivityQuerySet:
        if not user.is_authenticated:
            return self.none()
        mine = Q(actor__in=_my_actor_ids(user))
        if user.office_ids:
            mine |= Q(office__in=user.office_ids)
        return self.filter(mine)

    def search(self, query: str) -> ActivityQuerySet:
        qs = self
        for term in search_terms(query):
            qs = qs.filter(search_text__contains=term)
        return qs


def _image_path(instance, filename: str) -> str:
    return f"activities/{secrets.token_hex(8)}.{filename.rsplit('.', 1)[-1].lower()[:5]}"


class Activity(AccessibilityFacts, AgeRange):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        CANCELLED = "cancelled", _("Cancelled")

    class Mode(models.TextChoices):
        DROP_IN = "drop_in", _("Drop in, no registration")
        REQUIRED = "registration", _("Registration")

    actor = models.ForeignKey(Actor, verbose_name=_("organiser"), null=True, blank=True, on_delete=models.CASCADE,
                              related_name="activities")
    office = models.ForeignKey(Office, verbose_name=_("organising office"), null=True, blank=True,
                               on_delete=models.CASCADE, related_name="activities")
    title = models.CharField(_("title"), max_length=150)
    slug = models.SlugField(max_length=170, unique=True)
    summary = models.CharField(_("in one sentence"), max_length=200)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    rrule = models.CharField(_("recurrence rule"), max_length=500, blank=True,
                             help_text=_("RFC 5545, for example FREQ=WEEKLY;BYDAY=TU;UNTIL=20261231T225959Z"))
    exdates = models.JSONField(_("dates without the activity"), default=list, blank=True)
    # One date of the rule moved or given other times: {rule's date (ISO): {"start": ISO
    # datetime, "end": ISO datetime}}; a calendar feed gives it as a RECURRENCE-ID override.
    moved = models.JSONField(_("dates moved"), default=dict, blank=True)
    place = models.ForeignKey(MeetingPlace, verbose_name=_("meeting place"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="activities")
    address = models.CharField(_("address"), max_length=300, blank=True)
    district = models.ForeignKey(District, verbose_name=_("part of the municipality"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="activities")
    areas = models.ManyToManyField(Area, verbose_name=_("areas"), blank=True, related_name="activities")
    target_groups = models.ManyToManyField(TargetGroup, verbose_name=_("for whom"), blank=True,
                                           related_name="activities")
    languages = models.ManyToManyField(Language, verbose_name=_("languages"), blank=True, related_name="activities")
    sdg_goals = models.ManyToManyField(SdgGoal, verbose_name=_("Agenda 2030 goals"), blank=True,
                                       related_name="activities")
    cost = models.CharField(_("cost"), max_length=200, blank=True)
    is_free = models.BooleanField(_("free of charge"), default=True)
    image = models.ImageField(_("image"), upload_to=_image_path, blank=True)
    image_alt = models.CharField(_("image description"), max_length=250, blank=True)
    registration_mode = models.CharField(_("registration"), max_length=20, choices=Mode.choices,
                                         default=Mode.DROP_IN)
    capacity = models.PositiveIntegerField(_("number of places"), null=True, blank=True)
    registration_deadline = models.DateTimeField(_("last time to register"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PUBLISHED)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    search_text = models.TextField(editable=False, default="")

    objects = ActivityQuerySet.as_manager()

    class Meta:
        ordering = ["start"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [
            models.CheckConstraint(
                condition=(Q(actor__isnull=False) & Q(office__isnull=True)) | (Q(actor__isnull=True) & Q(office__isnull=False)),
                name="activity_has_one_organiser",
            ),
            models.CheckConstraint(condition=Q(end__gt=models.F("start")), name="activity_ends_after_start"),
            models.CheckConstraint(condition=Q(capacity__isnull=True) | Q(capacity__gt=0), name="activity_capacity_positive"),
        ]
        # "start" alone: the feeds list public activities (two statuses) in start order up
        # to a limit; this index lets the database walk them in order and stop there,
        # instead of reading and sorting every public activity.
        indexes = [models.Index(fields=["status", "start"]), models.Index(fields=["start"])]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        self.search_text = search_document(self.title, self.summary, self.description, self.address, self.cost)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text", "updated_at"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("activities:detail", kwargs={"slug": self.slug})

    @property
    def description_after_summary(self) -> str:
        """The description as the page shows it under the summary: without a first paragraph
        that only repeats the summary."""
        first, _blank, rest = self.description.strip().partition("\n\n")
        if " ".join(first.split()) == " ".join(self.summary.split()):
            return rest.strip()
        return self.description

    @property
    def organiser(self):
        return self.actor if self.actor_id else self.office

    @property
    def organiser_name(self) -> str:
        return str(self.organiser) if self.organiser else ""

    @property
    def is_recurring(self) -> bool:
        return bool(self.rrule)

    @property
    def takes_registrations(self) -> bool:
        return self.registration_mode == self.Mode.REQUIRED

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def location_text(self) -> str:
        if self.place_id:
            return f"{self.place.name}, {self.place.address}"
        return self.address

    @property
    def registration_closed(self) -> bool:
        return self.registration_deadline is not None and self.registration_deadline <= timezone.now()


class OccurrenceQuerySet(models.QuerySet):
    def in_calendar(self) -> OccurrenceQuerySet:
        return self.filter(activity__status__in=[Activity.Status.PUBLISHED, Activity.Status.CANCELLED])

    def upcoming(self, now=None) -> OccurrenceQuerySet:
        return self.filter(end__gt=now or timezone.now())

    def for_list(self) -> OccurrenceQuerySet:
        return self.select_related("activity", "activity__place", "activity__actor", "activity__office",
                                   "activity__district").order_by("start", "pk")


class Occurrence(models.Model):
    """One date of an activity, stored so that the calendar asks one indexed table."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="occurrences")
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    day = models.DateField(_("date"))  # the local (Stockholm) date of start
    cancelled = models.BooleanField(_("cancelled"), default=False)

    objects = OccurrenceQuerySet.as_manager()

    class Meta:
        ordering = ["start"]
        verbose_name = _("occurrence")
        verbose_name_plural = _("occurrences")
        constraints = [models.UniqueConstraint(fields=["activity", "day"], name="one_occurrence_per_day")]
        # (activity, end, start): an activity's coming dates read from the index alone (whether it
        # has one, and the first ones in order: the Agenda 2030 goal pages).
        indexes = [models.Index(fields=["start"]), models.Index(fields=["activity", "start"]),
                   models.Index(fields=["day", "start"]), models.Index(fields=["activity", "end", "start"])]

    def __str__(self) -> str:
        return f"{self.activity} {timezone.localtime(self.start):%Y-%m-%d %H:%M}"

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled or self.activity.status == Activity.Status.CANCELLED

    @property
    def has_started(self) -> bool:
        return self.start <= timezone.now()


# ---------------------------------------------------------------- registrations


def _cancel_token() -> str:
    return secrets.token_urlsafe(32)


class RegistrationQuerySet(models.QuerySet):
    def active(self) -> RegistrationQuerySet:
        """With a place or on the waiting list: what the organiser sees and the places count."""
        return self.filter(status__in=[Registration.Status.CONFIRMED, Registration.Status.WAITLISTED])

    def live(self) -> RegistrationQuerySet:
        """Active, or waiting for its confirmation: one per address and occasion."""
        return self.filter(status__in=Registration.LIVE)


class Registration(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Has a place")
        WAITLISTED = "waitlisted", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")
        # Made by someone without a verified address: it holds no place until the link in
        # the message is opened (services.confirm_registration), and is removed after
        # services.CONFIRM_WITHIN if it never is.
        UNCONFIRMED = "unconfirmed", _("Waiting for confirmation")

    occurrence = models.ForeignKey(Occurrence, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="activity_registrations")
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("mobile phone"), max_length=20, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    position = models.PositiveIntegerField(default=0)
    cancel_token = models.CharField(max_length=64, unique=True, default=_cancel_token, editable=False)
    language = models.CharField(max_length=10, default="sv")
    created_at = models.DateTimeField(auto_now_add=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    ACTIVE = [Status.CONFIRMED, Status.WAITLISTED]
    LIVE = [*ACTIVE, Status.UNCONFIRMED]  # one per address and occasion

    class Meta:
        ordering = ["position"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(fields=["occurrence", "email"], name="one_active_registration_per_email",
                                    condition=Q(status__in=["confirmed", "waitlisted", "unconfirmed"]) & ~Q(email="")),
            models.UniqueConstraint(fields=["occurrence", "phone"], name="one_active_registration_per_phone",
                                    condition=Q(status__in=["confirmed", "waitlisted", "unconfirmed"]) & ~Q(phone="")),
            models.CheckConstraint(condition=~Q(email="") | ~Q(phone=""), name="registration_has_contact"),
        ]
        indexes = [models.Index(fields=["occurrence", "status", "position"])]

    def __str__(self) -> str:
        return f"{self.name} – {self.occurrence}"

    def get_absolute_url(self) -> str:
        return reverse("activities:registration", kwargs={"token": self.cancel_token})

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE


# ---------------------------------------------------------------- featured


class FeatureQuerySet(models.QuerySet):
    def current(self, today=None) -> FeatureQuerySet:
        today = today or timezone.localdate()
        return self.filter(starts_on__lte=today, ends_on__gte=today)


class Feature(models.Model):
    """The municipality lifts an activity onto the home page for a while (policy 8b)."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="features")
    starts_on = models.DateField(_("shown from"))
    ends_on = models.DateField(_("shown until"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = FeatureQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("featured activity")
        verbose_name_plural = _("featured activities")
        constraints = [models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="feature_ends_after_start")]
        indexes = [models.Index(fields=["ends_on", "starts_on"])]

    def __str__(self) -> str:
        return f"{self.activity} ({self.starts_on}–{self.ends_on})"
