"""Moving data in and out. Every write here checks rules.py, records an audit event and leaves the
domain's own writes to its app: the register's rows go through `actors.services.import_actors`,
meeting places and activities through `activities.services`.

An import is written in batches of BATCH rows, each batch in one transaction with the job's
progress: the valid rows of a batch are written together, the refused ones are listed on the job
with the row and the reason, and a batch that fails as a whole (the database goes away) leaves
nothing of itself behind. Nothing is half imported: a row is either in the register, as the file
says, or on the job's list of refused rows. Because a re-import updates instead of duplicating,
the cure for a refused row is to correct the file and import it again."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator
from typing import Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from samverka.activities import services as activity_services
from samverka.activities.models import MeetingPlace
from samverka.actors import services as actor_services
from samverka.actors.models import Actor
from samverka.communication import services as communication
from samverka.communication.models import OutboxMessage
from samverka.core import audit
from samverka.core.access import require_perm
from samverka.core.errors import ActionError
from samverka.municipality.models import Municipality

from . import columns, reading
from .models import CalendarFeed, ExportJob, ImportJob
from .selectors import test_message_key

log = logging.getLogger(__name__)

BATCH = 1000
PREVIEW_ROWS = 10


# ---------------------------------------------------------------- import: upload, mapping, start


@transaction.atomic
def upload_import(*, by, kind: str, upload) -> ImportJob:
    """Keep the file (private storage), read its header row and guess the columns."""
    require_perm(by, "setup.import_data")
    head = upload.read(8192)
    upload.seek(0)
    fmt = reading.file_format(upload.name, head)
    headers = next(reading.rows(upload, fmt), None)
    if not headers:
        raise ActionError(_("The file is empty. Choose a file with a header row and at least one row below it."))
    upload.seek(0)
    original = getattr(upload, "original_name", upload.name)[:200]
    job = ImportJob(kind=kind, original_name=original, file_format=fmt, headers=headers[:100],
                    mapping=columns.guess_mapping(kind, headers), created_by=by)
    job.file.save(f"{timezone.now():%Y%m%d%H%M%S}.{fmt}", File(upload), save=False)
    job.save()
    audit.record(by=by, action="setup.upload", target=job, changes={"kind": kind, "file": original})
    return job


def _rows(job: ImportJob) -> Iterator[tuple[int, list[str]]]:
    """(row number as the administrator sees it in the file, cells) for every row below the header."""
    with job.file.open("rb") as handle:
        for number, row in enumerate(reading.rows(handle, job.file_format), start=1):
            if number > 1:
                yield number, row


def preview(job: ImportJob, limit: int = PREVIEW_ROWS) -> list[dict[str, Any]]:
    """The first rows as they would be imported: each field's value and the row's errors."""
    found = []
    duplicates = columns.Duplicates(job.kind)
    for number, row in _rows(job):
        data, errors = columns.check_row(job.kind, job.mapping, row)
        if not errors and (clash := duplicates.check(number, data)):
            errors.append(clash)
        values = [(field.label, row[column] if column < len(row) else "")
                  for field in columns.FIELDS[job.kind] if (column := job.mapping.get(field.name)) is not None]
        found.append({"row": number, "values": values, "errors": errors})
        if len(found) >= limit:
            break
    return found


@transaction.atomic
def set_mapping(*, by, job: ImportJob, mapping: dict[str, int]) -> ImportJob:
    require_perm(by, "setup.import_data")
    job = ImportJob.objects.select_for_update().get(pk=job.pk)
    if job.status != ImportJob.Status.UPLOADED:
        raise ActionError(_("This import has already started; its columns can no longer be changed."))
    missing = [str(f.label) for f in columns.FIELDS[job.kind] if f.required and f.name not in mapping]
    if missing:
        raise ActionError(_("Choose the column for: %(fields)s.") % {"fields": ", ".join(missing)})
    if job.mapping != mapping:
        audit.record(by=by, action="setup.map", target=job, changes={"mapping": [job.mapping, mapping]})
        job.mapping = mapping
        job.save(update_fields=["mapping"])
    return job


@transaction.atomic
def start_import(*, by, job: ImportJob) -> ImportJob:
    """Queue the import for the task worker; a second click finds it queued already."""
    from .tasks import run_import

    require_perm(by, "setup.import_data")
    started = ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.UPLOADED).update(
        status=ImportJob.Status.QUEUED)
    job.refresh_from_db()
    if started:
        audit.record(by=by, action="setup.import", target=job, changes={"kind": job.kind, "file": job.original_name})
        transaction.on_commit(lambda: run_import.enqueue(job_id=job.pk))
    return job


# ---------------------------------------------------------------- import: the run (task worker)


def run_import(job_id: int) -> ImportJob:
    """Claimed with a conditional update, so two workers never run one job."""
    claimed = ImportJob.objects.filter(pk=job_id, status=ImportJob.Status.QUEUED).update(
        status=ImportJob.Status.RUNNING, started_at=timezone.now())
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    if not claimed:
        return job
    try:
        job.total_rows = sum(1 for _row in _rows(job))
        ImportJob.objects.filter(pk=job.pk).update(total_rows=job.total_rows)
        duplicates = columns.Duplicates(job.kind)
        batch: list[tuple[int, dict[str, Any]]] = []
        refused: list[tuple[int, list[str]]] = []
        seen = 0
        for number, row in _rows(job):
            seen += 1
            data, errors = columns.check_row(job.kind, job.mapping, row)
            if not errors and (clash := duplicates.check(number, data)):
                errors.append(clash)
            if errors:
                refused.append((number, errors))
            else:
                batch.append((number, data))
            if seen % BATCH == 0:
                _write_batch(job, batch, refused, seen)
                batch, refused = [], []
        _write_batch(job, batch, refused, seen)
        ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.DONE, finished_at=timezone.now())
    except ActionError as error:
        _fail(job, str(error))
    except Exception:
        log.exception("import %s failed", job.pk)
        _fail(job, _("The import stopped because of a fault. The rows counted as done are in the register; "
                     "import the same file again to add the rest."))
    job.refresh_from_db()
    return job


def _fail(job: ImportJob, message: str) -> None:
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.FAILED, message=message,
                                               finished_at=timezone.now())


@transaction.atomic
def _write_batch(job: ImportJob, batch: list[tuple[int, dict[str, Any]]], refused: list[tuple[int, list[str]]],
                 seen: int) -> None:
    """One batch: its rows and the job's progress in one transaction."""
    if job.kind == ImportJob.Kind.ACTORS:
        result = actor_services.import_actors(by=job.created_by, rows=batch) if batch else \
            {"created": 0, "updated": 0, "refused": []}
    else:
        result = _import_places(by=job.created_by, rows=batch)
    refused = sorted(refused + [(number, [reason]) for number, reason in result["refused"]])
    job = ImportJob.objects.select_for_update().get(pk=job.pk)
    room = ImportJob.MAX_ERRORS - len(job.errors)
    if refused and room > 0:
        job.errors = job.errors + [{"row": number, "errors": errors} for number, errors in refused[:room]]
        job.save(update_fields=["errors"])
    ImportJob.objects.filter(pk=job.pk).update(
        processed_rows=seen, created_count=F("created_count") + result["created"],
        updated_count=F("updated_count") + result["updated"], refused_count=F("refused_count") + len(refused))


