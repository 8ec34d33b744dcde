"""The one way in, in a real browser: axe-core finds nothing on the form (empty and with
errors), the sender's own page, the officials' inbox and a case page, in Swedish and
English; none of them scrolls sideways on a 320 px phone. Lina sends a question with the
keyboard only. Screenshots (desktop and phone) go to ./screenshots for a person to look at."""

from datetime import timedelta

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone, translation

from samverka.cases import defaults
from samverka.cases.models import Case, Topic
from samverka.cases.services import add_note, answer_case, submit_case
from samverka.municipality.models import District
from samverka.municipality.tests.factories import OfficeFactory

from .helpers import assert_no_violations, check_page, focused, log_in, save_screenshots, tab_to

pytestmark = pytest.mark.browser

LANGUAGES = ["sv", "en"]


@pytest.fixture
def municipality(official):
    """The offices with the default topics and routing rules, and a few parts of the municipality."""
    for slug, name in (("kultur-och-fritidskontoret", "Kultur- och fritidskontoret"), ("socialkontoret", "Socialkontoret"),
                       ("teknik-och-exploateringskontoret", "Teknik- och exploateringskontoret"),
                       ("barn-och-utbildningsforvaltningen", "Barn- och utbildningsförvaltningen")):
        OfficeFactory(slug=slug, name=name, name_en=name)
    defaults.load(apps)
    for n, name in enumerate(["Ekerö centrum", "Stenhamra", "Skå", "Adelsö"]):
        District.objects.get_or_create(slug=f"d{n}", defaults={"name": name, "name_en": name, "position": n})


@pytest.fixture
def inbox(municipality, official):
    """Six cases at the culture and leisure office: two late, one answered."""
    now = timezone.now()
    topics = {t.slug: t for t in Topic.objects.all()}
    rows = [
        (12, "lokaler", "Finns det någon lokal i Träkvista där vår kör kan öva på onsdagskvällar?"),
        (9, "kultur-och-fritid", "Kan biblioteket ordna sagostund på Adelsö någon gång i månaden?"),
        (3, "foreningsliv-och-bidrag", "Hur kommer vår nya förening med i föreningsregistret?"),
        (2, "annat", "Jag vill starta en syjunta för kvinnor som är nya i Sverige. Kan kommunen hjälpa?"),
        (1, "kultur-och-fritid", "Vi kan hålla en kurs i släktforskning för seniorer i höst."),
        (0, "lokaler", "Idrottshallen var låst när vår bokade tid började."),
    ]
    cases = []
    for n, (days, topic, message) in enumerate(rows):
        cases.append(submit_case(by=None, kind="question", topic=topics[topic], district=District.objects.first(),
                                 message=message, name=f"Avsändare {n}", email=f"s{n}@example.org",
                                 now=now - timedelta(days=days)))
    add_note(by=official, case=cases[0], text="Har ringt Träkvista skola.")
    answer_case(by=official, case=cases[2], text="Skapa ett konto och välj Lägg till din förening.")
    return cases


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_form_has_no_accessibility_problems(page, live_server, municipality, language):
    with translation.override(language):
        path = reverse("cases:new")
    check_page(page, path, "cases-form", language)
    # Sent empty: the error summary and the messages next to the fields are accessible too.
    page.locator("main form button[type=submit]").click()
    page.wait_for_selector(".error-summary")
    assert_no_violations(page)
    if language == "sv":
        save_screenshots(page, "cases-form-errors-sv")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_inbox_and_a_case_page_have_no_accessibility_problems(page, context, live_server, official, inbox,
                                                                  language):
    log_in(context, official, live_server)
    with translation.override(language):
        inbox_path = reverse("cases:inbox")
        case_path = reverse("cases:case", args=[inbox[0].reference])
    check_page(page, inbox_path, "cases-inbox", language)
    assert page.locator(".case-table tbody tr").first.inner_text().startswith(inbox[0].reference), "late first"
    check_page(page, case_path, "cases-case", language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_senders_page_has_no_accessibility_problems(page, live_server, inbox, language):
    case = inbox[2]  # answered
    path = case.get_private_url() if language == "sv" else "/en" + case.get_private_url()
    check_page(page, path, "cases-status", language)


def test_lina_sends_a_question_with_the_keyboard_only(page, live_server, municipality):
    page.goto("/")
    tab_to(page, f"header a[href='{reverse('cases:new')}']")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{reverse('cases:new')}")

    tab_to(page, "#id_kind_0")
    page.keyboard.press("Space")                   # "I have a question"
    assert focused(page)["checked"]
    page.keyboard.press("Tab")                     # to the topics
    assert focused(page)["name"] == "topic"
    page.keyboard.press("ArrowDown")               # the second topic: premises
    assert focused(page)["checked"]
    page.keyboard.press("Tab")
    assert focused(page)["id"] == "id_district"
    page.keyboard.press("ArrowDown")               # the first part of the municipality
    page.keyboard.press("Tab")
    assert focused(page)["id"] == "id_message"
    page.keyboard.type("Var kan vår kör öva på onsdagskvällar?")
    page.keyboard.press("Tab")
    assert focused(page)["id"] == "id_name"
    page.keyboard.type("Lina Sandberg")
    page.keyboard.press("Tab")
    assert focused(page)["id"] == "id_email"
    page.keyboard.type("lina@example.org")
    tab_to(page, "main form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    case = Case.objects.get()
    assert (case.kind, case.topic.slug, case.name, case.email) == ("question", "lokaler", "Lina Sandberg",
                                                                  "lina@example.org")
    assert case.district is not None
    assert case.office.slug == "kultur-och-fritidskontoret"
    assert page.url.endswith(case.get_private_url())
    assert case.reference in page.locator("h1").inner_text()
    assert page.locator(".notice--success").is_visible(), "the page thanks her"
    assert_no_violations(page)
    save_screenshots(page, "cases-sent-sv")

    # On her private page she writes more (the browser's Origin header passes the CSRF check).
    tab_to(page, "main form textarea")
    page.keyboard.type("Vi är ungefär tjugo sångare.")
    tab_to(page, "main form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(case.get_private_url())
    assert "Vi är ungefär tjugo sångare." in page.locator("main").inner_text()
    assert case.events.filter(text="Vi är ungefär tjugo sångare.").exists()
