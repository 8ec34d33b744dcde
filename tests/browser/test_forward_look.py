"""The forward look in a real browser: the coming decisions and an item's page have nothing
axe-core finds, in Swedish, English and Arabic, and do not scroll sideways at 320 px. A visitor
filters by committee with the keyboard only and opens a coming decision; a resident asks to take
part with the keyboard only."""

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from samverka.municipality.models import Area
from samverka.plans.models import ParticipationRequest
from samverka.plans.tests.factories import CommitteeFactory, ForwardItemFactory

from .helpers import assert_no_violations, check_page, log_in, tab_to

pytestmark = pytest.mark.browser

LANGUAGES = ["sv", "en", "ar"]


@pytest.fixture
def items(official):
    office = official.office_memberships.get().office
    culture = CommitteeFactory(slug="kultur-och-fritidsnamnden", name="Kultur- och fritidsnämnden",
                               name_en="Culture and Leisure Committee", name_ar="لجنة الثقافة والترفيه")
    social = CommitteeFactory(slug="socialnamnden", name="Socialnämnden", name_en="Social Services Committee")
    year = timezone.now().year + 1
    grants = ForwardItemFactory(office=office, committee=culture, contact=official, year=year, quarter=3,
                                title="Ny modell för lokalbidrag och föreningsbidrag",
                                to_decide="Hur lokalbidraget till föreningar fördelas.")
    grants.areas.set([Area.objects.get(slug="fritid")])
    ForwardItemFactory(office=office, committee=culture, year=year + 1, quarter=2, status="moved",
                       moved_from_year=year, moved_from_quarter=2, reason="Inventeringen blev klar senare.",
                       title="Skötsel av vandringsleder på öarna")
    ForwardItemFactory(office=office, committee=social, year=year, quarter=1,
                       title="Förebyggande arbete mot psykisk ohälsa bland unga")
    return grants


def _path(name, language, item):
    with translation.override(language):
        return {"look": reverse("plans:forward_look"), "item": item.get_absolute_url()}[name]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", ["look", "item"])
def test_forward_pages_have_no_accessibility_problems(page, live_server, items, name, language):
    page.goto(live_server.url)
    check_page(page, live_server.url + _path(name, language, items), f"forward-{name}", language)


def test_a_visitor_filters_by_keyboard_and_opens_a_coming_decision(page, live_server, items):
    page.goto(live_server.url + reverse("plans:forward_look"))
    tab_to(page, "#f-namnd")
    page.keyboard.press("ArrowDown")  # Kultur- och fritidsnämnden, the first committee
    tab_to(page, "form.filters button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    main = page.locator("main").inner_text()
    assert "Ny modell för lokalbidrag" in main and "psykisk ohälsa" not in main
    tab_to(page, f"main a[href='{items.get_absolute_url()}']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Ny modell för lokalbidrag" in page.locator("h1").inner_text()
    assert_no_violations(page)


def test_a_resident_asks_to_take_part_by_keyboard(page, context, live_server, items, resident):
    log_in(context, resident, live_server)
    page.goto(live_server.url + items.get_absolute_url())
    tab_to(page, f"main a[href='{reverse('plans:ask_to_take_part', args=[items.pk])}']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert_no_violations(page)
    tab_to(page, "#id_text")
    page.keyboard.type("Jag leder en kör på Adelsö och vill berätta hur bidraget slår mot små föreningar.")
    tab_to(page, "main form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert ParticipationRequest.objects.filter(item=items, user=resident).count() == 1
    assert "Jag leder en kör" in page.locator("main").inner_text()
