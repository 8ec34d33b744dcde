"""Setting up programmes: Sara (the culture committee's office) creates and changes her
committee's programmes and their criteria through a page; Maja (administrator) does it in the
admin and gives the right to record decisions. Every change goes through the services: the
rule, the audit event and the public page's stamp."""

import pytest
from django.test import Client
from django.urls import reverse

from samverka.accounts.tests.factories import UserFactory
from samverka.core import versions
from samverka.core.models import AuditEvent
from samverka.core.tests.helpers import says
from samverka.grants.models import DecisionRight, GrantProgramme
from samverka.municipality.tests.factories import OfficeMembershipFactory

from .factories import CommitteeFactory, ProgrammeFactory, SubmittedApplicationFactory, review

FORM = {"name": "Aktivitetsbidrag för unga", "kind": "activity", "year": "2027", "description": "För unga.",
        "eligible_kinds": ["association", "study"], "must_be_active_here": "on", "opens_on": "2027-02-01",
        "closes_on": "2027-02-28", "pool": "80000", "required_attachments": "Aktivitetsplan",
        "budget_required": "on", "late_deduction_percent": "10", "instalments": "1",
        "follow_up_due_on": "2028-01-31", "follow_up_questions": "Hur många deltog?\nVad lärde ni er?",
        "two_reviewers_above": "", "criteria-TOTAL_FORMS": "3", "criteria-INITIAL_FORMS": "0",
        "criteria-0-name": "Når många unga", "criteria-0-weight": "3",
        "criteria-1-name": "Genomförbar plan", "criteria-1-weight": "1",
        "criteria-2-name": "", "criteria-2-weight": ""}


@pytest.fixture
def sara(client, official):
    client.force_login(official)
    return client


def test_sara_creates_a_programme_for_her_committee_with_weighted_criteria(sara, official, culture_committee,
                                                                         django_capture_on_commit_callbacks):
    stamp = versions.current("grants")
    with django_capture_on_commit_callbacks(execute=True):
        response = sara.post(reverse("grants:new_programme"), {**FORM, "committee": str(culture_committee.pk)})
    programme = GrantProgramme.objects.get()
    assert response.status_code == 302 and response["Location"] == programme.get_absolute_url()
    assert programme.committee == culture_committee and programme.pool == 80_000
    assert programme.eligible_kinds == ["association", "study"]
    assert programme.question_list == ["Hur många deltog?", "Vad lärde ni er?"]
    assert [(c.name, c.weight) for c in programme.criteria.all()] == [("Når många unga", 3), ("Genomförbar plan", 1)]
    event = AuditEvent.objects.get(action="grant.create_programme")
    assert event.user == official
    assert versions.current("grants") != stamp


def test_sara_changes_the_window_and_a_weight(sara, culture_committee):
    programme = ProgrammeFactory(committee=culture_committee)
    url = reverse("grants:edit_programme", args=[programme.slug])
    page = sara.get(url)
    assert page.status_code == 200 and "Når många invånare" in page.content.decode()
    data = {**FORM, "committee": str(culture_committee.pk), "closes_on": "2027-03-15", "criteria-TOTAL_FORMS": "1",
            "criteria-0-name": "Når många invånare", "criteria-0-weight": "5"}
    assert sara.post(url, data).status_code == 302
    programme.refresh_from_db()
    assert str(programme.closes_on) == "2027-03-15"
    assert [(c.name, c.weight) for c in programme.criteria.all()] == [("Når många invånare", 5)]
    changes = AuditEvent.objects.get(action="grant.change_programme").changes
    assert changes["closes_on"] == ["2026-03-31", "2027-03-15"] and "criteria" in changes


def test_a_window_that_ends_before_it_opens_is_refused_next_to_the_field_and_the_input_kept(sara, culture_committee):
    response = sara.post(reverse("grants:new_programme"), {**FORM, "committee": str(culture_committee.pk),
                                                          "closes_on": "2027-01-15"})
    assert response.status_code == 200
    assert says("The last day to apply cannot be before applications open.") in response.content.decode()
    assert "Aktivitetsbidrag för unga" in response.content.decode()
    assert not GrantProgramme.objects.exists()


def test_criteria_cannot_change_once_applications_are_scored(sara, official, culture_committee):
    programme = ProgrammeFactory(committee=culture_committee)
    review(SubmittedApplicationFactory(programme=programme), official)
    data = {**FORM, "committee": str(culture_committee.pk), "criteria-TOTAL_FORMS": "1",
            "criteria-0-name": "Något annat", "criteria-0-weight": "1"}
    response = sara.post(reverse("grants:edit_programme", args=[programme.slug]), data)
    assert response.status_code == 200 and says(
        "Applications are already scored against these criteria; they cannot change now.") in response.content.decode()
    assert [c.name for c in programme.criteria.all()] == ["Når många invånare", "Genomförbar plan"]


