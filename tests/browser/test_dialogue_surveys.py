"""Surveys in a real browser: a resident answers every kind of question with the keyboard only,
in Swedish and in Arabic (right to left), and axe-core finds nothing on the form; the results
page with its SVG charts and tables passes axe, has one h1 and does not scroll sideways at 320 px."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils.translation import override

from samverka.accounts.tests.factories import UserFactory
from samverka.dialogue import services_surveys
from samverka.dialogue.models import Response, Survey
from samverka.dialogue.tests.factories_surveys import five_kinds, open_survey_with_phase

from .helpers import horizontal_overflow, log_in, save_screenshots, submit_with_enter, tab_to

LANGUAGES = ["sv", "ar"]

# The words of the results tables' body cells that the browser split over two lines (the column
# heads may be hyphenated: long Swedish words).
SPLIT_WORDS = """() => {
  const split = [];
  for (const cell of document.querySelectorAll('.survey-result__table tbody th, .survey-result__table td')) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const m of node.data.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
        if (tops.size > 1) split.push(m[0]);
      }
    }
  }
  return split;
}"""

# The tables whose frame scrolls sideways (wider than the frame).
FRAME_SCROLLS = """() => [...document.querySelectorAll('.survey-result__scroll')]
  .filter(frame => frame.scrollWidth > frame.clientWidth + 1).map(frame => frame.getAttribute('aria-labelledby'))"""


def assert_no_violations(page):
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def address(name, language, *args):
    with override(language):
        return reverse(name, args=args)


@pytest.mark.parametrize("language", LANGUAGES)
def test_answering_a_survey_by_keyboard(page, context, live_server, language):
    survey = open_survey_with_phase(title="Enkät om fritiden")
    q = five_kinds(survey)
    resident = UserFactory(first_name="Lina", last_name="Sandberg")
    log_in(context, resident, live_server)
    page.goto(address("dialogue:survey_answer", language, survey.pk))
    assert page.evaluate("document.documentElement.lang") == language
    assert page.locator("h1").count() == 1
    assert_no_violations(page)

    # A first try with nothing chosen: the error summary takes focus and links to the fields.
    submit_with_enter(page)
    assert page.locator(".error-summary").count() == 1
    assert_no_violations(page)

    tab_to(page, f"#id_q{q['choice'].pk}_0")
    page.keyboard.press("Space")
    tab_to(page, f"#id_q{q['multiple'].pk}_0")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    tab_to(page, f"#id_q{q['scale'].pk}_0")
    page.keyboard.press("Space")
    for _ in range(3):
        page.keyboard.press("ArrowDown")  # the next step, whichever way the page runs
    tab_to(page, f"#id_q{q['text'].pk}")
    page.keyboard.type("Fler kvällsaktiviteter.")
    for place, option in enumerate(q["ranking"].options.all(), start=1):
        tab_to(page, f"#id_q{q['ranking'].pk}_{option.pk}")
        page.keyboard.type(str(4 - place))
    submit_with_enter(page)

    response = Response.objects.get(survey=survey)
    answers = {a.question_id: a for a in response.answers.all() if a.question_id != q["multiple"].pk}
    assert answers[q["choice"].pk].option_text == "Ja"
    assert response.answers.filter(question=q["multiple"]).count() == 2
    assert answers[q["scale"].pk].number == 4
    assert answers[q["text"].pk].text == "Fler kvällsaktiviteter."
    ranked = response.answers.filter(question=q["ranking"]).order_by("number")
    assert [a.option_text for a in ranked] == ["En väg in", "Återkoppling", "Tidig dialog"]
    assert page.locator(".messages, [role=status]").first.is_visible()
    assert_no_violations(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_results_page_with_its_charts(page, context, live_server, language):
    survey = open_survey_with_phase(title="Enkät om samverkan")
    q = five_kinds(survey)
    options = {k: list(q[k].options.all()) for k in ("choice", "multiple", "ranking")}
    for i in range(12):
        services_surveys.answer(by=UserFactory(), survey=survey, answers={
            q["choice"]: options["choice"][i % 3], q["multiple"]: options["multiple"][: 1 + i % 3],
            q["scale"]: 1 + i % 5, q["ranking"]: options["ranking"][i % 3:] + options["ranking"][:i % 3],
            q["text"]: f"Synpunkt {i}"})
    Survey.objects.filter(pk=survey.pk).update(status=Survey.Status.CLOSED)
    response = page.goto(address("dialogue:survey_results", language, survey.pk))
    assert response.status == 200
    assert page.locator("h1").count() == 1
    assert page.locator("svg[role=img]").count() == 4
    assert page.locator("svg[role=img] title").count() == 4
    assert page.locator("table").count() == 4
    assert_no_violations(page)
    for width in (320, 1280):
        page.set_viewport_size({"width": width, "height": 700})
        assert horizontal_overflow(page) == 0
        assert page.evaluate(SPLIT_WORDS) == [], width  # no "Sva r" or "Ranke d" in a table's cells
        assert page.evaluate(FRAME_SCROLLS) == [], width  # the heads fit: no table scrolls in its frame
        page.screenshot(path=f"screenshots/dialogue-survey-results-table-{language}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    save_screenshots(page, f"dialogue-survey-results-{language}")
