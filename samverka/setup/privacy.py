"""What moving data keeps about a person: who started an import, a feed or an export (the
administrator, as the record's history; the link goes by itself, SET_NULL, when the account is
deleted). The files themselves are the register's rows, which the domain apps classify; the
import files are removed with their job."""

from __future__ import annotations

from samverka.core.privacy import kept

RECORD = "while the job is kept (the administrator removes old jobs)"

FIELDS = {
    "ImportJob": kept(
        retention=RECORD,
        personal=["created_by"],
        internal=["kind", "file", "original_name", "file_format", "mapping", "headers", "status", "total_rows",
                  "processed_rows", "created_count", "updated_count", "refused_count", "errors", "message",
                  "created_at", "started_at", "finished_at"],
    ),
    "CalendarFeed": kept(
        retention="while the feed is synced",
        public=["url", "actor", "office"],
        personal=["created_by"],
        internal=["last_synced_at", "last_ok", "last_message", "created_at"],
    ),
    "FeedEvent": kept(retention="while the feed is synced", internal=["feed", "uid", "activity", "fingerprint"]),
    "ExportJob": kept(
        retention=RECORD,
        personal=["created_by"],
        internal=["status", "file", "size", "models_count", "rows_count", "files_count", "message", "created_at",
                  "finished_at"],
    ),
}

# The uploaded register files hold contact details; a job and its file are removed after this long.
KEEP_JOBS_DAYS = 90


def personal_data(user) -> dict:
    from .models import ExportJob, ImportJob

    return {
        "imports_started": [{"file": job.original_name, "created": job.created_at.isoformat(), "status": job.status}
                             for job in ImportJob.objects.filter(created_by=user).order_by("pk")],
        "exports_requested": [{"created": job.created_at.isoformat(), "status": job.status}
                              for job in ExportJob.objects.filter(created_by=user).order_by("pk")],
    }


def erase(user) -> None:
    from .models import CalendarFeed, ExportJob, ImportJob

    for model in (ImportJob, ExportJob, CalendarFeed):
        model.objects.filter(created_by=user).update(created_by=None)


def expire(*, now) -> int:
    """Imports and exports older than KEEP_JOBS_DAYS go, with their files."""
    from datetime import timedelta

    from .models import ExportJob, ImportJob

    removed = 0
    for model in (ImportJob, ExportJob):
        for job in model.objects.filter(created_at__lt=now - timedelta(days=KEEP_JOBS_DAYS)):
            if job.file:
                job.file.delete(save=False)
            job.delete()
            removed += 1
    return removed
