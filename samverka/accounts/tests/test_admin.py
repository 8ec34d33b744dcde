"""Maja, the administrator, gives and takes roles in /admin/. Each change goes through the
accounts' services: the history says who gave whom which role, and when. Staff without
the right change nothing, and no one takes away their own administration."""

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from samverka.accounts.tests.factories import UserFactory
from samverka.core.models import AuditEvent
from samverka.core.tests.admin_forms import admin_form

pytestmark = pytest.mark.django_db


def change_url(user):
    return reverse("admin:accounts_user_change", args=[user.pk])


def test_a_role_given_in_the_admin_is_in_the_history(maja, administrator, resident):
    response = maja.post(change_url(resident), admin_form(maja, change_url(resident), is_process_leader="on"))
    assert response.status_code == 302, response.content.decode()[:2000]
    resident.refresh_from_db()
    assert resident.is_process_leader
    event = AuditEvent.objects.get(action="account.roles")
    assert event.user == administrator and event.target_id == str(resident.pk)
    assert event.changes == {"is_process_leader": [False, True]} and event.created_at


def test_a_name_changed_in_the_admin_is_in_the_history(maja, resident):
    response = maja.post(change_url(resident), admin_form(maja, change_url(resident), first_name="Linnea"))
    assert response.status_code == 302
    assert AuditEvent.objects.get(action="account.change").changes == {"first_name": ["Lina", "Linnea"]}
    assert not AuditEvent.objects.filter(action="account.roles").exists()


def test_staff_with_the_model_permission_cannot_make_themselves_administrator(resident):
    staff = UserFactory(email="kim@example.org", is_staff=True)
    staff.user_permissions.add(*Permission.objects.filter(codename__in=["view_user", "change_user"]))
    client = Client()
    client.force_login(staff)
    response = client.post(change_url(staff), admin_form(client, change_url(staff), is_superuser="on"))
    assert response.status_code == 403
    staff.refresh_from_db()
    assert not staff.is_superuser
    assert not AuditEvent.objects.exists()


def test_the_administrator_cannot_take_away_her_own_administration(maja, administrator):
    response = maja.post(change_url(administrator), admin_form(maja, change_url(administrator), is_superuser=None),
                         follow=True)
    administrator.refresh_from_db()
    assert administrator.is_superuser
    assert [(m.level_tag, m.message) for m in response.context["messages"]] == [
        ("error", "Du kan inte ta bort din egen administration. Be en annan administratör.")]
    assert not AuditEvent.objects.filter(action="account.roles").exists()


def test_an_account_added_in_the_admin_is_in_the_history(maja, administrator):
    response = maja.post(reverse("admin:accounts_user_add"),
                         {"email": "ny@example.org", "password1": "ett långt lösenord 42", "password2": "ett långt lösenord 42"})
    assert response.status_code == 302
    assert AuditEvent.objects.get(action="account.create").target_label
