"""The cooperation body's overview and the reports made from it.

The overview's figures are precomputed by the task worker (`tasks.compute_figures`, daily
and after a report is asked for) into `Figure` rows: one number per month, metric and
dimension (the whole municipality, an office, an area, a part of the municipality or an
Agenda 2030 goal). The page reads those rows, so it costs the same with a city's data as
with an island's. A `Report` is generated in the background (PDF and CSV) with its progress
kept on the row; it is shown as ready only when both files are written."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samverka.core.storage import private_storage


class Metric(models.TextChoices):
    ACTORS = "actors", _("Actors in the register")
    COOPERATING_ACTORS = "cooperating_actors", _("Actors cooperating with an office")
    ACTIVITIES = "activities", _("Activities")
    VOLUNTEERS = "volunteers", _("Volunteers registered")
    VOLUNTEER_HOURS = "volunteer_hours", _("Volunteer hours")
    MATCHES = "matches", _("Matches made")
    GRANTS_DECIDED = "grants_decided", _("Grants decided")
    GRANTS_FOLLOWED_UP = "grants_followed_up", _("Grants followed up")
    FEEDBACK_GIVEN = "feedback_given", _("Feedback given")
    FEEDBACK_ON_TIME = "feedback_on_time", _("Feedback given on time")
    NEEDS_MET = "needs_met", _("Needs met")
    IDEAS_COACHED = "ideas_coached", _("Ideas coached")
    PARTNERSHIPS = "partnerships", _("Partnerships")
    PARTICIPATION = "participation", _("Sign-ups to activities, needs and programmes")


class Dimension(models.TextChoices):
    TOTAL = "", _("The whole municipality")
    OFFICE = "office", _("Office")
    AREA = "area", _("Area")
    DISTRICT = "district", _("Part of the municipality")
    GOAL = "goal", _("Agenda 2030 goal")
    MATRIX = "matrix", _("Office and area")  # key "office:area"; only in `CooperatingSoFar`
    # Only what people chose to say about themselves (accounts.User.target_groups), never inferred.
    TARGET_GROUP = "target", _("Target group, as people said")


class Figure(models.Model):
    """One precomputed number: `count` of a metric in a month (the first day of the month), for
    the whole municipality (`dimension` "") or one office, area, part or goal (`key` its
    primary key as text). A share keeps its denominator in `out_of` (feedback given on time:
    count on time out_of given)."""

    month = models.DateField()
    metric = models.CharField(max_length=24, choices=Metric.choices)
    dimension = models.CharField(max_length=10, choices=Dimension.choices, blank=True, default="")
    key = models.CharField(max_length=40, blank=True, default="")
    count = models.BigIntegerField(default=0)
    out_of = models.BigIntegerField(null=True, blank=True)
    computed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("figure")
        verbose_name_plural = _("figures")
        constraints = [models.UniqueConstraint(fields=["metric", "dimension", "key", "month"],
                                               name="one_figure_per_metric_dimension_month")]
        indexes = [models.Index(fields=["dimension", "month"])]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.metric} {self.dimension}={self.key}: {self.count}"


class CooperatingSoFar(models.Model):
    """Distinct actors that cooperated with an office from January up to and including `month`
    (the first day of the month), for the whole municipality or one office, area, part, goal or
    office × area (`Dimension.MATRIX`, key "office:area"). Distinct actors over several months
    cannot be summed from the months' `Figure` rows, so `figures.compute` writes the running
    counts and the overview reads one month's rows instead of counting the year's ties."""

    month = models.DateField()
    dimension = models.CharField(max_length=10, choices=Dimension.choices, blank=True, default="")
    key = models.CharField(max_length=40, blank=True, default="")
    count = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("cooperating actors so far this year")
        verbose_name_plural = _("cooperating actors so far this year")
        constraints = [models.UniqueConstraint(fields=["month", "dimension", "key"],
                                               name="one_running_count_per_month_dimension")]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.dimension}={self.key}: {self.count}"


class Tie(models.Model):
    """A precomputed tie: `actor` cooperated with `office` in `month` (the first day of the
    month) through a partnership, a grant application, an answer to a need, a group, a
    consultation answer or a match. Written by `figures.compute`; the overview counts them."""

    actor = models.ForeignKey("actors.Actor", on_delete=models.CASCADE, related_name="+")
    office = models.ForeignKey("municipality.Office", on_delete=models.CASCADE, related_name="+")
    month = models.DateField()

    class Meta:
        verbose_name = _("tie between an actor and an office")
        verbose_name_plural = _("ties between actors and offices")
        constraints = [models.UniqueConstraint(fields=["actor", "office", "month"], name="one_tie_per_month")]
        # (month, actor): the distinct actors of a range of months from the index alone.
        indexes = [models.Index(fields=["month", "office"]), models.Index(fields=["office", "month"]),
                   models.Index(fields=["month", "actor"])]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.actor_id} – {self.office_id}"


class ReportQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The process leader's and administrators' reports; an office's reports to its officials."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser or getattr(user, "is_process_leader", False):
            return self
        return self.filter(Q(office__in=user.office_ids) | Q(requested_by=user))


class Report(models.Model):
    class Kind(models.TextChoices):
        YEARLY = "yearly", _("Yearly cooperation report")
        OFFICE = "office", _("Report per office")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Being made")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("report"), max_length=10, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    office = models.ForeignKey("municipality.Office", verbose_name=_("office"), null=True, blank=True,
                               on_delete=models.CASCADE, related_name="reports")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (per cent)"), default=0)
    step = models.CharField(max_length=200, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    pdf = models.FileField(storage=private_storage, upload_to="reports/%Y/", blank=True)
    csv = models.FileField(storage=private_storage, upload_to="reports/%Y/", blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.CheckConstraint(condition=Q(kind="yearly", office__isnull=True) | Q(kind="office",
                                                                                      office__isnull=False),
                                   name="report_office_only_per_office"),
            # One report of a kind, year and office in the making at a time (a second click waits for it).
            models.UniqueConstraint(fields=["kind", "year"],
                                    condition=Q(status__in=["queued", "running"], office__isnull=True),
                                    name="one_yearly_report_in_the_making"),
            models.UniqueConstraint(fields=["kind", "year", "office"],
                                    condition=Q(status__in=["queued", "running"], office__isnull=False),
                                    name="one_office_report_in_the_making"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year}"
