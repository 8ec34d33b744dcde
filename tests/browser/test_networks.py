"""Standing groups in a real browser: axe-core finds nothing on a group's public page, a
meeting page with its agenda, documents and approved minutes, and the secretary's minutes form
(empty and with an error), in Swedish, English and Arabic; none scrolls sideways on a 320 px
phone. The secretary writes the minutes and the chair approves them with the keyboard only.
Screenshots (desktop and phone) go to ./screenshots for a person to look at."""

from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils import timezone, translation

from samverka.accounts.tests.factories import UserFactory
from samverka.networks import services
from samverka.networks.models import AgendaItem, Membership, Minutes
from samverka.networks.tests.factories import GroupFactory, MeetingFactory, PointFactory

from .helpers import horizontal_overflow, log_in, save_screenshots, tab_to

pytestmark = pytest.mark.browser

LANGUAGES = ["sv", "en", "ar"]
DIRECTION = {"sv": "ltr", "en": "ltr", "ar": "rtl"}


@pytest.fixture
def scene(official):
    office = official.office_memberships.get().office
    group = GroupFactory(name="Öar utan gränser", slug="oar-utan-granser", office=office,
                         purpose="Ett nätverk för alla som vill bidra till ett bra mottagande av nya Ekeröbor.")
    chair = UserFactory(first_name="Helena", last_name="Strand", email="helena@example.org")
    secretary = UserFactory(first_name="Tomas", last_name="Öhman", email="tomas@example.org")
    member = UserFactory(first_name="Amira", last_name="Saleh", email="amira@example.org")
    Membership.objects.create(group=group, user=chair, role=Membership.Role.CHAIR)
    Membership.objects.create(group=group, user=secretary, role=Membership.Role.SECRETARY)
    Membership.objects.create(group=group, user=member)
    start = timezone.now() - timedelta(days=3)
    past = MeetingFactory(group=group, title="Nätverksträff: Läxhjälpen i Stenhamra", start=start,
                          end=start + timedelta(hours=2), series="Nätverksträffar")
    for n, title in enumerate(["Mötets öppnande", "Val av justerare", "Läxhjälpen i Stenhamra", "Övriga frågor"]):
        AgendaItem.objects.create(meeting=past, title=title, proposed_by=chair,
                                  created_at=start - timedelta(days=7, minutes=-n))
    past.attendees.set([chair, secretary, member])
    minutes = services.save_minutes(by=secretary, meeting=past, text="§1 Mötet öppnas.\n§2 Läxhjälpen behöver fler "
                                    "vuxna på onsdagar.", decisions=["Amira frågar föräldraföreningen."], revision=0)
    services.approve_minutes(by=chair, meeting=past, revision=minutes.revision)
    PointFactory(meeting=past, owner_user=member, title="Fråga föräldraföreningen om läxhjälpen")
    draft_start = timezone.now() - timedelta(hours=4)
    draft = MeetingFactory(group=group, title="Planeringsmöte", start=draft_start,
                           end=draft_start + timedelta(hours=2))
    coming = timezone.now() + timedelta(days=10)
    open_meeting = MeetingFactory(group=group, title="Öppen nätverksträff", start=coming,
                                  end=coming + timedelta(hours=2), is_open=True)
    return {"group": group, "chair": chair, "secretary": secretary, "past": past, "draft": draft,
            "open": open_meeting}


def assert_no_violations(page):
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def path_of(name, language, *args):
    with translation.override(language):
        return reverse(name, args=args)


def check(page, path, name, language):
    response = page.goto(path)
    assert response.status == 200, path
    assert page.evaluate("document.documentElement.lang") == language
    assert page.evaluate("document.documentElement.dir") == DIRECTION[language]
    assert page.locator("h1").count() == 1
    assert_no_violations(page)
    page.set_viewport_size({"width": 320, "height": 700})
    assert horizontal_overflow(page) == 0, f"{path} scrolls sideways at 320 px"
    page.set_viewport_size({"width": 1280, "height": 900})
    if language == "sv":
        save_screenshots(page, f"networks-{name}-{language}")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_public_group_page_has_no_accessibility_problems(page, live_server, scene, language):
    check(page, path_of("networks:group", language, scene["group"].slug), "group", language)
    assert "Öppen nätverksträff" in page.locator("main").inner_text()
    assert "amira@example.org" not in page.content()


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_meeting_page_with_agenda_and_minutes_has_no_accessibility_problems(page, context, live_server, scene,
                                                                              language):
    log_in(context, scene["chair"], live_server)
    check(page, path_of("networks:meeting", language, scene["past"].pk), "meeting", language)
    main = page.locator("main").inner_text()
    assert "Läxhjälpen i Stenhamra" in main and "Amira frågar föräldraföreningen." in main


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_minutes_form_has_no_accessibility_problems(page, context, live_server, scene, language):
    log_in(context, scene["secretary"], live_server)
    check(page, path_of("networks:minutes", language, scene["draft"].pk), "minutes-form", language)
    # Sent empty: the message next to the field and the summary are accessible too.
    page.locator("main form button[type=submit]").click()
    page.wait_for_selector(".error-summary")
    assert_no_violations(page)
    if language == "sv":
        save_screenshots(page, "networks-minutes-form-errors-sv")


def test_the_secretary_writes_and_the_chair_approves_with_the_keyboard(page, context, live_server, scene):
    meeting = scene["draft"]
    log_in(context, scene["secretary"], live_server)
    page.goto(reverse("networks:minutes", args=[meeting.pk]))
    tab_to(page, "#id_text")
    page.keyboard.type("§1 Mötet öppnas.")
    page.keyboard.press("Enter")
    page.keyboard.type("§2 Höstens program.")
    tab_to(page, "#id_decisions")
    page.keyboard.type("Programmet skickas ut i augusti.")
    tab_to(page, "main form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    minutes = Minutes.objects.get(meeting=meeting)
    assert minutes.text.replace("\r\n", "\n") == "§1 Mötet öppnas.\n§2 Höstens program."
    assert [d.text for d in minutes.decisions.all()] == ["Programmet skickas ut i augusti."]
    assert_no_violations(page)

    context.clear_cookies()
    log_in(context, scene["chair"], live_server)
    page.goto(reverse("networks:meeting", args=[meeting.pk]))
    tab_to(page, f"form[action='{reverse('networks:approve', args=[meeting.pk])}'] button")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    minutes.refresh_from_db()
    assert minutes.is_approved and minutes.approved_by == scene["chair"]
    assert page.locator(".notice--success").is_visible()
    save_screenshots(page, "networks-approved-sv")
