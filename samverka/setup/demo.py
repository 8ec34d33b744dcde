"""Demo imports (invented associations and places): the meeting places of the culture office's
old spreadsheet, imported by Maja, the administrator, with one row refused, so the import's
result page has something to show; and the setup guide half done: the e-mail and SMS sender
saved, the logo, own texts and a test message still to do, so the go-live checklist has both
kinds of items to show. `load_demo` runs it last; running it again adds nothing."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from samverka.accounts.models import User
from samverka.municipality import services as municipality_services
from samverka.municipality.models import Municipality

from . import services
from .models import ImportJob

PLACES = [
    ["Namn", "Adress", "Typ", "Öppettider", "Hemsida"],
    ["Träffpunkt Tappström", "Tappströmsvägen 12, Ekerö", "Träffpunkt", "Måndag–torsdag 10–16", ""],
    ["Stenhamra bygdegård", "Bygdegårdsvägen 3, Stenhamra", "Bygdegård", "Efter bokning", ""],
    ["Munsö församlingshem", "Munsö kyrkväg 8, Munsö", "Församlingshem", "Söndagar efter gudstjänsten", ""],
    ["Ekebyhovs slottspark", "Ekebyhovsvägen, Ekerö", "Utomhus", "Dygnet runt", ""],
    ["Skå idrottshall", "", "Idrottshall", "Vardagar 17–22", ""],
]


def load(*, stdout=None) -> None:
    admin = User.objects.filter(email="admin@samverka.example").first()
    if admin is None:
        return
    row = Municipality.current()
    if not row.email_sender_address:
        row.email_sender_name, row.email_sender_address = "Samverka Ekerö", "samverka@samverka.example"
        row.email_reply_to, row.sms_sender = "kommun@samverka.example", "EkeroKommun"
        municipality_services.save_configuration(by=admin, obj=row)
    if ImportJob.objects.exists():
        return
    text = "\r\n".join(";".join(row) for row in PLACES) + "\r\n"
    job = services.upload_import(by=admin, kind=ImportJob.Kind.PLACES,
                                 upload=SimpleUploadedFile("motesplatser-fran-kulturkontoret.csv",
                                                           text.encode("cp1252")))
    services.set_mapping(by=admin, job=job, mapping=job.mapping)
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.QUEUED)
    job = services.run_import(job.pk)
    if stdout is not None:
        stdout.write(f"Imports: {job.created_count} meeting places imported, {job.refused_count} refused "
                     f"(/installning/import/{job.pk}/).")
