"""The read-only API of public partnerships (the lead registers it under /api/v1/partnerships/):
what the page shows, without drafts, partnerships that are not public, or documents; a
constant number of queries."""

import pytest
from rest_framework.test import APIRequestFactory

from samverka.partnerships.api import PartnershipViewSet
from samverka.partnerships.models import Partnership

from .factories import ContributionFactory, DocumentFactory, PartnershipFactory, PartyFactory


def listed(**params):
    request = APIRequestFactory().get("/api/v1/partnerships/", params)
    response = PartnershipViewSet.as_view({"get": "list"})(request)
    response.render()
    return response


@pytest.mark.django_db
def test_the_api_lists_public_partnerships(partnership, django_assert_max_num_queries):
    ContributionFactory(party=partnership.parties.get(), kind="money", amount=84000, unit="sek_year",
                        counted_in="Verksamhetsstödet")
    DocumentFactory(partnership=partnership, title="Hemligt avtal")
    PartnershipFactory(title="Ett utkast", status=Partnership.Status.DRAFT)
    PartnershipFactory(title="Inte offentligt", is_public=False)
    for _n in range(5):
        PartyFactory(partnership=PartnershipFactory())
    with django_assert_max_num_queries(12):
        response = listed()
    assert response.status_code == 200
    body = response.content.decode()
    assert "Dans för Parkinson" in body and "Verksamhetsstödet" in body
    assert "Ett utkast" not in body and "Inte offentligt" not in body and "Hemligt avtal" not in body
    assert response.data["count"] == 6
    assert listed(office=partnership.office.slug).data["count"] == 1
