"""What the overview keeps about a person: figures are counts, never people; a report keeps who
asked for it, which goes (not the report) when the account is deleted."""

from __future__ import annotations

from samverka.core.privacy import kept

from .models import Report

FIELDS = {
    "Figure": kept(retention="while the municipality keeps its statistics (counts, no person)",
                   public=["month", "metric", "dimension", "key", "count", "out_of"], internal=["computed_at"]),
    "CooperatingSoFar": kept(retention="recomputed daily with the figures (counts, no person)",
                             public=["month", "dimension", "key", "count"]),
    "Tie": kept(retention="recomputed daily from the other apps' records; goes with the actor or office",
                internal=["actor", "office", "month"]),
    "Report": kept(retention="while the municipality keeps the report (a record of the committee's follow-up)",
                   public=["kind", "year", "office", "pdf", "csv"],
                   personal=["requested_by"],
                   internal=["status", "progress", "step", "attempts", "error", "requested_at", "started_at",
                             "finished_at"]),
}


def personal_data(user) -> dict:
    return {"reports_requested": [
        {"report": str(report), "office": str(report.office or ""), "requested": report.requested_at.isoformat()}
        for report in Report.objects.filter(requested_by=user).select_related("office").order_by("pk")]}


def erase(user) -> None:
    Report.objects.filter(requested_by=user).update(requested_by=None)
