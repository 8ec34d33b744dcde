"""The young people's entrance in a real browser: /unga/ has nothing axe-core finds in Swedish,
English and Arabic and does not scroll sideways at 320 px; Elsa, 15, follows the quick links
with the keyboard only and opens the youth evening."""

import pytest
from django.urls import reverse
from django.utils import translation

from samverka.activities.tests.factories import ActivityFactory
from samverka.dialogue.models import Process
from samverka.dialogue.tests.factories import ProcessFactory
from samverka.needs.tests.factories import NeedFactory
from samverka.networks.models import Group
from samverka.networks.tests.factories import GroupFactory

from .helpers import check_page, tab_to

pytestmark = pytest.mark.browser

LANGUAGES = ["sv", "en", "ar"]


@pytest.fixture
def youth(actor):
    evening = ActivityFactory(actor=actor, title="Ungdomskväll på fritidsgården", min_age=13, max_age=19,
                              summary="Spel, musik och fika. Kom som du är.")
    NeedFactory(title="Läxhjälpare på biblioteket", min_age=15, summary="Hjälp yngre elever med läxorna.")
    ProcessFactory(title="Unga tycker till om Ekerö centrum", audience=Process.Audience.YOUTH,
                   status=Process.Status.OPEN)
    GroupFactory(name="Elevrådet på Ekebyhovskolan", kind=Group.Kind.PUPILS_COUNCIL)
    return evening


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_entrance_has_no_accessibility_problems(page, live_server, youth, language):
    with translation.override(language):
        path = reverse("youth")
    page.goto(live_server.url)
    check_page(page, live_server.url + path, "youth", language)


def test_elsa_finds_the_youth_evening_by_keyboard(page, live_server, youth):
    page.goto(live_server.url + reverse("youth"))
    tab_to(page, "main a[href='#activities-title']")
    page.keyboard.press("Enter")
    tab_to(page, f"main a[href='{youth.get_absolute_url()}']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("h1").inner_text() == "Ungdomskväll på fritidsgården"
