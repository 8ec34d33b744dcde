"""Sara at the culture and leisure office works through her office's inbox: late cases
first. She takes a case, writes an internal note, hands a case that belongs to the social
services office on to Ali (never back to the sender), answers, and closes. The sender sees
the status and the answers, never the notes or who handled it."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from samverka.cases.models import Case, CaseEvent
from samverka.cases.tests.factories import CaseFactory, topic
from samverka.cases.tests.helpers import case_form, new_url
from samverka.communication.models import OutboxMessage
from samverka.communication.sms import LocmemBackend
from samverka.core.models import AuditEvent
from samverka.core.tests.helpers import flash, link_in, says

pytestmark = pytest.mark.django_db


@pytest.fixture
def lina_case(client, offices):
    """Lina's question about premises, as she sent it (routed to the culture and leisure office)."""
    client.post(new_url(), case_form(message="Var kan vår förening hyra en lokal på kvällarna?"))
    OutboxMessage.objects.all().delete()
    return Case.objects.get()


def url(case, name="case"):
    return reverse(f"cases:{name}", args=[case.reference])


# ---------------------------------------------------------------- the inbox


def test_the_inbox_shows_late_cases_first_then_by_answer_date(client, official, culture, social):
    today = timezone.localdate()
    later = CaseFactory(office=culture, reference="EVI-2026-0101", answer_by=today + timedelta(days=4))
    sooner = CaseFactory(office=culture, reference="EVI-2026-0102", answer_by=today + timedelta(days=1))
    late = CaseFactory(office=culture, reference="EVI-2026-0103", answer_by=today - timedelta(days=2))
    very_late = CaseFactory(office=culture, reference="EVI-2026-0104", answer_by=today - timedelta(days=5))
    CaseFactory(office=culture, reference="EVI-2026-0105", status=Case.Status.CLOSED)
    CaseFactory(office=social, reference="EVI-2026-0106")
    client.force_login(official)
    response = client.get(reverse("cases:inbox"))
    page = response.content.decode()
    order = [page.index(c.reference) for c in (very_late, late, sooner, later)]
    assert order == sorted(order)
    assert "EVI-2026-0105" not in page  # closed: not waiting for an answer
    assert "EVI-2026-0106" not in page  # another office's
    counts = response.context["counts"]
    assert (counts["open"], counts["overdue"], counts["closed"]) == (4, 2, 1)
    assert page.count(says("Late")) >= 2


def test_the_inbox_filters_by_status_topic_and_own_cases(client, official, culture):
    CaseFactory(office=culture, reference="EVI-2026-0201", topic=topic("lokaler"))
    CaseFactory(office=culture, reference="EVI-2026-0202", topic=topic("aldre"), assigned_to=official,
                status=Case.Status.IN_PROGRESS)
    CaseFactory(office=culture, reference="EVI-2026-0203", status=Case.Status.ANSWERED)
    client.force_login(official)
    page = client.get(reverse("cases:inbox"), {"topic": topic("lokaler").pk}).content.decode()
    assert "EVI-2026-0201" in page and "EVI-2026-0202" not in page
    page = client.get(reverse("cases:inbox"), {"mine": "on"}).content.decode()
    assert "EVI-2026-0202" in page and "EVI-2026-0201" not in page
    page = client.get(reverse("cases:inbox"), {"status": "answered"}).content.decode()
    assert "EVI-2026-0203" in page and "EVI-2026-0201" not in page
    page = client.get(reverse("cases:inbox"), {"status": "all"}).content.decode()
    assert all(ref in page for ref in ("EVI-2026-0201", "EVI-2026-0202", "EVI-2026-0203"))
    response = client.get(reverse("cases:inbox"), {"status": "nonsense", "topic": "x'--", "page": "9999"})
    assert response.status_code == 200


def test_the_process_leader_and_the_administrator_see_every_office(client, process_leader, administrator,
                                                                    culture, social):
    CaseFactory(office=culture, reference="EVI-2026-0301")
    CaseFactory(office=social, reference="EVI-2026-0302")
    for person in (process_leader, administrator):
        client.force_login(person)
        page = client.get(reverse("cases:inbox")).content.decode()
        assert "EVI-2026-0301" in page and "EVI-2026-0302" in page
        page = client.get(reverse("cases:inbox"), {"office": social.pk}).content.decode()
        assert "EVI-2026-0301" not in page and "EVI-2026-0302" in page


def test_a_resident_is_told_the_inbox_is_for_officials(client, resident):
    client.force_login(resident)
    response = client.get(reverse("cases:inbox"))
    assert response.status_code == 403
    assert says("The inbox is for officials") in response.content.decode()


# ---------------------------------------------------------------- handling one case


