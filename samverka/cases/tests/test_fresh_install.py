"""A new installation, before the demo or any office exists: there are topics but no
routing rules. A message sent through the one way in must still land where someone sees it:
in the inbox of the administrators and process leaders, who are told by e-mail, and who can
answer and close it from there. A case routed to an office where nobody gets e-mail is not
lost either."""

import pytest
from django.urls import reverse

from samverka.cases.models import Case, RoutingRule
from samverka.cases.tests.factories import RoutingRuleFactory
from samverka.cases.tests.helpers import case_form, new_url
from samverka.communication.models import OutboxMessage
from samverka.core.tests.helpers import link_in, says
from samverka.municipality.models import Municipality, Office

pytestmark = pytest.mark.django_db

NO_RULES = ("No routing rules yet: every message sent through the one way in waits here, in the inbox of the "
            "administrators and process leaders.")


def test_a_message_on_a_new_installation_waits_in_the_administrators_inbox(client, administrator, process_leader):
    assert not Office.objects.exists() and not RoutingRule.objects.exists()
    response = client.post(new_url(), case_form())
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.office is None and case.status == Case.Status.RECEIVED

    told = {m.to: m for m in OutboxMessage.objects.exclude(to="lina@example.org")}
    assert set(told) == {Municipality.current().contact_email, administrator.email}
    assert link_in(told[administrator.email]) == case.get_absolute_url()
    assert case.reference in told[administrator.email].subject

    for person in (administrator, process_leader):
        client.force_login(person)
        response = client.get(reverse("cases:inbox"))
        page = response.content.decode()
        assert case.reference in page
        assert response.context["counts"]["unrouted"] == 1
        assert says(NO_RULES) in page
    assert reverse("admin:cases_routingrule_changelist") not in page  # the process leader has no administration
    client.force_login(administrator)
    assert reverse("admin:cases_routingrule_changelist") in client.get(reverse("cases:inbox")).content.decode()


def test_the_administrator_answers_and_closes_it_without_any_office(client, administrator):
    client.post(new_url(), case_form())
    case = Case.objects.get()
    client.force_login(administrator)
    assert client.get(case.get_absolute_url()).status_code == 200
    response = client.post(reverse("cases:answer", args=[case.reference]),
                           {"text": "Vi hör av oss när kontoren finns på plats.", "close": "on"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == Case.Status.CLOSED and case.assigned_to == administrator
    assert OutboxMessage.objects.filter(to="lina@example.org", subject__contains=case.reference).count() == 2


def test_an_inactive_administrator_is_not_told(client, administrator):
    administrator.is_active = False
    administrator.save(update_fields=["is_active"])
    client.post(new_url(), case_form())
    assert not OutboxMessage.objects.filter(to=administrator.email).exists()
    assert OutboxMessage.objects.filter(to=Municipality.current().contact_email).exists()


def test_the_notice_goes_once_there_are_rules(client, administrator, offices):
    client.force_login(administrator)
    assert says(NO_RULES) not in client.get(reverse("cases:inbox")).content.decode()


def test_an_official_never_sees_the_notice(client, official):
    RoutingRule.objects.all().delete()
    client.force_login(official)
    assert says(NO_RULES) not in client.get(reverse("cases:inbox")).content.decode()


def test_a_case_for_an_office_nobody_reads_is_told_to_the_administrators(client, administrator):
    empty = Office.objects.create(slug="nytt-kontor", name="Nytt kontor")  # no officials, no e-mail address
    RoutingRuleFactory(topic=None, district=None, office=empty)
    client.post(new_url(), case_form())
    case = Case.objects.get()
    assert case.office == empty
    told = OutboxMessage.objects.get(to=administrator.email)
    assert case.reference in told.subject and "Nytt kontor" in told.body_text
    assert link_in(told) == case.get_absolute_url()
    client.force_login(administrator)
    assert case.reference in client.get(reverse("cases:inbox")).content.decode()


def test_handing_a_case_on_to_an_office_nobody_reads_tells_the_administrators(client, administrator, official,
                                                                             culture):
    client.post(new_url(), case_form())
    case = Case.objects.get()
    case.office = culture
    case.save(update_fields=["office"])
    empty = Office.objects.create(slug="nytt-kontor", name="Nytt kontor")
    OutboxMessage.objects.all().delete()
    client.force_login(official)
    response = client.post(reverse("cases:reroute", args=[case.reference]), {"office": empty.pk, "note": "Deras."})
    assert response.status_code == 302
    assert OutboxMessage.objects.filter(to=administrator.email, subject__contains=case.reference).count() == 1