def _import_places(*, by, rows: list[tuple[int, dict[str, Any]]]) -> dict[str, Any]:
    """Meeting places are few (hundreds, not thousands): each row through the app's own
    services, a place of the same name updated, each row in its own savepoint."""
    names = {Actor.key_of(data["name"]) for _number, data in rows}
    existing: dict[str, MeetingPlace] = {}
    for place in MeetingPlace.objects.all().only("pk", "name"):
        key = Actor.key_of(place.name)
        if key in names:
            existing.setdefault(key, place)
    created = updated = 0
    refused: list[tuple[int, str]] = []
    for number, data in rows:
        data.setdefault("kind", MeetingPlace.Kind.OTHER)
        place = existing.get(Actor.key_of(data["name"]))
        try:
            with transaction.atomic():
                if place is None:
                    existing[Actor.key_of(data["name"])] = activity_services.propose_place(by=by, data=data)
                    created += 1
                else:
                    place = MeetingPlace.objects.get(pk=place.pk)
                    before = place.updated_at
                    activity_services.update_place(by=by, place=place, data=data)
                    updated += place.updated_at != before
        except (ActionError, ValidationError) as error:
            refused.append((number, "; ".join(getattr(error, "messages", [str(error)]))))
    return {"created": created, "updated": updated, "refused": refused}


