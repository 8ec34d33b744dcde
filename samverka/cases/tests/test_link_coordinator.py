"""The carers' link's coordinator at work. Ali, an official of the social services office that
coordinates Anhöriglänken, opens his work list: the cases nobody has taken, the late ones and
those held by a party that has left. He hands a late case to Öar utan gränser with a note (the
deadline stays), records that a party leaves (its open cases come back to him, its history
stays), names and removes an organisation's handlers, sets the link's topics and routing rules.
Eva (a partner's handler), Sara (an official of another office), Lina (a resident) and an
anonymous visitor reach none of it, and nothing changes when they try."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from samverka.accounts.tests.factories import UserFactory
from samverka.actors.tests.factories import AssociationFactory
from samverka.cases.models import Case, CaseEvent, Consent, LinkParty, LinkRule
from samverka.cases.tests.factories import topic
from samverka.core.models import AuditEvent
from samverka.core.tests.helpers import flash, says
from samverka.municipality.tests.factories import OfficeMembershipFactory

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


def url(name, link, *args):
    return reverse(f"cases:{name}", args=[link.slug, *args])


# ---------------------------------------------------------------- the work list


def test_the_work_list_shows_untaken_late_and_left_cases(client, carers_link, social_official, representative):
    link = carers_link
    with time_machine.travel("2026-05-04 10:00 +02:00", tick=False):  # Monday: answer by 11 May
        untaken = contact(client, link)  # to Parkinson Ekerö by the rule; nobody takes it
        taken = contact(client, link, name="Rune Ek", email="rune@example.org")
        client.force_login(representative)
        client.post(reverse("cases:link_take", args=[taken.reference]))
        client.logout()
        without_consent = contact(client, link, name="Karin Olsson", email="karin@example.org", consent="")
    with time_machine.travel("2026-05-06 10:00 +02:00", tick=False):
        client.force_login(social_official)
        page = client.get(url("coordinate", link))
    assert page.status_code == 200
    text = page.content.decode()
    untaken_part = text[text.index('id="untaken-title"'):]
    assert untaken.reference in untaken_part and without_consent.reference in untaken_part
    assert taken.reference not in untaken_part
    assert says("No case is late.") in text

    with time_machine.travel("2026-05-12 10:00 +02:00", tick=False):  # the deadline has passed
        text = client.get(url("coordinate", link)).content.decode()
    late_part = text[text.index('id="late-title"'):text.index('id="untaken-title"')]
    assert taken.reference in late_part and untaken.reference in late_part

    LinkParty.objects.filter(pk=link.eva_party.pk).update(left_at=date(2026, 5, 11))  # left in the admin
    with time_machine.travel("2026-05-12 10:00 +02:00", tick=False):
        text = client.get(url("coordinate", link)).content.decode()
    left_part = text[text.index('id="left-title"'):text.index('id="late-title"')]
    assert taken.reference in left_part and untaken.reference in left_part
    assert without_consent.reference not in left_part


def test_the_coordinator_hands_a_late_case_over_with_a_note(client, carers_link, social_official):
    link = carers_link
    with time_machine.travel("2026-05-04 10:00 +02:00", tick=False):
        case = contact(client, link)
    client.force_login(social_official)
    with time_machine.travel("2026-05-12 10:00 +02:00", tick=False):
        page = client.get(url("coordinate_case", link, case.reference))
        assert page.status_code == 200 and "Ingrid Ström" in page.content.decode()

        response = client.post(url("coordinate_hand_over", link, case.reference),
                               {"party": link.amal_party.pk, "note": "  "})
        assert response.status_code == 400
        assert says("Write a note for the party that takes over.") in response.content.decode()
        assert f'value="{link.amal_party.pk}" selected' in response.content.decode()  # the choice is kept
        case.refresh_from_db()
        assert case.party == link.eva_party

        data = {"party": link.amal_party.pk, "note": "Hon vill träffa andra anhöriga. Ring henne i dag.",
                "submission_token": "h" * 32}
        response = client.post(url("coordinate_hand_over", link, case.reference), data)
        assert response.status_code == 302 and response["Location"] == url("coordinate", link)
        again = client.post(url("coordinate_hand_over", link, case.reference), data)  # a double click
        assert again["Location"] == response["Location"]
    case.refresh_from_db()
    assert case.party == link.amal_party and case.assigned_to is None
    assert str(case.answer_by) == "2026-05-11"  # the deadline stays
    event = case.events.get(kind=CaseEvent.Kind.HANDOVER)
    assert (event.by, event.from_party, event.party) == (social_official, link.eva_party, link.amal_party)
    assert AuditEvent.objects.filter(action="case.hand_over", user=social_official).count() == 1
    client.force_login(link.amal)
    assert "Ring henne i dag" in client.get(reverse("cases:link_case", args=[case.reference])).content.decode()


def test_a_case_without_consent_goes_to_a_partner_once_the_coordinator_recorded_it(client, carers_link,
                                                                                    social_official):
    link = carers_link
    case = contact(client, link, consent="")
    client.force_login(social_official)
    response = client.post(url("coordinate_hand_over", link, case.reference),
                           {"party": link.amal_party.pk, "note": "Öar utan gränser har en samtalsgrupp."})
    assert response.status_code == 400
    assert says("The person has not agreed that their details go to %(party)s. Record their consent first (ask "
                "them by phone), or choose a party within the municipality.", party="Öar utan gränser") \
        in response.content.decode()
    client.post(url("coordinate_consent", link, case.reference), {"party": link.amal_party.pk, "scope": "all"})
    assert case.consents.get().recorded_by == social_official
    client.post(url("coordinate_hand_over", link, case.reference),
                {"party": link.amal_party.pk, "note": "Öar utan gränser har en samtalsgrupp."})
    case.refresh_from_db()
    assert case.party == link.amal_party


def test_the_links_page_lists_what_waits(client, carers_link, social_official, resident):
    contact(client, carers_link)
    client.force_login(social_official)
    page = client.get(reverse("cases:coordinated"))
    assert page.status_code == 200 and "Anhöriglänken" in page.content.decode()
    assert url("coordinate", carers_link) in page.content.decode()
    assert url("coordinate", carers_link) in client.get(reverse("accounts:dashboard")).content.decode()
    client.force_login(resident)
    assert client.get(reverse("cases:coordinated")).status_code == 403


def test_a_coordinator_the_link_names_gets_in(client, carers_link, offices):
    """Kim works at the children's and education office, and the link names him."""
    kim = OfficeMembershipFactory(office=offices["barn-och-utbildningsforvaltningen"], user__first_name="Kim",
                                  user__email="kim@example.org").user
    client.force_login(kim)
    assert client.get(url("coordinate", carers_link)).status_code == 404
    carers_link.coordinators.add(kim)
    assert client.get(url("coordinate", carers_link)).status_code == 200
    case = contact(client, carers_link)
    response = client.post(url("coordinate_hand_over", carers_link, case.reference),
                           {"party": carers_link.coordinator.pk, "note": "Vi tar den här själva."})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.party == carers_link.coordinator


