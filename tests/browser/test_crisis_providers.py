"""A help provider's page in a real browser: axe-core finds nothing on Röda Korset Ekerö's
page in a storm (one request waiting to be accepted, one accepted with who goes), nor on
the join form, in Swedish, English and Arabic (right to left), and neither scrolls
sideways on a 360 px phone. The representative accepts a request with the keyboard only."""

import importlib

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.apps import apps
from django.urls import reverse
from django.utils import translation

from samverka.actors.models import ActorMembership
from samverka.actors.tests.factories import AssociationFactory, MembershipFactory
from samverka.crisis import services
from samverka.crisis.models import HelpProvider, HelpRequest, ProviderCapacity, ProviderTask
from samverka.crisis.tests.factories import HelpRequestFactory
from samverka.municipality.models import District, Office
from samverka.volunteers.models import HelpKind

from .helpers import MOBILE, focused, horizontal_overflow, log_in, save_screenshots, tab_to

pytestmark = pytest.mark.browser


@pytest.fixture
def provider(transactional_db, resident):
    if not HelpKind.objects.exists():  # flushed after an earlier browser test: load the defaults again
        importlib.import_module("samverka.volunteers.migrations.0002_default_help_kinds").add(apps, None)
    district = District.objects.create(slug="stenhamra", name="Stenhamra", name_en="Stenhamra", name_ar="ستنهامرا")
    office = Office.objects.create(slug="socialkontoret", name="Socialkontoret")
    crisis = services.start_crisis(by=None, name="Snöstorm på öarna", triage_offices=[office])
    services.forget_active_crisis()
    red_cross = AssociationFactory(name="Röda Korset Ekerö", slug="roda-korset-ekero")
    MembershipFactory(actor=red_cross, user=resident, role=ActorMembership.Role.OWNER)
    provider = HelpProvider.objects.create(crisis=crisis, actor=red_cross, contact_name="Birgitta Sjöberg",
                                           contact_phone="+46701740690", hours="Alla dagar 8–20")
    food = HelpKind.objects.get(slug="matinkop")
    ProviderCapacity.objects.create(provider=provider, help_kind=food, per_day=20)
    for n, status in enumerate(["handed", "accepted"]):
        help_request = HelpRequestFactory(crisis=crisis, reference=f"KH-BROW0{n}", district=district,
                                          help_kinds=[food], name="Greta Holm", address="Bryggvägen 3",
                                          what="Mat och mjölk, vägen är igensnöad.", when="I dag före 16",
                                          status="provider" if status == "handed" else "assigned")
        ProviderTask.objects.create(help_request=help_request, provider=provider, help_kind=food, status=status,
                                    helpers="Hassan" if status == "accepted" else "")
    return provider


def path(name: str, language: str, provider) -> str:
    with translation.override(language):
        return provider.get_absolute_url() if name == "provider" else reverse("crisis:provider_join")


@pytest.mark.parametrize("language", ["sv", "en", "ar"])
@pytest.mark.parametrize("name", ["provider", "join"])
def test_the_provider_pages_have_no_accessibility_problems(page, context, live_server, provider, resident, name,
                                                           language):
    log_in(context, resident, live_server)
    response = page.goto(path(name, language, provider))
    assert response.status == 200
    assert page.evaluate("document.documentElement.lang") == language
    assert page.evaluate("document.documentElement.dir") == ("rtl" if language == "ar" else "ltr")
    assert page.locator("h1").count() == 1
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    page.set_viewport_size(MOBILE)
    assert horizontal_overflow(page) == 0
    save_screenshots(page, f"crisis-{name}-{language}")


def test_the_representative_accepts_with_the_keyboard(page, context, live_server, provider, resident):
    log_in(context, resident, live_server)
    page.goto(path("provider", "sv", provider))
    assert "Greta Holm" in page.content()  # the accepted one shows the details
    tab_to(page, 'main form[action$="/ta/"] button')
    assert "KH-BROW00" in focused(page)["text"]
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert ProviderTask.objects.filter(status="accepted").count() == 2
    assert HelpRequest.objects.get(reference="KH-BROW00").status == "assigned"
