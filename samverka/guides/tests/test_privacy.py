"""What the knowledge bank keeps about a person: the versions they saved."""

import pytest
from django.urls import reverse

from samverka.guides.models import GuideVersion

from .factories import make_guide

pytestmark = pytest.mark.django_db


def test_my_data_lists_the_versions_i_saved_and_erasing_keeps_the_guide(client, official):
    guide = make_guide(by=official, title_sv="Socialkontorets ansvar")
    client.force_login(official)
    data = client.get(reverse("accounts:my_data"), {"download": "1"}).json()
    assert data["guide_versions_written"][0]["title"] == "Socialkontorets ansvar"
    client.post(reverse("accounts:delete"), {"confirm": "RADERA"})
    guide.refresh_from_db()
    assert guide.created_by is None and GuideVersion.objects.get(guide=guide).created_by is None
