"""Action plans in a real browser: axe-core finds nothing on the list, the inventory, a plan's
page (with its charts) and the value form, in Swedish and English, and none of them scrolls
sideways on a 320 px phone. Sara enters a value with the keyboard only. Screenshots (desktop
and phone) go to ./screenshots for a person to look at."""

from datetime import date

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils import translation

from samverka.municipality.models import Area, SdgGoal
from samverka.plans.models import Action, Indicator, IndicatorValue
from samverka.plans.tests.factories import (
    ActionFactory,
    GoalFactory,
    IndicatorFactory,
    InventoryFactory,
    PlanFactory,
    ValueFactory,
)

from .helpers import focused, horizontal_overflow, log_in, save_screenshots, tab_to

pytestmark = pytest.mark.browser

LANGUAGES = ["sv", "en"]
PAGES = ["list", "inventory", "plan", "values"]


@pytest.fixture
def plan(official, process_leader):
    office = official.office_memberships.get().office
    goal4, _ = SdgGoal.objects.get_or_create(number=4, defaults={"title_sv": "God utbildning för alla",
                                                                 "title_en": "Quality education"})
    plan = PlanFactory(office=office, slug="kultur-och-fritid-2026-2028",
                       title="Handlingsplan för samverkan med civilsamhället – kultur och fritid",
                       summary="Hur Kultur- och fritidskontoret samverkar med föreningslivet 2026–2028.")
    plan.sdg_goals.set([goal4])
    goal = GoalFactory(plan=plan, title="Fler ideella ledare inom kultur och fritid",
                       area=Area.objects.get(slug="kultur"))
    goal.sdg_goals.set([goal4])
    hours = IndicatorFactory(goal=goal, name="Ideella ledartimmar i föreningar med aktivitetsbidrag",
                             method="Föreningarnas redovisning, varje månad.", baseline=1200, target=1500)
    for month in range(1, 12):
        ValueFactory(indicator=hours, measured_on=date(2026, month, 28), value=1200 + month * 22)
    IndicatorFactory(goal=goal, name="Volontärer registrerade inom kultur", source=Indicator.Source.VOLUNTEERS,
                     unit=Indicator.Unit.PEOPLE, baseline=None, target=120)
    ActionFactory(plan=plan, goal=goal, owner=official, status=Action.Status.ONGOING,
                  title="Ledarutbildning tillsammans med studieförbunden", starts_on=date(2026, 2, 1),
                  ends_on=date(2027, 12, 31))
    ActionFactory(plan=plan, owner=process_leader, title="Gemensam uppföljning i samverkansrådet")
    InventoryFactory(office=office, contact=official,
                     description="Föreningar kan låna bibliotekens och kulturhusets lokaler för kulturkvällar.")
    return plan


def path_of(name: str, language: str, plan) -> str:
    with translation.override(language):
        hours = Indicator.objects.filter(goal__plan=plan, source="manual").first()
        return {
            "list": reverse("plans:index"),
            "inventory": reverse("plans:inventory"),
            "plan": plan.get_absolute_url(),
            "values": reverse("plans:values", args=[plan.slug, hours.pk]),
        }[name]


def assert_no_violations(page):
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", PAGES)
def test_plan_pages_have_no_accessibility_problems(page, context, live_server, plan, official, name, language):
    if name == "values":
        log_in(context, official, live_server)
    path = path_of(name, language, plan)

    response = page.goto(path)

    assert response.status == 200, path
    assert page.evaluate("document.documentElement.lang") == language
    assert page.locator("h1").count() == 1
    if name == "plan":
        assert page.locator("svg.chart__svg").count() == 1
        assert page.locator(".chart__target").count() == 1
    assert_no_violations(page)
    page.set_viewport_size({"width": 320, "height": 700})
    assert horizontal_overflow(page) == 0, f"{path} scrolls sideways at 320 px"
    save_screenshots(page, f"plans-{name}-{language}")


def test_sara_enters_a_value_with_the_keyboard_only(page, context, live_server, plan, official):
    log_in(context, official, live_server)
    hours = Indicator.objects.filter(goal__plan=plan, source="manual").first()
    values = reverse("plans:values", args=[plan.slug, hours.pk])
    page.goto(plan.get_absolute_url())

    tab_to(page, f"main a[href='{values}']")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{values}")

    tab_to(page, "#id_measured_on")
    page.fill("#id_measured_on", "2026-11-30")
    tab_to(page, "#id_value")
    assert focused(page)["id"] == "id_value"
    page.keyboard.type("45 %")
    tab_to(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_selector(".error-summary")
    assert page.locator(".error-summary").is_visible()
    assert page.locator("#id_value").get_attribute("aria-invalid") == "true"
    assert not IndicatorValue.objects.filter(measured_on=date(2026, 11, 30)).exists()
    assert_no_violations(page)

    tab_to(page, "#id_value")
    page.keyboard.press("Control+A")
    page.keyboard.type("1 460")
    tab_to(page, "#id_note")
    page.keyboard.type("Från höstens redovisningar")
    tab_to(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_selector(".notice--success")
    row = IndicatorValue.objects.get(measured_on=date(2026, 11, 30))
    assert (row.value, row.entered_by, row.note) == (1460, official, "Från höstens redovisningar")
    assert page.locator(".notice--success").is_visible()
    page.set_viewport_size({"width": 320, "height": 700})
    save_screenshots(page, "plans-value-entered-sv")