def test_sara_takes_the_case(client, official, lina_case):
    client.force_login(official)
    response = client.post(url(lina_case, "assign"))
    lina_case.refresh_from_db()
    assert response.status_code == 302
    assert (lina_case.assigned_to, lina_case.status) == (official, Case.Status.IN_PROGRESS)
    assert lina_case.events.filter(kind="assigned", by=official).exists()
    assert AuditEvent.objects.filter(action="case.assign", user=official).count() == 1
    page = client.get(url(lina_case)).content.decode()
    assert "Sara Nyström" in page


def test_an_internal_note_stays_inside_the_municipality(client, official, lina_case):
    client.force_login(official)
    response = client.post(url(lina_case, "note"), {"text": "Ring Bygdegården och fråga om tisdagar."})
    assert response.status_code == 302
    assert "Ring Bygdegården" in client.get(url(lina_case)).content.decode()
    client.logout()
    page = client.get(lina_case.get_private_url()).content.decode()
    assert "Ring Bygdegården" not in page
    assert "Sara" not in page
    assert not OutboxMessage.objects.exists()


def test_an_empty_note_is_refused(client, official, lina_case):
    client.force_login(official)
    response = client.post(url(lina_case, "note"), {"text": "  "})
    assert response.status_code == 400
    assert says("Write the note.") in response.content.decode()
    assert not lina_case.events.filter(kind="note").exists()


def test_sara_hands_a_case_that_belongs_elsewhere_to_the_social_services_office(
        client, official, social_official, lina_case):
    deadline = lina_case.answer_by
    client.force_login(official)
    client.post(url(lina_case, "assign"))
    response = client.post(url(lina_case, "reroute"), {
        "office": social_official.office_memberships.get().office_id,
        "note": "Gäller träffpunkt för äldre, inte föreningslokal.",
    })
    lina_case.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:inbox")  # Sara no longer sees it
    assert lina_case.office.slug == "socialkontoret"
    assert (lina_case.assigned_to, lina_case.status) == (None, Case.Status.RECEIVED)
    assert lina_case.answer_by == deadline  # the sender does not start again
    event = lina_case.events.get(kind="rerouted")
    assert (event.from_office.slug, event.office.slug, event.by) == (
        "kultur-och-fritidskontoret", "socialkontoret", official)
    assert AuditEvent.objects.filter(action="case.reroute").count() == 1
    assert any("Socialkontoret" in m for m in flash(response))
    # Ali is told, with Sara's note; Lina gets nothing to do.
    to_ali = OutboxMessage.objects.get(to="ali@example.org")
    assert "Gäller träffpunkt för äldre" in to_ali.body_text
    assert link_in(to_ali) == lina_case.get_absolute_url()
    assert not OutboxMessage.objects.filter(to="lina@example.org").exists()
    # Sara's office no longer sees it; Ali does, with the whole timeline.
    assert client.get(url(lina_case)).status_code == 404
    client.force_login(social_official)
    page = client.get(url(lina_case)).content.decode()
    assert "Gäller träffpunkt för äldre" in page
    # Lina sees only that it went to the right office.
    client.logout()
    page = client.get(lina_case.get_private_url()).content.decode()
    assert says("Your case was handed to the right office. You do not need to do anything.") in page
    assert "Gäller träffpunkt" not in page
    assert "Socialkontoret" in page


@pytest.mark.parametrize("data, message", [
    ({"note": "Fel kontor."}, "Choose the office that takes over."),
    ({"office": "999999", "note": "Fel kontor."}, "Choose the office that takes over."),
    ({"office": "same", "note": "Fel kontor."}, "Choose the office that takes over."),
    ({"office": "social", "note": "   "}, "Write a note for the office that takes over."),
])
def test_handing_on_needs_another_office_and_a_note(client, official, social, lina_case, data, message):
    data = {**data}
    data["office"] = {"same": lina_case.office_id, "social": social.pk}.get(data.get("office"), data.get("office", ""))
    client.force_login(official)
    response = client.post(url(lina_case, "reroute"), data)
    assert response.status_code == 400
    assert says(message) in response.content.decode()
    lina_case.refresh_from_db()
    assert lina_case.office.slug == "kultur-och-fritidskontoret"
    assert not lina_case.events.filter(kind="rerouted").exists()


def test_sara_answers_by_e_mail_and_lina_reads_the_answer_on_her_page(client, official, lina_case):
    client.force_login(official)
    answer = "Hej Lina! Bygdegården i Stenhamra hyr ut på kvällar. Ring 08-123 456 78."
    response = client.post(url(lina_case, "answer"), {"text": answer, "submission_token": "a" * 32})
    again = client.post(url(lina_case, "answer"), {"text": answer, "submission_token": "a" * 32})
    lina_case.refresh_from_db()
    assert response.status_code == again.status_code == 302
    assert lina_case.status == Case.Status.ANSWERED
    assert lina_case.answered_at is not None
    assert lina_case.assigned_to == official
    assert lina_case.events.filter(kind="answer").count() == 1
    message = OutboxMessage.objects.get(to="lina@example.org")
    event = lina_case.events.get(kind="answer")
    assert message.idempotency_key == f"case-answer-{event.pk}"
    assert "Bygdegården i Stenhamra" in message.body_text
    assert lina_case.reference in message.subject
    client.logout()
    page = client.get(lina_case.get_private_url()).content.decode()
    assert "Bygdegården i Stenhamra" in page
    assert says("Answered") in page
    assert "Sara" not in page


