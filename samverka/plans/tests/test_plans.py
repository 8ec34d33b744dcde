"""Officials keep their office's action plans through the pages: create, change, publish,
archive; goals, indicators, values and actions; bad input gets a clear message and keeps the
rest; a double submit creates nothing twice."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from samverka.core.models import AuditEvent
from samverka.municipality.models import Area
from samverka.plans.models import Action, ActionPlan, Goal, Indicator, IndicatorValue

from .factories import IndicatorFactory, PlanFactory, ValueFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("time")]


@pytest.fixture
def time():
    with time_machine.travel("2026-12-07 10:00 +01:00", tick=False):
        yield


@pytest.fixture(autouse=True)
def english():
    """The English pages (/en/…): the messages below are their English source."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.activate("sv")


def test_an_official_creates_a_plan_once_however_often_it_is_sent(client, official, office, sdg):
    client.force_login(official)
    page = client.get(reverse("plans:create"))
    assert page.status_code == 200
    assert 'name="sdg_goals"' in page.text and 'type="checkbox"' in page.text
    data = {"office": office.pk, "title": "Samverkan kultur och fritid", "first_year": "2026", "last_year": "2028",
            "summary": "Så samverkar vi.", "sdg_goals": [sdg.pk], "submission_token": "tok-1"}
    first = client.post(reverse("plans:create"), data)
    second = client.post(reverse("plans:create"), data)
    plan = ActionPlan.objects.get()
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == plan.get_absolute_url()
    assert plan.status == ActionPlan.Status.DRAFT and plan.office == office
    assert list(plan.sdg_goals.all()) == [sdg]
    assert AuditEvent.objects.filter(action="plan.create").count() == 1


def test_years_out_of_order_are_refused_next_to_the_field_and_the_rest_kept(client, official, office):
    client.force_login(official)
    response = client.post(reverse("plans:create"), {"office": office.pk, "title": "Min plan", "first_year": "2028",
                                                     "last_year": "2026", "submission_token": "t"})
    assert response.status_code == 200
    assert "The last year cannot come before the first year." in response.text
    assert 'value="Min plan"' in response.text
    assert "error-summary" in response.text
    assert not ActionPlan.objects.exists()


def test_an_official_of_another_office_cannot_create_a_plan_for_this_office(client, social_official, office):
    client.force_login(social_official)
    response = client.post(reverse("plans:create"), {"office": office.pk, "title": "Kapad", "first_year": "2026",
                                                     "last_year": "2027", "submission_token": "t"})
    assert response.status_code == 200  # the office is not among the choices
    assert not ActionPlan.objects.exists()


def test_publish_needs_a_goal_then_the_plan_is_public_and_archive_takes_it_out(client, official, office,
                                                                              django_capture_on_commit_callbacks):
    plan = PlanFactory(office=office, status=ActionPlan.Status.DRAFT, slug="utkast")
    assert client.get(plan.get_absolute_url()).status_code == 404
    client.force_login(official)
    client.post(reverse("plans:publish", args=[plan.slug]))
    plan.refresh_from_db()
    assert plan.status == ActionPlan.Status.DRAFT
    Goal.objects.create(plan=plan, title="Fler unga i föreningslivet")
    response = client.post(reverse("plans:publish", args=[plan.slug]), follow=True)
    assert "The plan is published" in response.text
    plan.refresh_from_db()
    assert plan.status == ActionPlan.Status.PUBLISHED and plan.published_at
    client.logout()
    assert client.get(plan.get_absolute_url()).status_code == 200
    assert plan.title in client.get(reverse("plans:index")).text
    client.force_login(official)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("plans:archive", args=[plan.slug]))
    client.logout()
    assert client.get(plan.get_absolute_url()).status_code == 404
    assert plan.title not in client.get(reverse("plans:index")).text


def test_an_official_edits_the_plan(client, official, plan):
    client.force_login(official)
    assert client.get(reverse("plans:edit", args=[plan.slug])).status_code == 200
    response = client.post(reverse("plans:edit", args=[plan.slug]), {
        "office": plan.office_id, "title": "Ny titel", "first_year": "2026", "last_year": "2029", "summary": ""})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert (plan.title, plan.last_year) == ("Ny titel", 2029)
    assert AuditEvent.objects.filter(action="plan.change").exists()


def test_a_goal_with_area_and_agenda_2030_goals_and_targets(client, official, plan, sdg):
    from samverka.municipality.models import SdgTarget

    target, _ = SdgTarget.objects.get_or_create(code="4.4", defaults={
        "goal": sdg, "text_sv": "Fler med relevant kompetens", "text_en": "More with relevant skills"})
    plan.sdg_goals.set([sdg])
    client.force_login(official)
    page = client.get(reverse("plans:add_goal", args=[plan.slug]))
    assert "4.4" in page.text
    data = {"title": "Fler unga i föreningslivet", "area": Area.objects.get(slug="kultur").pk,
            "sdg_goals": [sdg.pk], "sdg_targets": [target.pk], "submission_token": "g1"}
    client.post(reverse("plans:add_goal", args=[plan.slug]), data)
    client.post(reverse("plans:add_goal", args=[plan.slug]), data)
    goal = Goal.objects.get()
    assert list(goal.sdg_targets.all()) == [target] and goal.area.slug == "kultur"
    page = client.get(plan.get_absolute_url())
    assert "Fler unga i föreningslivet" in page.text and "4.4" in page.text


