"""Maja, the administrator, changes the configuration and says who works in which office.
Every change goes through the municipality's services: the rule is checked and the history
shows who made whom an official. Staff without the right change nothing."""

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from samverka.accounts.tests.factories import UserFactory
from samverka.core.models import AuditEvent
from samverka.core.tests.admin_forms import admin_form
from samverka.municipality.models import Area, Office, OfficeMembership

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(db):
    return Office.objects.create(slug="socialkontoret", name="Socialkontoret")


def office_url(office):
    return reverse("admin:municipality_office_change", args=[office.pk])


def test_making_someone_an_official_is_in_the_history(maja, administrator, office, resident):
    data = admin_form(maja, office_url(office), **{
        "memberships-TOTAL_FORMS": "1", "memberships-0-id": "", "memberships-0-office": str(office.pk),
        "memberships-0-user": str(resident.pk), "memberships-0-title": "Handläggare"})
    response = maja.post(office_url(office), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert OfficeMembership.objects.get().user == resident
    event = AuditEvent.objects.get(action="office.add_official")
    assert event.user == administrator and event.target_id == str(resident.pk)
    assert event.changes == {"office": "Socialkontoret", "title": "Handläggare"}


def test_removing_an_official_is_in_the_history(maja, office, resident):
    membership = OfficeMembership.objects.create(office=office, user=resident, title="Handläggare")
    response = maja.post(office_url(office), admin_form(maja, office_url(office), **{"memberships-0-DELETE": "on"}))
    assert response.status_code == 302
    assert not OfficeMembership.objects.filter(pk=membership.pk).exists()
    assert AuditEvent.objects.get(action="office.remove_official").target_id == str(resident.pk)


def test_a_changed_area_is_in_the_history(maja, administrator):
    area = Area.objects.get(slug="kultur")
    url = reverse("admin:municipality_area_change", args=[area.pk])
    assert maja.post(url, admin_form(maja, url, name="Kultur och konst")).status_code == 302
    event = AuditEvent.objects.get(action="configuration.change")
    assert event.user == administrator and event.changes == {"name": ["Kultur", "Kultur och konst"]}


def test_staff_with_model_permissions_change_no_configuration(office, resident):
    staff = UserFactory(email="kim@example.org", is_staff=True)
    staff.user_permissions.add(*Permission.objects.filter(
        content_type__app_label="municipality", codename__in=[
            "view_office", "change_office", "view_officemembership", "add_officemembership", "view_area", "change_area"]))
    client = Client()
    client.force_login(staff)
    data = admin_form(client, office_url(office), name="Kapat kontor", **{
        "memberships-TOTAL_FORMS": "1", "memberships-0-id": "", "memberships-0-office": str(office.pk),
        "memberships-0-user": str(staff.pk), "memberships-0-title": ""})
    assert client.post(office_url(office), data).status_code == 403
    office.refresh_from_db()
    assert office.name == "Socialkontoret"
    assert not OfficeMembership.objects.exists()
    assert not AuditEvent.objects.exists()
