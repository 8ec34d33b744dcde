"""Each office records where it can cooperate with civil society, one row per area, and the
public page lists it per office and area."""

import pytest
from django.urls import reverse

from samverka.core.models import AuditEvent
from samverka.municipality.models import Area
from samverka.plans.models import Inventory

from .factories import InventoryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    from django.utils import translation

    translation.activate("en")
    yield
    translation.activate("sv")


def test_an_official_adds_a_row_once_and_the_public_page_lists_it(client, official, office,
                                                                   django_capture_on_commit_callbacks):
    client.force_login(official)
    url = reverse("plans:inventory_office", args=[office.slug])
    assert client.get(url).status_code == 200
    data = {"area": Area.objects.get(slug="kultur").pk, "description": "Lokaler för föreningarnas kulturkvällar.",
            "contact": official.pk, "submission_token": "r1"}
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, data).status_code == 302
        assert client.post(url, data).status_code == 302
    row = Inventory.objects.get()
    assert (row.office, row.contact) == (office, official)
    assert AuditEvent.objects.filter(action="inventory.save").count() == 1
    client.logout()
    page = client.get(reverse("plans:inventory")).text
    assert office.label in page and "Lokaler för föreningarnas kulturkvällar." in page and "Sara Nyström" in page


def test_a_second_row_for_the_same_area_is_refused_next_to_the_field(client, official, office):
    InventoryFactory(office=office)
    client.force_login(official)
    response = client.post(reverse("plans:inventory_office", args=[office.slug]),
                           {"area": Area.objects.get(slug="kultur").pk, "description": "En till rad.",
                            "submission_token": "r2"})
    assert response.status_code == 200
    assert "already has a row for" in response.text and "En till rad." in response.text
    assert Inventory.objects.count() == 1


def test_an_official_changes_and_removes_a_row(client, official, office):
    row = InventoryFactory(office=office)
    client.force_login(official)
    response = client.post(reverse("plans:edit_inventory", args=[row.pk]),
                           {"area": row.area_id, "description": "Nu även på helgerna."})
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.description == "Nu även på helgerna."
    client.post(reverse("plans:delete_inventory", args=[row.pk]))
    assert not Inventory.objects.exists()
    assert AuditEvent.objects.filter(action="inventory.delete").exists()


def test_the_contact_is_one_of_the_offices_officials(client, official, office, social_official):
    client.force_login(official)
    response = client.post(reverse("plans:inventory_office", args=[office.slug]),
                           {"area": Area.objects.get(slug="kultur").pk, "description": "Text.",
                            "contact": social_official.pk, "submission_token": "r3"})
    assert response.status_code == 200
    assert not Inventory.objects.exists()
