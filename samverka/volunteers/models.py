"""Volunteers: the people who give their time, what they can and will do, and when.

One person is one Volunteer, however they came (their profile page, a need, a crisis
sign-up): a sign-up with a phone number or e-mail address that is already here updates that
volunteer instead of adding a second one. A volunteer who pauses or leaves is offered nothing.
"""

from __future__ import annotations

from functools import lru_cache

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from samverka.municipality.models import Vocabulary


class HelpKind(Vocabulary):
    """A kind of practical help (groceries, pharmacy, errands, a phone call, dog walking,
    transport…), chosen by volunteers and asked for in needs and crises."""

    class Meta(Vocabulary.Meta):
        verbose_name = _("kind of help")
        verbose_name_plural = _("kinds of help")


class Availability:
    """When a volunteer can help: weekdays × parts of the day, kept as a bit set (bit
    `day * 3 + part`) so one integer column answers "free on Tuesday evenings?"."""

    DAYS = (_("Monday"), _("Tuesday"), _("Wednesday"), _("Thursday"), _("Friday"), _("Saturday"), _("Sunday"))
    PARTS = (_("morning"), _("afternoon"), _("evening"))
    ALL = (1 << 21) - 1

    @staticmethod
    def bit(day: int, part: int) -> int:
        return 1 << (day * 3 + part)

    @classmethod
    def from_slots(cls, slots) -> int:
        """From slot codes like "1-2" (Tuesday evening)."""
        value = 0
        for slot in slots:
            day, part = (int(x) for x in str(slot).split("-"))
            if 0 <= day < 7 and 0 <= part < 3:
                value |= cls.bit(day, part)
        return value

    @classmethod
    def to_slots(cls, value: int) -> list[str]:
        return [f"{d}-{p}" for d in range(7) for p in range(3) if value & cls.bit(d, p)]

    @classmethod
    def days(cls, bound_field) -> list[tuple[str, list]]:
        """A form's availability checkboxes grouped by weekday, for a compact grid:
        [(day, [(checkbox, part of the day), …]), …]."""
        boxes = list(bound_field)
        return [(cls.DAYS[d], list(zip(boxes[d * 3:d * 3 + 3], cls.PARTS, strict=True))) for d in range(7)]

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return _availability_choices(get_language())


class VolunteerQuerySet(models.QuerySet):
    def available(self) -> VolunteerQuerySet:
        """Volunteers who may be offered something now: active and confirmed."""
        return self.filter(status=Volunteer.Status.ACTIVE, confirmed_at__isnull=False)


