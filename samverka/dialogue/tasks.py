"""Background tasks of dialogue: ids in, load, call a service. Each part adds its own below its heading."""

from django.tasks import task

# ---- processes, proposals, comments, moderation, feedback


@task
def send_feedback_reminders(*, today: str | None = None) -> int:
    """The feedback reminders to officials (also run daily by the `send_feedback_reminders` command)."""
    from datetime import date

    from . import services_feedback

    return services_feedback.write_reminders(today=date.fromisoformat(today) if today else None)


# ---- consultations (remiss)

# ---- surveys (enkäter)
