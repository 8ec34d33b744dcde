"""Meeting documents: checked on upload (core.uploads), kept in the private storage, streamed
only to those inside the group; a closed group's documents are not found by outsiders."""

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from samverka.accounts.tests.factories import UserFactory
from samverka.core.models import AuditEvent
from samverka.grants import models as grants_models
from samverka.grants.tests.factories import PDF
from samverka.municipality.tests.factories import OfficeMembershipFactory
from samverka.networks.models import MeetingDocument

from .factories import MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_files(tmp_path, monkeypatch):
    monkeypatch.setattr(grants_models.private, "_wrapped", FileSystemStorage(location=tmp_path / "private"))
    return tmp_path / "private"


def _upload(client, meeting, content=PDF, name="underlag.pdf", label="Underlag om lokalerna"):
    return client.post(reverse("networks:add_document", args=[meeting.pk]),
                       {"label": label, "file": SimpleUploadedFile(name, content, content_type="application/pdf")})


def test_a_member_adds_a_document_that_members_and_the_office_download(client, network, member, chair, official,
                                                                       private_files):
    meeting = MeetingFactory(group=network)
    client.force_login(member)
    assert _upload(client, meeting).status_code == 302
    document = MeetingDocument.objects.get()
    assert document.uploaded_by == member and AuditEvent.objects.filter(action="meeting.document").exists()
    assert any(private_files.rglob("*.pdf"))  # in the private storage, under a random name
    assert "underlag" not in document.file.name
    for insider in (member, chair, official):
        client.force_login(insider)
        assert reverse("networks:document", args=[document.pk]) in client.get(meeting.get_absolute_url()).content.decode()
        response = client.get(reverse("networks:document", args=[document.pk]))
        assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
        assert response["Content-Type"] == "application/pdf" and "no-store" in response["Cache-Control"]


def test_a_file_that_is_not_what_it_says_is_refused_and_the_label_kept(client, network, member):
    meeting = MeetingFactory(group=network)
    client.force_login(member)
    response = _upload(client, meeting, content=b"MZ\x90\x00 not a pdf", label="Behåll etiketten")
    assert response.status_code == 400
    assert "Behåll etiketten" in response.content.decode()
    assert not MeetingDocument.objects.exists()


def test_outsiders_do_not_get_a_group_s_documents(client, network, member, resident):
    meeting = MeetingFactory(group=network, is_open=True)
    client.force_login(member)
    _upload(client, meeting)
    document = MeetingDocument.objects.get()
    url = reverse("networks:document", args=[document.pk])
    # A public group: someone outside sees the open meeting but neither the list nor the file.
    client.force_login(resident)
    assert url not in client.get(meeting.get_absolute_url()).content.decode()
    assert client.get(url).status_code == 403
    assert _upload(client, meeting).status_code == 403
    assert client.post(reverse("networks:remove_document", args=[document.pk])).status_code == 403
    # A closed group: not even found.
    network.is_public = False
    network.save()
    other_official = OfficeMembershipFactory(office__slug="socialkontoret", office__name="Socialkontoret").user
    for outsider in (resident, other_official):
        client.force_login(outsider)
        assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302  # to log in
    assert MeetingDocument.objects.count() == 1


def test_the_uploader_or_the_chair_removes_a_document_and_the_file_goes(client, network, member, chair,
                                                                        private_files, django_capture_on_commit_callbacks):
    meeting = MeetingFactory(group=network)
    client.force_login(member)
    _upload(client, meeting)
    document = MeetingDocument.objects.get()
    other = network.memberships.create(user=UserFactory()).user
    client.force_login(other)
    assert client.post(reverse("networks:remove_document", args=[document.pk])).status_code == 403
    client.force_login(chair)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("networks:remove_document", args=[document.pk]))
    assert not MeetingDocument.objects.exists()
    assert not any(private_files.rglob("*.pdf"))
    assert AuditEvent.objects.filter(action="meeting.remove_document").count() == 1
