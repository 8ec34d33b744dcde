"""A regional programme in a real browser: the coordinator's page of a programme shared with
Upplands-Bro (its partner's fault of the last fetch, their open places next to ours, a
proposal with one of their places, a request from them) and the person's consent page, in
Swedish, English and Arabic (right to left): axe-core finds nothing, nothing scrolls
sideways at 320 px."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils import translation

from samverka.accounts.tests.factories import UserFactory
from samverka.matching.models import Participant, Programme, RegionalPartner, RemoteMatch, RemoteOffer
from samverka.matching.tests.factories import CoordinatorFactory, ParticipantFactory, ProgrammeFactory
from samverka.municipality.models import District

from .helpers import horizontal_overflow, log_in, save_screenshots

pytestmark = pytest.mark.browser


@pytest.fixture
def scene(official):
    office = official.office_memberships.get().office
    part = District.objects.create(slug="stenhamra", name="Stenhamra", name_en="Stenhamra", position=1,
                                   latitude="59.33580", longitude="17.68650")
    programme = ProgrammeFactory(office=office, kind=Programme.Kind.ASSOCIATION, slug="etablering",
                                 name="Etablering genom förening", shared_regionally=True,
                                 regional_code="vida-stockholm-nordvast")
    birgitta = CoordinatorFactory(programme=programme, user=UserFactory(first_name="Birgitta")).user
    bro = RegionalPartner.objects.create(name="Upplands-Bro kommun", base_url="https://samverka.upplands-bro.example",
                                         public_key="iEuIV/TqoWE8YVBNs01L6vNGUXoOMd483dTZtCAdnQs=",
                                         error="The partner did not answer in time.")
    programme.partners.add(bro)
    club = ParticipantFactory(programme=programme, side=Participant.Side.OFFER, name="Ekerö IK", district=part,
                              capacity=3)
    chess = RemoteOffer.objects.create(partner=bro, programme=programme, remote_id="b2",
                                       association="Kungsängens schacksällskap", association_kind="Förening",
                                       area="Kungsängen", languages=["sv", "ar"], interests=["Schack"], places=2)
    RemoteOffer.objects.create(partner=bro, programme=programme, remote_id="p9", area="Bro", languages=["sv"],
                               places=1)
    amal = ParticipantFactory(programme=programme, name="Amal Hassan", email="amal@example.org",
                              about="Jag spelar schack varje vecka.", district=part)
    asked = RemoteMatch.objects.create(programme=programme, partner=bro, direction="outgoing", status="asked",
                                       request=amal, remote_offer=chess, offer_ref="b2",
                                       offer_name="Kungsängens schacksällskap", score=71.5)
    RemoteMatch.objects.create(programme=programme, partner=bro, direction="incoming", status="pending", offer=club,
                               offer_ref="x1", offer_name="Ekerö IK",
                               shared={"name": "Nour Ali", "email": "nour@example.org", "languages": ["ar", "sv"]})
    return {"programme": programme, "birgitta": birgitta, "asked": asked}


def assert_no_violations(page):
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("language", ["sv", "en", "ar"])
@pytest.mark.parametrize("name", ["coordinator", "consent"])
def test_the_regional_pages_have_no_accessibility_problems(page, context, live_server, scene, name, language):
    with translation.override(language):
        if name == "coordinator":
            log_in(context, scene["birgitta"], live_server)
            path = reverse("matching:regional", args=[scene["programme"].slug])
        else:
            path = reverse("matching:consent", args=[scene["asked"].token])
    response = page.goto(path)
    assert response.status == 200, path
    assert page.evaluate("document.documentElement.lang") == language
    assert page.evaluate("document.documentElement.dir") == ("rtl" if language == "ar" else "ltr")
    assert page.locator("h1").count() == 1
    text = page.locator("main").inner_text()
    assert "Kungsängens schacksällskap" in text
    if name == "coordinator":
        assert "Ekerö IK" in text and "nour@example.org" in text
    assert_no_violations(page)
    page.set_viewport_size({"width": 320, "height": 700})
    assert horizontal_overflow(page) == 0, f"{path} scrolls sideways at 320 px"
    if language in ("sv", "ar"):
        save_screenshots(page, f"regional-{name}-{language}")
