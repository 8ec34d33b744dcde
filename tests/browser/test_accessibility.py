"""axe-core finds nothing on the main pages, in Swedish, English and Arabic, and the pages
fit a 320 px wide phone (which also covers 200 % zoom on a 640 px window) without
sideways scrolling. Screenshots of every page, desktop and phone, Swedish and Arabic, go
to ./screenshots for a person to look at."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils import translation

from samverka.actors.tests.factories import ActorFactory, AssociationFactory
from samverka.municipality.models import Area, District, Language, TargetGroup

from .helpers import horizontal_overflow, log_in, save_screenshots, submit_with_enter

pytestmark = pytest.mark.browser

LANGUAGES = ["sv", "en", "ar"]
PAGES = ["home", "directory", "actor", "signup", "login", "edit"]


@pytest.fixture
def register(actor):
    """Parkinson Ekerö and a few neighbours, with areas and places so the cards are full."""
    areas = list(Area.objects.order_by("pk")[:3])
    districts = [District.objects.create(slug=slug, name=name, name_en=name, name_ar=name_ar)
                 for slug, name, name_ar in (("ekero-centrum", "Ekerö centrum", "مركز إكيرو"), ("stenhamra", "Stenhamra", "ستينهامرا"))]
    actor.summary = "Lokal förening för dig som har Parkinsons sjukdom och för dina anhöriga."
    actor.description = "Vi tränar balans varje tisdag.\n\nAnhöriga är välkomna."
    actor.meeting_place = "Kajutan, Ekerö centrum"
    actor.email = "kontakt@parkinson.example"
    actor.save()
    actor.areas.set(areas[:2])
    actor.districts.set(districts)
    actor.target_groups.set(TargetGroup.objects.order_by("pk")[:2])
    actor.languages.set(Language.objects.order_by("pk")[:1])
    for name in ("Öar utan gränser", "RSMH Ekerö", "Vindens Vänner"):
        other = (AssociationFactory if name != "Öar utan gränser" else ActorFactory)(name=name)
        other.areas.set(areas[1:])
        other.districts.set(districts[:1])
    return actor


def path_of(name: str, language: str, actor=None) -> str:
    url_name, args = {
        "home": ("home", []),
        "directory": ("actors:directory", []),
        "actor": ("actors:detail", [getattr(actor, "slug", "")]),
        "signup": ("account_signup", []),
        "login": ("account_login", []),
        "edit": ("actors:edit", [getattr(actor, "slug", "")]),
    }[name]
    with translation.override(language):
        return reverse(url_name, args=args)


def assert_no_violations(page):
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_accessibility_problems(page, context, live_server, register, representative, name, language):
    if name == "edit":
        log_in(context, representative, live_server)
    path = path_of(name, language, register)

    response = page.goto(path)

    assert response.status == 200, path
    assert page.evaluate("document.documentElement.lang") == language
    assert page.evaluate("document.documentElement.dir") == ("rtl" if language == "ar" else "ltr")
    assert page.locator("h1").count() == 1
    assert_no_violations(page)
    page.set_viewport_size({"width": 320, "height": 700})
    assert horizontal_overflow(page) == 0, f"{path} scrolls sideways at 320 px"
    if language in ("sv", "ar"):
        save_screenshots(page, f"{name}-{language}")


@pytest.mark.parametrize("language", ["sv", "ar"])
def test_sign_up_errors_are_shown_next_to_each_field_and_summed_up(page, live_server, language):
    page.goto(path_of("signup", language))
    page.locator("#id_email").fill("not an address")

    submit_with_enter(page)

    summary = page.locator(".error-summary")
    assert summary.is_visible()
    assert summary.evaluate("element => element === document.activeElement"), "the summary takes focus"
    email = page.locator("#id_email")
    assert email.get_attribute("aria-invalid") == "true"
    assert email.input_value() == "not an address", "the input is kept"
    described_by = email.get_attribute("aria-describedby").split()
    assert "id_email_error" in described_by
    assert page.locator("#id_email_error").is_visible()
    assert summary.locator('a[href="#id_email"]').count() == 1
    assert_no_violations(page)
    save_screenshots(page, f"signup-errors-{language}")


def test_actor_form_errors_are_accessible(page, context, live_server, register, representative):
    log_in(context, representative, live_server)
    page.goto(path_of("edit", "sv", register))
    page.locator("#id_organisation_number").fill("802400-1234")

    submit_with_enter(page)

    assert page.locator(".error-summary").is_visible()
    number = page.locator("#id_organisation_number")
    assert number.get_attribute("aria-invalid") == "true"
    assert set(number.get_attribute("aria-describedby").split()) == {
        "id_organisation_number_helptext", "id_organisation_number_error"}
    assert page.locator("#id_organisation_number_helptext").is_visible()
    assert_no_violations(page)
    save_screenshots(page, "edit-errors-sv")
