"""The knowledge bank in a real browser: a guide, the list and the search have nothing axe-core
finds, in Swedish, English and Arabic, and do not scroll sideways at 320 px. A visitor searches
with the keyboard only and opens the guide found; an official edits a guide someone else saved
meanwhile and is told, with her text kept."""

import pytest
from django.urls import reverse
from django.utils import translation

from samverka.guides import services
from samverka.guides.tests.factories import make_guide

from .helpers import assert_no_violations, check_page, log_in, submit_with_enter, tab_to

pytestmark = pytest.mark.browser

LANGUAGES = ["sv", "en", "ar"]


@pytest.fixture
def guides(official):
    grant = make_guide(by=official, topic="apply_grant", title_sv="Så söker du bidrag",
                       summary_sv="Vad du behöver, hur du söker och vad som händer efter beslutet.",
                       body_sv="## Innan du söker\n\nLäs reglerna.\n\n## Det här behöver du\n\n- Organisationsnummer\n- Bankgiro",
                       title_ar="كيف تتقدم بطلب منحة", summary_ar="ما تحتاجه.", body_ar="## قبل أن تتقدم\n\nاقرأ القواعد.")
    make_guide(by=official, topic="start_association", title_sv="Så startar du en förening",
               summary_sv="Det första mötet, stadgar och styrelse.", body_sv="## Första mötet\n\nKalla till möte.",
               title_en="Starting an association", summary_en="The first meeting.", body_en="## First\n\nCall a meeting.")
    return grant


def _path(name, language, guide):
    with translation.override(language):
        return {"guide": guide.get_absolute_url(), "index": reverse("guides:index"),
                "search": reverse("guides:search") + "?q=f%C3%B6rening"}[name]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", ["guide", "index", "search"])
def test_guide_pages_have_no_accessibility_problems(page, live_server, guides, name, language):
    page.goto(live_server.url)
    check_page(page, live_server.url + _path(name, language, guides), f"guides-{name}", language)


def test_a_visitor_searches_by_keyboard_and_opens_the_guide(page, live_server, guides):
    page.goto(live_server.url + reverse("guides:index"))
    tab_to(page, "#id_q")
    page.keyboard.type("foreningar")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Så startar du en förening" in page.locator("main").inner_text()
    tab_to(page, "main .card__title a")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("h1").inner_text() == "Så startar du en förening"
    assert_no_violations(page)


def test_an_edit_on_top_of_another_is_refused_with_the_text_kept(page, context, live_server, guides, official,
                                                                  administrator):
    log_in(context, official, live_server)
    page.goto(live_server.url + reverse("guides:edit", args=[guides.slug]))
    services.edit_guide(by=administrator, guide=guides, data={"summary_sv": "Maja ändrade."}, base=1)
    page.fill("#id_summary_sv", "Sara skrev det här.")
    submit_with_enter(page)
    assert page.locator(".error-summary").is_visible()
    assert page.locator("#id_summary_sv").input_value() == "Sara skrev det här."
    assert page.locator("main a[href*='historik']").count() >= 1
    assert_no_violations(page)


@pytest.mark.parametrize("name", ["edit", "history"])
def test_the_writers_pages_have_no_accessibility_problems(page, context, live_server, guides, official, name):
    services.edit_guide(by=official, guide=guides, data={"body_sv": "## Innan du söker\n\nLäs reglerna noga."}, base=1)
    log_in(context, official, live_server)
    check_page(page, live_server.url + reverse(f"guides:{name}", args=[guides.slug]), f"guides-{name}", "sv")
