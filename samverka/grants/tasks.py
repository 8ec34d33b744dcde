from django.tasks import task

from . import services


@task
def send_report_reminders(*, today: str | None = None) -> int:
    """The follow-up reports' reminders (also run daily by the `send_grant_reminders` command)."""
    from datetime import date

    return services.write_report_reminders(today=date.fromisoformat(today) if today else None)
