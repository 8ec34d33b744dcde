"""Consultations in a real browser: Eva drafts Parkinson Ekerö's answer and sends it with the
keyboard only, in Swedish and in Arabic (right to left); axe-core finds nothing on the answer
page (empty, drafted, sent) nor on the consultation page, and none scrolls sideways at 320 px."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils import translation

from samverka.dialogue.models import ConsultationAnswer, FeedbackItem
from samverka.dialogue.tests.factories_consultations import *  # noqa: F403  (its fixtures)

from .helpers import horizontal_overflow, log_in, save_screenshots, tab_to

pytestmark = pytest.mark.browser

LANGUAGES = ["sv", "ar"]


def assert_no_violations(page):
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def assert_fits_a_phone(page):
    page.set_viewport_size({"width": 320, "height": 700})
    assert horizontal_overflow(page) == 0, f"{page.url} scrolls sideways at 320 px"
    page.set_viewport_size({"width": 1280, "height": 900})


def path(name, args, language):
    with translation.override(language):
        return reverse(name, args=args)


@pytest.mark.parametrize("language", LANGUAGES)
def test_eva_drafts_and_sends_the_answer_with_the_keyboard_only(page, context, live_server, actor_recipient,
                                                                 representative, language):
    log_in(context, representative, live_server)
    response = page.goto(path("dialogue:consultation_answer", [actor_recipient.pk], language))
    assert response.status == 200
    assert page.evaluate("document.documentElement.lang") == language
    assert page.evaluate("document.documentElement.dir") == ("rtl" if language == "ar" else "ltr")
    assert page.locator("h1").count() == 1
    assert_no_violations(page)
    assert_fits_a_phone(page)

    tab_to(page, "#id_summary")
    page.keyboard.type("Parkinson Ekerö välkomnar förslaget.")
    page.keyboard.press("Tab")
    page.keyboard.type("Vid 75 år, så att fler nås i tid.")
    page.keyboard.press("Tab")
    page.keyboard.type("Information om föreningarnas träffar.")
    tab_to(page, "#answer-form button[type=submit]:not([name=send])")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    answer = ConsultationAnswer.objects.get(recipient=actor_recipient)
    assert (answer.status, answer.summary, answer.revision) == ("draft", "Parkinson Ekerö välkomnar förslaget.", 1)
    assert [p.text for p in answer.parts.all()] == ["Vid 75 år, så att fler nås i tid.",
                                                   "Information om föreningarnas träffar."]
    assert_no_violations(page)
    if language == "sv":
        save_screenshots(page, "dialogue-consultation-answer-draft-sv")

    tab_to(page, "#id_summary")
    page.keyboard.press("End")
    page.keyboard.type(" Skickat utan att spara först.")
    tab_to(page, "#answer-form button[name=send]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    answer.refresh_from_db()
    assert (answer.status, answer.sent_by) == ("sent", representative)
    assert answer.summary == "Parkinson Ekerö välkomnar förslaget. Skickat utan att spara först."
    assert FeedbackItem.objects.filter(answer=answer).count() == 1
    assert page.locator("#answer-form").count() == 0
    assert_no_violations(page)
    assert_fits_a_phone(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_consultation_page_has_no_accessibility_problems(page, context, live_server, actor_recipient, ali,
                                                             language):
    log_in(context, ali, live_server)
    response = page.goto(path("dialogue:consultation", [actor_recipient.consultation.pk], language))
    assert response.status == 200
    assert page.locator("h1").count() == 1
    assert_no_violations(page)
    assert_fits_a_phone(page)
    if language == "sv":
        save_screenshots(page, "dialogue-consultation-office-sv")
