"""The calendar in a real browser: axe-core finds nothing on the calendar (list, week and
month), an activity page, the registration form, the organiser's edit form and the form that moves
one date, in Swedish
and English, and none of them scrolls sideways on a 320 px phone. Lina registers for the
language café and cancels again with the keyboard only. Screenshots (desktop and phone) go
to ./screenshots for a person to look at."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils import timezone, translation

from samverka.activities.models import Registration
from samverka.activities.tests.factories import (
    ActivityFactory,
    MeetingPlaceFactory,
    RegistrationActivityFactory,
    in_days,
)
from samverka.communication.models import OutboxMessage
from samverka.municipality.models import Area, District, Language, TargetGroup

from .helpers import focused, horizontal_overflow, log_in, save_screenshots, submit_with_enter, tab_to

pytestmark = pytest.mark.browser

LANGUAGES = ["sv", "en"]
PAGES = ["calendar_list", "calendar_week", "calendar_month", "activity", "register", "edit", "move"]


@pytest.fixture
def calendar(actor, other_actor):
    """A week of activities around Ekerö, the language café taking registrations."""
    ekero = District.objects.create(slug="ekero-centrum", name="Ekerö centrum", name_en="Ekerö centrum")
    library = MeetingPlaceFactory(name="Ekerö bibliotek", slug="ekero-bibliotek", district=ekero,
                                  step_free_entry=True, hearing_loop=True)
    cafe = RegistrationActivityFactory(
        actor=actor, title="Språkcafé på biblioteket", slug="sprakcafe", place=library, capacity=12,
        summary="Vi pratar svenska och fikar tillsammans.",
        description="Alla är välkomna, oavsett hur mycket svenska du kan.\n\nVi bjuder på kaffe.",
        start=in_days(1, 18), end=in_days(1, 20), rrule="FREQ=WEEKLY;COUNT=6",
        accessibility_notes="Hiss finns vid entrén.")
    cafe.areas.set(Area.objects.filter(slug__in=["integration", "kultur"]))
    cafe.target_groups.set(TargetGroup.objects.filter(slug__in=["nyanlanda", "vuxna"]))
    cafe.languages.set(Language.objects.order_by("pk")[:2])
    cafe.sdg_goals.set([4, 10])
    walk = ActivityFactory(actor=other_actor, title="Stavgång i Skå", district=ekero, is_free=False, cost="20 kr",
                           start=in_days(2, 10), end=in_days(2, 11), summary="Vi går i skogen och fikar efteråt.")
    walk.areas.set(Area.objects.filter(slug="folkhalsa"))
    ActivityFactory(actor=actor, title="Balansträning", start=in_days(3, 14), end=in_days(3, 15),
                    rrule="FREQ=WEEKLY;COUNT=8", place=library)
    return cafe


def path_of(name: str, language: str, activity) -> str:
    with translation.override(language):
        calendar = reverse("activities:calendar")
        # The week and month of the café's first date (tomorrow is in next week on a Sunday).
        first = f"{timezone.localdate(activity.occurrences.order_by('start')[0].start):%Y-%m-%d}"
        return {
            "calendar_list": calendar,
            "calendar_week": calendar + f"?view=week&date={first}",
            "calendar_month": calendar + f"?view=month&date={first}",
            "activity": activity.get_absolute_url(),
            "register": reverse("activities:register", args=[activity.slug, activity.occurrences.order_by("start")[0].pk]),
            "edit": reverse("activities:edit", args=[activity.slug]),
            "move": reverse("activities:move_occurrence",
                            args=[activity.slug, activity.occurrences.order_by("start")[1].pk]),
        }[name]


def assert_no_violations(page):
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", PAGES)
def test_activity_page_has_no_accessibility_problems(page, context, live_server, calendar, representative,
                                                     name, language):
    if name in ("edit", "move"):
        log_in(context, representative, live_server)
    path = path_of(name, language, calendar)

    response = page.goto(path)

    assert response.status == 200, path
    assert page.evaluate("document.documentElement.lang") == language
    assert page.locator("h1").count() == 1
    if name.startswith("calendar"):
        assert "Språkcafé på biblioteket" in page.locator("#results").inner_text(), "the calendar shows the café"
    assert_no_violations(page)
    page.set_viewport_size({"width": 320, "height": 700})
    assert horizontal_overflow(page) == 0, f"{path} scrolls sideways at 320 px"
    if language == "sv":
        save_screenshots(page, f"activities-{name}-{language}")


def test_registration_errors_are_accessible(page, live_server, calendar):
    page.goto(path_of("register", "sv", calendar))
    page.locator("#id_name").fill("Lina")
    page.locator("#id_email").fill("inte en adress")

    submit_with_enter(page)

    summary = page.locator(".error-summary")
    assert summary.is_visible()
    email = page.locator("#id_email")
    assert email.get_attribute("aria-invalid") == "true"
    assert email.input_value() == "inte en adress", "the input is kept"
    assert not Registration.objects.exists()
    assert_no_violations(page)
    save_screenshots(page, "activities-register-errors-sv")


def test_lina_registers_and_cancels_with_the_keyboard_only(page, live_server, calendar):
    first = calendar.occurrences.order_by("start")[0]
    register = reverse("activities:register", args=[calendar.slug, first.pk])

    # The activity page: to the first date's "Register" button.
    page.goto(calendar.get_absolute_url())
    tab_to(page, f"main a[href='{register}']")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{register}")

    # Name and e-mail address, no account.
    tab_to(page, "#id_name")
    page.keyboard.type("Lina Sandberg")
    page.keyboard.press("Tab")
    assert focused(page)["id"] == "id_email"
    page.keyboard.type("lina@example.org")
    tab_to(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/anmal/skickad/")
    assert_no_violations(page)

    registration = Registration.objects.get()
    assert (registration.name, registration.email, registration.user, registration.occurrence_id) == (
        "Lina Sandberg", "lina@example.org", None, first.pk)
    assert registration.status == Registration.Status.UNCONFIRMED

    # The message with the link waits in the outbox; she opens it and confirms.
    message = OutboxMessage.objects.get(to="lina@example.org")
    link = re.search(r"/aktiviteter/anmalan/[^/\s]+/", message.body_text)
    assert link, message.body_text
    assert link.group(0) == registration.get_absolute_url()
    page.goto(link.group(0))
    tab_to(page, "main form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED
    assert page.locator(".notice--success").last.is_visible(), "the page says she has a place"
    save_screenshots(page, "activities-registered-sv")

    # The same page, reached by the same link, cancels.
    tab_to(page, "main form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED
    assert page.locator(".notice--warning").is_visible(), "the page says the registration is cancelled"
    assert page.locator("main form button[type=submit]").count() == 0, "nothing more to cancel"
    assert_no_violations(page)
    save_screenshots(page, "activities-cancelled-sv")


def test_eva_moves_a_date_and_a_visitor_sees_it_at_once(page, context, live_server, calendar, representative):
    """The visitor's activity page is cached; the new time shows all the same."""
    from django.utils import timezone

    second = calendar.occurrences.order_by("start")[1]
    visitor = context.browser.new_context(base_url=live_server.url, locale="sv-SE")
    other = visitor.new_page()
    other.goto(calendar.get_absolute_url())
    assert "19.30–21.00" not in other.locator("main").inner_text()

    log_in(context, representative, live_server)
    page.goto(reverse("activities:move_occurrence", args=[calendar.slug, second.pk]))
    assert_no_violations(page)
    page.locator("#id_start_time").fill("19:30")
    page.locator("#id_end_time").fill("21:00")
    submit_with_enter(page)
    page.wait_for_url(f"**{calendar.get_absolute_url()}")
    assert page.locator(".notice--success").is_visible()
    second.refresh_from_db()
    assert timezone.localtime(second.start).strftime("%H:%M") == "19:30"

    other.reload()
    assert "19.30–21.00" in other.locator("main").inner_text()
    assert_no_violations(other)
    save_screenshots(other, "activities-moved-date-sv")
    visitor.close()
