"""The carers' link across organisations. A carer contacts the link on its page and agrees
that a partner organisation may have her details; the case goes to Parkinson Ekerö, whose
named handler Eva takes it (her read is logged), hands it to Öar utan gränser with a note,
and Amal there calls back: the deadline never moves. Another partner sees nothing; a case is
never bounced or dropped; withdrawn consent ends a partner's access at once; of two parties
taking the same case, one wins; the daily job sends late and untaken cases to the
coordinator."""

from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from samverka.cases.models import Case, CaseEvent, Consent, Link
from samverka.cases.tests.factories import topic
from samverka.communication.models import OutboxMessage
from samverka.core.models import AuditEvent
from samverka.core.tests.helpers import flash, says

pytestmark = pytest.mark.django_db


def link_form(**changes) -> dict:
    data = {"kind": "question", "topic": topic("aldre").pk, "district": "",
            "message": "Jag tar hand om min man som har Parkinson och orkar inte längre. Vem kan hjälpa?",
            "name": "Ingrid Ström", "email": "ingrid.strom@example.org", "phone": "", "website": "",
            "consent": "on"}
    data.update(changes)
    return data


def contact(client, link, **changes) -> Case:
    response = client.post(reverse("cases:link", args=[link.slug]), link_form(**changes))
    assert response.status_code == 302, response.content.decode()[:3000]
    return Case.objects.latest("pk")


def partner_url(case, name="link_case"):
    return reverse(f"cases:{name}", args=[case.reference])


def hand(client, case, party, note="Hon behöver en samtalsgrupp, det har ni.", name="link_hand_over"):
    return client.post(partner_url(case, name), {"party": party.pk, "note": note})


# ---------------------------------------------------------------- the whole way


def test_a_carers_case_from_the_link_page_to_the_callback(client, carers_link, representative):
    link, eva = carers_link, representative
    page = client.get(reverse("cases:link", args=[link.slug]))
    assert page.status_code == 200
    assert "Parkinson Ekerö" in page.content.decode() and "Öar utan gränser" in page.content.decode()

    with time_machine.travel("2026-05-04 10:00 +02:00", tick=False):  # a Monday: call back by 11 May
        case = contact(client, link)
    assert case.link == link and case.party == link.eva_party
    assert case.office == link.coordinator_office  # the municipality stays responsible
    assert str(case.answer_by) == "2026-05-11"
    assert case.consents.get().given_how == Consent.How.FORM
    assert OutboxMessage.objects.filter(to="eva@example.org").exists()
    status_url = case.get_private_url()

    client.force_login(eva)
    inbox = client.get(reverse("cases:link_inbox"))
    assert case.reference in inbox.content.decode()
    before = AuditEvent.objects.filter(action="case.partner_read").count()
    page = client.get(partner_url(case))
    assert page.status_code == 200 and "Ingrid Ström" in page.content.decode()
    read = AuditEvent.objects.filter(action="case.partner_read").latest("pk")
    assert AuditEvent.objects.filter(action="case.partner_read").count() == before + 1
    assert read.user == eva and read.target_id == str(case.pk)

    client.post(partner_url(case, "link_take"))
    case.refresh_from_db()
    assert case.assigned_to == eva and case.status == Case.Status.IN_PROGRESS

    with time_machine.travel("2026-05-06 10:00 +02:00", tick=False):
        response = hand(client, case, link.amal_party)
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.party == link.amal_party and case.assigned_to is None
    assert str(case.answer_by) == "2026-05-11"  # a hand-over never moves the deadline
    event = case.events.get(kind=CaseEvent.Kind.HANDOVER)
    assert (event.from_party, event.party, event.by) == (link.eva_party, link.amal_party, eva)
    assert client.get(partner_url(case)).status_code == 404  # Eva's organisation no longer holds it

    client.force_login(link.amal)
    assert "Hon behöver en samtalsgrupp" in client.get(partner_url(case)).content.decode()
    response = client.post(partner_url(case, "link_answer"),
                           {"text": "Hej Ingrid! Jag ringde dig i dag. Vi ses i samtalsgruppen på torsdag."})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == Case.Status.ANSWERED

    client.logout()
    status = client.get(status_url).content.decode()
    assert "Öar utan gränser" in status  # which organisation holds it
    assert "Amal" not in status  # never the handler's name
    assert "Vi ses i samtalsgruppen" in status


