"""Parties, contributions, goals, milestones and documents through the partnership's pages:
the constraints give clear messages and nothing is lost."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from samverka.actors.tests.factories import ActorFactory
from samverka.core.models import AuditEvent
from samverka.core.tests.helpers import flash, says
from samverka.partnerships.models import Contribution, Document, Goal, Milestone, Party

from .factories import ContributionFactory, DocumentFactory, MilestoneFactory

TODAY = timezone.localdate()
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def url(name, partnership, *args):
    return reverse(f"partnerships:{name}", args=[partnership.slug, *args])


@pytest.mark.django_db
def test_parties_are_added_once_and_never_twice(client, official, partnership, office):
    helpline = ActorFactory(name="Brottsofferjouren Ekerö")
    client.force_login(official)
    assert client.get(url("add_party", partnership)).status_code == 200
    data = {"actor": helpline.pk, "office": "", "role": "Stödpersoner", "submission_token": "a"}
    client.post(url("add_party", partnership), data)
    client.post(url("add_party", partnership), data)  # the same submit again
    assert partnership.parties.filter(actor=helpline).count() == 1

    response = client.post(url("add_party", partnership), {**data, "submission_token": "b"})
    assert response.status_code == 200
    assert says("%(name)s is already a party.", name="Brottsofferjouren Ekerö") in response.content.decode()

    response = client.post(url("add_party", partnership), {"actor": helpline.pk, "office": office.pk,
                                                           "submission_token": "c"})
    assert says("Choose an association or an office (one of them).") in response.content.decode()

    client.post(url("add_party", partnership), {"actor": "", "office": office.pk, "role": "Lokaler",
                                                "submission_token": "d"})
    assert partnership.parties.filter(office=office).exists()
    assert AuditEvent.objects.filter(action="partnership.add_party").count() == 2


@pytest.mark.django_db
def test_a_party_with_contributions_is_ended_not_removed(client, official, partnership):
    party = partnership.parties.get()
    ContributionFactory(party=party)
    client.force_login(official)

    response = client.post(url("remove_party", partnership, party.pk))
    assert response.status_code == 302
    assert Party.objects.filter(pk=party.pk).exists()
    assert Contribution.objects.filter(party=party).count() == 1
    assert says("%(name)s has contributions recorded, so it cannot be removed. End its part in the partnership "
                "instead; what it contributed stays on record.", name=party.name) in flash(response)[0]

    client.post(url("end_party", partnership, party.pk))
    party.refresh_from_db()
    assert party.ended_on == TODAY
    assert Contribution.objects.filter(party=party).count() == 1


@pytest.mark.django_db
def test_a_party_without_contributions_is_removed(client, official, partnership):
    party = partnership.parties.get()
    client.force_login(official)
    client.post(url("remove_party", partnership, party.pk))
    assert not Party.objects.filter(pk=party.pk).exists()
    assert AuditEvent.objects.filter(action="partnership.remove_party").count() == 1


@pytest.mark.django_db
def test_contributions_are_recorded_and_shown(client, official, partnership):
    party = partnership.parties.get()
    client.force_login(official)
    response = client.post(url("add_contribution", partnership), {
        "party": party.pk, "kind": "money", "description": "Bidrag till ledarna", "amount": "84000",
        "unit": "", "submission_token": "a"})
    assert says("Choose what the amount counts (kronor, hours, people …).") in response.content.decode()
    assert "Bidrag till ledarna" in response.content.decode()
    client.post(url("add_contribution", partnership), {
        "party": party.pk, "kind": "money", "description": "Bidrag till ledarna", "amount": "84000",
        "unit": "sek_year", "counted_in": "Socialnämndens verksamhetsstöd", "submission_token": "b"})
    item = Contribution.objects.get()
    assert (item.amount, item.unit, item.counted_in) == (84000, "sek_year", "Socialnämndens verksamhetsstöd")
    client.logout()
    page = client.get(partnership.get_absolute_url()).content.decode()
    assert "Bidrag till ledarna" in page and "Socialnämndens verksamhetsstöd" in page


@pytest.mark.django_db
def test_a_contribution_only_for_a_party_of_this_partnership(client, official, partnership):
    from .factories import PartyFactory

    stranger = PartyFactory()
    client.force_login(official)
    response = client.post(url("add_contribution", partnership), {
        "party": stranger.pk, "kind": "other", "description": "Kapad", "submission_token": "a"})
    assert response.status_code == 200
    assert not Contribution.objects.exists()


@pytest.mark.django_db
def test_goals_are_added_and_removed(client, official, partnership):
    client.force_login(official)
    client.post(url("add_goal", partnership), {"text": "Fler dansar varje vecka", "measure": "Antal deltagare",
                                                "submission_token": "a"})
    goal = Goal.objects.get()
    assert "Fler dansar varje vecka" in client.get(partnership.get_absolute_url()).content.decode()
    client.post(url("remove_goal", partnership, goal.pk))
    assert not Goal.objects.exists()


@pytest.mark.django_db
def test_a_milestone_is_due_within_the_period(client, official, partnership):
    client.force_login(official)
    before = partnership.starts_on - timedelta(days=1)
    response = client.post(url("add_milestone", partnership), {"title": "Start", "due_on": before.isoformat(),
                                                                "submission_token": "a"})
    page = response.content.decode()
    assert says("The milestone is due before the partnership starts (%(date)s). Choose a later date.",
                date=partnership.starts_on.isoformat()) in page
    assert 'value="Start"' in page
    after = partnership.ends_on + timedelta(days=1)
    response = client.post(url("add_milestone", partnership), {"title": "Slut", "due_on": after.isoformat(),
                                                                "submission_token": "b"})
    assert says("The milestone is due after the partnership ends (%(date)s). Choose an earlier date.",
                date=partnership.ends_on.isoformat()) in response.content.decode()
    assert not Milestone.objects.exists()

    due = TODAY + timedelta(days=20)
    client.post(url("add_milestone", partnership), {"title": "Vårens uppvisning", "due_on": due.isoformat(),
                                                     "follow_up_on": (due + timedelta(days=7)).isoformat(),
                                                     "submission_token": "c"})
    milestone = Milestone.objects.get()
    response = client.post(url("edit_milestone", partnership, milestone.pk),
                           {"title": "Vårens uppvisning", "due_on": after.isoformat()})
    assert response.status_code == 200
    milestone.refresh_from_db()
    assert milestone.due_on == due


@pytest.mark.django_db
def test_a_party_reports_a_milestone_done(client, representative, partnership, resident, editor):
    milestone = MilestoneFactory(partnership=partnership, title="Första terminen")
    report = url("report_milestone", partnership, milestone.pk)
    client.force_login(resident)
    assert client.post(report, {"note": "Kapad"}).status_code == 403
    client.force_login(representative)
    assert client.get(report).status_code == 200
    response = client.post(report, {"note": "Tjugo deltagare dansade hela terminen."})
    assert response.status_code == 302
    milestone.refresh_from_db()
    assert (milestone.done_on, milestone.done_by) == (TODAY, representative)
    client.logout()
    page = client.get(partnership.get_absolute_url()).content.decode()
    assert "Tjugo deltagare dansade hela terminen." in page
    client.force_login(editor)  # another of the party's representatives: already done
    client.post(report, {"note": "Igen"})
    milestone.refresh_from_db()
    assert milestone.done_note == "Tjugo deltagare dansade hela terminen."
    assert AuditEvent.objects.filter(action="partnership.milestone_done").count() == 1


@pytest.mark.django_db
def test_documents_for_the_parties_and_for_everyone(client, official, representative, resident, partnership):
    client.force_login(official)
    response = client.post(url("add_document", partnership), {
        "title": "Avtalet", "kind": "agreement", "visibility": "parties", "submission_token": "a",
        "file": SimpleUploadedFile("avtal.pdf", PDF, content_type="application/pdf")})
    assert response.status_code == 302, response.content.decode()
    private = Document.objects.get()
    response = client.post(url("add_document", partnership), {
        "title": "Falsk", "kind": "other", "visibility": "public", "submission_token": "b",
        "file": SimpleUploadedFile("bild.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")})
    assert response.status_code == 200 and Document.objects.count() == 1
    public = DocumentFactory(partnership=partnership, title="Beslutet", visibility="public")

    client.force_login(representative)
    got = client.get(url("document", partnership, private.pk))
    assert got.status_code == 200 and b"".join(got.streaming_content).startswith(b"%PDF")
    assert "Avtalet" in client.get(partnership.get_absolute_url()).content.decode()

    client.force_login(resident)
    assert client.get(url("document", partnership, private.pk)).status_code == 403
    assert client.get(url("document", partnership, public.pk)).status_code == 200
    page = client.get(partnership.get_absolute_url()).content.decode()
    assert "Beslutet" in page and "Avtalet" not in page

    client.logout()
    assert client.get(url("document", partnership, public.pk)).status_code == 200
    assert client.get(url("document", partnership, private.pk)).status_code == 302

    client.force_login(official)
    client.post(url("remove_document", partnership, private.pk))
    assert not Document.objects.filter(pk=private.pk).exists()
