from django.tasks import task

from . import services


@task
def send_milestone_reminders(*, today: str | None = None) -> int:
    """The milestones' reminders (also run daily by the `send_partnership_reminders` command)."""
    from datetime import date

    return services.write_milestone_reminders(today=date.fromisoformat(today) if today else None)
