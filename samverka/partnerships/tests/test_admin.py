"""Maja, the administrator, corrects partnerships and compacts in /admin/. Her changes go
through the services: the rules are checked and every change is in the history; an IOP
without its reason is refused next to the field."""

import pytest
from django.urls import reverse

from samverka.core.models import AuditEvent
from samverka.core.tests.admin_forms import admin_form
from samverka.partnerships.models import Partnership

from .factories import CompactFactory, MilestoneFactory

pytestmark = pytest.mark.django_db


def change_url(item):
    return reverse(f"admin:partnerships_{item._meta.model_name}_change", args=[item.pk])


def test_a_change_in_the_admin_goes_through_the_service(client, maja, partnership, administrator):
    url = change_url(partnership)
    response = maja.post(url, admin_form(maja, url, title="Dans för alla"))
    assert response.status_code == 302, response.content.decode()[:2000]
    event = AuditEvent.objects.get(action="partnership.update")
    assert event.user == administrator and event.changes["title"] == ["Dans för Parkinson", "Dans för alla"]
    assert "Dans för alla" in client.get(partnership.get_absolute_url()).content.decode()


def test_the_admin_keeps_the_rules(maja, partnership):
    MilestoneFactory(partnership=partnership, due_on=partnership.ends_on)
    url = change_url(partnership)
    response = maja.post(url, admin_form(maja, url, why_partnership=""))
    assert response.status_code == 200
    response = maja.post(url, admin_form(maja, url, ends_on=partnership.starts_on.isoformat()))
    assert response.status_code == 200
    partnership.refresh_from_db()
    assert partnership.why_partnership and partnership.ends_on > partnership.starts_on
    assert not AuditEvent.objects.filter(action="partnership.update").exists()


def test_deleting_in_the_admin_is_recorded(maja, partnership):
    url = reverse("admin:partnerships_partnership_delete", args=[partnership.pk])
    assert maja.post(url, {"post": "yes"}).status_code == 302
    assert not Partnership.objects.exists()
    assert AuditEvent.objects.filter(action="partnership.delete").count() == 1


def test_a_compact_is_edited_through_the_service(maja, office):
    compact = CompactFactory(office=office, title="Överenskommelsen")
    url = change_url(compact)
    assert maja.post(url, admin_form(maja, url, title="Lokal överenskommelse")).status_code == 302
    assert AuditEvent.objects.get(action="compact.update").changes["title"] == ["Överenskommelsen",
                                                                                 "Lokal överenskommelse"]
