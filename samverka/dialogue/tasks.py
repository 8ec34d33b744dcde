"""Background tasks of the dialogue app: ids in, load, call a service. Each part adds its own."""

from django.tasks import task

# ---- surveys (enkäter)


@task
def survey_retention() -> int:
    """Survey answers past their process's retention: anonymised or erased (run daily)."""
    from . import services_surveys

    return services_surveys.apply_retention()
