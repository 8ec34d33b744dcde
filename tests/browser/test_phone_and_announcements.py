"""A verified mobile number and a group's announcements in a real browser. Amira adds her
number, types the code from the SMS with the keyboard only, and chooses SMS for her network's
announcements; the chair's announcement page says whom it reaches and by which way. axe-core
finds nothing on the phone page (empty, waiting for a code, verified), the member's choice and
the announcement form, in Swedish, English and Arabic; none scrolls sideways at 320 px."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from samverka.accounts.tests.factories import UserFactory
from samverka.communication.models import OutboxMessage
from samverka.networks.models import Membership
from samverka.networks.tests.factories import GroupFactory

from .helpers import check_page, focused, log_in, save_screenshots, tab_to

pytestmark = pytest.mark.browser

LANGUAGES = ["sv", "en", "ar"]
NUMBER = "+46701234567"


@pytest.fixture
def scene(official):
    office = official.office_memberships.get().office
    group = GroupFactory(name="Öar utan gränser", slug="oar-utan-granser", office=office)
    chair = UserFactory(first_name="Helena", last_name="Strand", email="helena@example.org")
    amira = UserFactory(first_name="Amira", last_name="Saleh", email="amira@example.org")
    texted = UserFactory(first_name="Nils", last_name="Berg", email="nils@example.org",
                         phone="+46709876543", phone_verified_at=timezone.now())
    Membership.objects.create(group=group, user=chair, role=Membership.Role.CHAIR)
    Membership.objects.create(group=group, user=amira)
    Membership.objects.create(group=group, user=texted, channel=Membership.Channel.SMS)
    return {"group": group, "chair": chair, "amira": amira}


def path_of(name, language, *args):
    with translation.override(language):
        return reverse(name, args=args)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_phone_page_in_each_state_has_no_accessibility_problems(page, context, live_server, scene, language):
    amira = scene["amira"]
    log_in(context, amira, live_server)
    path = path_of("accounts:phone", language)
    check_page(page, path, "phone-empty", language)
    amira.phone = NUMBER
    amira.save(update_fields=["phone"])
    page.locator("#id_phone").fill("070-123 45 67")
    with page.expect_navigation():
        page.locator("form:has(#id_phone) button[type=submit]").click()
    assert page.locator("#id_code").is_visible()
    check_page(page, path, "phone-code", language)
    amira.phone_verified_at = timezone.now()
    amira.save(update_fields=["phone_verified_at"])
    check_page(page, path, "phone-verified", language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_announcement_pages_have_no_accessibility_problems(page, context, live_server, scene, language):
    log_in(context, scene["chair"], live_server)
    check_page(page, path_of("networks:announce", language, scene["group"].slug), "announce", language)
    if language == "en":
        lead = page.locator("main .lead").inner_text()
        assert "It goes to 3 members:" in lead and "2 by e-mail" in lead and "1 by SMS" in lead
    context.clear_cookies()
    log_in(context, scene["amira"], live_server)
    check_page(page, path_of("networks:group", language, scene["group"].slug), "group-member", language)


def test_amira_verifies_her_number_and_chooses_sms_with_the_keyboard(page, context, live_server, scene):
    amira = scene["amira"]
    log_in(context, amira, live_server)
    page.goto(reverse("accounts:phone"))
    tab_to(page, "#id_phone")
    page.keyboard.type("070-123 45 67")
    page.keyboard.press("Tab")
    assert focused(page)["tag"] == "button"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    [sms] = OutboxMessage.objects.filter(channel=OutboxMessage.Channel.SMS, to=NUMBER)
    code = re.search(r"\b(\d{6})\b", sms.body_text).group(1)
    tab_to(page, "#id_code")
    page.keyboard.type(code)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    amira.refresh_from_db()
    assert amira.has_verified_phone and amira.phone == NUMBER
    save_screenshots(page, "phone-verified-keyboard-sv")

    page.goto(scene["group"].get_absolute_url())
    # Tab reaches the radio group at its checked choice (e-mail); an arrow key moves to SMS.
    tab_to(page, "input[name=channel]:checked")
    assert focused(page)["value"] == "email"
    page.keyboard.press("ArrowDown")
    state = focused(page)
    assert state["value"] == "sms" and state["checked"]
    tab_to(page, "form:has(input[name=channel]) button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert Membership.objects.get(user=amira).channel == Membership.Channel.SMS
