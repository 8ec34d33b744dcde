"""Matching programmes in a real browser: axe-core finds nothing on the public pages (the
list, a programme, the sign-up forms of both sides, "check your e-mail") and a participant's
own pages (their sign-up, a proposed match, an active match, the follow-up), in Swedish,
English and Arabic (right to left), and none scrolls sideways at 320 px. Ingrid signs up
with the keyboard only. Screenshots go to ./screenshots.

The coordinator's flow by keyboard (dashboard → run → review → accept) belongs here too, once
the coordinators' pages are merged (views_coordinator.py)."""

from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils import timezone, translation

from samverka.matching.models import Choice, Match, Participant, Programme
from samverka.matching.tests.factories import ChoiceFactory, MatchFactory, ProgrammeFactory
from samverka.municipality.models import District
from samverka.municipality.tests.factories import OfficeFactory

from .helpers import focused, horizontal_overflow, save_screenshots, submit_with_enter, tab_to

pytestmark = pytest.mark.browser

LANGUAGES = ["sv", "en", "ar"]
PAGES = ["list", "programme", "ask", "give", "sent", "participant", "proposed", "active", "check_in"]


@pytest.fixture
def scene(db):
    office = OfficeFactory(slug="socialkontoret", name="Socialkontoret")
    parts = [District.objects.create(slug=slug, name=name, name_en=name, position=n, latitude=lat, longitude=lon)
             for n, (slug, name, lat, lon) in enumerate([("ekero-centrum", "Ekerö centrum", "59.29090", "17.81110"),
                                                         ("stenhamra", "Stenhamra", "59.33580", "17.68650")])]
    programme = ProgrammeFactory(
        office=office, kind=Programme.Kind.BEFRIENDING, slug="vantjansten", name="Väntjänsten",
        summary="Besöksvänner för dig som vill ha sällskap, följe till vården eller någon som läser högt.",
        description="Besöksvännerna kommer från Lions, PRO, SPF och Röda Korset.",
        request_label="Jag vill ha sällskap", offer_label="Jag vill bli besöksvän",
        request_intro="Berätta lite om dig själv.", offer_intro="Ge någon en timme i veckan.",
        required_check=Programme.Check.RECORD_EXTRACT)
    for n, (sv, en) in enumerate([("Sällskap", "Company"), ("Promenad", "A walk"), ("Högläsning", "Reading aloud")]):
        ChoiceFactory(programme=programme, group=Choice.Group.KIND, name=sv, name_en=en, name_ar="", position=n)
    ProgrammeFactory(office=office, kind=Programme.Kind.REUSE, slug="aterbruk", name="Återbruk",
                     summary="Skänkta möbler till nyanlända familjers lägenheter.")
    proposed = MatchFactory(programme=programme, status=Match.Status.AWAITING,
                            request__name="Ingrid Svensson", request__district=parts[1], request__about="Trädgård.",
                            offer__name="Anders Lind", offer__district=parts[0])
    active = MatchFactory(programme=programme, status=Match.Status.ACTIVE, request_confirmed_at=timezone.now(),
                          offer_confirmed_at=timezone.now(), trial_ends_on=timezone.localdate() + timedelta(days=50),
                          request__name="Margit Holm", request__district=parts[1],
                          offer__name="Camilla Berg", offer__district=parts[0], offer__phone="+46701112233",
                          offer__about="Pensionerad lärare som gärna läser högt.")
    unconfirmed = Participant.objects.create(programme=programme, side="request", name="Gösta Ek",
                                             email="gosta@example.org", district=parts[0])
    return {"programme": programme, "parts": parts, "proposed": proposed, "active": active,
            "unconfirmed": unconfirmed}


def path_of(name: str, language: str, s) -> str:
    with translation.override(language):
        return {
            "list": reverse("matching:programmes"),
            "programme": reverse("matching:programme", args=["vantjansten"]),
            "ask": reverse("matching:sign_up", args=["vantjansten", "be-om"]),
            "give": reverse("matching:sign_up", args=["vantjansten", "ge"]),
            "sent": reverse("matching:sign_up_sent", args=["vantjansten", "be-om"]),
            "participant": reverse("matching:participant", args=[s["unconfirmed"].token]),
            "proposed": reverse("matching:match", args=[s["proposed"].request_token]),
            "active": reverse("matching:match", args=[s["active"].request_token]),
            "check_in": reverse("matching:check_in", args=[s["active"].offer_token]),
        }[name]


