"""Background tasks of the dialogue app: ids in, load, call a service. Each part adds its own."""

from django.tasks import task

# ---- processes, proposals, comments, moderation, feedback


@task
def send_feedback_reminders(*, today: str | None = None) -> int:
    """The feedback reminders to officials (also run daily by the `send_feedback_reminders` command)."""
    from datetime import date

    from . import services_feedback

    return services_feedback.write_reminders(today=date.fromisoformat(today) if today else None)


# ---- consultations (remiss)


@task
def send_consultation_reminders() -> int:
    """Consultation reminders (also run daily by the `send_consultation_reminders` command)."""
    from . import services_consultations

    return services_consultations.write_reminders()


# ---- surveys (enkäter)


@task
def survey_retention() -> int:
    """The processes' retention rule: survey answers anonymised or erased, with the other parts'
    (`dialogue.privacy.expire`; the portal's daily `apply_retention` runs it too)."""
    from django.utils import timezone

    from . import privacy

    return privacy.expire(now=timezone.now())
