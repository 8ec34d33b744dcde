"""An official creates and edits a partnership through its pages; bad input is shown next to
its field with the rest kept; a double submit creates one."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from samverka.core.models import AuditEvent
from samverka.core.tests.helpers import says
from samverka.municipality.models import Area, SdgGoal
from samverka.partnerships.models import Partnership

TODAY = timezone.localdate()


def form(office, **changes):
    data = {"kind": "iop", "title": "Läxhjälp i Stenhamra", "summary": "Läxhjälp två kvällar i veckan.",
            "challenge": "Många barn får ingen hjälp hemma.", "why_partnership": "Ideella krafter, ingen marknad.",
            "office": office.pk, "committee": "", "case_number": "KFN 2026/12", "decided_on": "",
            "starts_on": TODAY.isoformat(), "ends_on": (TODAY + timedelta(days=365)).isoformat(),
            "status": "active", "is_public": "on", "areas": ["integration"], "sdg_goals": ["4"],
            "submission_token": "t1"}
    data["areas"] = [str(a.pk) for a in Area.objects.filter(slug__in=data["areas"])]
    data.update(changes)
    return data


@pytest.mark.django_db
def test_an_official_creates_a_partnership_once(client, official, office):
    client.force_login(official)
    url = reverse("partnerships:create")
    assert client.get(url).status_code == 200

    first = client.post(url, form(office))
    second = client.post(url, form(office))

    assert Partnership.objects.count() == 1
    item = Partnership.objects.get()
    assert first["Location"] == second["Location"] == item.get_absolute_url()
    assert (item.title, item.office, item.case_number) == ("Läxhjälp i Stenhamra", office, "KFN 2026/12")
    assert list(item.sdg_goals.all()) == [SdgGoal.objects.get(number=4)]
    assert AuditEvent.objects.filter(action="partnership.create").count() == 1
    page = client.get(item.get_absolute_url()).content.decode()
    assert "Läxhjälp i Stenhamra" in page and "KFN 2026/12" in page


@pytest.mark.django_db
def test_an_iop_says_why_and_ends_after_it_starts(client, official, office):
    client.force_login(official)
    response = client.post(reverse("partnerships:create"),
                           form(office, why_partnership="", ends_on=(TODAY - timedelta(days=1)).isoformat()))
    assert response.status_code == 200
    page = response.content.decode()
    assert says("For an IOP, write why neither a grant nor a procurement fits.") in page
    assert says("The partnership cannot end before it starts.") in page
    assert "Läxhjälp i Stenhamra" in page  # what was typed is kept
    assert not Partnership.objects.exists()


@pytest.mark.django_db
def test_a_cooperation_agreement_needs_no_why(client, official, office):
    client.force_login(official)
    client.post(reverse("partnerships:create"), form(office, kind="cooperation", why_partnership=""))
    assert Partnership.objects.get().kind == "cooperation"


@pytest.mark.django_db
def test_an_official_may_only_create_for_their_own_office(client, official, social_official):
    other = social_official.office_memberships.get().office
    client.force_login(official)
    response = client.post(reverse("partnerships:create"), form(other))
    assert response.status_code == 200  # not a choice for Sara
    assert not Partnership.objects.exists()


@pytest.mark.django_db
def test_residents_and_representatives_may_not_create(client, resident, representative, office):
    for user in (resident, representative):
        client.force_login(user)
        assert client.get(reverse("partnerships:create")).status_code == 403
        assert client.post(reverse("partnerships:create"), form(office)).status_code == 403
    assert not Partnership.objects.exists()


@pytest.mark.django_db
def test_the_office_edits_and_the_period_keeps_its_milestones(client, official, partnership):
    from .factories import MilestoneFactory

    MilestoneFactory(partnership=partnership, title="Vårens uppföljning", due_on=TODAY + timedelta(days=60))
    client.force_login(official)
    url = reverse("partnerships:edit", args=[partnership.slug])
    assert client.get(url).status_code == 200
    data = form(partnership.office, title="Dans för Parkinson på Ekerö", ends_on=(TODAY + timedelta(days=30)).isoformat())
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Vårens uppföljning" in response.content.decode()
    partnership.refresh_from_db()
    assert partnership.title == "Dans för Parkinson"

    response = client.post(url, form(partnership.office, title="Dans för Parkinson på Ekerö"))
    assert response.status_code == 302
    partnership.refresh_from_db()
    assert partnership.title == "Dans för Parkinson på Ekerö"
    assert AuditEvent.objects.filter(action="partnership.update").count() == 1


@pytest.mark.django_db
def test_a_draft_is_seen_by_the_office_and_the_parties_only(client, partnership, official, representative, resident,
                                                            social_official):
    partnership.status = Partnership.Status.DRAFT
    partnership.save()
    url = partnership.get_absolute_url()
    assert client.get(url).status_code == 404
    for user, status in ((resident, 404), (social_official, 404), (official, 200), (representative, 200)):
        client.force_login(user)
        assert client.get(url).status_code == status, user
    client.logout()
    assert partnership.title not in client.get(reverse("partnerships:index")).content.decode()
