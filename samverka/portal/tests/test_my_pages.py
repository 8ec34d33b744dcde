"""My pages: what each person finds after logging in, and changing one's name."""

import html
import re
from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from samverka.actors.tests.factories import AssociationFactory, MembershipFactory
from samverka.cases.tests.factories import CaseFactory
from samverka.core.models import AuditEvent
from samverka.core.tests.helpers import flash, says
from samverka.crisis.models import HelpRequest
from samverka.crisis.tests.factories import CrisisFactory, HelpRequestFactory
from samverka.municipality.tests.factories import OfficeFactory
from samverka.needs.tests.factories import AnswerFactory, NeedFactory

DASHBOARD = reverse("accounts:dashboard")
PROFILE = reverse("accounts:profile")


def test_a_resident_is_shown_how_to_add_an_association(client, resident):
    client.force_login(resident)
    body = client.get(DASHBOARD).content.decode()
    assert "Lina Sandberg" in body
    assert reverse("actors:create") in body
    assert says("Associations waiting for verification") not in body


def test_a_representative_finds_the_association(client, actor, representative):
    client.force_login(representative)
    body = client.get(DASHBOARD).content.decode()
    assert actor.get_absolute_url() in body
    assert says("Owner") in body


def test_an_official_finds_the_associations_to_verify(client, actor, official):
    client.force_login(official)
    body = client.get(DASHBOARD).content.decode()
    assert says("Associations waiting for verification") in body
    assert actor.get_absolute_url() in body


def test_a_person_changes_their_name(client, resident):
    client.force_login(resident)
    assert 'value="Lina"' in client.get(PROFILE).content.decode()
    response = client.post(PROFILE, {"first_name": "Lina Maria", "last_name": "Sandberg"})
    assert response.status_code == 302
    assert flash(response) == [says("Your details are saved.")]
    resident.refresh_from_db()
    assert resident.first_name == "Lina Maria"
    event = AuditEvent.objects.get()
    assert (event.action, event.changes) == ("account.update", {"first_name": ["Lina", "Lina Maria"]})


def test_a_name_cannot_be_empty_or_too_long(client, resident):
    client.force_login(resident)
    for data in ({"first_name": "", "last_name": "Sandberg"}, {"first_name": "L" * 101, "last_name": "Sandberg"}):
        response = client.post(PROFILE, data)
        assert response.status_code == 200
        assert 'class="field__error"' in response.content.decode()
    resident.refresh_from_db()
    assert resident.first_name == "Lina"
    assert not AuditEvent.objects.exists()


def test_officials_and_the_administrator_find_crisis_mode_but_residents_do_not(client, resident, official, administrator):
    crisis_url = reverse("crisis:index")
    for person, finds in [(resident, False), (official, True), (administrator, True)]:
        client.force_login(person)
        assert (f'href="{crisis_url}"' in client.get(DASHBOARD).content.decode()) is finds


# ---------------------------------------------------------------- each role's own work first

def sections(body: str) -> list[str]:
    """The headings of My pages' sections, in order."""
    return [html.unescape(h) for h in re.findall(r"<h2[^>]*>(.*?)</h2>", body, re.S)]


def says_plain(msgid: str, **params) -> str:
    return html.unescape(says(msgid, **params))


def test_a_resident_first_sees_the_associations_they_represent(client, resident):
    client.force_login(resident)
    headings = sections(client.get(DASHBOARD).content.decode())
    assert headings[0] == says_plain("Associations you represent")
    assert says_plain("Questions and offers to the municipality") in headings[2:]


def test_an_official_first_sees_the_offices_cases(client, official):
    office = official.office_memberships.get().office
    CaseFactory(office=office)
    CaseFactory(office=office, answer_by=timezone.localdate() - timedelta(days=1))
    client.force_login(official)
    body = client.get(DASHBOARD).content.decode()
    headings = sections(body)
    assert headings[0] == says_plain("Questions and offers to the municipality")
    assert headings.index(says_plain("Associations waiting for verification")) < headings.index(
        says_plain("Associations you represent"))
    first = body[body.index("<h2"):body.index("<h2", body.index("<h2") + 1)]
    assert reverse("cases:inbox") in first
    assert "badge--warning" in first  # the late case


def test_the_administrator_first_sees_the_cases(client, administrator):
    client.force_login(administrator)
    assert sections(client.get(DASHBOARD).content.decode())[0] == says_plain("Questions and offers to the municipality")


def test_an_official_who_triages_a_crisis_sees_it_before_the_associations(client, official):
    office = official.office_memberships.get().office
    crisis = CrisisFactory(is_active=True, triage_offices=[office])
    HelpRequestFactory(crisis=crisis, status=HelpRequest.Status.NEW, priority=HelpRequest.Priority.NEW)
    client.force_login(official)
    body = client.get(DASHBOARD).content.decode()
    headings = sections(body)
    assert headings[1] == says_plain("Crisis mode: %(name)s", name=crisis.name)
    assert reverse("crisis:requests") in body


def test_an_official_who_does_not_triage_the_crisis_is_not_shown_its_requests(client, official):
    CrisisFactory(is_active=True, triage_offices=[OfficeFactory()])
    client.force_login(official)
    body = client.get(DASHBOARD).content.decode()
    assert reverse("crisis:requests") not in body


def test_the_needs_with_new_answers_come_before_the_associations(client, official, resident):
    office = official.office_memberships.get().office
    need = NeedFactory(office=office, title="Läxhjälp i Stenhamra")
    AnswerFactory(need=need, user=resident)
    NeedFactory(office=office, title="Inga svar än")
    client.force_login(official)
    body = client.get(DASHBOARD).content.decode()
    headings = sections(body)
    assert headings.index(says_plain("Your needs with new answers")) < headings.index(
        says_plain("Associations you represent"))
    assert reverse("needs:answers", args=[need.slug]) in body
    assert "Inga svar än" not in body


def test_my_pages_cost_the_same_queries_with_more_data(client, official, resident, administrator):
    office = official.office_memberships.get().office
    crisis = CrisisFactory(is_active=True, triage_offices=[office])

    def fill(n: int) -> None:
        for _ in range(n):
            CaseFactory(office=office)
            AnswerFactory(need=NeedFactory(office=office), user=resident)
            HelpRequestFactory(crisis=crisis)
            AssociationFactory()
            MembershipFactory(user=official)

    def count(person) -> int:
        client.force_login(person)
        client.get(DASHBOARD)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(DASHBOARD).status_code == 200
        return len(captured)

    fill(1)
    before = {p.email: count(p) for p in (official, administrator, resident)}
    fill(12)
    assert {p.email: count(p) for p in (official, administrator, resident)} == before
