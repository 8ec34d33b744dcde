"""An association never sees another's application or files; a committee's officials see
only their committee's cases; nothing changes when someone is refused."""

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from samverka.accounts.tests.factories import UserFactory
from samverka.actors.tests.factories import MembershipFactory
from samverka.core.models import AuditEvent
from samverka.grants.models import Application, Attachment, Decision, Payout, Review
from samverka.municipality.tests.factories import OfficeMembershipFactory

from .factories import PDF, ApplicationFactory, CommitteeFactory, ProgrammeFactory, SubmittedApplicationFactory


@pytest.fixture
def scene(actor, other_actor, representative, official, culture_committee):
    programme = ProgrammeFactory(committee=culture_committee)
    submitted = SubmittedApplicationFactory(programme=programme, actor=actor, applicant=representative)
    attachment = Attachment.objects.create(application=submitted, label="Verksamhetsplan",
                                           file=ContentFile(PDF, name="plan.pdf"))
    draft = ApplicationFactory(programme=ProgrammeFactory(committee=culture_committee), actor=actor)
    amal = UserFactory(first_name="Amal", email="amal@example.org")
    MembershipFactory(actor=other_actor, user=amal)
    social = CommitteeFactory(slug="socialnamnden", name="Socialnämnden")
    kim = OfficeMembershipFactory(office__slug="socialkontoret", office__name="Socialkontoret",
                                  office__committee=social, user__email="kim@example.org").user
    return {"programme": programme, "submitted": submitted, "attachment": attachment, "draft": draft,
            "people": {"anonymous": None, "resident": UserFactory(), "amal": amal, "kim": kim}}


def _pages(s):
    a, d, p = s["submitted"], s["draft"], s["programme"]
    return [
        ("GET", reverse("grants:application", args=[a.pk]), {}),
        ("POST", reverse("grants:application", args=[d.pk]), {"title": "Kapat", "budget-TOTAL_FORMS": "0",
                                                              "budget-INITIAL_FORMS": "0", "save": "1"}),
        ("GET", reverse("grants:receipt", args=[a.pk]), {}),
        ("GET", reverse("grants:attachment", args=[s["attachment"].pk]), {}),
        ("POST", reverse("grants:remove_attachment", args=[s["attachment"].pk]), {}),
        ("GET", reverse("grants:cases", args=[p.slug]), {}),
        ("GET", reverse("grants:allocation", args=[p.slug]), {}),
        ("POST", reverse("grants:review", args=[a.pk]), {"comment": "x"}),
        ("POST", reverse("grants:decide", args=[a.pk]), {"outcome": "granted", "amount": "1", "reasons": "x",
                                                         "meeting_date": "2026-06-10"}),
        ("POST", reverse("grants:payout", args=[a.pk]), {"paid_on": "2026-06-10", "amount": "1"}),
        ("GET", reverse("grants:decision_list", args=[p.committee.slug, "2026-06-10"]), {}),
    ]


@pytest.mark.parametrize("persona", ["anonymous", "resident", "amal", "kim"])
def test_strangers_are_refused_and_nothing_changes(scene, persona):
    client = Client()
    if scene["people"][persona]:
        client.force_login(scene["people"][persona])
    before = (Application.objects.filter(title="Kapat").count(), Attachment.objects.count(), Review.objects.count(),
              Decision.objects.count(), Payout.objects.count(), AuditEvent.objects.count())
    for method, url, data in _pages(scene):
        response = client.get(url) if method == "GET" else client.post(url, data)
        if persona == "anonymous":
            assert response.status_code == 302 and "/konto/" in response["Location"], url
        else:
            assert response.status_code in (403, 404), (persona, url, response.status_code)
    after = (Application.objects.filter(title="Kapat").count(), Attachment.objects.count(), Review.objects.count(),
             Decision.objects.count(), Payout.objects.count(), AuditEvent.objects.count())
    assert before == after


def test_the_representative_gets_the_file_and_the_committee_official_too(scene, representative, official):
    for user in (representative, official):
        client = Client()
        client.force_login(user)
        response = client.get(reverse("grants:attachment", args=[scene["attachment"].pk]))
        assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
        assert "no-store" in response["Cache-Control"]


def test_officials_do_not_see_drafts_and_see_only_their_committees_cases(scene, official):
    client = Client()
    client.force_login(official)
    assert client.get(reverse("grants:application", args=[scene["draft"].pk])).status_code == 404
    page = client.get(reverse("grants:cases", args=[scene["programme"].slug])).content.decode()
    assert scene["submitted"].case_number in page
    assert list(Application.objects.visible_to(scene["people"]["kim"])) == []


def test_files_have_no_public_address(scene, tmp_path):
    with pytest.raises(ValueError):
        from samverka.grants.storage import PrivateFileSystemStorage

        PrivateFileSystemStorage(location=tmp_path).url("x.pdf")
    assert "/media/" not in Client().get(reverse("grants:decisions")).content.decode()


def test_my_pages_lead_representatives_and_officials_to_their_grants(client, representative, official, resident):
    for user, shown in ((representative, True), (official, True), (resident, False)):
        client.force_login(user)
        page = client.get(reverse("accounts:dashboard")).content.decode()
        assert (reverse("grants:mine") in page) is shown, user