def test_the_work_list_costs_the_same_queries_with_more_cases(client, carers_link, social_official):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def fill(count, start):
        today = timezone.localdate()
        for n in range(start, start + count):
            party = [carers_link.eva_party, carers_link.amal_party, carers_link.coordinator][n % 3]
            case = Case.objects.create(
                reference=f"EVI-2026-{n:04d}", kind="question", topic=topic("aldre"), message="Hjälp",
                name=f"Person {n}", email=f"p{n}@example.org", answer_by=today + timezone.timedelta(days=n % 5 - 2),
                link=carers_link, party=party, party_since=timezone.now(), office=carers_link.coordinator_office,
                assigned_to=carers_link.amal if n % 2 else None)
            Consent.objects.create(case=case)

    def count():
        client.get(url("coordinate", carers_link))
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url("coordinate", carers_link)).status_code == 200
        return len(captured)

    client.force_login(social_official)
    fill(6, 1)
    small = count()
    fill(60, 100)
    assert count() == small


# ---------------------------------------------------------------- parties joining and leaving


def test_a_party_that_leaves_sends_its_open_cases_to_the_coordinator(client, carers_link, social_official,
                                                                     representative):
    link = carers_link
    with time_machine.travel("2026-05-04 10:00 +02:00", tick=False):
        held = contact(client, link)
        answered = contact(client, link, name="Rune Ek", email="rune@example.org")
        client.force_login(representative)
        client.post(reverse("cases:link_answer", args=[answered.reference]), {"text": "Vi ringer dig.",
                                                                              "close": "on"})
    client.force_login(social_official)
    with time_machine.travel("2026-05-05 10:00 +02:00", tick=False):
        response = client.post(url("link_leave", link), {"party": link.eva_party.pk})
    assert response.status_code == 302
    assert says("%(party)s has left the link. Its open cases (%(count)d) are with you now; their deadlines stay.",
                party="Parkinson Ekerö", count=1) in flash(response)
    party = LinkParty.objects.get(pk=link.eva_party.pk)  # the same row: its history is kept
    assert party.left_at == date(2026, 5, 5)
    held.refresh_from_db()
    answered.refresh_from_db()
    assert held.party == link.coordinator and str(held.answer_by) == "2026-05-11"
    assert held.events.filter(kind=CaseEvent.Kind.ESCALATED, from_party=party).exists()
    assert held.events.filter(kind=CaseEvent.Kind.ROUTED, party=party).exists()  # the timeline keeps it
    assert answered.party == party  # a closed case stays where it was
    assert AuditEvent.objects.filter(action="link.leave", user=social_official).exists()

    page = client.get(url("link_setup", link)).content.decode()
    assert "Parkinson Ekerö" in page and says("Has left") in page
    client.force_login(representative)
    assert client.get(reverse("cases:link_case", args=[held.reference])).status_code == 404

    client.force_login(social_official)
    again = client.post(url("link_leave", link), {"party": link.eva_party.pk})  # a second click
    assert again.status_code == 302
    assert LinkParty.objects.get(pk=party.pk).left_at == date(2026, 5, 5)
    assert AuditEvent.objects.filter(action="link.leave").count() == 1