def test_an_answer_to_a_sender_with_only_a_phone_goes_by_text_message(client, official, offices):
    client.post(new_url(), case_form(email="", phone="+46 70 123 45 67"))
    case = Case.objects.get()
    client.force_login(official)
    client.post(url(case, "answer"), {"text": "Välkommen till språkcaféet på torsdag kl. 18!"})
    sms = OutboxMessage.objects.filter(channel="sms").order_by("pk").last()
    assert sms.to == "+46701234567"
    assert "Välkommen till språkcaféet" in sms.body_text
    assert case.get_private_url() in sms.body_text
    long = client.post(url(case, "answer"), {"text": "Lång text. " * 60})
    assert long.status_code == 302
    sms = OutboxMessage.objects.filter(channel="sms").order_by("pk").last()
    assert "Lång text" not in sms.body_text and case.get_private_url() in sms.body_text


def test_the_outbox_delivers_an_answer_once(client, official, offices):
    from samverka.communication.services import deliver_due

    client.post(new_url(), case_form(email="", phone="0701234567"))
    case = Case.objects.get()
    client.force_login(official)
    client.post(url(case, "answer"), {"text": "Svar."})
    deliver_due()
    deliver_due()
    assert len([m for m in LocmemBackend.outbox if "Svar." in m["body"]]) == 1


def test_answer_and_close_in_one_go_then_reopen(client, official, lina_case):
    client.force_login(official)
    client.post(url(lina_case, "answer"), {"text": "Klart, se svaret.", "close": "on"})
    lina_case.refresh_from_db()
    assert lina_case.status == Case.Status.CLOSED
    assert [e.kind for e in lina_case.events.all()][-2:] == ["answer", "closed"]
    response = client.post(url(lina_case, "answer"), {"text": "Ett till svar."})
    assert response.status_code == 400
    assert says("The case is closed. Reopen it before answering.") in response.content.decode()
    client.post(url(lina_case, "reopen"))
    lina_case.refresh_from_db()
    assert lina_case.status == Case.Status.ANSWERED
    assert AuditEvent.objects.filter(action="case.reopen").count() == 1


def test_sara_closes_a_case_answered_by_phone(client, official, lina_case):
    client.force_login(official)
    response = client.post(url(lina_case, "close"), {"note": "Besvarat per telefon."})
    lina_case.refresh_from_db()
    assert response.status_code == 302
    assert lina_case.status == Case.Status.CLOSED and lina_case.closed_at
    assert lina_case.events.get(kind="closed").text == "Besvarat per telefon."
    again = client.post(url(lina_case, "close"), {})
    assert says("The case is already closed.") in flash(again)
    client.logout()
    page = client.get(lina_case.get_private_url()).content.decode()
    assert "Besvarat per telefon" not in page
    assert says("The case was closed.") in page


def test_the_timeline_shows_every_step(client, official, social_official, lina_case, social):
    client.force_login(official)
    client.post(url(lina_case, "assign"))
    client.post(url(lina_case, "note"), {"text": "Intern anteckning."})
    client.post(url(lina_case, "reroute"), {"office": social.pk, "note": "Till Ali."})
    client.force_login(social_official)
    client.post(url(lina_case, "answer"), {"text": "Svar från Ali."})
    client.post(url(lina_case, "close"), {})
    kinds = list(CaseEvent.objects.filter(case=lina_case).values_list("kind", flat=True))
    assert kinds == ["received", "routed", "assigned", "note", "rerouted", "answer", "closed"]
    page = client.get(url(lina_case)).content.decode()
    for text in ("Intern anteckning.", "Till Ali.", "Svar från Ali."):
        assert text in page
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"case.submit", "case.route", "case.assign", "case.note", "case.reroute", "case.answer",
            "case.close"} <= actions


def test_a_late_case_is_marked_on_the_case_page(client, official, culture):
    case = CaseFactory(office=culture, answer_by=timezone.localdate() - timedelta(days=1))
    client.force_login(official)
    assert says("Late") in client.get(url(case)).content.decode()


def test_earlier_messages_from_the_same_sender_are_listed_for_the_office(client, official, offices):
    with time_machine.travel("2026-03-02 10:00 +01:00", tick=False):
        client.post(new_url(), case_form(message="Första frågan"))
    client.post(new_url(), case_form(message="Andra frågan"))
    first, second = Case.objects.order_by("received_at")
    client.force_login(official)
    page = client.get(url(second)).content.decode()
    assert first.reference in page
