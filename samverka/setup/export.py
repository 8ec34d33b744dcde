"""Everything the municipality owns, in open formats: a ZIP with, for every model of every
Samverka app, `<app>/<model>.csv` and `<app>/<model>.json` (one object per row, relations as the
related row's id, many-to-many as lists of ids), and every stored file under `files/` by the
name the rows give it. Secrets are left out (password hashes, tokens, the import and export files
themselves); a README.txt says what is where. Rows are read in chunks and written as they come,
so the size of the database does not decide the memory used."""

from __future__ import annotations

import csv
import io
import json
import tempfile
import zipfile
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.core.files import File
from django.db import models
from django.utils import timezone

from .models import ExportJob, ImportJob

CHUNK = 2000
SPOOL = 8 * 1024 * 1024  # a table's file is kept in memory up to this size, then on disk
# Fields that are keys to an account or a secret, not the municipality's data.
SECRET_FIELDS = {"password", "token", "cancel_token", "secret", "key_hash", "api_key", "session_key"}
SKIPPED_MODELS = {ExportJob, ImportJob}


def _models() -> list[type[models.Model]]:
    found = []
    for config in apps.get_app_configs():
        if not config.name.startswith("samverka."):
            continue
        for model in config.get_models():
            if model in SKIPPED_MODELS or model._meta.proxy:
                continue
            found.append(model)
    return found


def _columns(model) -> tuple[list[models.Field], list[models.ManyToManyField]]:
    fields = [f for f in model._meta.concrete_fields if f.name not in SECRET_FIELDS]
    many = list(model._meta.many_to_many)
    return fields, many


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, (date, time)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (bytes, memoryview)):
        return bytes(value).hex()
    if hasattr(value, "name") and hasattr(value, "storage"):  # a FieldFile
        return value.name or ""
    return value


def _csv_cell(value: Any) -> str:
    value = _plain(value)
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        value = json.dumps(value, ensure_ascii=False)
    text = str(value)
    # A cell that a spreadsheet would run as a formula is written as text.
    return "'" + text if text[:1] in ("=", "+", "-", "@") and not _is_number(text) else text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def write(archive: zipfile.ZipFile) -> dict[str, int]:
    counts = {"models": 0, "rows": 0, "files": 0}
    index = []
    for model in _models():
        fields, many = _columns(model)
        names = [f.attname for f in fields] + [f.name for f in many]
        label = f"{model._meta.app_label}/{model._meta.model_name}"
        file_fields = [f for f in fields if isinstance(f, models.FileField)]
        queryset = model._default_manager.order_by("pk")
        if many:
            queryset = queryset.prefetch_related(*[f.name for f in many])
        rows = 0
        stored: list[tuple[object, str]] = []
        with tempfile.SpooledTemporaryFile(SPOOL) as raw_csv, tempfile.SpooledTemporaryFile(SPOOL) as raw_json:
            csv_out = io.TextIOWrapper(raw_csv, encoding="utf-8-sig", newline="")
            json_out = io.TextIOWrapper(raw_json, encoding="utf-8")
            writer = csv.writer(csv_out)
            writer.writerow(names)
            json_out.write("[")
            for obj in queryset.iterator(chunk_size=CHUNK):
                values = [getattr(obj, f.attname) for f in fields]
                values += [sorted(r.pk for r in getattr(obj, f.name).all()) for f in many]
                writer.writerow([_csv_cell(v) for v in values])
                json_out.write(("," if rows else "") + "\n" + json.dumps(
                    dict(zip(names, [_plain(v) for v in values], strict=True)), ensure_ascii=False))
                for f in file_fields:
                    if name := getattr(obj, f.attname):
                        stored.append((getattr(obj, f.name).storage, str(name)))
                rows += 1
            json_out.write("\n]\n")
            for out, raw, suffix in ((csv_out, raw_csv, "csv"), (json_out, raw_json, "json")):
                out.flush()
                raw.seek(0)
                with archive.open(f"{label}.{suffix}", "w") as target:
                    while chunk := raw.read(1024 * 1024):
                        target.write(chunk)
                out.detach()
        for storage, name in stored:
            _add_file(archive, storage, name, counts)
        counts["models"] += 1
        counts["rows"] += rows
        index.append(f"{label}.csv / .json: {model._meta.verbose_name_plural} ({rows})")
    archive.writestr("README.txt", "Samverka export " + timezone.now().isoformat() + "\n\n"
                     "One CSV (UTF-8, comma) and one JSON file per table; relations are the ids of the related\n"
                     "rows; files are under files/ by the name in their row.\n\n" + "\n".join(index) + "\n")
    return counts


def _add_file(archive: zipfile.ZipFile, storage, name: str, counts: dict[str, int]) -> None:
    target = f"files/{name}"
    if target in archive.NameToInfo:
        return
    try:
        with storage.open(name, "rb") as source, archive.open(target, "w") as out:
            while chunk := source.read(1024 * 1024):
                out.write(chunk)
        counts["files"] += 1
    except (FileNotFoundError, OSError):
        archive.writestr(f"{target}.missing.txt", "The row names this file, but it was not found in storage.\n")


def run(job_id: int) -> ExportJob:
    claimed = ExportJob.objects.filter(pk=job_id, status=ExportJob.Status.QUEUED).update(
        status=ExportJob.Status.RUNNING)
    job = ExportJob.objects.get(pk=job_id)
    if not claimed:
        return job
    try:
        with tempfile.TemporaryFile() as spool:
            with zipfile.ZipFile(spool, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
                counts = write(archive)
            spool.seek(0, 2)
            size = spool.tell()
            spool.seek(0)
            job.file.save(f"samverka-export-{timezone.now():%Y%m%d-%H%M%S}.zip", File(spool), save=False)
        ExportJob.objects.filter(pk=job.pk).update(
            file=job.file.name, size=size, models_count=counts["models"], rows_count=counts["rows"],
            files_count=counts["files"], status=ExportJob.Status.DONE, finished_at=timezone.now())
    except Exception as error:  # the job must end, whatever stopped it
        ExportJob.objects.filter(pk=job.pk).update(status=ExportJob.Status.FAILED, message=str(error)[:500],
                                                   finished_at=timezone.now())
    job.refresh_from_db()
    return job
