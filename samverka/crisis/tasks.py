from django.tasks import task

from . import services


@task
def erase_crisis_data() -> int:
    """Erase help requests' personal details after the retention period (also run by the
    `erase_crisis_data` command)."""
    return services.erase_expired()