# ---------------------------------------------------------------- calendar feeds


@transaction.atomic
def add_feed(*, by, url: str, actor=None, office=None) -> CalendarFeed:
    from .tasks import sync_feed

    require_perm(by, "setup.import_data")
    if (actor is None) == (office is None):
        raise ActionError(_("Choose who organises the feed's activities: an association or an office."))
    if CalendarFeed.objects.filter(url=url).exists():
        raise ActionError(_("This calendar address is already synced."))
    feed = CalendarFeed.objects.create(url=url, actor=actor, office=office, created_by=by)
    audit.record(by=by, action="setup.add_feed", target=feed, changes={"url": url})
    transaction.on_commit(lambda: sync_feed.enqueue(feed_id=feed.pk))
    return feed


@transaction.atomic
def remove_feed(*, by, feed: CalendarFeed) -> None:
    """Stop syncing; the activities it made stay, as their organiser's own."""
    require_perm(by, "setup.import_data")
    audit.record(by=by, action="setup.remove_feed", target=feed, changes={"url": feed.url})
    feed.delete()


@transaction.atomic
def request_sync(*, by, feed: CalendarFeed) -> None:
    from .tasks import sync_feed

    require_perm(by, "setup.import_data")
    transaction.on_commit(lambda: sync_feed.enqueue(feed_id=feed.pk))


# ---------------------------------------------------------------- export


@transaction.atomic
def request_export(*, by) -> ExportJob:
    from .tasks import write_export

    require_perm(by, "setup.export_data")
    job = ExportJob.objects.create(created_by=by)
    audit.record(by=by, action="setup.export", target=job)
    transaction.on_commit(lambda: write_export.enqueue(job_id=job.pk))
    return job


def record_download(*, by, job: ExportJob) -> None:
    require_perm(by, "setup.export_data")
    audit.record(by=by, action="setup.download_export", target=job)


# ---------------------------------------------------------------- the setup guide


@transaction.atomic
def send_test_message(*, by, channel: str) -> OutboxMessage:
    """A test e-mail or SMS from the municipality's sender, through the outbox, to the
    administrator's own verified e-mail address or verified mobile number (accounts:phone), never
    to an address typed into a form. The go-live checklist counts an e-mail delivered from the
    current sender (`selectors.test_message_key`)."""
    require_perm(by, "setup.configure")
    m = Municipality.current()
    guide_url = reverse("setup:guide_messages")
    if channel == OutboxMessage.Channel.EMAIL:
        if not m.email_sender_address:
            raise ActionError(_("Save a sender address first; the test message comes from it."))
        address = (EmailAddress.objects.filter(user=by, verified=True).order_by("-primary", "pk")
                   .values_list("email", flat=True).first())
        if not address:
            raise ActionError(_("Your account has no verified e-mail address to send the test to. Verify "
                                "your address under My pages first."))
        message = communication.queue_message(**communication.email_message(
            to=address, template="setup/email/test_message",
            context={"sender_name": m.email_sender_name or m.name, "guide_url": guide_url},
            key=test_message_key("email", m.email_sender_address) + uuid.uuid4().hex))
    elif channel == OutboxMessage.Channel.SMS:
        if not by.has_verified_phone:
            raise ActionError(_("Your account has no verified mobile number to send the test to. Add and "
                                "verify your number under My pages first."))
        sender = m.sms_sender or settings.SMS_SENDER
        message = communication.queue_sms(
            to=by.phone, key=test_message_key("sms", sender) + uuid.uuid4().hex,
            body=_("Test message from %(name)s on Samverka. It reached you, so SMS messages will come from "
                   "this sender.") % {"name": m.name})
    else:
        raise ActionError(_("Choose e-mail or SMS."))
    audit.record(by=by, action="setup.test_message", target=m, changes={"channel": channel})
    return message
