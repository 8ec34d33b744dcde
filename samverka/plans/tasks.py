from django.tasks import task

from . import services


@task
def compute_indicators(*, today: str | None = None) -> int:
    """Today's value of every computed indicator (also run daily by the `compute_indicators`
    command); a date already written is left as it is."""
    from datetime import date

    return services.compute_indicators(today=date.fromisoformat(today) if today else None)