def test_the_coordinating_office_cannot_leave_its_link(client, carers_link, social_official):
    client.force_login(social_official)
    client.post(url("link_leave", carers_link), {"party": carers_link.coordinator.pk})
    assert LinkParty.objects.get(pk=carers_link.coordinator.pk).left_at is None


def test_a_party_joins_and_one_that_left_joins_again(client, carers_link, social_official):
    link = carers_link
    red_cross = AssociationFactory(name="Röda Korset Ekerö", slug="roda-korset-ekero")
    client.force_login(social_official)

    response = client.post(url("link_add_party", link), {"office": "", "actor": ""})
    assert response.status_code == 400
    assert says("Choose the office or the organisation that joins the link.") in response.content.decode()
    response = client.post(url("link_add_party", link), {"office": link.coordinator_office.pk, "actor": red_cross.pk})
    assert response.status_code == 400  # the office takes part already, and only one of the two
    assert link.parties.count() == 3

    assert client.post(url("link_add_party", link), {"actor": red_cross.pk}).status_code == 302
    party = link.parties.get(actor=red_cross)
    assert party.is_active() and not party.handlers.exists()
    assert AuditEvent.objects.filter(action="link.add_party").count() == 1
    # It is a party now: no longer offered, and a second click changes nothing.
    assert client.post(url("link_add_party", link), {"actor": red_cross.pk}).status_code == 400
    assert link.parties.filter(actor=red_cross).count() == 1

    client.post(url("link_leave", link), {"party": link.amal_party.pk})
    client.post(url("link_add_party", link), {"actor": link.amal_party.actor_id})
    amal_party = LinkParty.objects.get(pk=link.amal_party.pk)
    assert amal_party.left_at is None and amal_party.handlers.get() == link.amal


# ---------------------------------------------------------------- named handlers


def test_the_coordinator_names_and_removes_handlers(client, carers_link, social_official, representative, editor):
    link = carers_link
    case = contact(client, link)
    client.force_login(social_official)
    stranger = UserFactory(first_name="Pia", last_name="Holm", email="pia@example.org")
    response = client.post(url("link_add_handler", link), {"party": link.eva_party.pk, "user": stranger.pk})
    assert response.status_code == 400
    assert says("Choose a person who represents the organisation.") in response.content.decode()

    # Eva is the only handler and Parkinson Ekerö holds an open case: she stays.
    response = client.post(url("link_remove_handler", link), {"party": link.eva_party.pk, "user": representative.pk})
    assert says("%(name)s is the only handler of %(party)s, which holds open cases. Name another handler first, "
                "or hand the cases on.", name="Eva Lindgren", party="Parkinson Ekerö") in flash(response)
    assert link.eva_party.handlers.filter(pk=representative.pk).exists()

    response = client.post(url("link_add_handler", link), {"party": link.eva_party.pk, "user": editor.pk})
    assert response.status_code == 302
    assert link.eva_party.handlers.filter(pk=editor.pk).exists()
    client.post(url("link_remove_handler", link), {"party": link.eva_party.pk, "user": representative.pk})
    assert not link.eva_party.handlers.filter(pk=representative.pk).exists()
    assert AuditEvent.objects.filter(action__in=["link.add_handler", "link.remove_handler"]).count() == 2

    client.force_login(editor)
    assert client.get(reverse("cases:link_case", args=[case.reference])).status_code == 200
    client.force_login(representative)
    assert client.get(reverse("cases:link_case", args=[case.reference])).status_code == 404


def test_a_handler_of_another_partys_organisation_cannot_be_named(client, carers_link, social_official):
    client.force_login(social_official)
    response = client.post(url("link_add_handler", carers_link),
                           {"party": carers_link.eva_party.pk, "user": carers_link.amal.pk})
    assert response.status_code == 400
    assert not carers_link.eva_party.handlers.filter(pk=carers_link.amal.pk).exists()


