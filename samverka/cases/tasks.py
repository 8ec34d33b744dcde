"""Background tasks of the one way in: ids in, load, call a service."""

from django.tasks import task


@task
def send_link_cases_to_coordinator() -> int:
    """Late or untaken link cases to the coordinator (also run daily by the
    `send_link_cases_to_coordinator` command)."""
    from . import services

    return services.send_to_coordinators()
