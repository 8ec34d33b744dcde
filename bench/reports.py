"""The yearly cooperation report's generation time on the bench database (issue 16).

`measure_yearly_report()` runs inside a Django process pointed at the bench database after it
is filled (bench/setup_db.py, after the overview's figures are computed): it asks for the
yearly report of the last full year as the platform itself, makes it synchronously with the
task worker's function (figures, lists, charts, the tagged PDF and the CSV), checks that it is
done, removes it and its files, and returns one JSON line:

    {"name": "report_yearly", "value": 4.2, "unit": "s", ...}
"""

from __future__ import annotations

import time

from django.utils import timezone

TARGET_S = 60.0  # a committee's report may take a minute in the background, not more


def measure_yearly_report(*, year: int | None = None) -> dict:
    from samverka.overview import services_reports
    from samverka.overview.models import Figure, Report
    from samverka.overview.tasks_reports import generate_report

    year = year or timezone.localdate().year - 1
    services_reports.fail_stale_reports()
    Report.objects.filter(kind=Report.Kind.YEARLY, year=year, status__in=services_reports.IN_THE_MAKING).delete()
    report = Report.objects.create(kind=Report.Kind.YEARLY, year=year)
    started = time.perf_counter()
    try:
        status = generate_report.call(report.pk)  # the task's own function, in this process
        seconds = time.perf_counter() - started
        report.refresh_from_db()
        if status != Report.Status.DONE:
            raise SystemExit(f"report_yearly: the report ended {status!r}: {report.error}")
        return {"name": "report_yearly", "value": round(seconds, 2), "unit": "s", "year": year,
                "figures": Figure.objects.filter(month__year=year).count(), "pdf_bytes": report.pdf.size if report.pdf else 0,
                "csv_bytes": report.csv.size if report.csv else 0,
                "target": {"s_below": TARGET_S}, "pass": seconds < TARGET_S}
    finally:
        services_reports._remove_files(report)
        report.delete()