INDICATOR = {"name": "Ideella timmar", "source": "manual", "unit": "hours", "frequency": "monthly",
             "method": "Föreningarnas rapporter", "baseline": "1 200", "baseline_on": "2026-01-01",
             "target": "1 500,5", "target_on": "2028-12-31", "submission_token": "i1"}


def test_an_indicator_takes_numbers_the_swedish_way(client, official, goal):
    client.force_login(official)
    response = client.post(reverse("plans:add_indicator", args=[goal.plan.slug, goal.pk]), INDICATOR)
    assert response.status_code == 302
    indicator = Indicator.objects.get()
    assert (indicator.baseline, indicator.target) == (1200, pytest.approx(1500.5))


def test_a_target_typed_in_another_unit_is_refused_naming_the_right_unit(client, official, goal):
    client.force_login(official)
    response = client.post(reverse("plans:add_indicator", args=[goal.plan.slug, goal.pk]),
                           {**INDICATOR, "target": "45 %"})
    assert response.status_code == 200
    assert "This indicator is measured in hours, not in per cent." in response.text
    assert 'value="Ideella timmar"' in response.text
    assert not Indicator.objects.exists()


def test_a_computed_indicator_must_have_its_sources_unit(client, official, goal):
    client.force_login(official)
    response = client.post(reverse("plans:add_indicator", args=[goal.plan.slug, goal.pk]),
                           {**INDICATOR, "source": "feedback_on_time", "target": "90", "baseline": "70"})
    assert response.status_code == 200
    assert "is counted in per cent" in response.text
    response = client.post(reverse("plans:add_indicator", args=[goal.plan.slug, goal.pk]),
                           {**INDICATOR, "source": "feedback_on_time", "unit": "percent", "target": "120 %",
                            "baseline": "70"})
    assert "A share cannot be more than 100 per cent." in response.text
    assert not Indicator.objects.exists()


def _value(client, indicator, **data):
    url = reverse("plans:values", args=[indicator.goal.plan.slug, indicator.pk])
    return client.post(url, {"measured_on": "2026-11-30", "value": "130", "note": "", "submission_token": "v",
                             **data})


def test_values_are_kept_and_the_latest_of_a_date_is_shown(client, official, indicator):
    client.force_login(official)
    assert _value(client, indicator, value="130 timmar", submission_token="v1").status_code == 302
    assert _value(client, indicator, value="130 timmar", submission_token="v1").status_code == 302  # again
    assert _value(client, indicator, value="135", note="Rättat: en rapport kom sent",
                  submission_token="v2").status_code == 302
    assert list(IndicatorValue.objects.values_list("value", flat=True).order_by("pk")) == [130, 135]
    page = client.get(indicator.goal.plan.get_absolute_url())
    assert "<strong>135 hours</strong>" in page.text
    history = client.get(reverse("plans:values", args=[indicator.goal.plan.slug, indicator.pk]))
    assert "Rättat: en rapport kom sent" in history.text and "Sara Nyström" in history.text
    assert history.text.count("30 November 2026") == 2


@pytest.mark.parametrize(("data", "message"), [
    ({"value": "45 %"}, "This indicator is measured in hours, not in per cent."),
    ({"value": "mycket"}, "Type a number, such as 12 or 12,5."),
    ({"value": "-3"}, "The value cannot be below zero."),
    ({"measured_on": "2026-12-08"}, "The date cannot be in the future."),
])
def test_bad_values_are_refused_with_a_clear_message(client, official, indicator, data, message):
    client.force_login(official)
    response = _value(client, indicator, note="Min anteckning", **data)
    assert response.status_code == 200
    assert message in response.text
    assert 'value="Min anteckning"' in response.text
    assert not IndicatorValue.objects.exists()


def test_per_cent_above_100_is_refused(client, official, goal):
    indicator = IndicatorFactory(goal=goal, unit=Indicator.Unit.PERCENT, target=90, baseline=50)
    client.force_login(official)
    response = _value(client, indicator, value="101 %")
    assert "A share cannot be more than 100 per cent." in response.text
    assert _value(client, indicator, value="99,5 %").status_code == 302
    assert IndicatorValue.objects.get().value == pytest.approx(99.5)


