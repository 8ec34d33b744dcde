"""What the plans keep about a person is in "see my data", and deleting the account removes
the links to it while the plans stay."""

import json

import pytest
from django.urls import reverse

from samverka.accounts.tests.factories import UserFactory
from samverka.municipality.tests.factories import OfficeMembershipFactory
from samverka.plans.models import Action, IndicatorValue, Inventory

from .factories import ActionFactory, IndicatorFactory, InventoryFactory, ValueFactory

pytestmark = pytest.mark.django_db


def test_the_download_shows_and_the_erasure_unlinks_what_plans_keep(client, plan):
    anna = UserFactory(first_name="Anna", last_name="Berg")
    OfficeMembershipFactory(user=anna, office=plan.office)
    InventoryFactory(office=plan.office, contact=anna)
    ActionFactory(plan=plan, owner=anna, title="Läxhjälp i Stenhamra")
    ValueFactory(indicator=IndicatorFactory(goal__plan=plan, name="Ideella timmar i Stenhamra"), entered_by=anna,
                 value=42)
    client.force_login(anna)
    download = json.loads(client.get(reverse("accounts:my_data"), {"download": "1"}).content)
    text = json.dumps(download, ensure_ascii=False)
    assert "Läxhjälp i Stenhamra" in text and "Ideella timmar i Stenhamra" in text
    assert [row["office"] for row in download["plan_contact_for"]] == [plan.office.label]
    page = client.get(reverse("accounts:my_data")).content.decode()
    assert "Läxhjälp i Stenhamra" in page

    assert client.post(reverse("accounts:delete"), {"confirm": "RADERA"}).status_code == 302
    assert Inventory.objects.get().contact is None
    assert Action.objects.get().owner is None
    assert IndicatorValue.objects.get().entered_by is None
