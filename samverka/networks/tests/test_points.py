"""Follow-up points through to done or overdue: the owner's list and My pages (overdue first),
the chair's list, marking done, and a point turned into a need that stays linked."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from samverka.accounts.tests.factories import UserFactory
from samverka.needs.models import Need
from samverka.networks.models import FollowUpPoint

from .factories import PointFactory

pytestmark = pytest.mark.django_db


def test_overdue_points_come_first_on_my_pages_and_the_owners_list(client, network, member):
    today = timezone.localdate()
    later = PointFactory(meeting__group=network, owner_user=member, title="Skriv inbjudan",
                         due_on=today + timedelta(days=10))
    soon = PointFactory(meeting__group=network, owner_user=member, title="Boka lokal", due_on=today + timedelta(days=2))
    client.force_login(member)
    page = client.get(reverse("accounts:dashboard")).content.decode()
    assert page.index("Boka lokal") < page.index("Skriv inbjudan")
    assert "Försenad" not in page and "Overdue" not in page
    # A week later "Boka lokal" is overdue and still first; two weeks later both, by due date.
    with time_machine.travel(timezone.now() + timedelta(days=7)):
        page = client.get(reverse("networks:my_points")).content.decode()
        assert page.index("Boka lokal") < page.index("Skriv inbjudan")
        assert page.count("badge--warning") == 1
    # Done points go last.
    soon.status = FollowUpPoint.Status.DONE
    soon.save()
    page = client.get(reverse("networks:my_points")).content.decode()
    assert page.index(later.title) < page.index(soon.title)


def test_an_owner_of_many_points_reads_them_fifty_to_a_page_overdue_first(client, network, member):
    """The bench's owner of 200 points waited 234 ms for one page of them all (p95)."""
    today = timezone.localdate()
    for n in range(53):
        PointFactory(meeting__group=network, owner_user=member, title=f"Punkt nummer {n:02d}",
                     due_on=today + timedelta(days=n + 1))
    late = PointFactory(meeting__group=network, owner_user=member, title="Försenad punkt",
                        due_on=today - timedelta(days=3))
    client.force_login(member)
    first = client.get(reverse("networks:my_points")).content.decode()
    assert first.count('class="card"') == 50 and first.index(late.title) < first.index("Punkt nummer 00")
    assert "?page=2" in first and "Punkt nummer 52" not in first
    second = client.get(reverse("networks:my_points"), {"page": 2}).content.decode()
    assert second.count('class="card"') == 4 and "Punkt nummer 52" in second


def test_an_office_s_points_are_on_its_officials_lists(client, network, official):
    point = PointFactory(meeting__group=network, owner_user=None, owner_office=network.office, title="Ta fram statistik")
    client.force_login(official)
    assert point.title in client.get(reverse("networks:my_points")).content.decode()
    client.post(reverse("networks:point_done", args=[point.pk]))
    point.refresh_from_db()
    assert point.status == FollowUpPoint.Status.DONE and point.done_by == official


def test_the_owner_marks_done_and_others_may_not(client, network, member, resident):
    point = PointFactory(meeting__group=network, owner_user=member)
    client.force_login(resident)
    assert client.post(reverse("networks:point_done", args=[point.pk])).status_code in (403, 404)
    other_member = UserFactory()
    network.memberships.create(user=other_member)
    client.force_login(other_member)
    assert client.post(reverse("networks:point_done", args=[point.pk])).status_code == 403
    point.refresh_from_db()
    assert point.is_open
    client.force_login(member)
    client.post(reverse("networks:point_done", args=[point.pk]), {"next": "mine"})
    point.refresh_from_db()
    assert not point.is_open


def test_the_chair_s_list_holds_every_point_of_the_group(client, network, chair, member):
    PointFactory(meeting__group=network, owner_user=member, title="Kontakta Arbetsförmedlingen")
    client.force_login(chair)
    page = client.get(reverse("networks:points", args=[network.slug])).content.decode()
    assert "Kontakta Arbetsförmedlingen" in page
    client.force_login(member)
    assert client.get(reverse("networks:points", args=[network.slug])).status_code == 403


def test_a_point_becomes_a_need_and_stays_linked(client, network, official):
    point = PointFactory(meeting__group=network, owner_user=None, owner_office=network.office,
                         title="Fler ledare till språkcaféet")
    client.force_login(official)
    url = reverse("networks:point_need", args=[point.pk])
    form = client.get(url)
    assert "Fler ledare till språkcaféet" in form.content.decode()
    data = {"publisher": f"office:{network.office.pk}", "title": "Fler ledare till språkcaféet",
            "summary": "Vi söker två ledare till språkcaféet på tisdagar.", "description": "Språkcaféet växer.",
            "kind": Need.Kind.VOLUNTEERS, "contact": official.pk}
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    point.refresh_from_db()
    assert point.need is not None and point.need.office == network.office
    assert point.need.get_absolute_url() in client.get(point.get_absolute_url()).content.decode()
    # A second submit creates nothing twice.
    client.post(url, data)
    assert Need.objects.count() == 1


def test_a_need_form_with_mistakes_keeps_the_input(client, network, official):
    point = PointFactory(meeting__group=network, owner_user=None, owner_office=network.office)
    client.force_login(official)
    response = client.post(reverse("networks:point_need", args=[point.pk]),
                           {"publisher": f"office:{network.office.pk}", "title": "Behåll mig", "summary": ""})
    assert response.status_code == 200 and "Behåll mig" in response.content.decode()
    assert not Need.objects.exists()


def test_a_point_done_too_early_is_reopened_with_audit(client, network, member, resident):
    from samverka.core.models import AuditEvent

    point = PointFactory(meeting__group=network, owner_user=member)
    client.force_login(member)
    client.post(reverse("networks:point_done", args=[point.pk]))
    page = client.get(point.get_absolute_url()).content.decode()
    assert reverse("networks:point_reopen", args=[point.pk]) in page
    # Someone without the right: nothing changes.
    client.force_login(resident)
    assert client.post(reverse("networks:point_reopen", args=[point.pk])).status_code in (403, 404)
    point.refresh_from_db()
    assert not point.is_open
    client.force_login(member)
    client.post(reverse("networks:point_reopen", args=[point.pk]))
    point.refresh_from_db()
    assert point.is_open and point.done_at is None and point.done_by is None
    assert AuditEvent.objects.filter(action="point.reopen").count() == 1
    client.post(reverse("networks:point_reopen", args=[point.pk]))
    assert AuditEvent.objects.filter(action="point.reopen").count() == 1
