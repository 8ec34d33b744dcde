"""Dialogue processes in a real browser: axe-core finds nothing on the list of dialogues, a
process page with its matrix and timeline, the proposal form and a proposal with its feedback,
in Swedish, English and Arabic, and none of them scrolls sideways on a 320 px phone. Lina makes
a proposal with the keyboard only. Screenshots go to ./screenshots for a person to look at."""

from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils import timezone, translation

from samverka.dialogue.models import FeedbackItem, Phase, PhaseKind, Proposal
from samverka.dialogue.tests.factories import CommentFactory, FeedbackItemFactory, ProcessFactory, ProposalFactory

from .helpers import horizontal_overflow, log_in, save_screenshots, tab_to

pytestmark = pytest.mark.browser

LANGUAGES = ["sv", "en", "ar"]
PAGES = ["list", "process", "propose", "proposal"]


@pytest.fixture
def dialogue(official, resident, actor):
    office = official.office_memberships.get().office
    now = timezone.now()
    process = ProcessFactory(
        office=office, contact=official, slug="ungas-ekero", title="Ungas Ekerö – vad vill du göra på fritiden?",
        summary="Vi frågar unga mellan 13 och 19 år vad som saknas på fritiden.",
        purpose="Kultur- och fritidsnämnden ska besluta om fritidsgårdarnas verksamhet.\n\nInnan dess vill vi höra er.",
        to_decide="Fritidsgårdarnas öppettider nästa år.", level="dialogue", stage="agenda_setting")
    Phase.objects.create(process=process, kind=PhaseKind.INFORMATION, name="Start", starts_at=now - timedelta(days=20),
                         ends_at=now - timedelta(days=10))
    Phase.objects.create(process=process, kind=PhaseKind.MEETINGS, name="Workshop", starts_at=now + timedelta(days=25),
                         ends_at=now + timedelta(days=40))
    proposal = ProposalFactory(process=process, author=resident, title="Öppna fritidsgården på lördagar",
                               body="På helgerna finns inget ställe att vara på i Stenhamra.")
    root = CommentFactory(process=process, proposal=proposal, body="Ja, och på Ekebyhov också!")
    CommentFactory(process=process, proposal=proposal, parent=root, body="Håller med.")
    CommentFactory(process=process, body="Ring mig", visibility="hidden", hidden_reason="Dold: ett telefonnummer.")
    FeedbackItemFactory(process=process, proposal=proposal, title=proposal.title, said=proposal.body,
                        status=FeedbackItem.Status.GIVEN, outcome="partly", given_at=now,
                        response="Från januari har Stenhamra fritidsgård öppet varannan lördag.")
    return process


def path_of(name, language, process):
    with translation.override(language):
        return {"list": reverse("dialogue:index"), "process": process.get_absolute_url(),
                "propose": reverse("dialogue:propose", args=[process.slug]),
                "proposal": process.proposals.get().get_absolute_url()}[name]


def assert_no_violations(page):
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", PAGES)
def test_dialogue_pages_have_no_accessibility_problems(page, context, live_server, dialogue, resident, name,
                                                       language):
    if name in ("propose", "process"):
        log_in(context, resident, live_server)
    path = path_of(name, language, dialogue)

    response = page.goto(path)

    assert response.status == 200, path
    assert page.evaluate("document.documentElement.lang") == language
    assert page.locator("h1").count() == 1
    if name == "process":
        assert page.locator("td[aria-current='true']").count() == 1
        assert page.locator(".timeline [aria-current='step']").count() == 1
    assert_no_violations(page)
    page.set_viewport_size({"width": 320, "height": 700})
    assert horizontal_overflow(page) == 0, f"{path} scrolls sideways at 320 px"
    if language == "sv":
        save_screenshots(page, f"dialogue-{name}-{language}")


def test_lina_makes_a_proposal_with_the_keyboard_only(page, context, live_server, dialogue, resident):
    log_in(context, resident, live_server)
    propose = reverse("dialogue:propose", args=[dialogue.slug])
    page.goto(dialogue.get_absolute_url())

    tab_to(page, f"main a.button[href='{propose}']")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{propose}")
    tab_to(page, "#id_title")
    page.keyboard.type("Ett e-sportrum på Ekebyhov")
    tab_to(page, "#id_body")
    page.keyboard.type("Ett rum med några datorer där man kan spela tillsammans.")
    tab_to(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    made = None
    page.wait_for_url("**/dialog/forslag/*/")
    made = Proposal.objects.get(title="Ett e-sportrum på Ekebyhov")
    assert made.author == resident and FeedbackItem.objects.filter(proposal=made).exists()
    assert page.locator(".notice--success").is_visible()
    assert_no_violations(page)
    save_screenshots(page, "dialogue-proposed-sv")
