"""Maja takes everything with her: a ZIP with every table as CSV and JSON, and the stored files,
without passwords or secret links."""

import csv
import io
import json
import zipfile

from django.urls import reverse

from samverka.core.models import AuditEvent
from samverka.partnerships.tests.factories import DocumentFactory
from samverka.setup.models import ExportJob


def test_the_export_holds_every_table_and_the_files(maja, actor, representative, django_capture_on_commit_callbacks):
    DocumentFactory(title="Avtal om läxhjälp")
    with django_capture_on_commit_callbacks(execute=True):
        response = maja.post(reverse("setup:export"), {"submission_token": "export"})
    assert response.status_code == 302
    job = ExportJob.objects.get()
    assert job.status == ExportJob.Status.DONE, job.message
    assert maja.post(reverse("setup:export"), {"submission_token": "export"}).status_code == 302
    assert ExportJob.objects.count() == 1  # a double click makes one export

    download = maja.get(reverse("setup:download_export", kwargs={"pk": job.pk}))
    assert download.status_code == 200 and download["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    names = set(archive.namelist())
    assert {"actors/actor.csv", "actors/actor.json", "activities/activity.csv", "accounts/user.json",
            "partnerships/document.csv", "README.txt"} <= names
    rows = list(csv.DictReader(io.StringIO(archive.read("actors/actor.csv").decode("utf-8-sig"))))
    assert "Parkinson Ekerö" in {row["name"] for row in rows}
    users = json.loads(archive.read("accounts/user.json"))
    assert {"eva@example.org", "maja@example.org"} <= {u["email"] for u in users}
    assert all("password" not in u for u in users)
    document = json.loads(archive.read("partnerships/document.json"))[0]
    assert archive.read(f"files/{document['file']}").startswith(b"%PDF")
    assert job.files_count == 1 and job.models_count > 50
    assert AuditEvent.objects.filter(action="setup.download_export").count() == 1
