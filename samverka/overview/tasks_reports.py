"""Background work of the reports: making one (ids in, the service does the rest)."""

from django.tasks import task

from . import services_reports


@task
def generate_report(report_id: int) -> str | None:
    """Make a report that was asked for: its PDF and CSV, with the progress kept on the row.
    A failure queues it again (up to three attempts), then marks it failed."""
    return services_reports.generate_report(report_id=report_id)
