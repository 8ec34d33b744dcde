"""The coordinator's side of a matching programme in a real browser: axe-core finds nothing
on the dashboard, the proposals, a match, a participant, the waiting list and the settings,
in Swedish and English, and none scrolls sideways at 320 px. Birgitta finds matches and
accepts one with the keyboard only."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils import translation

from samverka.accounts.tests.factories import UserFactory
from samverka.matching.models import Choice, Match, Proposal
from samverka.matching.tests.factories import (
    ChoiceFactory,
    CoordinatorFactory,
    MatchFactory,
    OfferFactory,
    ProgrammeFactory,
    RequestFactory,
)
from samverka.municipality.models import District

from .helpers import horizontal_overflow, log_in, save_screenshots, tab_to

pytestmark = pytest.mark.browser

PAGES = ["coordinate", "review", "waiting", "settings", "coordinate_match", "coordinate_participant"]


@pytest.fixture
def scene(official):
    ekero = District.objects.create(slug="ekero-centrum", name="Ekerö centrum", name_en="Ekerö centrum",
                                    latitude="59.29100", longitude="17.81000", zone="malaröarna")
    adelso = District.objects.create(slug="adelso", name="Adelsö", name_en="Adelsö", latitude="59.36000",
                                     longitude="17.52000", zone="adelsö")
    programme = ProgrammeFactory(office=official.office_memberships.get().office, slug="vantjansten")
    birgitta = UserFactory(first_name="Birgitta", last_name="Holm", email="birgitta@example.org")
    CoordinatorFactory(programme=programme, user=birgitta)
    company = ChoiceFactory(programme=programme, name="Sällskap", name_en="Company")
    chess = ChoiceFactory(programme=programme, group=Choice.Group.INTEREST, name="Schack", name_en="Chess")
    greta = RequestFactory(programme=programme, name="Greta Holm", district=ekero, kinds=[company], interests=[chess],
                           sensitive="Änka sedan i våras.")
    OfferFactory(programme=programme, name="Karin Ek", district=ekero, kinds=[company], interests=[chess])
    OfferFactory(programme=programme, name="Lars Berg", district=ekero, kinds=[company])
    RequestFactory(programme=programme, name="Nils Åberg", district=adelso, kinds=[company])
    match = MatchFactory(programme=programme, request__name="Ingrid Lund", offer__name="Ola Berg")
    return {"programme": programme, "birgitta": birgitta, "greta": greta, "match": match}


def path_of(name, language, scene):
    args = {"coordinate_match": [scene["match"].pk], "coordinate_participant": [scene["greta"].pk]}.get(name, [])
    with translation.override(language):
        return reverse(f"matching:{name}", args=[scene["programme"].slug, *args])


def assert_no_violations(page):
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("name", PAGES)
def test_the_coordinators_pages_have_no_accessibility_problems(page, context, live_server, scene, name, language):
    from samverka.matching import services

    services.run_programme(programme=scene["programme"], by=scene["birgitta"])
    log_in(context, scene["birgitta"], live_server)
    path = path_of(name, language, scene)
    response = page.goto(path)
    assert response.status == 200, path
    assert page.evaluate("document.documentElement.lang") == language
    assert page.locator("h1").count() == 1
    if name == "review":
        page.locator("details summary").first.click()  # the alternatives, open
    assert_no_violations(page)
    page.set_viewport_size({"width": 320, "height": 700})
    assert horizontal_overflow(page) == 0, f"{path} scrolls sideways at 320 px"
    if language == "sv":
        save_screenshots(page, f"matching-{name}-{language}")


def test_birgitta_finds_matches_and_accepts_one_with_the_keyboard_only(page, context, live_server, scene):
    log_in(context, scene["birgitta"], live_server)
    programme = scene["programme"]
    page.goto(path_of("coordinate", "sv", scene))
    tab_to(page, "main form[action$='/samordna/kor/'] button")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{reverse('matching:review', args=[programme.slug])}")
    proposal = Proposal.objects.get(request=scene["greta"])
    tab_to(page, f"#proposal-{proposal.pk} button[value=accept]")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    page.locator(".notice--success").wait_for()
    match = Match.objects.get(request=scene["greta"])
    assert match.status == Match.Status.AWAITING
    assert_no_violations(page)


def test_birgitta_chooses_an_alternative_with_the_keyboard_only(page, context, live_server, scene):
    from samverka.matching import services

    services.run_programme(programme=scene["programme"], by=scene["birgitta"])
    proposal = Proposal.objects.get(request=scene["greta"])
    other = "Lars Berg" if proposal.offer.name == "Karin Ek" else "Karin Ek"
    log_in(context, scene["birgitta"], live_server)
    page.goto(path_of("review", "sv", scene))
    tab_to(page, f"#proposal-{proposal.pk} details summary")
    page.keyboard.press("Enter")  # the alternatives open
    button = f"#proposal-{proposal.pk} details button[name=offer]"
    assert other in page.locator(button).inner_text()
    tab_to(page, button)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    swapped = Proposal.objects.get(request=scene["greta"], status=Proposal.Status.PROPOSED)
    assert swapped.offer.name == other
