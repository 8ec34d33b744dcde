from django.tasks import task

from . import services


@task
def erase_crisis_data() -> int:
    """Erase help requests' personal details after the retention period (also run by the
    `erase_crisis_data` command)."""
    return services.erase_expired()


@task
def process_signups() -> int:
    """Make volunteers of the "I can help" forms received (also run by the
    `process_signups` command)."""
    return services.process_received()
