"""Runs the periodic jobs of README's "Periodic jobs" on their schedule, for an installation
without cron or systemd timers (the container setup, compose.yaml's `jobs` service).

Each job is a management command, run in this process one after the other: the frequent ones
every few minutes, the hourly ones every hour, the daily ones once a day after DAILY_AT local
time (and once at start, so a restart never skips a day), the weekly one on Sundays. Every job
is safe to run again (each reminder is sent once, each retention rule applies once), so a
restart or an overlap with a manual run does no harm. A job that fails is logged and tried
again at its next turn; the others go on."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.management import BaseCommand, call_command
from django.db import close_old_connections
from django.utils import timezone

log = logging.getLogger(__name__)

DAILY_AT = 3  # o'clock, local time: the daily jobs run in the night


@dataclass(frozen=True)
class Job:
    command: str
    every: timedelta


MINUTES, HOUR, DAY, WEEK = timedelta(minutes=5), timedelta(hours=1), timedelta(days=1), timedelta(days=7)

SCHEDULE = [
    Job("send_outbox", MINUTES),
    Job("process_signups", MINUTES),
    Job("send_activity_reminders", HOUR),
    Job("sync_calendar_feeds", HOUR),
    Job("fetch_regional_feeds", HOUR),
    Job("erase_crisis_data", DAY),
    Job("remind_annual_updates", DAY),
    Job("apply_retention", DAY),
    Job("send_matching_follow_ups", DAY),
    Job("send_grant_reminders", DAY),
    Job("send_partnership_reminders", DAY),
    Job("send_consultation_reminders", DAY),
    Job("send_feedback_reminders", DAY),
    Job("send_link_cases_to_coordinator", DAY),
    Job("compute_indicators", DAY),
    Job("compute_overview", DAY),
    Job("prune_db_task_results", WEEK),
]


def due(job: Job, last: datetime | None, now: datetime) -> bool:
    """Whether `job`, last run at `last` (None: not in this process), is due at `now` (local time)."""
    if last is None:
        return True
    if job.every < DAY:
        return now - last >= job.every
    if job.every == WEEK:
        return now.date() != last.date() and now.weekday() == 6 and now.hour >= DAILY_AT
    return now.date() != last.date() and now.hour >= DAILY_AT


class Command(BaseCommand):
    help = "Run the periodic jobs on their schedule (for an installation without cron)."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run every job once and stop.")

    def handle(self, *args, once: bool = False, **options):
        last: dict[str, datetime] = {}
        while True:
            now = timezone.localtime()
            for job in SCHEDULE:
                if due(job, last.get(job.command), now):
                    self.run(job)
                    last[job.command] = now
            if once:
                return
            close_old_connections()
            time.sleep(30)

    def run(self, job: Job) -> None:
        started = time.monotonic()
        try:
            call_command(job.command, stdout=self.stdout, stderr=self.stderr)
        except Exception:  # one job's failure must not stop the others; its next turn tries again
            log.exception("periodic job %s failed", job.command)
        else:
            log.info("periodic job %s done in %.1f s", job.command, time.monotonic() - started)
