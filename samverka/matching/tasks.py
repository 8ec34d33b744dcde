"""Background work of matching programmes: a large programme's run, and the daily
follow-ups (also run by the `send_matching_follow_ups` command)."""

from django.tasks import task

from . import regional, services


@task
def compute_run(*, run_id: int) -> None:
    """Solve a programme too large to solve in the coordinator's request."""
    services.compute_run(run_id=run_id)


@task
def send_follow_ups() -> dict[str, int]:
    """"How is it going?" to both sides of matches whose follow-up is due, reminders of
    unanswered ones to the coordinators, and runs left going by a crash marked failed."""
    return services.send_follow_ups()


@task
def fetch_regional_feeds() -> dict[str, int]:
    """Every partner municipality's signed feed of open places (regional programmes)."""
    return regional.fetch_all()
