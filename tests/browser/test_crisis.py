"""Crisis mode in a real browser: axe-core finds nothing on "I can help" and "I need help"
in Swedish and English, neither scrolls sideways on a 360 px phone, and both are filled in
with the keyboard only on a 360 px wide viewport: Karin offers to help and confirms with
the SMS code, Greta asks for help for herself. Screenshots go to ./screenshots."""

import importlib
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.apps import apps
from django.utils import translation

from samverka.communication.models import OutboxMessage
from samverka.crisis import services
from samverka.crisis.models import Crisis, HelpRequest
from samverka.municipality.models import District, Office
from samverka.volunteers.models import HelpKind, Volunteer

from .helpers import MOBILE, focused, horizontal_overflow, save_screenshots, tab_to

pytestmark = pytest.mark.browser


@pytest.fixture
def crisis(transactional_db):
    if not HelpKind.objects.exists():  # flushed after an earlier browser test: load the defaults again
        importlib.import_module("samverka.volunteers.migrations.0002_default_help_kinds").add(apps, None)
    for n, name in enumerate(["Ekerö centrum", "Stenhamra", "Munsö"]):
        District.objects.create(slug=f"d{n}", name=name, name_en=name, name_ar=name, position=n)
    office = Office.objects.create(slug="socialkontoret", name="Socialkontoret")
    crisis = services.start_crisis(by=None, name="Storm på öarna", message="Strömmen är borta på flera öar.",
                                   triage_offices=[office])
    services.forget_active_crisis()
    return crisis


def path(name: str, language: str) -> str:
    from django.urls import reverse

    with translation.override(language):
        return reverse(name)


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("name", ["crisis:offer", "crisis:request"])
def test_the_forms_have_no_accessibility_problems(page, crisis, name, language):
    response = page.goto(path(name, language))
    assert response.status == 200
    assert page.locator("h1").count() == 1
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    page.set_viewport_size(MOBILE)
    assert horizontal_overflow(page) == 0
    # With the errors shown, too.
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert page.locator(".error-summary").count() == 1
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    save_screenshots(page, f"{name.split(':')[1]}-errors-{language}")


def next_field(page, field_id: str, text: str = ""):
    page.keyboard.press("Tab")
    assert focused(page)["id"] == field_id, focused(page)
    if text:
        page.keyboard.type(text)


def test_karin_offers_to_help_with_the_keyboard_on_a_phone(page, crisis):
    page.set_viewport_size(MOBILE)
    page.goto("/")
    save_screenshots(page, "crisis-home-sv")
    tab_to(page, ".crisis-banner a[href='/kris/jag-kan-hjalpa/']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/kris/jag-kan-hjalpa/")
    save_screenshots(page, "crisis-offer-sv")

    tab_to(page, "#id_name")
    page.keyboard.type("Karin Ek")
    next_field(page, "id_phone", "070-174 06 05")
    next_field(page, "id_email")
    next_field(page, "id_district")
    page.keyboard.press("ArrowDown")  # the first part of the municipality
    next_field(page, "id_help_kinds_0")
    page.keyboard.press("Space")
    next_field(page, "id_help_kinds_1")
    page.keyboard.press("Space")
    tab_to(page, "#id_availability_5")  # Tuesday evening
    page.keyboard.press("Space")
    tab_to(page, "#id_consent")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    assert focused(page)["tag"] == "button", "the honeypot is not in the way"
    page.keyboard.press("Enter")
    page.wait_for_url("**/kris/jag-kan-hjalpa/tack/*/")
    save_screenshots(page, "crisis-offer-thanks-sv")

    volunteer = Volunteer.objects.get()
    assert volunteer.phone == "+46701740605" and volunteer.help_kinds.count() == 2
    assert volunteer.districts.get().name == "Ekerö centrum"
    code = re.search(r"\b(\d{6})\b", OutboxMessage.objects.get(to="+46701740605").body_text).group(1)
    tab_to(page, "#id_code")
    page.keyboard.type(code)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    save_screenshots(page, "crisis-offer-confirmed-sv")
    assert page.locator(".notice--success").count() == 1
    volunteer.refresh_from_db()
    assert volunteer.confirmed_at is not None
    assert horizontal_overflow(page) == 0


def test_greta_asks_for_help_with_the_keyboard_on_a_phone(page, crisis):
    page.set_viewport_size(MOBILE)
    page.goto("/")
    tab_to(page, ".crisis-banner a[href='/kris/jag-behover-hjalp/']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/kris/jag-behover-hjalp/")
    save_screenshots(page, "crisis-request-sv")

    tab_to(page, "#id_for_whom_0")
    page.keyboard.press("Space")
    tab_to(page, "#id_name")
    page.keyboard.type("Greta Holm")
    next_field(page, "id_contact_name")
    next_field(page, "id_phone", "08-560 123 45")
    next_field(page, "id_email")
    next_field(page, "id_district")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    next_field(page, "id_address", "Bryggvägen 3")
    next_field(page, "id_help_kinds_0")
    page.keyboard.press("Space")
    tab_to(page, "#id_what")
    page.keyboard.type("Mat för veckan från affären.")
    next_field(page, "id_when", "Tisdag före 12")
    page.keyboard.press("Tab")
    assert focused(page)["tag"] == "button"
    page.keyboard.press("Enter")
    page.wait_for_url("**/kris/jag-behover-hjalp/tack/*/")
    save_screenshots(page, "crisis-request-thanks-sv")

    help_request = HelpRequest.objects.get()
    assert help_request.crisis == Crisis.objects.get()
    assert help_request.phone == "+46856012345" and help_request.district.name == "Stenhamra"
    assert help_request.reference in page.locator("main").inner_text()