class Volunteer(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        PAUSED = "paused", _("Paused")
        LEFT = "left", _("Left")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("account"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="volunteer",
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("mobile phone"), max_length=20, blank=True, help_text=_("Stored as +46…"))
    districts = models.ManyToManyField("municipality.District", verbose_name=_("parts of the municipality"), blank=True)
    languages = models.ManyToManyField("municipality.Language", verbose_name=_("languages"), blank=True)
    help_kinds = models.ManyToManyField(HelpKind, verbose_name=_("kinds of help"), blank=True)
    areas = models.ManyToManyField("municipality.Area", verbose_name=_("areas"), blank=True)
    skills = models.TextField(_("skills and experience"), blank=True)
    will_not_do = models.TextField(_("what I will not do"), blank=True)
    availability = models.PositiveIntegerField(_("availability"), default=0)
    record_checked_on = models.DateField(
        _("criminal-record extract, dated"), null=True, blank=True,
        help_text=_("The date on the extract from the police's register that the volunteer showed."),
    )
    # Until someone has seen the original, the date above is only what the volunteer wrote.
    record_seen_on = models.DateField(
        _("extract seen on"), null=True, blank=True,
        help_text=_("When an official or an association saw the original extract (no copy is kept)."),
    )
    record_seen_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("extract seen by"), null=True,
                                       blank=True, on_delete=models.SET_NULL, related_name="+")
    consent_sms = models.BooleanField(_("may be contacted by SMS"), default=False)
    # Everyone who signed up during a crisis is asked in that crisis; this is the standing
    # "ask me in a crisis too", so the municipality's volunteers are suggested then as well.
    crisis_help = models.BooleanField(_("may be asked in a crisis"), default=False)
    consent_email = models.BooleanField(_("may be contacted by e-mail"), default=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    confirmed_at = models.DateTimeField(
        _("contact confirmed"), null=True, blank=True,
        help_text=_("When the volunteer confirmed their phone or e-mail (link or SMS code)."),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = VolunteerQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("volunteer")
        verbose_name_plural = _("volunteers")
        constraints = [
            models.UniqueConstraint(Lower("email"), condition=~models.Q(email=""), name="volunteer_email_unique"),
            models.UniqueConstraint(fields=["phone"], condition=~models.Q(phone=""), name="volunteer_phone_unique"),
            models.CheckConstraint(condition=~models.Q(email="", phone=""), name="volunteer_reachable"),
        ]
        indexes = [models.Index(fields=["status", "confirmed_at"])]

    def __str__(self) -> str:
        return self.name

    @property
    def is_available(self) -> bool:
        return self.status == self.Status.ACTIVE and self.confirmed_at is not None

    def free_at(self, day: int, part: int) -> bool:
        return bool(self.availability & Availability.bit(day, part))



class AssignmentQuerySet(models.QuerySet):
    def current(self) -> AssignmentQuerySet:
        return self.filter(status__in=[Assignment.Status.OFFERED, Assignment.Status.ACTIVE])

    def led_by(self, user) -> AssignmentQuerySet:
        """Assignments to the needs and activities `user` publishes or organises."""
        if not user.is_authenticated:
            return self.none()
        from samverka.actors.rules import actor_roles

        actors = list(actor_roles(user))
        mine = models.Q(need__actor__in=actors) | models.Q(activity__actor__in=actors)
        if user.office_ids:
            mine |= models.Q(need__office__in=user.office_ids) | models.Q(activity__office__in=user.office_ids)
        return self.filter(mine)

    def visible_to(self, user) -> AssignmentQuerySet:
        """The volunteer's own assignments and those on the needs and activities the person
        leads; an administrator sees all."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(models.Q(volunteer__user=user) | models.Q(pk__in=Assignment.objects.led_by(user).values("pk")))


class Assignment(models.Model):
    """A volunteer's task: helping with a need or at an activity."""

    class Status(models.TextChoices):
        OFFERED = "offered", _("Offered")
        ACTIVE = "active", _("Under way")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    volunteer = models.ForeignKey(Volunteer, verbose_name=_("volunteer"), on_delete=models.CASCADE,
                                  related_name="assignments")
    need = models.ForeignKey("needs.Need", verbose_name=_("need"), null=True, blank=True, on_delete=models.CASCADE,
                             related_name="assignments")
    activity = models.ForeignKey("activities.Activity", verbose_name=_("activity"), null=True, blank=True,
                                 on_delete=models.CASCADE, related_name="assignments")
    role = models.CharField(_("task"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(need__isnull=False) & models.Q(activity__isnull=True))
                | (models.Q(need__isnull=True) & models.Q(activity__isnull=False)),
                name="assignment_has_one_task",
            ),
            models.UniqueConstraint(fields=["volunteer", "need"], condition=models.Q(need__isnull=False),
                                    name="one_assignment_per_need"),
            models.UniqueConstraint(fields=["volunteer", "activity"], condition=models.Q(activity__isnull=False),
                                    name="one_assignment_per_activity"),
        ]

    def __str__(self) -> str:
        return f"{self.volunteer} – {self.task}"

    @property
    def task(self):
        return self.need if self.need_id else self.activity

    @property
    def is_current(self) -> bool:
        return self.status in (self.Status.OFFERED, self.Status.ACTIVE)


class HoursLog(models.Model):
    """Time a volunteer gave: on an assignment, or on their own (free)."""

    volunteer = models.ForeignKey(Volunteer, verbose_name=_("volunteer"), on_delete=models.CASCADE,
                                  related_name="hours")
    assignment = models.ForeignKey(Assignment, verbose_name=_("assignment"), null=True, blank=True,
                                   on_delete=models.CASCADE, related_name="hours")
    date = models.DateField(_("date"))
    hours = models.DecimalField(_("hours"), max_digits=4, decimal_places=2)
    note = models.CharField(_("what you did"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("logged"), default=timezone.now)

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("logged hours")
        verbose_name_plural = _("logged hours")
        constraints = [
            models.CheckConstraint(condition=models.Q(hours__gte=0.25) & models.Q(hours__lte=24),
                                   name="hours_between_quarter_and_day"),
        ]
        indexes = [models.Index(fields=["assignment", "date"])]

    def __str__(self) -> str:
        return f"{self.volunteer} {self.date} {self.hours} h"


@lru_cache(maxsize=16)
def _availability_choices(language: str | None) -> list[tuple[str, str]]:
    """The 21 slots in words, made once per language (every sign-up form checks its
    answers against them)."""
    return [(f"{d}-{p}", f"{Availability.DAYS[d]} {Availability.PARTS[p]}") for d in range(7) for p in range(3)]
