"""The carers' link in a real browser: its page with the contact form (empty and with errors)
and a partner organisation's case page have nothing axe-core finds, in Swedish, English and
Arabic, and do not scroll sideways at 320 px. A carer contacts the link with the keyboard
only, agreeing that a partner may have her details; Eva, the partner's named handler, takes
the case by keyboard. The coordinator's work list, case page and the link's set-up have
nothing axe-core finds either, and Sara, whose office coordinates the link, hands a case over
by keyboard."""

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import translation

from samverka.cases import defaults
from samverka.cases.models import Case, Topic
from samverka.cases.tests.factories import held_link_case

from .helpers import assert_no_violations, check_page, focused, log_in, tab_to

pytestmark = pytest.mark.browser

LANGUAGES = ["sv", "en", "ar"]


@pytest.fixture
def link_case(official, actor, representative):
    defaults.load(apps)
    office = official.office_memberships.get().office
    link, party, case, _consent = held_link_case(office=office, actor=actor, handler=representative)
    link.name_en, link.name_ar = "The carers' link", "رابط مقدمي الرعاية"
    link.description = "Vem av oss du än kontaktar, ringer rätt part upp dig."
    link.save()
    link.topics.set(Topic.objects.filter(slug__in=["aldre", "annat"]))
    Case.objects.filter(pk=case.pk).update(message="Jag tar hand om min man och behöver någon att prata med.",
                                           phone="070-174 06 05")
    return case


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_link_page_and_its_form_have_no_accessibility_problems(page, live_server, link_case, language):
    with translation.override(language):
        path = live_server.url + reverse("cases:link", args=[link_case.link.slug])
    check_page(page, path, "links-form", language)
    page.locator("main form button[type=submit]").click()
    page.wait_for_selector(".error-summary")
    assert_no_violations(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_partners_case_page_has_no_accessibility_problems(page, context, live_server, link_case, representative,
                                                            language):
    log_in(context, representative, live_server)
    with translation.override(language):
        case_path = live_server.url + reverse("cases:link_case", args=[link_case.reference])
        inbox_path = live_server.url + reverse("cases:link_inbox")
    check_page(page, case_path, "links-case", language)
    check_page(page, inbox_path, "links-inbox", language)


def test_a_carer_contacts_the_link_by_keyboard(page, live_server, link_case):
    page.goto(live_server.url + reverse("cases:link", args=[link_case.link.slug]))
    tab_to(page, "#id_topic_0")
    page.keyboard.press("Space")
    tab_to(page, "#id_message")
    page.keyboard.type("Min mamma har demens och jag behöver avlastning.")
    tab_to(page, "#id_name")
    page.keyboard.type("Karin Olsson")
    tab_to(page, "#id_email")
    page.keyboard.type("karin.olsson@example.org")
    tab_to(page, "#id_consent")
    page.keyboard.press("Space")
    assert focused(page)["checked"]
    tab_to(page, "main form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    case = Case.objects.latest("pk")
    assert case.name == "Karin Olsson" and case.consents.count() == 1
    # No rule of the link names a partner for this topic: the coordinating office holds it.
    assert case.party.office_id == link_case.office_id
    assert case.party.label in page.locator("main").inner_text()
    assert_no_violations(page)


def test_a_handler_takes_the_case_by_keyboard(page, context, live_server, link_case, representative):
    log_in(context, representative, live_server)
    page.goto(live_server.url + reverse("cases:link_case", args=[link_case.reference]))
    tab_to(page, f"form[action='{reverse('cases:link_take', args=[link_case.reference])}'] button")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    link_case.refresh_from_db()
    assert link_case.assigned_to == representative
    assert_no_violations(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_coordinators_pages_have_no_accessibility_problems(page, context, live_server, link_case, official,
                                                               language):
    """Sara's office coordinates the link: her work list, a case and the link's set-up."""
    log_in(context, official, live_server)
    slug = link_case.link.slug
    with translation.override(language):
        paths = [(reverse("cases:coordinate", args=[slug]), "links-work"),
                 (reverse("cases:coordinate_case", args=[slug, link_case.reference]), "links-coordinate-case"),
                 (reverse("cases:link_setup", args=[slug]), "links-setup")]
    for path, name in paths:
        check_page(page, live_server.url + path, name, language)
    # The set-up with an error next to a field.
    page.locator("#add-party button[type=submit]").click()
    page.wait_for_selector(".error-summary")
    assert_no_violations(page)


def test_the_coordinator_hands_a_case_over_by_keyboard(page, context, live_server, link_case, official):
    log_in(context, official, live_server)
    slug = link_case.link.slug
    page.goto(live_server.url + reverse("cases:coordinate", args=[slug]))
    tab_to(page, f"main a[href='{reverse('cases:coordinate_case', args=[slug, link_case.reference])}#hand-over']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    tab_to(page, "#id_handover_party")
    page.keyboard.press("ArrowDown")  # the only other party: the coordinating office
    tab_to(page, "#id_handover_note")
    page.keyboard.type("Hon vill prata med kommunens anhörigkonsulent.")
    tab_to(page, "#hand-over button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    link_case.refresh_from_db()
    assert link_case.party.office_id == link_case.office_id and link_case.party.actor_id is None
    assert page.url.endswith(reverse("cases:coordinate", args=[slug]))
    assert_no_violations(page)
