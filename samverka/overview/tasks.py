"""The overview's background work: ids and dates in, the figures out."""

from django.tasks import task


@task
def compute_figures(*, today: str | None = None, everything: bool = False) -> int:
    """Recompute the overview's figures (also run daily by the `compute_overview` command)."""
    from datetime import date

    from . import services

    return services.compute_figures(today=date.fromisoformat(today) if today else None, everything=everything)
