"""An invited association's representatives write a draft; an official publishes it."""

import pytest
from django.urls import reverse

from samverka.guides import services
from samverka.guides.models import Guide

from .factories import make_guide

pytestmark = pytest.mark.django_db


def _form(guide, **changes):
    data = {f"{n}_{lang}": getattr(guide, f"{n}_{lang}") for lang in ("sv", "en", "ar")
            for n in ("title", "summary", "body")}
    return {**data, "base": guide.version, "note": "", **changes}


@pytest.fixture
def invited(official, actor):
    guide = make_guide(by=official, published=False, topic="start_association", invited_actor=actor,
                       title_sv="Så startar du en förening")
    return guide


def test_the_representative_writes_the_draft_but_not_its_facts(client, invited, representative):
    client.force_login(representative)
    assert client.get(invited.get_absolute_url()).status_code == 200
    response = client.post(reverse("guides:edit", args=[invited.slug]),
                           _form(invited, body_sv="## Första mötet\n\nKalla till ett möte.", topic="iop"))
    assert response.status_code == 302
    invited.refresh_from_db()
    assert invited.body_sv.startswith("## Första mötet") and invited.topic == "start_association"
    assert invited.versions.get(number=2).created_by == representative
    assert client.post(reverse("guides:publish", args=[invited.slug])).status_code == 403
    invited.refresh_from_db()
    assert invited.status == Guide.Status.DRAFT


def test_once_published_only_the_municipality_changes_it(client, invited, representative, official):
    services.publish_guide(by=official, guide=invited)
    client.force_login(representative)
    assert client.post(reverse("guides:edit", args=[invited.slug]), _form(invited, title_sv="Nytt")).status_code == 403
    invited.refresh_from_db()
    assert invited.title_sv == "Så startar du en förening" and invited.version == 1


def test_another_association_sees_nothing(client, invited, other_actor):
    from samverka.accounts.tests.factories import UserFactory
    from samverka.actors.tests.factories import MembershipFactory
    stranger = UserFactory()
    MembershipFactory(actor=other_actor, user=stranger)
    client.force_login(stranger)
    for name in ("guide", "edit", "history"):
        assert client.get(reverse(f"guides:{name}", args=[invited.slug])).status_code == 404
    assert client.post(reverse("guides:edit", args=[invited.slug]), _form(invited, title_sv="X")).status_code == 404
    invited.refresh_from_db()
    assert invited.version == 1
