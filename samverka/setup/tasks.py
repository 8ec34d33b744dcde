"""Background work of moving data: ids in, load, call the service."""

from django.tasks import task

from . import export, feeds, services
from .models import CalendarFeed


@task
def run_import(*, job_id: int) -> str:
    return services.run_import(job_id).status


@task
def sync_feed(*, feed_id: int) -> int:
    """1 when the feed could not be synced (the feed says why), else 0."""
    feed = CalendarFeed.objects.filter(pk=feed_id).select_related("actor", "office").first()
    return feeds.sync(feed)["failed"] if feed else 0


@task
def sync_all_feeds() -> int:
    """Every feed, one after another (the `sync_calendar_feeds` command does the same, every few hours)."""
    return sum(feeds.sync(feed)["failed"] for feed in CalendarFeed.objects.select_related("actor", "office"))


@task
def write_export(*, job_id: int) -> str:
    return export.run(job_id).status