def test_a_computed_indicator_takes_no_typed_value(client, official, goal):
    indicator = IndicatorFactory(goal=goal, source=Indicator.Source.VOLUNTEERS, unit=Indicator.Unit.PEOPLE)
    client.force_login(official)
    page = client.get(reverse("plans:values", args=[goal.plan.slug, indicator.pk]))
    assert "they cannot be typed" in page.text and 'name="value"' not in page.text
    _value(client, indicator)
    assert not IndicatorValue.objects.exists()


def test_a_computed_indicator_without_data_says_so(client, goal):
    IndicatorFactory(goal=goal, name="Volontärer i kulturen", source=Indicator.Source.VOLUNTEERS,
                     unit=Indicator.Unit.PEOPLE)
    page = client.get(goal.plan.get_absolute_url())
    assert "No data yet" in page.text


def test_the_plan_page_shows_a_chart_with_the_target_and_a_table(client, indicator):
    for month, value in ((1, 100), (2, 110), (3, 125)):
        ValueFactory(indicator=indicator, measured_on=date(2026, month, 28), value=value)
    page = client.get(indicator.goal.plan.get_absolute_url())
    assert 'class="chart__target"' in page.text
    assert "<svg" in page.text and "<table" in page.text
    assert "125" in page.text


def test_an_action_with_an_owner_dates_status_and_links(client, official, plan, goal, process_leader, resident):
    from samverka.partnerships.tests.factories import PartnershipFactory

    partnership = PartnershipFactory(office=plan.office, title="Läxhjälp på biblioteket")
    client.force_login(official)
    page = client.get(reverse("plans:add_action", args=[plan.slug]))
    assert "Läxhjälp på biblioteket" in page.text
    data = {"title": "Öppna fritidsgårdarna", "goal": goal.pk, "owner": process_leader.pk, "starts_on": "2026-02-01",
            "ends_on": "2026-12-31", "status": "ongoing", "partnerships": [partnership.pk], "submission_token": "a1"}
    assert client.post(reverse("plans:add_action", args=[plan.slug]), data).status_code == 302
    assert client.post(reverse("plans:add_action", args=[plan.slug]), data).status_code == 302
    action = Action.objects.get()
    assert action.owner == process_leader and list(action.partnerships.all()) == [partnership]
    client.logout()
    page = client.get(plan.get_absolute_url())
    assert "Öppna fritidsgårdarna" in page.text and "Under way" in page.text
    assert partnership.get_absolute_url() in page.text and "Jonas Berglund" in page.text
    client.force_login(official)
    response = client.post(reverse("plans:add_action", args=[plan.slug]),
                           {**data, "owner": resident.pk, "submission_token": "a2"})
    assert response.status_code == 200  # a resident is not among the choices
    response = client.post(reverse("plans:add_action", args=[plan.slug]),
                           {**data, "owner": "", "ends_on": "2026-01-01", "submission_token": "a3"})
    assert "The action cannot end before it starts." in response.text
    assert Action.objects.count() == 1


def test_the_status_of_an_action_changes(client, official, action):
    client.force_login(official)
    client.post(reverse("plans:action_status", args=[action.plan.slug, action.pk]), {"status": "done"})
    action.refresh_from_db()
    assert action.status == Action.Status.DONE
    assert AuditEvent.objects.filter(action="action.status").exists()


def test_a_draft_link_stays_off_the_public_page(client, official, action):
    from samverka.partnerships.models import Partnership
    from samverka.partnerships.tests.factories import PartnershipFactory

    draft = PartnershipFactory(office=action.plan.office, title="Hemligt utkast", status=Partnership.Status.DRAFT)
    action.partnerships.set([draft])
    assert "Hemligt utkast" not in client.get(action.plan.get_absolute_url()).text
    client.force_login(official)
    assert "Hemligt utkast" in client.get(action.plan.get_absolute_url()).text


def test_the_public_pages_are_cached_and_renewed_by_a_change(client, official, plan, goal,
                                                             django_assert_num_queries,
                                                             django_capture_on_commit_callbacks):
    from samverka.plans import services

    assert client.get(plan.get_absolute_url()).status_code == 200
    with django_assert_num_queries(0):
        client.get(plan.get_absolute_url())
    with django_capture_on_commit_callbacks(execute=True):
        services.save_goal(by=official, plan=plan, data={"title": "Ett nytt mål i planen"})
    assert "Ett nytt mål i planen" in client.get(plan.get_absolute_url()).text


def test_the_charts_coordinates_are_numbers_on_a_swedish_page(client, indicator):
    import re

    from django.utils import translation

    for month, value in ((1, 100.5), (2, 110.25), (3, 125.75)):
        ValueFactory(indicator=indicator, measured_on=date(2026, month, 28), value=value)
    translation.activate("sv")
    page = client.get(indicator.goal.plan.get_absolute_url()).text
    svg = page[page.index("<svg"):page.index("</svg>")]
    assert re.findall(r'\b(?:x|y|cx|cy|x1|x2|y1|y2|viewBox)="[^"]*\d,\d', svg) == []
    assert "100,5" in page  # the table beside it speaks Swedish
