"""Attachments beyond PDF: Eva attaches a Word file and a photo of the minutes; each is told by
its content, served with its own type only to those who may see it; a program renamed .docx
and a PDF called .xlsx are refused next to the field."""

import zipfile
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from samverka.core.tests.helpers import says
from samverka.grants.models import Attachment

from .factories import PDF, ApplicationFactory, ProgrammeFactory
from .test_apply import IN_WINDOW, _form


def docx() -> bytes:
    out = BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", '<Types><Override PartName="/word/document.xml" ContentType="'
                         'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        archive.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


def jpeg() -> bytes:
    out = BytesIO()
    Image.new("RGB", (30, 20), "white").save(out, "JPEG")
    return out.getvalue()


@pytest.fixture
def draft(actor):
    return ApplicationFactory(programme=ProgrammeFactory(required_attachments="Verksamhetsplan"), actor=actor)


@pytest.fixture
def eva(client, representative):
    client.force_login(representative)
    return client


@pytest.mark.parametrize(("name", "content", "content_type"), [
    ("Verksamhetsplan 2026.docx", docx(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ("protokoll.jpg", jpeg(), "image/jpeg"),
])
def test_eva_attaches_an_office_document_or_an_image_and_gets_it_back_with_its_type(eva, draft, name, content,
                                                                                     content_type):
    upload = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    with IN_WINDOW:
        response = eva.post(reverse("grants:application", args=[draft.pk]),
                            _form(attachment_label="Verksamhetsplan", attachment=upload))
    assert response.status_code == 302
    attachment = Attachment.objects.get(application=draft)
    assert name not in attachment.file.name
    download = eva.get(reverse("grants:attachment", args=[attachment.pk]))
    assert download.status_code == 200 and download["Content-Type"] == content_type
    assert b"".join(download.streaming_content) == content


@pytest.mark.parametrize(("name", "content", "says"), [
    ("plan.docx", b"MZ\x90\x00\x03 This program cannot be run in DOS mode", "not a document we accept"),
    ("plan.xlsx", b"%PDF-1.7\n%%EOF\n", ".xlsx"),
])
def test_a_renamed_program_and_a_lying_extension_are_refused_and_the_draft_kept(eva, draft, name, content, says):
    upload = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    with IN_WINDOW:
        response = eva.post(reverse("grants:application", args=[draft.pk]),
                            _form(attachment_label="Verksamhetsplan", attachment=upload, title="Nytt namn"))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="id_attachment_error"' in page and "Nytt namn" in page
    assert not Attachment.objects.exists()


def test_another_associations_representative_cannot_fetch_the_file(client, draft, other_actor):
    from samverka.accounts.tests.factories import UserFactory
    from samverka.actors.tests.factories import MembershipFactory

    attachment = Attachment.objects.create(application=draft, label="Verksamhetsplan",
                                           file=SimpleUploadedFile("a.docx", docx()))
    stranger = UserFactory(first_name="Ali")
    MembershipFactory(actor=other_actor, user=stranger)
    client.force_login(stranger)
    assert client.get(reverse("grants:attachment", args=[attachment.pk])).status_code == 404


@pytest.mark.parametrize(("name", "content"), [
    ("Verksamhetsplan.pdf", PDF[: len(PDF) // 2]),
    ("Verksamhetsplan.docx", docx()[:80]),
], ids=["pdf-cut-halfway", "docx-cut-halfway"])
def test_an_upload_interrupted_halfway_is_refused_next_to_the_field_and_nothing_stored(eva, draft, name, content):
    title = draft.title
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    with IN_WINDOW:
        response = eva.post(reverse("grants:application", args=[draft.pk]),
                            _form(attachment_label="Verksamhetsplan", attachment=upload, title="Nytt namn"))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="id_attachment_error"' in page and says("The file is incomplete or damaged; the upload may have been interrupted. Choose the file and "
                                                       "send it again.") in page
    assert 'value="Nytt namn"' in page  # the rest of the input is kept
    assert not Attachment.objects.exists()
    draft.refresh_from_db()
    assert draft.title == title
