"""The cooperation overview and the Agenda 2030 pages in a real browser: axe-core finds nothing,
in Swedish and English, nothing scrolls sideways at 320 px (charts, tables and the map), and an
official chooses another year and metric with the keyboard only."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from samverka.activities.tests.factories import ActivityFactory
from samverka.actors.tests.factories import ActorFactory
from samverka.dialogue.models import FeedbackItem
from samverka.dialogue.tests.factories import FeedbackItemFactory
from samverka.municipality.models import Area, District
from samverka.needs.tests.factories import AnswerFactory, NeedFactory
from samverka.overview import figures
from samverka.partnerships.tests.factories import PartyFactory
from samverka.plans.models import ActionPlan, Goal, Indicator, IndicatorValue
from samverka.volunteers.tests.factories import VolunteerFactory

from .helpers import assert_no_violations, check_page, log_in, tab_to

pytestmark = pytest.mark.browser

NAMES = ["Ekerö Hembygdsförening", "Färingsö IF", "Svenska kyrkan Ekerö", "Adelsö byalag", "Röda korset Ekerö",
         "Munsö scoutkår", "PRO Ekerö", "Kulturföreningen Kajutan"]


@pytest.fixture
def scene(official):
    office = official.office_memberships.get().office
    now = timezone.now()
    areas = list(Area.objects.all()[:3]) or [Area.objects.create(name=n, slug=n.lower()) for n in
                                             ("Kultur", "Idrott", "Omsorg")]
    parts = list(District.objects.all()) or [District.objects.create(name=n, slug=n.lower().replace("ö", "o"))
                                             for n in ("Ekerö centrum", "Färingsö", "Munsö", "Adelsö", "Stenhamra")]
    for part, lat, lon in zip(parts, (59.29, 59.38, 59.36, 59.40, 59.33, 59.31),
                              (17.81, 17.70, 17.62, 17.52, 17.75, 17.90), strict=False):
        part.latitude, part.longitude = lat, lon
        part.save()
    for i, name in enumerate(NAMES):
        actor = ActorFactory(name=name)
        actor.areas.add(areas[i % len(areas)])
        actor.districts.add(parts[i % len(parts)])
        actor.sdg_goals.add(3, 11)
        PartyFactory(actor=actor, partnership__office=office, partnership__starts_on=now.date() - dt.timedelta(days=200))
        ActivityFactory(actor=None, office=office, district=parts[i % len(parts)],
                        start=now - dt.timedelta(days=30 * (i % 6))).sdg_goals.add(3)
        AnswerFactory(actor=actor, need=NeedFactory(office=office))
    for i in range(12):
        VolunteerFactory(created_at=now - dt.timedelta(days=25 * i))
        FeedbackItemFactory(process__office=office, status=FeedbackItem.Status.GIVEN, response="Vi har åtgärdat det.",
                            deadline=(now - dt.timedelta(days=20 * i)).date(),
                            given_at=now - dt.timedelta(days=20 * i - (i % 3) * 5))
    plan = ActionPlan.objects.create(office=office, title="Handlingsplan för samverkan 2026–2027",
                                     slug="kultur-2026", first_year=2026, last_year=2027,
                                     status=ActionPlan.Status.PUBLISHED)
    goal = Goal.objects.create(plan=plan, title="Fler äldre deltar i föreningslivet")
    goal.sdg_goals.add(3)
    indicator = Indicator.objects.create(goal=goal, name="Deltagare i seniorträffar", target=400)
    for month, value in ((1, 250), (3, 290), (5, 330)):
        IndicatorValue.objects.create(indicator=indicator, measured_on=dt.date(2026, month, 1), value=value)
    figures.compute()
    return {"office": office}


def paths(language):
    with translation.override(language):
        return {"overview": reverse("overview:index"), "goals": reverse("goals:index"),
                "goal": reverse("goals:goal", args=[3])}


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("name", ["overview", "goals", "goal"])
def test_the_pages_have_no_accessibility_problems(page, context, live_server, scene, official, name, language):
    if name == "overview":
        log_in(context, official, live_server)
    check_page(page, paths(language)[name], f"overview-{name}", language)  # axe, 320 px, screenshots in sv


def test_an_official_chooses_a_metric_and_an_office_by_keyboard(page, context, live_server, scene, official):
    log_in(context, official, live_server)
    page.goto(paths("en")["overview"])
    tab_to(page, "#id_metric")
    page.select_option("#id_metric", "activities")  # the keyboard's choice in a select, as Playwright makes it
    tab_to(page, "form[aria-labelledby=filters-title] button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**metric=activities**")
    assert page.locator("#chart-by-month-caption").inner_text().startswith("Activities")
    tab_to(page, "#id_office")
    page.select_option("#id_office", str(scene["office"].pk))
    tab_to(page, "form[aria-labelledby=ties-title] button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**office={scene['office'].pk}**")
    assert "Färingsö IF" in page.locator("main").inner_text()
    assert_no_violations(page)