# ---------------------------------------------------------------- topics and rules


def test_the_coordinator_sets_the_topics(client, carers_link, social_official, social):
    from samverka.cases.models import Link

    client.force_login(social_official)
    chosen = [topic("aldre").pk, topic("volontararbete").pk]
    assert client.post(url("link_topics", carers_link), {"topics": chosen}).status_code == 302
    assert sorted(carers_link.topics.values_list("pk", flat=True)) == sorted(chosen)

    youth = Link.objects.create(name="Unglänken", slug="unglanken", coordinator_office=social)
    response = client.post(url("link_topics", youth), {"topics": [topic("aldre").pk]})
    assert response.status_code == 400
    assert says("%(topic)s already goes to %(link)s. Choose other topics, or ask its coordinator to let it go.",
                topic=topic("aldre").name, link="Anhöriglänken") in response.content.decode()
    assert not youth.topics.exists()


def test_the_coordinator_adds_and_removes_a_rule(client, carers_link, social_official):
    link = carers_link
    client.force_login(social_official)
    rule = {"topic": topic("annat").pk, "district": "", "party": link.amal_party.pk}
    assert client.post(url("link_add_rule", link), rule).status_code == 302
    response = client.post(url("link_add_rule", link), rule)
    assert response.status_code == 400
    assert says("There is already a rule for this topic and part of the municipality. Remove it first.") \
        in response.content.decode()
    added = LinkRule.objects.get(topic=topic("annat"))
    assert added.party == link.amal_party

    client.logout()
    case = contact(client, link, topic=topic("annat").pk)
    assert case.party == link.amal_party  # the person let the link decide, with consent

    client.force_login(social_official)
    client.post(url("link_remove_rule", link), {"rule": added.pk})
    assert not LinkRule.objects.filter(pk=added.pk).exists()
    assert AuditEvent.objects.filter(action__in=["link.add_rule", "link.remove_rule"]).count() == 2
    response = client.post(url("link_add_rule", link), {"topic": "", "district": "", "party": ""})
    assert response.status_code == 400
    assert says("Choose the party that takes these cases.") in response.content.decode()


# ---------------------------------------------------------------- who may


def _state(link):
    return (
        sorted(LinkParty.objects.filter(link=link).values_list("pk", "left_at", "joined_at")),
        sorted(LinkParty.handlers.through.objects.values_list("linkparty_id", "user_id")),
        sorted(LinkRule.objects.values_list("pk", "topic_id", "party_id")),
        sorted(link.topics.values_list("pk", flat=True)),
        sorted(Case.objects.values_list("pk", "party_id", "answer_by", "assigned_to_id")),
        CaseEvent.objects.count(), Consent.objects.count(), AuditEvent.objects.count(),
    )


def test_nobody_else_reaches_the_coordinators_pages(client, carers_link, representative, official, resident):
    link = carers_link
    case = contact(client, link)
    pages = [url("coordinate", link), url("coordinate_case", link, case.reference), url("link_setup", link)]
    actions = [
        (url("coordinate_hand_over", link, case.reference), {"party": link.amal_party.pk, "note": "Till er."}),
        (url("coordinate_consent", link, case.reference), {"party": link.amal_party.pk, "scope": "all"}),
        (url("link_add_party", link), {"office": official.office_memberships.get().office_id}),
        (url("link_leave", link), {"party": link.amal_party.pk}),
        (url("link_add_handler", link), {"party": link.eva_party.pk, "user": representative.pk}),
        (url("link_remove_handler", link), {"party": link.amal_party.pk, "user": link.amal.pk}),
        (url("link_topics", link), {"topics": [topic("lokaler").pk]}),
        (url("link_add_rule", link), {"topic": "", "district": "", "party": link.amal_party.pk}),
        (url("link_remove_rule", link), {"rule": LinkRule.objects.get(link=link).pk}),
    ]
    before = _state(link)
    # Eva handles the link's cases for her organisation; Sara is an official of another office.
    for person in (representative, official, resident, None):
        client.logout()
        if person is not None:
            client.force_login(person)
        for address, data in [(page, None) for page in pages] + actions:
            response = client.post(address, data) if data is not None else client.get(address)
            if person is None:
                assert response.status_code == 302, address
                assert response["Location"].startswith(reverse("account_login") + "?next="), address
            else:
                assert response.status_code == 404, (person, address)
        assert _state(link) == before, person
    client.force_login(official)
    assert client.get(reverse("cases:coordinated")).status_code == 403