def test_without_consent_the_case_stays_with_the_coordinator(client, carers_link):
    case = contact(client, carers_link, consent="")
    assert case.party == carers_link.coordinator and not case.consents.exists()
    assert "Socialkontoret" in client.get(case.get_private_url()).content.decode()


def test_the_one_way_in_sends_a_link_topic_to_the_link(client, carers_link):
    from samverka.cases.tests.helpers import case_form, new_url

    client.post(new_url(), case_form(topic="aldre"))
    case = Case.objects.get()
    # She let the link decide and gave no consent: the municipality's coordinator takes it
    # (test_link_one_way_in.py follows the choice of a party and the consent).
    assert case.link == carers_link and case.party == carers_link.coordinator


def test_a_partner_registers_a_phone_call(client, carers_link, representative):
    client.force_login(representative)
    url = reverse("cases:link_register", args=[carers_link.eva_party.pk])
    assert client.get(url).status_code == 200
    data = link_form(name="Rune Ek", email="", phone="070-174 06 20", consent="on", submission_token="r" * 32)
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302  # the same form twice: one case
    case = Case.objects.get()
    assert case.party == carers_link.eva_party and case.user is None
    consent = case.consents.get()
    assert consent.given_how == Consent.How.PHONE and consent.recorded_by == representative
    assert case.events.get(kind=CaseEvent.Kind.RECEIVED).by == representative


def test_registering_a_call_without_consent_says_so(client, carers_link, representative):
    client.force_login(representative)
    url = reverse("cases:link_register", args=[carers_link.eva_party.pk])
    response = client.post(url, link_form(consent="", phone="070-174 06 20"))
    assert response.status_code == 400
    assert says("Ask the person for their consent and tick the box. Without it, ask them to contact the "
                "municipality.") in response.content.decode()
    assert "Jag tar hand om min man" in response.content.decode()  # the rest is kept
    assert not Case.objects.exists()


def test_another_partner_cannot_register_for_a_party(client, carers_link, resident):
    client.force_login(carers_link.amal)
    assert client.get(reverse("cases:link_register", args=[carers_link.eva_party.pk])).status_code == 404


# ---------------------------------------------------------------- bad input and faults


def test_the_link_form_keeps_the_input_and_says_what_is_missing(client, carers_link):
    response = client.post(reverse("cases:link", args=[carers_link.slug]), link_form(message=""))
    assert response.status_code == 400
    page = response.content.decode()
    assert says("Write your message.") in page and "Ingrid Ström" in page
    assert not Case.objects.exists()


def test_the_link_form_sent_twice_is_one_case(client, carers_link):
    data = link_form(submission_token="s" * 32)
    first = client.post(reverse("cases:link", args=[carers_link.slug]), data)
    second = client.post(reverse("cases:link", args=[carers_link.slug]), data)
    assert Case.objects.count() == 1 and first["Location"] == second["Location"]


def test_an_inactive_link_has_no_page(client, carers_link):
    Link.objects.filter(pk=carers_link.pk).update(active=False)
    assert client.get(reverse("cases:link", args=[carers_link.slug])).status_code == 404


def test_a_partner_gets_the_case_only_with_consent(client, carers_link, social_official):
    case = contact(client, carers_link, consent="")
    client.force_login(social_official)
    response = hand(client, case, carers_link.amal_party, name="hand_over")
    assert response.status_code == 400
    assert says("The person has not agreed that their details go to %(party)s. Record their consent first (ask "
                "them by phone), or choose a party within the municipality.", party="Öar utan gränser") \
        in response.content.decode()
    case.refresh_from_db()
    assert case.party == carers_link.coordinator

    # Ali calls her; she agrees to Öar utan gränser. Now it can go there.
    client.post(reverse("cases:record_consent", args=[case.reference]),
                {"party": carers_link.amal_party.pk, "scope": "all"})
    consent = case.consents.get()
    assert consent.recorded_by == social_official and consent.party == carers_link.amal_party
    assert hand(client, case, carers_link.amal_party, name="hand_over").status_code == 302
    case.refresh_from_db()
    assert case.party == carers_link.amal_party


