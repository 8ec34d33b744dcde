from django.tasks import task

from . import services


@task
def apply_retention() -> dict[str, int]:
    """Erase what has passed its retention (also run daily by the `apply_retention` command)."""
    return services.apply_retention()