def assert_no_violations(page):
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", PAGES)
def test_matching_pages_have_no_accessibility_problems(page, live_server, scene, name, language):
    path = path_of(name, language, scene)

    response = page.goto(path)

    assert response.status == 200, path
    assert page.evaluate("document.documentElement.lang") == language
    assert page.evaluate("document.documentElement.dir") == ("rtl" if language == "ar" else "ltr")
    assert page.locator("h1").count() == 1
    if name == "active":
        assert "Camilla" in page.locator("main").inner_text() and "Berg" not in page.locator("main").inner_text()
    if name == "proposed":
        assert "Anders" not in page.locator("main").inner_text()
    assert_no_violations(page)
    page.set_viewport_size({"width": 320, "height": 700})
    assert horizontal_overflow(page) == 0, f"{path} scrolls sideways at 320 px"
    if language in ("sv", "ar") and name in ("programme", "ask", "give", "proposed", "active"):
        save_screenshots(page, f"matching-{name}-{language}")


@pytest.mark.parametrize("language", LANGUAGES)
def test_sign_up_errors_are_accessible(page, live_server, scene, language):
    page.goto(path_of("give", language, scene))
    submit_with_enter(page)

    assert page.locator(".error-summary").is_visible()
    assert page.locator("#id_name").get_attribute("aria-invalid") == "true"
    assert page.locator("#id_district_error").is_visible()
    assert not Participant.objects.filter(side="offer", name="").exists()
    assert_no_violations(page)
    if language == "ar":
        save_screenshots(page, "matching-give-errors-ar")


def test_ingrid_signs_up_and_confirms_with_the_keyboard_only(page, live_server, scene):
    programme = scene["programme"]
    page.goto(programme.get_absolute_url())
    ask = reverse("matching:sign_up", args=["vantjansten", "be-om"])
    tab_to(page, f"main a[href='{ask}']")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{ask}")

    tab_to(page, "#id_name")
    page.keyboard.type("Ingrid Nilsson")
    tab_to(page, "#id_email")
    page.keyboard.type("ingrid.nilsson@example.org")
    tab_to(page, "#id_kinds_0")
    page.keyboard.press("Space")
    assert focused(page)["checked"]
    tab_to(page, "#id_availability_4")  # Tuesday afternoon
    page.keyboard.press("Space")
    tab_to(page, "#id_district_0")
    page.keyboard.press("ArrowDown")  # Stenhamra
    assert focused(page)["id"] == "id_district_1" and focused(page)["checked"]
    tab_to(page, "#id_about")
    page.keyboard.type("Jag tycker om att prata om trädgård.")
    tab_to(page, "#id_consent")
    page.keyboard.press("Space")
    tab_to(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/skickad/")

    ingrid = Participant.objects.get(email="ingrid.nilsson@example.org")
    assert (ingrid.status, ingrid.district.slug) == ("unconfirmed", "stenhamra")
    assert list(ingrid.kinds.values_list("name", flat=True)) == ["Sällskap"]
    assert ingrid.availability == 1 << 4
    assert_no_violations(page)

    page.goto(reverse("matching:participant", args=[ingrid.token]))
    tab_to(page, "main form[action$='/bekrafta/'] button")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    page.locator(".notice--success").first.wait_for()
    ingrid.refresh_from_db()
    assert ingrid.status == Participant.Status.WAITING
    assert_no_violations(page)
    save_screenshots(page, "matching-waiting-sv")


def test_a_proposed_match_is_answered_with_the_keyboard(page, live_server, scene):
    proposed = scene["proposed"]
    page.goto(reverse("matching:match", args=[proposed.request_token]))
    # "Yes" comes first; "No" is behind a disclosure, reached only on purpose.
    tab_to(page, "main form button.button:not(.button--secondary)")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    page.locator(".notice--success").first.wait_for()
    proposed.refresh_from_db()
    assert proposed.request_confirmed_at is not None
    assert_no_violations(page)
