from django.tasks import task

from . import services


@task
def send_activity_reminders(*, today: str | None = None) -> int:
    """The day-before reminders (also run by the `send_activity_reminders` command)."""
    from datetime import date

    return services.write_reminders(today=date.fromisoformat(today) if today else None)


@task
def forget_old_registrations() -> int:
    return services.forget_old_registrations()
