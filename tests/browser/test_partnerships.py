"""Partnerships in a real browser: axe-core finds nothing on the list, a partnership's page, a
local compact and the milestone report form, in Swedish and English, and none of them scrolls
sideways on a 320 px phone. A visitor filters the list with the keyboard only, and a party's
representative reports a milestone done and signs the compact with the keyboard only."""

from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils import timezone, translation

from samverka.municipality.models import Area
from samverka.partnerships.models import Milestone, Signature
from samverka.partnerships.tests.factories import (
    CompactFactory,
    ContributionFactory,
    DocumentFactory,
    GoalFactory,
    MilestoneFactory,
    PartnershipFactory,
    PartyFactory,
)

from .helpers import focused, horizontal_overflow, log_in, save_screenshots, submit_with_enter, tab_to

pytestmark = pytest.mark.browser

LANGUAGES = ["sv", "en"]
PAGES = ["list", "partnership", "compact", "report", "manage", "add_milestone"]


@pytest.fixture
def scene(official, actor):
    office = official.office_memberships.get().office
    today = timezone.localdate()
    friends = PartnershipFactory(
        office=office, slug="vanfamiljer", title="Vänfamiljer och bosättning för nyanlända",
        summary="Församlingen, nätverket och kommunen tar emot nyanlända familjer tillsammans.",
        challenge="Familjer som bosätts på öarna kommer ofta till en tom lägenhet och känner ingen.\n\n"
                  "Vänfamiljerna och möbelåterbruket gör skillnad.",
        why_partnership="Verksamheten bygger på ideella vänfamiljer och församlingens lokaler; ingen kan köpa den.",
        case_number="SN 2026/41", decided_on=today - timedelta(days=130))
    friends.areas.set(Area.objects.filter(slug__in=["integration", "omsorg"]))
    friends.sdg_goals.set([10, 11])
    party = PartyFactory(partnership=friends, actor=actor, role="Vänfamiljerna och deras träffar")
    ContributionFactory(party=party, kind="volunteers", amount=25, unit="people",
                        description="Vänfamiljer som möter en nyanländ familj under ett år")
    ContributionFactory(party=PartyFactory(partnership=friends, actor=None, office=office), kind="money",
                        amount=120_000, unit="sek_year", description="Hyra av möbelförrådet och transporter")
    GoalFactory(partnership=friends, text="Varje nyanländ familj som vill får en vänfamilj inom tre månader",
                measure="Andel familjer med vänfamilj")
    MilestoneFactory(partnership=friends, title="Tio vänfamiljer utbildade", due_on=today - timedelta(days=20),
                     done_on=today - timedelta(days=21), done_note="Tolv familjer gick introduktionen.")
    MilestoneFactory(partnership=friends, title="Halvtidsuppföljning", due_on=today + timedelta(days=7),
                     follow_up_on=today + timedelta(days=10))
    DocumentFactory(partnership=friends, title="Beslut i Socialnämnden", visibility="public")
    PartnershipFactory(office=office, title="Stöd till brottsutsatta", kind="cooperation", slug="stod")
    compact = CompactFactory(office=office, slug="ekero", title="Lokal överenskommelse med civilsamhället",
                             principles="Självständighet och oberoende\nOrganisationerna bestämmer själva.\n\n"
                                        "Dialog\nVi möts tidigt och återkopplar.")
    return {"partnership": friends, "compact": compact}


def path_of(name: str, language: str, scene) -> str:
    item = scene["partnership"]
    with translation.override(language):
        return {
            "list": reverse("partnerships:index"),
            "partnership": item.get_absolute_url(),
            "manage": item.get_absolute_url(),
            "add_milestone": reverse("partnerships:add_milestone", args=[item.slug]),
            "compact": scene["compact"].get_absolute_url(),
            "report": reverse("partnerships:report_milestone",
                              args=[item.slug, item.milestones.get(done_on__isnull=True).pk]),
        }[name]


def assert_no_violations(page):
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", PAGES)
def test_partnership_pages_have_no_accessibility_problems(page, context, live_server, scene, representative, official,
                                                          name, language):
    if name in ("report", "compact"):
        log_in(context, representative, live_server)
    if name in ("manage", "add_milestone"):
        log_in(context, official, live_server)
    path = path_of(name, language, scene)

    response = page.goto(path)

    assert response.status == 200, path
    assert page.evaluate("document.documentElement.lang") == language
    assert page.locator("h1").count() == 1
    assert_no_violations(page)
    page.set_viewport_size({"width": 320, "height": 700})
    assert horizontal_overflow(page) == 0, f"{path} scrolls sideways at 320 px"
    if language == "sv":
        save_screenshots(page, f"partnerships-{name}-{language}")


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_visitor_filters_the_list_and_opens_a_partnership_by_keyboard(page, live_server, scene, language):
    page.goto(path_of("list", language, scene))
    tab_to(page, "#id_kind")
    page.keyboard.press("ArrowDown")  # the first kind: IOP
    tab_to(page, "form.filters button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**kind=iop**")
    results = page.locator("#results").inner_text()
    assert "Vänfamiljer och bosättning för nyanlända" in results and "Stöd till brottsutsatta" not in results

    item = path_of("partnership", language, scene)
    tab_to(page, f"#results a[href='{item}']")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{item}")
    assert "Tio vänfamiljer utbildade" in page.locator("main").inner_text()
    assert_no_violations(page)


def test_a_party_reports_a_milestone_and_signs_the_compact_by_keyboard(page, context, live_server, scene,
                                                                       representative, actor):
    log_in(context, representative, live_server)
    item = scene["partnership"]
    milestone = item.milestones.get(done_on__isnull=True)
    report = reverse("partnerships:report_milestone", args=[item.slug, milestone.pk])
    page.goto(item.get_absolute_url())
    tab_to(page, f"main a[href='{report}']")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{report}")
    tab_to(page, "#id_note")
    page.keyboard.type("Alla parter träffades i församlingshemmet.")
    tab_to(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{item.get_absolute_url()}")
    milestone = Milestone.objects.get(pk=milestone.pk)
    assert milestone.done_note == "Alla parter träffades i församlingshemmet." and milestone.done_by == representative
    assert page.locator(".notice--success").is_visible()
    assert_no_violations(page)

    page.goto(scene["compact"].get_absolute_url())
    tab_to(page, "#id_actor_0")
    assert focused(page)["checked"]
    tab_to(page, "main form button[type=submit]")
    with page.expect_navigation():  # the answer comes back at the same address: wait for it
        page.keyboard.press("Enter")
    assert Signature.objects.filter(compact=scene["compact"], actor=actor, signed_by=representative).exists()
    assert actor.name in page.locator("main").inner_text()
    assert_no_violations(page)


def test_a_milestone_before_the_start_is_refused_accessibly(page, context, live_server, scene, official):
    log_in(context, official, live_server)
    item = scene["partnership"]
    page.goto(reverse("partnerships:add_milestone", args=[item.slug]))
    page.fill("#id_title", "För tidigt")
    page.fill("#id_due_on", (item.starts_on - timedelta(days=3)).isoformat())
    submit_with_enter(page)

    assert page.locator(".error-summary").is_visible()
    assert page.locator("#id_due_on").get_attribute("aria-invalid") == "true"
    assert page.locator("#id_title").input_value() == "För tidigt"
    assert not item.milestones.filter(title="För tidigt").exists()
    assert_no_violations(page)
