"""Background tasks of the dialogue app: ids in, load, call a service. Each part adds its own."""

from django.tasks import task

# ---- consultations (remiss)


@task
def send_consultation_reminders() -> int:
    """Consultation reminders (also run daily by the `send_consultation_reminders` command)."""
    from . import services_consultations

    return services_consultations.write_reminders()


# ---- surveys (enkäter)


@task
def survey_retention() -> int:
    """Survey answers past their process's retention: anonymised or erased (run daily)."""
    from . import services_surveys

    return services_surveys.apply_retention()
