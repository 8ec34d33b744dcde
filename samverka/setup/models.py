"""Moving data in and out: import jobs (a file, its column mapping, its progress and the rows it
refused), calendar feeds kept in sync, and export jobs (a ZIP of everything the municipality owns)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samverka.core.storage import private_storage


def _upload_path(instance, filename: str) -> str:
    return f"setup/imports/{filename}"


def _export_path(instance, filename: str) -> str:
    return f"setup/exports/{filename}"


class ImportJob(models.Model):
    """One uploaded file on its way into the register: uploaded → mapped (the administrator
    checks the columns and the preview) → queued → running → done (or failed)."""

    class Kind(models.TextChoices):
        ACTORS = "actors", _("Association register")
        PLACES = "places", _("Meeting places")

    class Status(models.TextChoices):
        UPLOADED = "uploaded", _("Waiting for the column check")
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Importing")
        DONE = "done", _("Done")
        FAILED = "failed", _("Stopped")

    kind = models.CharField(_("what to import"), max_length=10, choices=Kind.choices)
    file = models.FileField(_("file"), upload_to=_upload_path, storage=private_storage, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    file_format = models.CharField(max_length=5)  # "csv" | "xlsx"
    # {field name: column index} chosen by the administrator (guessed from the headers first).
    mapping = models.JSONField(default=dict, blank=True)
    headers = models.JSONField(default=list, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.UPLOADED)
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    created_count = models.PositiveIntegerField(_("added"), default=0)
    updated_count = models.PositiveIntegerField(_("updated"), default=0)
    refused_count = models.PositiveIntegerField(_("refused"), default=0)
    # [{"row": line number in the file, "errors": ["…"]}], the first MAX_ERRORS refused rows.
    errors = models.JSONField(default=list, blank=True)
    message = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    MAX_ERRORS = 1000

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.original_name}"

    def get_absolute_url(self) -> str:
        return reverse("setup:import", kwargs={"pk": self.pk})

    @property
    def percent(self) -> int:
        if not self.total_rows:
            return 100 if self.status == self.Status.DONE else 0
        return min(100, round(100 * self.processed_rows / self.total_rows))

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)


class CalendarFeed(models.Model):
    """An iCalendar address whose events become activities of one organiser, synced on a schedule."""

    url = models.URLField(_("calendar address"), max_length=500)
    actor = models.ForeignKey("actors.Actor", verbose_name=_("organiser"), null=True, blank=True,
                              on_delete=models.CASCADE, related_name="+")
    office = models.ForeignKey("municipality.Office", verbose_name=_("organising office"), null=True, blank=True,
                               on_delete=models.CASCADE, related_name="+")
    last_synced_at = models.DateTimeField(_("last synced"), null=True, blank=True)
    last_ok = models.BooleanField(default=True)
    last_message = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["url"]
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")
        constraints = [
            models.UniqueConstraint(fields=["url"], name="one_feed_per_url"),
            models.CheckConstraint(
                condition=(models.Q(actor__isnull=False) & models.Q(office__isnull=True))
                | (models.Q(actor__isnull=True) & models.Q(office__isnull=False)),
                name="feed_has_one_organiser"),
        ]

    def __str__(self) -> str:
        return self.url

    @property
    def organiser(self):
        return self.actor if self.actor_id else self.office


class FeedEvent(models.Model):
    """Which activity a feed's event (its UID) became, so a re-sync updates it."""

    feed = models.ForeignKey(CalendarFeed, on_delete=models.CASCADE, related_name="events")
    uid = models.CharField(max_length=500)
    activity = models.ForeignKey("activities.Activity", on_delete=models.CASCADE, related_name="+")
    fingerprint = models.CharField(max_length=64)  # of what the feed said last, to skip unchanged events

    class Meta:
        constraints = [models.UniqueConstraint(fields=["feed", "uid"], name="one_activity_per_feed_uid")]
        verbose_name = _("calendar event")
        verbose_name_plural = _("calendar events")

    def __str__(self) -> str:
        return self.uid


class ExportJob(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Exporting")
        DONE = "done", _("Ready to download")
        FAILED = "failed", _("Stopped")

    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    file = models.FileField(upload_to=_export_path, storage=private_storage, max_length=200, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    models_count = models.PositiveIntegerField(default=0)
    rows_count = models.PositiveIntegerField(default=0)
    files_count = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("export")
        verbose_name_plural = _("exports")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M}"
