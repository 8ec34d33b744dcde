"""The idea lab in a real browser: axe-core finds nothing on the gallery, the form to send an
idea, the author's page, the coaches' board and an idea's page with the coach's forms, in
Swedish and English, and none of them scrolls sideways on a 320 px phone. Ali sends an idea and
Karin takes it from the board and moves it on, with the keyboard only, in both languages.
Screenshots (desktop and phone) go to ./screenshots for a person to look at."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils import timezone, translation

from samverka.accounts.tests.factories import UserFactory
from samverka.ideas import services
from samverka.ideas.models import Idea, Step
from samverka.ideas.tests.factories import CoachFactory, IdeaFactory
from samverka.municipality.models import Area, District
from samverka.municipality.tests.factories import OfficeMembershipFactory

from .helpers import focused, horizontal_overflow, log_in, save_screenshots, submit_with_enter, tab_to

pytestmark = pytest.mark.browser

LANGUAGES = ["sv", "en"]
PAGES = ["gallery", "new", "private", "board", "idea"]


@pytest.fixture
def karin(db):
    user = UserFactory(first_name="Karin", last_name="Ahlgren", email="karin@example.org")
    OfficeMembershipFactory(user=user, office__slug="kultur-och-fritidskontoret",
                            office__name="Kultur- och fritidskontoret")
    CoachFactory(user=user)
    return user


@pytest.fixture
def lab(karin):
    stenhamra = District.objects.create(slug="stenhamra", name="Stenhamra", name_en="Stenhamra")
    cafe = IdeaFactory(
        title="Reparationskafé i Stenhamra", is_public=True, name="Kjell Åström", email="kjell@example.org",
        what="En lördag i månaden lagar vi cyklar, kläder och lampor tillsammans.\n\nMindre slängs, mer delas.",
        for_whom="Alla i Stenhamra som vill laga i stället för att köpa nytt.", place="Stenhamra fritidsgård",
        help_wanted="En lokal och hjälp att söka bidrag för verktyg.")
    cafe.areas.set(Area.objects.filter(slug__in=["natur", "innovation"]))
    cafe.districts.set([stenhamra])
    cafe.sdg_goals.set([12])
    services.take_idea(by=karin, idea=cafe)
    services.move_forward(by=karin, idea=cafe, note="Fritidsgården lånar ut lokalen.", on=timezone.localdate())
    services.record_support(by=karin, idea=cafe, kind="coaching", hours=2, on=timezone.localdate())
    IdeaFactory(title="Högläsning för äldre på Färentuna", name="Greta Nordin", email="greta@example.org")
    return Idea.objects.get(pk=cafe.pk)


def path_of(name: str, language: str, idea) -> str:
    with translation.override(language):
        return {
            "gallery": reverse("ideas:gallery"),
            "new": reverse("ideas:new"),
            "private": idea.get_private_url(),
            "board": reverse("ideas:board"),
            "idea": idea.get_absolute_url(),
        }[name]


def assert_no_violations(page):
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", PAGES)
def test_idea_lab_pages_have_no_accessibility_problems(page, context, live_server, lab, karin, name, language):
    if name in ("board", "idea"):
        log_in(context, karin, live_server)
    path = path_of(name, language, lab)

    response = page.goto(path)

    assert response.status == 200, path
    assert page.evaluate("document.documentElement.lang") == language
    assert page.locator("h1").count() == 1
    if name in ("gallery", "board", "idea"):
        assert "Reparationskafé i Stenhamra" in page.locator("main").inner_text()
    assert_no_violations(page)
    page.set_viewport_size({"width": 320, "height": 700})
    assert horizontal_overflow(page) == 0, f"{path} scrolls sideways at 320 px"
    if language == "sv":
        save_screenshots(page, f"ideas-{name}-{language}")


def test_errors_on_the_idea_form_are_accessible(page, lab):
    page.goto(reverse("ideas:new"))
    submit_with_enter(page)

    assert page.locator(".error-summary").is_visible()
    assert page.locator("#id_what").get_attribute("aria-invalid") == "true"
    assert Idea.objects.count() == 2
    assert_no_violations(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_ali_sends_an_idea_with_the_keyboard_only(page, lab, language):
    with translation.override(language):
        new = reverse("ideas:new")
        gallery = reverse("ideas:gallery")
    page.goto(gallery)
    tab_to(page, f"main a[href='{new}']")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{new}")

    for selector, text in [("#id_title", "Språkcafé på biblioteket"),
                           ("#id_what", "Ett språkcafé varje tisdag där vi pratar svenska över en kopp kaffe."),
                           ("#id_for_whom", "Nyanlända och alla som vill träffa nya grannar."),
                           ("#id_name", "Ali Hassan"), ("#id_email", "ali@example.org")]:
        tab_to(page, selector)
        page.keyboard.type(text)
    tab_to(page, "#id_is_public")
    page.keyboard.press("Space")
    assert focused(page)["checked"]
    tab_to(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/ide/**")

    idea = Idea.objects.get(title="Språkcafé på biblioteket")
    assert (idea.name, idea.email, idea.is_public, idea.author) == ("Ali Hassan", "ali@example.org", True, None)
    assert page.locator(".notice--success").is_visible(), "the page thanks him"
    assert_no_violations(page)
    if language == "sv":
        save_screenshots(page, "ideas-sent-sv")


@pytest.mark.parametrize("language", LANGUAGES)
def test_karin_takes_an_idea_from_the_board_and_moves_it_on_with_the_keyboard(page, context, live_server, lab, karin,
                                                                              language):
    queued = Idea.objects.get(title="Högläsning för äldre på Färentuna")
    log_in(context, karin, live_server)
    with translation.override(language):
        board, take = reverse("ideas:board"), reverse("ideas:take", args=[queued.pk])
        forward = reverse("ideas:forward", args=[queued.pk])
        idea_url = queued.get_absolute_url()
    page.goto(board)

    tab_to(page, f"form[action='{take}'] button")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{idea_url}")
    queued.refresh_from_db()
    assert queued.coach == karin

    tab_to(page, "#move_note")
    page.keyboard.type("Vi träffades på äldreboendet och pratade om hur läsestunden kan se ut.")
    tab_to(page, f"form[action='{forward}'] button")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    queued.refresh_from_db()
    assert queued.step == Step.INFORMATION
    assert page.locator(".notice--success").is_visible()
    assert_no_violations(page)