def test_an_official_of_another_committee_cannot_change_or_create_for_it(culture_committee):
    social = CommitteeFactory(slug="socialnamnden", name="Socialnämnden")
    programme = ProgrammeFactory(committee=social, name="Verksamhetsstöd")
    other = UserFactory(first_name="Omar")
    membership = OfficeMembershipFactory(user=other, office__slug="kultur-och-fritidskontoret")
    membership.office.committee = culture_committee
    membership.office.save()
    client = Client()
    client.force_login(other)
    assert client.get(reverse("grants:edit_programme", args=[programme.slug])).status_code in (403, 404)
    response = client.post(reverse("grants:edit_programme", args=[programme.slug]),
                           {**FORM, "committee": str(social.pk)})
    assert response.status_code in (403, 404)
    # creating: a committee that is not hers is not a choice
    response = client.post(reverse("grants:new_programme"), {**FORM, "committee": str(social.pk)})
    assert response.status_code == 200 and "committee" in response.context["form"].errors
    programme.refresh_from_db()
    assert programme.name == "Verksamhetsstöd" and GrantProgramme.objects.count() == 1


def test_a_representative_cannot_set_up_programmes(client, representative, culture_committee):
    client.force_login(representative)
    assert client.get(reverse("grants:new_programme")).status_code == 403
    assert client.post(reverse("grants:new_programme"), {**FORM, "committee": str(culture_committee.pk)}
                       ).status_code == 403
    assert not GrantProgramme.objects.exists()


def test_without_any_committee_an_administrator_is_sent_to_add_one(client, administrator):
    client.force_login(administrator)
    response = client.get(reverse("grants:new_programme"))
    assert response.status_code == 302 and response["Location"] == reverse("admin:municipality_committee_add")
    assert not GrantProgramme.objects.exists()


def test_maja_sets_up_a_programme_in_the_admin_through_the_service(maja, administrator, culture_committee):
    data = {**{k: v for k, v in FORM.items() if not k.startswith("criteria-")}, "committee": str(culture_committee.pk),
            "criteria-TOTAL_FORMS": "1", "criteria-INITIAL_FORMS": "0", "criteria-0-name": "Når många",
            "criteria-0-weight": "2"}
    response = maja.post(reverse("admin:grants_grantprogramme_add"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    programme = GrantProgramme.objects.get()
    assert programme.slug == "aktivitetsbidrag-for-unga-2027"
    assert [(c.name, c.weight) for c in programme.criteria.all()] == [("Når många", 2)]
    assert AuditEvent.objects.filter(action="grant.create_programme", user=administrator).exists()


def test_maja_gives_nils_the_right_to_record_decisions(maja, administrator, culture_committee):
    nils = UserFactory(first_name="Nils")
    response = maja.post(reverse("admin:grants_decisionright_add"),
                         {"committee": str(culture_committee.pk), "user": str(nils.pk)})
    assert response.status_code == 302
    assert DecisionRight.objects.filter(user=nils, committee=culture_committee).exists()
    assert AuditEvent.objects.get(action="grant.give_decision_right").user == administrator


def test_the_secretary_with_a_decision_right_and_no_office_sees_only_her_committees_cases(culture_committee):
    from .factories import decision_right

    karin = UserFactory(first_name="Karin")
    decision_right(karin, culture_committee)
    mine = SubmittedApplicationFactory(programme=ProgrammeFactory(committee=culture_committee))
    social = CommitteeFactory(slug="socialnamnden", name="Socialnämnden")
    other = SubmittedApplicationFactory(programme=ProgrammeFactory(committee=social))
    client = Client()
    client.force_login(karin)
    assert client.get(reverse("grants:decide", args=[mine.pk])).status_code == 200
    assert client.get(reverse("grants:cases", args=[mine.programme.slug])).status_code == 200
    assert client.get(reverse("grants:decide", args=[other.pk])).status_code == 404
    assert client.get(reverse("grants:application", args=[other.pk])).status_code == 404
    assert client.get(reverse("grants:cases", args=[other.programme.slug])).status_code == 403


def test_a_programme_carries_agenda_2030_goals_shown_on_its_page_and_the_goals_page(sara, culture_committee, client):
    url = reverse("grants:new_programme")
    response = sara.post(url, {**FORM, "committee": str(culture_committee.pk), "sdg_goals": ["3", "10"]})
    programme = GrantProgramme.objects.get()
    assert response.status_code == 302
    assert sorted(programme.sdg_goals.values_list("number", flat=True)) == [3, 10]
    event = AuditEvent.objects.get(action="grant.create_programme")
    assert "sdg_goals" in event.changes
    page = sara.get(programme.get_absolute_url()).content.decode()
    assert reverse("goals:goal", args=[3]) in page
    # Changing the goals is recorded; the public goal page lists the programme.
    edit = reverse("grants:edit_programme", args=[programme.slug])
    assert sara.post(edit, {**FORM, "committee": str(culture_committee.pk), "sdg_goals": ["10"]}).status_code == 302
    assert list(programme.sdg_goals.values_list("number", flat=True)) == [10]
    assert AuditEvent.objects.get(action="grant.change_programme").changes["sdg_goals"][1] == [
        str(programme.sdg_goals.get())]
    client.logout()
    assert "Aktivitetsbidrag för unga" in client.get(reverse("goals:goal", args=[10])).content.decode()
    assert "Aktivitetsbidrag för unga" not in client.get(reverse("goals:goal", args=[3])).content.decode()
