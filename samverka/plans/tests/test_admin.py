"""Maja, the administrator, corrects action plans and the inventory in /admin/. Her changes go
through the services: the rules are checked and every change is in the history."""

import pytest
from django.urls import reverse

from samverka.core.models import AuditEvent
from samverka.core.tests.admin_forms import admin_form
from samverka.plans.models import ActionPlan, Inventory

from .factories import InventoryFactory

pytestmark = pytest.mark.django_db


def change_url(item):
    return reverse(f"admin:plans_{item._meta.model_name}_change", args=[item.pk])


def test_a_change_of_a_plan_in_the_admin_goes_through_the_service(maja, plan, administrator):
    url = change_url(plan)
    response = maja.post(url, admin_form(maja, url, title="Samverkan 2026–2029", last_year="2029"))
    assert response.status_code == 302, response.content.decode()[:2000]
    event = AuditEvent.objects.get(action="plan.change")
    assert event.user == administrator and event.changes["last_year"] == [2028, 2029]
    response = maja.post(url, admin_form(maja, url, first_year="2030"))
    assert response.status_code in (200, 302)
    plan.refresh_from_db()
    assert (plan.first_year, plan.last_year) == (2026, 2029)


def test_an_inventory_row_in_the_admin_goes_through_the_service(maja, office):
    row = InventoryFactory(office=office)
    url = change_url(row)
    response = maja.post(url, admin_form(maja, url, description="Ändrad av administratören."))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Inventory.objects.get().description == "Ändrad av administratören."
    assert AuditEvent.objects.filter(action="inventory.save").exists()
    assert ActionPlan.objects.count() == 0
