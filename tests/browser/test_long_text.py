"""Long words and long texts in Chromium: the month view wraps a title between words (at
320 px and on a desktop) and never inside one; a text pasted past a field's limit stays
whole, with a counter saying how much is too much."""

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from samverka.activities.tests.factories import ActivityFactory, in_days

from .helpers import DESKTOP, horizontal_overflow, log_in

pytestmark = pytest.mark.browser

TITLES = ["Seniorgympa på Kajutan", "Studiecirkel: Släktforskning för nybörjare",
          "Föreningsutbildning: Söka bidrag och verksamhetsstöd", "Språkcafé"]

# For each title: the characters after which a new line starts. Only a space may come before one.
BREAKS = """() => [...document.querySelectorAll(".month__title")].map(title => {
  const text = title.firstChild, breaks = [];
  let top = null;
  for (let i = 0; i < text.length; i++) {
    const range = document.createRange();
    range.setStart(text, i); range.setEnd(text, i + 1);
    const rect = range.getBoundingClientRect();
    if (rect.width === 0) continue;
    if (top !== null && rect.top > top + 2) breaks.push(text.data[i - 1]);
    top = rect.top;
  }
  return {text: text.data, breaks, clipped: title.scrollHeight > title.clientHeight + 1};
})"""


@pytest.mark.parametrize("width", [320, DESKTOP["width"]])
def test_month_titles_wrap_between_words(page, live_server, actor, width):
    day = timezone.localtime(in_days(7)).date()
    for n, title in enumerate(TITLES):
        ActivityFactory(actor=actor, title=title, start=in_days(7, hour=9 + n), end=in_days(7, hour=10 + n))
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{reverse('activities:calendar')}?view=month&date={day.isoformat()}")
    titles = page.evaluate(BREAKS)
    assert sorted(t["text"] for t in titles) == sorted(TITLES)
    for title in titles:
        assert set(title["breaks"]) <= {" "}, title
    assert horizontal_overflow(page) == 0
    for title in TITLES:  # the whole title stays in the link's text and its tooltip
        link = page.locator(".month__items a", has_text=title)
        assert link.get_attribute("title").endswith(title)


def test_a_long_paste_is_kept_whole_and_the_counter_says_how_much_is_too_much(page, live_server, representative):
    log_in(page.context, representative, live_server)
    page.goto(reverse("activities:create"))
    limit = page.locator("#id_description_limit")
    assert limit.inner_text() == "Du har 5\u00a0000 tecken kvar."  # grouped as Swedish writes numbers
    page.locator("#id_description").fill("x" * 5100)
    assert page.locator("#id_description").input_value() == "x" * 5100
    assert limit.inner_text() == "Du har 100 tecken för mycket."
    assert "field__limit--over" in limit.get_attribute("class")
    status = page.locator("#id_description_limit_status")  # said to a screen reader once typing pauses
    expect(status).to_have_text("Du har 100 tecken för mycket.", timeout=3000)
