"""For every object URL of the officials' pages: a person without the right is refused and
nothing changes. Anonymous visitors are sent to log in; officials of another office, the
sender and other residents get 404 (they cannot see the case there); the process leader
reads every case but gets 403 when trying to change one. The sender's own page is reached
only through the private link."""

import pytest
from django.forms.models import model_to_dict
from django.urls import reverse

from samverka.accounts.tests.factories import UserFactory
from samverka.cases.models import Case, CaseEvent
from samverka.cases.tests.helpers import case_form, new_url
from samverka.communication.models import OutboxMessage
from samverka.core.models import AuditEvent, Submission

ANONYMOUS, RESIDENT, SENDER, REPRESENTATIVE = "anonymous", "resident", "sender", "representative"
OTHER_OFFICIAL, PROCESS_LEADER, OFFICIAL, ADMINISTRATOR = "other_official", "process_leader", "official", "administrator"
CANNOT_SEE = [ANONYMOUS, RESIDENT, SENDER, REPRESENTATIVE, OTHER_OFFICIAL]


def _reroute(scene):
    return {"office": scene["other_office"].pk, "note": "Kapad."}


# key → (url name, method, data, who must be refused)
URLS = {
    "case": ("cases:case", "get", None, CANNOT_SEE),
    "assign": ("cases:assign", "post", {}, [*CANNOT_SEE, PROCESS_LEADER]),
    "reroute": ("cases:reroute", "post", _reroute, [*CANNOT_SEE, PROCESS_LEADER]),
    "note": ("cases:note", "post", {"text": "Kapad."}, [*CANNOT_SEE, PROCESS_LEADER]),
    "answer": ("cases:answer", "post", {"text": "Kapad.", "close": "on"}, [*CANNOT_SEE, PROCESS_LEADER]),
    "close": ("cases:close", "post", {"note": "Kapad."}, [*CANNOT_SEE, PROCESS_LEADER]),
    "reopen": ("cases:reopen", "post", {}, [*CANNOT_SEE, PROCESS_LEADER]),
}
CASES = [(key, who) for key, (_, _, _, refused) in URLS.items() for who in refused]


@pytest.fixture
def scene(client, offices, official, social_official, process_leader, administrator, representative):
    """Lina, logged in, asked about premises; it went to Sara's office. A second case of
    Sara's office is closed (for reopening)."""
    lina = UserFactory(first_name="Lina", last_name="Sandberg", email="lina@example.org")
    client.force_login(lina)
    client.post(new_url(), case_form())
    client.post(new_url(), case_form(message="En fråga som redan är klar."))
    client.logout()
    first, closed = Case.objects.order_by("pk")
    Case.objects.filter(pk=closed.pk).update(status=Case.Status.CLOSED)
    return {
        "case": first, "closed": closed, "other_office": offices["socialkontoret"],
        "people": {ANONYMOUS: None, RESIDENT: UserFactory(email="karin@example.org"), SENDER: lina,
                   REPRESENTATIVE: representative, OTHER_OFFICIAL: social_official,
                   PROCESS_LEADER: process_leader, OFFICIAL: official, ADMINISTRATOR: administrator},
    }


def _state():
    return (
        [model_to_dict(c) for c in Case.objects.order_by("pk")],
        CaseEvent.objects.count(), OutboxMessage.objects.count(),
        AuditEvent.objects.count(), Submission.objects.count(),
    )


@pytest.mark.parametrize("key, who", CASES)
def test_refused_and_nothing_changes(client, scene, key, who):
    name, method, data, _refused = URLS[key]
    case = scene["closed"] if key == "reopen" else scene["case"]
    person = scene["people"][who]
    if person is not None:
        client.force_login(person)
    before = _state()
    data = data(scene) if callable(data) else data
    response = getattr(client, method)(reverse(name, args=[case.reference]), data)
    if person is None:
        assert response.status_code == 302 and "/konto/" in response["Location"]
    elif who == PROCESS_LEADER:
        assert response.status_code == 403
    else:
        assert response.status_code == 404
    assert _state() == before


@pytest.mark.parametrize("who", [OFFICIAL, ADMINISTRATOR])
@pytest.mark.parametrize("key", list(URLS))
def test_the_office_and_the_administrator_may(client, scene, key, who):
    name, method, data, _refused = URLS[key]
    case = scene["closed"] if key == "reopen" else scene["case"]
    client.force_login(scene["people"][who])
    data = data(scene) if callable(data) else data
    response = getattr(client, method)(reverse(name, args=[case.reference]), data)
    assert response.status_code in (200, 302)
    if method == "post":
        assert AuditEvent.objects.filter(action__startswith="case.", user=scene["people"][who]).exists()


def test_the_process_leader_reads_a_case(client, scene):
    client.force_login(scene["people"][PROCESS_LEADER])
    page = client.get(reverse("cases:case", args=[scene["case"].reference])).content.decode()
    assert scene["case"].reference in page
    assert 'action="' + reverse("cases:answer", args=[scene["case"].reference]) not in page


def test_an_unknown_case_number_is_not_found(client, scene):
    client.force_login(scene["people"][ADMINISTRATOR])
    assert client.get(reverse("cases:case", args=["EVI-1999-0001"])).status_code == 404


@pytest.mark.parametrize("who", [ANONYMOUS, RESIDENT, OTHER_OFFICIAL, OFFICIAL])
def test_the_private_link_shows_the_case_to_whoever_has_it_and_nothing_more(client, scene, who):
    person = scene["people"][who]
    if person is not None:
        client.force_login(person)
    case = scene["case"]
    page = client.get(case.get_private_url()).content.decode()
    assert case.reference in page
    assert client.get(reverse("cases:status", args=[case.token[:-1]])).status_code == 404
    assert client.get(reverse("cases:status", args=[case.reference])).status_code == 404


def test_my_cases_lists_only_my_own(client, scene):
    client.force_login(scene["people"][RESIDENT])
    page = client.get(reverse("cases:mine")).content.decode()
    assert scene["case"].reference not in page
    client.force_login(scene["people"][SENDER])
    page = client.get(reverse("cases:mine")).content.decode()
    assert scene["case"].reference in page and scene["closed"].reference in page


def test_my_cases_and_the_inbox_need_a_log_in(client, scene):
    for name in ("cases:mine", "cases:inbox"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and "/konto/" in response["Location"]


@pytest.mark.parametrize("who", [RESIDENT, SENDER, REPRESENTATIVE])
def test_the_inbox_is_refused_to_people_who_are_not_officials(client, scene, who):
    client.force_login(scene["people"][who])
    response = client.get(reverse("cases:inbox"))
    assert response.status_code == 403
    assert scene["case"].reference not in response.content.decode()


def test_the_other_office_does_not_see_the_case_in_its_inbox(client, scene):
    client.force_login(scene["people"][OTHER_OFFICIAL])
    page = client.get(reverse("cases:inbox"), {"status": "all"}).content.decode()
    assert scene["case"].reference not in page


def test_an_official_cannot_pick_another_office_in_the_filter(client, scene):
    client.force_login(scene["people"][OTHER_OFFICIAL])
    office = scene["case"].office
    page = client.get(reverse("cases:inbox"), {"office": office.pk, "status": "all"}).content.decode()
    assert scene["case"].reference not in page
