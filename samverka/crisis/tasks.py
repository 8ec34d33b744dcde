from django.tasks import task

from . import services


@task
def erase_crisis_data() -> int:
    """Erase help requests' personal details after the retention period (also run by the
    `erase_crisis_data` command)."""
    return services.erase_expired()


RUN_BATCHES = 8  # 200 sign-ups a run, then the outbox's turn


@task
def process_signups() -> int:
    """Make volunteers of the "I can help" forms received (also run by the
    `process_signups` command), a few batches a run: the next run follows at once, after
    the confirmations queued meanwhile."""
    return services.process_received(batches=RUN_BATCHES)


@task
def release_volunteers(*, crisis_id: int) -> int:
    """Tell the volunteers who were not needed in a crisis, in batches; run again after a
    failure, it goes on after the last one told."""
    return services.release_unneeded(crisis_id=crisis_id)
