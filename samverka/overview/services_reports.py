"""Asking for reports and making them.

A person asks (`request_report`, `retry_report`: keyword-only, `by=`, checked against
rules_reports.py, recorded in the audit log); the task worker makes the report
(`generate_report`, by the platform itself) one step at a time, writing its progress on the
row. Both files are written first and the row is marked done last, in one update, so a report
that stops halfway is never shown as ready; a failed attempt's files are removed, and it is
tried again up to MAX_ATTEMPTS times before it is marked failed."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samverka.core import audit
from samverka.core.access import require_perm
from samverka.core.errors import ActionError
from samverka.core.storage import private

from . import reports
from .models import Report

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 3
# A report still "being made" after this long was left by a worker that stopped (a restart,
# a crash): it is marked failed, so it can be asked for again.
STALE_AFTER = timedelta(minutes=30)
IN_THE_MAKING = [Report.Status.QUEUED, Report.Status.RUNNING]


def in_the_making(*, kind: str, year: int, office=None):
    return Report.objects.filter(kind=kind, year=year, office=office, status__in=IN_THE_MAKING)


def file_names(report: Report) -> tuple[str, str]:
    """Where a report's files are kept: fixed per report, so an attempt that stopped can be
    cleaned up by name, whatever it managed to write."""
    stem = f"reports/{report.year}/rapport-{report.pk}"
    return f"{stem}.pdf", f"{stem}.csv"


def _enqueue(report_id: int) -> None:
    from .tasks_reports import generate_report

    transaction.on_commit(lambda: generate_report.enqueue(report_id=report_id))


def fail_stale_reports(*, now=None) -> int:
    now = now or timezone.now()
    stale = list(Report.objects.filter(status=Report.Status.RUNNING, started_at__lt=now - STALE_AFTER))
    for report in stale:
        _remove_files(report)
    return Report.objects.filter(pk__in=[r.pk for r in stale], status=Report.Status.RUNNING).update(
        status=Report.Status.FAILED, finished_at=now, error="Stopped: took too long or was interrupted.")


def request_report(*, by, kind: str, year: int, office=None) -> Report:
    """Ask for a report. While one of the same kind, year and office is being made, that one
    is the answer (a second click, a double submit, a colleague asking at the same time)."""
    if kind == Report.Kind.YEARLY:
        office = None
    elif office is None:
        raise ActionError(_("Choose the office the report is for."))
    require_perm(by, "overview.request_report", office)
    fail_stale_reports()
    if existing := in_the_making(kind=kind, year=year, office=office).first():
        return existing
    try:
        with transaction.atomic():
            report = Report.objects.create(kind=kind, year=year, office=office,
                                           requested_by=by if getattr(by, "is_authenticated", False) else None)
            audit.record(by=by, action="report.request", target=report,
                         changes={"report": str(report), "office": office.name if office else ""})
    except IntegrityError:
        if existing := in_the_making(kind=kind, year=year, office=office).first():
            return existing
        raise ActionError(_("The same report was just made. Look for it in the list, or ask again.")) from None
    _enqueue(report.pk)
    return report


def retry_report(*, by, report: Report) -> Report:
    """Try a failed report again (the "try again" button). A report that is not failed is
    left as it is; one of the same kind being made meanwhile is the answer."""
    require_perm(by, "overview.retry_report", report)
    if report.status != Report.Status.FAILED:
        return report
    fail_stale_reports()
    try:
        with transaction.atomic():
            again = Report.objects.filter(pk=report.pk, status=Report.Status.FAILED).update(
                status=Report.Status.QUEUED, progress=0, step="", attempts=0, error="", started_at=None,
                finished_at=None)
            if again:
                audit.record(by=by, action="report.request", target=report,
                             changes={"report": str(report), "office": report.office.name if report.office else "",
                                      "again": True})
    except IntegrityError:
        if existing := in_the_making(kind=report.kind, year=report.year, office=report.office).first():
            return existing
        raise
    if again:
        _enqueue(report.pk)
    report.refresh_from_db()
    return report


# ---------------------------------------------------------------- the worker


def _step(report_id: int, key: str) -> None:
    progress, _label = reports.STEPS[key]
    Report.objects.filter(pk=report_id, status=Report.Status.RUNNING).update(progress=progress, step=key)


def _remove_files(report: Report) -> None:
    for name in file_names(report):
        try:
            if private.exists(name):
                private.delete(name)
        except OSError:
            log.exception("Could not remove %s", name)


def _save(name: str, content: bytes) -> str:
    if private.exists(name):
        private.delete(name)
    saved = private.save(name, ContentFile(content))
    if saved != name:  # another file took the name in between: never keep two
        private.delete(saved)
        raise OSError(f"{name} is taken")
    return saved


def generate_report(*, report_id: int) -> str | None:
    """Make a queued report (the task worker; the platform itself, so no `by`). Claims the row
    with a conditional update, so two workers never make the same report. Returns the status."""
    now = timezone.now()
    claimed = Report.objects.filter(pk=report_id, status=Report.Status.QUEUED).update(
        status=Report.Status.RUNNING, started_at=now, finished_at=None, attempts=F("attempts") + 1, progress=0,
        step="figures")
    if not claimed:
        return None
    report = Report.objects.select_related("office").get(pk=report_id)
    pdf_name, csv_name = file_names(report)
    try:
        with translation.override(settings.LANGUAGE_CODE):  # for the committees: the municipality's language
            _step(report.pk, "figures")
            figures = reports.read_figures(report)
            _step(report.pk, "lists")
            lists = reports.read_lists(report)
            _step(report.pk, "charts")
            drawn = reports.draw_charts(report, figures)
            _step(report.pk, "pdf")
            _save(pdf_name, reports.render_pdf(report, figures, lists, drawn))
            _step(report.pk, "csv")
            _save(csv_name, reports.render_csv(report, figures))
    except Exception as error:
        log.exception("Report %s failed (attempt %s)", report.pk, report.attempts)
        _remove_files(report)
        return _failed(report, error)
    done = Report.objects.filter(pk=report.pk, status=Report.Status.RUNNING).update(
        status=Report.Status.DONE, progress=100, step="", error="", pdf=pdf_name, csv=csv_name,
        finished_at=timezone.now())
    if not done:  # marked failed as stale meanwhile: what this attempt wrote goes
        _remove_files(report)
        return Report.objects.filter(pk=report.pk).values_list("status", flat=True).first()
    return Report.Status.DONE


def _failed(report: Report, error: Exception) -> str:
    cause = f"{error.__class__.__name__}: {error}"[:500]
    if report.attempts < MAX_ATTEMPTS:
        again = Report.objects.filter(pk=report.pk, status=Report.Status.RUNNING).update(
            status=Report.Status.QUEUED, error=cause)
        if again:
            _enqueue(report.pk)
        return Report.Status.QUEUED
    Report.objects.filter(pk=report.pk, status=Report.Status.RUNNING).update(
        status=Report.Status.FAILED, error=cause, finished_at=timezone.now())
    return Report.Status.FAILED