def test_a_case_is_never_bounced_straight_back(client, carers_link, representative, social_official):
    case = contact(client, carers_link)
    client.force_login(representative)
    hand(client, case, carers_link.amal_party)
    client.force_login(carers_link.amal)
    response = hand(client, case, carers_link.eva_party, note="Inte vårt.")
    assert response.status_code == 400
    assert says("%(party)s just handed this case to you. It cannot go straight back: take it, hand it to another "
                "party, or send it to the coordinator.", party="Parkinson Ekerö") in response.content.decode()
    case.refresh_from_db()
    assert case.party == carers_link.amal_party
    # To the coordinator it may always go; the coordinator may send it anywhere.
    assert hand(client, case, carers_link.coordinator, note="Inte vårt område.").status_code == 302
    client.force_login(social_official)
    assert hand(client, case, carers_link.eva_party, name="hand_over", note="Ni är rätt ändå.").status_code == 302
    case.refresh_from_db()
    assert case.party == carers_link.eva_party


def test_a_case_handed_to_a_party_that_has_left_goes_to_the_coordinator(client, carers_link, representative):
    carers_link.amal_party.left_at = timezone.localdate()
    carers_link.amal_party.save()
    case = contact(client, carers_link)
    client.force_login(representative)
    response = client.post(partner_url(case, "link_hand_over"),
                           {"party": carers_link.amal_party.pk, "note": "Till Öar utan gränser."})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.party == carers_link.coordinator
    assert case.events.filter(kind=CaseEvent.Kind.ESCALATED).exists()
    assert OutboxMessage.objects.filter(to="ali@example.org").exists()


def test_withdrawn_consent_ends_the_partners_access_at_once(client, carers_link, representative):
    case = contact(client, carers_link)
    status_url = case.get_private_url()
    client.force_login(representative)
    hand(client, case, carers_link.amal_party)
    client.force_login(carers_link.amal)
    assert client.get(partner_url(case)).status_code == 200

    client.logout()
    consent = case.consents.get()
    response = client.post(reverse("cases:withdraw_consent", args=[case.token, consent.pk]))
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.party == carers_link.coordinator
    assert case.events.filter(kind=CaseEvent.Kind.WITHDRAWN).exists()
    assert case.events.filter(kind=CaseEvent.Kind.ESCALATED).exists()
    assert says("You withdrew your consent.") in client.get(status_url).content.decode()

    client.force_login(carers_link.amal)
    assert client.get(partner_url(case)).status_code == 404
    assert case.reference not in client.get(reverse("cases:link_inbox")).content.decode()


def test_withdrawing_someone_elses_consent_by_a_guessed_link_finds_nothing(client, carers_link):
    case = contact(client, carers_link)
    consent = case.consents.get()
    response = client.post(reverse("cases:withdraw_consent", args=["guessed-token", consent.pk]))
    assert response.status_code == 404
    consent.refresh_from_db()
    assert consent.withdrawn_at is None


def test_of_two_parties_taking_the_same_case_one_wins(client, carers_link, representative, social_official):
    case = contact(client, carers_link)
    stale = Case.objects.get(pk=case.pk)  # what Ali's page showed: nobody had taken it
    client.force_login(representative)
    client.post(partner_url(case, "link_take"))
    from samverka.cases import services
    from samverka.core.errors import ActionError

    with pytest.raises(ActionError):
        services.assign_case(by=social_official, case=stale)
    client.force_login(social_official)
    response = client.post(reverse("cases:assign", args=[case.reference]))
    assert says("%(name)s took the case a moment ago. It is theirs now; ask the coordinator if it should be "
                "yours.", name="Eva Lindgren") in flash(response)
    case.refresh_from_db()
    assert case.assigned_to == representative


# ---------------------------------------------------------------- never dropped: the daily job


