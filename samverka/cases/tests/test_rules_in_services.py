"""The case services hold the rules themselves: an official of another office, a process
leader (who reads every case) or a resident cannot handle a case, whatever calls them."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from samverka.cases import services
from samverka.cases.models import Case, CaseEvent
from samverka.cases.tests.factories import CaseFactory
from samverka.core.models import AuditEvent
from samverka.core.tests.helpers import says

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("who", ["official", "process_leader", "resident"])
def test_only_the_case_office_handles_a_case(request, who):
    person = request.getfixturevalue(who)
    case = CaseFactory()  # routed to an office none of them works in
    attempts = [
        lambda: services.assign_case(by=person, case=case),
        lambda: services.add_note(by=person, case=case, text="Ringt"),
        lambda: services.answer_case(by=person, case=case, text="Svar", close=True),
        lambda: services.close_case(by=person, case=case),
    ]
    for attempt in attempts:
        with pytest.raises(PermissionDenied):
            attempt()
    case.refresh_from_db()
    assert case.status == Case.Status.RECEIVED and case.assigned_to is None
    assert not CaseEvent.objects.exists() and not AuditEvent.objects.exists()


def test_the_routing_rules_link_is_for_the_administrator_only(client, administrator, process_leader):
    link = says("Routing rules in the administration")
    client.force_login(administrator)
    assert link in client.get(reverse("cases:inbox")).content.decode()
    client.force_login(process_leader)
    assert link not in client.get(reverse("cases:inbox")).content.decode()
