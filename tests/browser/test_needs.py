"""Needs in a real browser: axe-core finds nothing on the list of needs, a need's page, the
answer form and the volunteer profile, in Swedish and English, and none of them scrolls
sideways on a 320 px phone. Lina answers a need with the keyboard only. Screenshots
(desktop and phone) go to ./screenshots for a person to look at."""

from datetime import date, timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils import timezone, translation

from samverka.municipality.models import Area, District
from samverka.needs.models import Answer, Need
from samverka.needs.tests.factories import NeedFactory
from samverka.volunteers.models import HelpKind

from .helpers import focused, horizontal_overflow, log_in, save_screenshots, submit_with_enter, tab_to

pytestmark = pytest.mark.browser

LANGUAGES = ["sv", "en"]
PAGES = ["list", "closed", "need", "answer", "profile"]


@pytest.fixture
def needs(official, actor):
    office = official.office_memberships.get().office
    ekero = District.objects.create(slug="ekero-centrum", name="Ekerö centrum", name_en="Ekerö centrum")
    HelpKind.objects.get_or_create(slug="sprak", defaults={"name": "Tolkning och språkstöd",
                                                           "name_en": "Interpreting and language support"})
    cafe = NeedFactory(
        office=office, contact=official, slug="ledare-sprakcafe", title="Ledare till språkcaféet på biblioteket",
        summary="Vi söker tre personer som vill leda samtal på enkel svenska en kväll i veckan.",
        description="Språkcaféet har vuxit: varje tisdag kommer över trettio personer.\n\nBiblioteket bjuder på fika.",
        district=ekero, place="Ekerö bibliotek, Tappströmsvägen 1", when_text="Tisdagar 18–20", people_needed=3,
        requirements="Du talar svenska obehindrat.", record_extract_required=True,
        starts_on=timezone.localdate() + timedelta(days=7), ends_on=timezone.localdate() + timedelta(days=120))
    cafe.areas.set(Area.objects.filter(slug__in=["integration", "kultur"]))
    cafe.sdg_goals.set([4, 10])
    cafe.help_kinds.set(HelpKind.objects.all())
    NeedFactory(office=None, actor=actor, title="Chaufförer till våra träffar", kind=Need.Kind.VOLUNTEERS)
    NeedFactory(office=office, title="Lokal för en föräldragrupp", kind=Need.Kind.PREMISES, people_needed=None)
    NeedFactory(office=office, title="Besöksvänner till Solrosen", status=Need.Status.CLOSED, closed_at=timezone.now(),
                outcome="Åtta besöksvänner kommer nu varje tisdag.")
    return cafe


def path_of(name: str, language: str, need) -> str:
    with translation.override(language):
        return {
            "list": reverse("needs:index"),
            "closed": reverse("needs:index") + "?status=closed",
            "need": need.get_absolute_url(),
            "answer": reverse("needs:answer", args=[need.slug]),
            "profile": reverse("volunteers:profile"),
        }[name]


def assert_no_violations(page):
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", PAGES)
def test_needs_pages_have_no_accessibility_problems(page, context, live_server, needs, resident, name, language):
    if name in ("answer", "profile"):
        log_in(context, resident, live_server)
    path = path_of(name, language, needs)

    response = page.goto(path)

    assert response.status == 200, path
    assert page.evaluate("document.documentElement.lang") == language
    assert page.locator("h1").count() == 1
    if name == "list":
        assert "Ledare till språkcaféet på biblioteket" in page.locator("#results").inner_text()
    assert_no_violations(page)
    page.set_viewport_size({"width": 320, "height": 700})
    assert horizontal_overflow(page) == 0, f"{path} scrolls sideways at 320 px"
    if language == "sv":
        save_screenshots(page, f"needs-{name}-{language}")


def test_answer_errors_are_accessible(page, context, live_server, needs, resident):
    log_in(context, resident, live_server)
    page.goto(path_of("answer", "sv", needs))
    submit_with_enter(page)

    assert page.locator(".error-summary").is_visible()
    assert page.locator("#id_message").get_attribute("aria-invalid") == "true"
    assert not Answer.objects.exists()
    assert_no_violations(page)


def test_lina_answers_a_need_with_the_keyboard_only(page, context, live_server, needs, resident, official):
    resident.birth_date = date(1988, 3, 14)  # an extract is asked: her account says she is an adult
    resident.save(update_fields=["birth_date"])
    log_in(context, resident, live_server)
    answer = reverse("needs:answer", args=[needs.slug])
    page.goto(needs.get_absolute_url())

    tab_to(page, f"main a[href='{answer}']")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{answer}")

    # "I want to help" is chosen; the arrow keys move to "We can offer something" and back.
    tab_to(page, "#id_kind_0")
    page.keyboard.press("ArrowDown")
    assert focused(page)["id"] == "id_kind_1" and focused(page)["checked"]
    page.keyboard.press("ArrowUp")
    assert focused(page)["id"] == "id_kind_0" and focused(page)["checked"] and focused(page)["value"] == "sign_up"
    tab_to(page, "#id_message")
    page.keyboard.type("Hej! Jag vill gärna leda ett bord på tisdagar.")
    tab_to(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{needs.get_absolute_url()}")

    item = Answer.objects.get()
    assert (item.user, item.need, item.kind) == (resident, needs, Answer.Kind.SIGN_UP)
    assert item.message == "Hej! Jag vill gärna leda ett bord på tisdagar."
    assert page.locator(".notice--success").is_visible(), "the page thanks her"
    assert page.locator(f"main a[href='{answer}']").count() == 1, "she can change her answer"
    assert_no_violations(page)
    save_screenshots(page, "needs-answered-sv")