def test_a_case_nobody_takes_goes_to_the_coordinator(client, carers_link):
    with time_machine.travel("2026-05-04 10:00 +02:00", tick=False):  # Monday
        case = contact(client, carers_link)
    with time_machine.travel("2026-05-05 10:00 +02:00", tick=False):
        call_command("send_link_cases_to_coordinator")
    case.refresh_from_db()
    assert case.party == carers_link.eva_party  # one working day: still Parkinson Ekerö's to take
    with time_machine.travel("2026-05-06 10:00 +02:00", tick=False):
        call_command("send_link_cases_to_coordinator")
        call_command("send_link_cases_to_coordinator")  # again: moved once
    case.refresh_from_db()
    assert case.party == carers_link.coordinator
    assert str(case.answer_by) == "2026-05-11"
    assert case.events.filter(kind=CaseEvent.Kind.ESCALATED).count() == 1
    assert AuditEvent.objects.filter(action="case.escalate").count() == 1


def test_a_late_case_goes_to_the_coordinator(client, carers_link, representative):
    with time_machine.travel("2026-05-04 10:00 +02:00", tick=False):
        case = contact(client, carers_link)
        client.force_login(representative)
        client.post(partner_url(case, "link_take"))
    with time_machine.travel("2026-05-12 10:00 +02:00", tick=False):
        call_command("send_link_cases_to_coordinator")
    case.refresh_from_db()
    assert case.party == carers_link.coordinator and case.assigned_to is None


# ---------------------------------------------------------------- who sees what


def test_only_the_named_handlers_see_a_partners_cases(client, carers_link, representative, editor, resident,
                                                      official):
    case = contact(client, carers_link)
    for stranger in (carers_link.amal, editor, resident, official):
        client.force_login(stranger)
        assert client.get(partner_url(case)).status_code == 404, stranger
        for name in ("link_take", "link_answer"):
            client.post(partner_url(case, name), {"text": "Hej"})
        client.post(partner_url(case, "link_hand_over"), {"party": carers_link.amal_party.pk, "note": "x"})
        case.refresh_from_db()
        assert case.party == carers_link.eva_party and case.assigned_to is None and case.answered_at is None
    for stranger in (editor, resident, official):
        client.force_login(stranger)
        response = client.get(reverse("cases:link_inbox"))
        page = response.content.decode()
        assert response.status_code == 403
        assert says("Only the people an organisation has named as handlers in a link across organisations see the "
                    "cases handed to it.") in page and case.reference not in page
    client.force_login(carers_link.amal)
    assert case.reference not in client.get(reverse("cases:link_inbox")).content.decode()
    assert not AuditEvent.objects.filter(action="case.partner_read").exists()


def test_a_handler_who_leaves_the_list_sees_nothing_more(client, carers_link, representative):
    case = contact(client, carers_link)
    carers_link.eva_party.handlers.remove(representative)
    client.force_login(representative)
    assert client.get(partner_url(case)).status_code == 404


def test_the_link_inbox_costs_the_same_queries_with_more_cases(client, carers_link, representative,
                                                               django_assert_num_queries):
    def fill(count, start):
        for n in range(start, start + count):
            case = Case.objects.create(
                reference=f"EVI-2026-{n:04d}", kind="question", topic=topic("aldre"), message="Hjälp",
                name=f"Person {n}", email=f"p{n}@example.org", answer_by=timezone.localdate() + timedelta(days=n % 7 - 3),
                link=carers_link, party=carers_link.eva_party, office=carers_link.coordinator_office,
                assigned_to=representative if n % 2 else None)
            Consent.objects.create(case=case)

    def count():
        client.get(reverse("cases:link_inbox"))
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("cases:link_inbox")).status_code == 200
        return len(captured)

    client.force_login(representative)
    fill(5, 1)
    small = count()
    fill(60, 100)
    assert count() == small


# ---------------------------------------------------------------- personal data


def test_my_data_shows_who_holds_the_case_and_the_consents(client, carers_link, resident):
    client.force_login(resident)
    contact(client, carers_link, email=resident.email)
    response = client.get(reverse("accounts:my_data") + "?download=1")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Parkinson Ekerö" in text and "withdrawn" in text


def test_erasing_a_handler_keeps_the_consent_without_their_name(client, carers_link, representative):
    client.force_login(representative)
    client.post(reverse("cases:link_register", args=[carers_link.eva_party.pk]),
                link_form(name="Rune Ek", email="", phone="070-174 06 20"))
    from samverka.cases import privacy

    privacy.erase(representative)
    consent = Consent.objects.get()
    assert consent.recorded_by is None and consent.given_how == Consent.How.PHONE
