"""A child under 13 joins a group, or asks to, once a guardian has confirmed the account:
Elsa (12, her mother has not yet opened the link) sees why on the group's page and in place
of the form to join her school's pupils' council or an open network, and a request is refused
with her message kept; once her mother confirms, or on her 13th birthday, she joins."""

import pytest
import time_machine
from django.urls import reverse

from samverka.accounts.tests.children import CASE_IDS, CASES, WAITING, elsa, shows_waiting
from samverka.core.tests.helpers import says
from samverka.networks.models import Group, Membership

from .factories import GroupFactory

pytestmark = pytest.mark.django_db

KINDS = [
    pytest.param({"kind": Group.Kind.PUPILS_COUNCIL, "join_rule": Group.JoinRule.REQUEST,
                  "name": "Elevrådet på Tappströmsskolan"}, Membership.Status.REQUESTED, id="pupils-council"),
    pytest.param({"kind": Group.Kind.NETWORK, "join_rule": Group.JoinRule.OPEN, "name": "Unga på Ekerö"},
                 Membership.Status.ACTIVE, id="open-network"),
]


@pytest.mark.parametrize(("group_kind", "status"), KINDS)
@pytest.mark.parametrize(("day", "confirmed", "allowed"), CASES, ids=CASE_IDS)
def test_joining_a_group(client, group_kind, status, day, confirmed, allowed):
    with time_machine.travel(day, tick=False):
        child = elsa(confirmed=confirmed)
        group = GroupFactory(**group_kind)
        client.force_login(child)
        url = reverse("networks:join", args=[group.slug])
        group_page = client.get(group.get_absolute_url()).content.decode()
        assert (f'href="{url}"' in group_page) is allowed
        assert shows_waiting(group_page) is not allowed
        form = client.get(url).content.decode()
        assert ('name="message"' in form) is allowed
        assert shows_waiting(form) is not allowed
        response = client.post(url, {"message": "Jag går i klass 6B och vill vara med."})
    membership = Membership.objects.filter(group=group, user=child).first()
    assert (membership is not None) is allowed
    if allowed:
        assert membership.status == status
    else:
        page = response.content.decode()
        assert response.status_code == 200 and says(WAITING) in page
        assert "Jag går i klass 6B och vill vara med." in page  # her message is kept
