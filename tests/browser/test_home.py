"""The home page with every way of taking part filled in (dialogues, partnerships, groups):
axe finds nothing in Swedish, English and Arabic, nothing scrolls sideways at 320 px, and a
keyboard reaches the header's "Have your say" and the home page's doors. Screenshots of the
page and its header at 1280 and 320 px go to ./screenshots."""

import pytest
from django.urls import reverse
from django.utils import translation

from samverka.dialogue.models import Process
from samverka.dialogue.tests.factories import ProcessFactory
from samverka.networks.tests.factories import GroupFactory
from samverka.partnerships.tests.factories import PartnershipFactory

from .helpers import SCREENSHOTS, check_page, horizontal_overflow, tab_to

pytestmark = pytest.mark.browser


@pytest.fixture
def taking_part(db):
    ProcessFactory(title="Hur ska fritidsgårdarna vara öppna nästa år?",
                   summary="Kommunen vill veta vilka tider som passar unga och deras föräldrar.")
    ProcessFactory(title="En ny lekplats i Stenhamra",
                   summary="Var ska lekplatsen ligga, och vad ska finnas där?")
    ProcessFactory(title="Badplatserna sommaren 2026", status=Process.Status.CLOSED,
                   summary="Tack för alla svar! Så här blev det.")
    PartnershipFactory.create_batch(2)
    GroupFactory(name="Integrationsnätverket Ekerö")


def home(language: str) -> str:
    with translation.override(language):
        return reverse("home")


@pytest.mark.parametrize("language", ["sv", "en", "ar"])
def test_the_home_page_with_ways_to_take_part_is_accessible(page, live_server, taking_part, language):
    check_page(page, home(language), "home-take-part", language)


def test_a_keyboard_reaches_the_dialogue_from_the_header_and_the_doors(page, live_server, taking_part):
    dialogue, idea = reverse("dialogue:index"), reverse("ideas:new")
    page.goto(home("sv"))

    tab_to(page, f'.site-nav a[href="{dialogue}"]')
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{dialogue}")

    page.goto(home("sv"))
    tab_to(page, f'#take-part .door a[href="{idea}"]')
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{idea}")


@pytest.mark.parametrize("language", ["sv", "ar"])
def test_the_header_fits_a_phone(page, live_server, taking_part, language):
    SCREENSHOTS.mkdir(exist_ok=True)
    page.goto(home(language))
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 800})
        assert horizontal_overflow(page) == 0, f"the home page scrolls sideways at {width} px"
        link = page.locator('.site-nav a[href$="/dialog/"]')
        assert link.is_visible()
        box = link.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width
        page.locator(".site-header").screenshot(path=SCREENSHOTS / f"header-{language}-{width}.png")
        page.screenshot(path=SCREENSHOTS / f"home-{language}-{width}.png", full_page=True)


@pytest.mark.parametrize("language", ["sv", "ar"])
def test_the_actor_page_with_what_it_takes_part_in_is_accessible(page, live_server, actor, language):
    from samverka.networks.tests.factories import SeatFactory
    from samverka.partnerships.tests.factories import PartyFactory, SignatureFactory

    PartyFactory(actor=actor, partnership__title="Läxhjälp på biblioteket")
    SignatureFactory(actor=actor, compact__title="Överenskommelsen för Ekerö")
    SeatFactory(actor=actor, group__name="Rådet för funktionshinderfrågor")
    with translation.override(language):
        path = actor.get_absolute_url()

    check_page(page, path, "actor-takes-part", language)
    assert page.locator("#takes-part-title").is_visible()
    page.screenshot(path=SCREENSHOTS / f"actor-takes-part-{language}.png", full_page=True)
