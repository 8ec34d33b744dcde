"""Maja, the administrator, gives the municipality's phone number. It is written any usual
way, stored in E.164 and shown the Swedish way; the "I need help" page tells people they can
call only when there is a number to call."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from samverka.core.tests.helpers import says
from samverka.crisis import services as crisis_services
from samverka.crisis.tests.factories import CrisisFactory
from samverka.municipality import services
from samverka.municipality.forms import MunicipalityForm
from samverka.municipality.models import Municipality

pytestmark = pytest.mark.django_db

REQUEST = "/kris/jag-behover-hjalp/"


def change_url(municipality) -> str:
    return reverse("admin:municipality_municipality_change", args=[municipality.pk])


def form_data(client, municipality, **changes) -> dict:
    form = client.get(change_url(municipality)).context["adminform"].form
    data = {name: form.initial.get(name, "") for name in form.fields if name != "logo"}  # no file sent
    data.update(require_two_factor_for_officials="", **changes)
    return {k: ("" if v is None else v) for k, v in data.items()}


@pytest.fixture
def maja(client, administrator):
    client.force_login(administrator)
    return client


@pytest.fixture
def crisis(db):
    crisis = CrisisFactory()
    crisis_services.forget_active_crisis()
    yield crisis
    crisis_services.forget_active_crisis()


def test_every_setting_is_in_the_administrations_form():
    fields = {f.name for f in Municipality._meta.fields} - {"id"}
    assert set(MunicipalityForm.base_fields) == fields


def test_maja_gives_the_switchboard_number_the_swedish_way(maja):
    municipality = Municipality.current()
    response = maja.post(change_url(municipality), form_data(maja, municipality, phone="08-124 570 00",
                                                             phone_hours="vardagar 8–16.30"))
    assert response.status_code == 302
    municipality.refresh_from_db()
    assert (municipality.phone, municipality.phone_hours) == ("+46812457000", "vardagar 8–16.30")
    assert 'value="08-124 570 00"' in maja.get(change_url(municipality)).content.decode()


@pytest.mark.parametrize(("changes", "field"), [
    ({"phone": "12"}, "phone"),
    ({"phone": "ring oss"}, "phone"),
    ({"phone": "", "phone_hours": "vardagar 8–17"}, "phone_hours"),
    ({"phone": "", "phone_hours_en": "weekdays 8–17"}, "phone_hours_en"),
])
def test_a_number_nobody_can_call_is_refused(maja, changes, field):
    municipality = Municipality.current()
    response = maja.post(change_url(municipality), form_data(maja, municipality, **changes))
    assert response.status_code == 200
    assert field in response.context["adminform"].form.errors
    municipality.refresh_from_db()
    assert (municipality.phone, municipality.phone_hours) == ("", "")


@pytest.mark.parametrize("who", ["resident", "official"])
def test_only_the_administrator_changes_the_number(client, who, request):
    municipality = Municipality.current()
    client.force_login(request.getfixturevalue(who))
    response = client.post(change_url(municipality), {"phone": "08-124 570 00"})
    assert response.status_code in (302, 403)
    municipality.refresh_from_db()
    assert municipality.phone == ""


def test_without_a_number_the_help_page_does_not_mention_calling(client, crisis):
    page = client.get(REQUEST).content.decode()
    assert 'href="tel:' not in page
    assert says("You can also call the municipality's help desk, and they fill this in for you.") not in page


def test_with_a_number_the_help_page_shows_it_the_swedish_way(client, crisis):
    municipality = Municipality.current()
    municipality.phone = "+46812457000"
    services.save_configuration(by=None, obj=municipality)
    page = client.get(REQUEST).content.decode()
    assert '<a href="tel:+46812457000" dir="ltr">08-124 570 00</a>' in page
    assert "+46812457000</a>" not in page
    municipality.phone_hours = "vardagar 8–16.30"
    services.save_configuration(by=None, obj=municipality)
    page = client.get(REQUEST).content.decode()
    assert "08-124 570 00</a> (vardagar 8–16.30)" in page


def test_the_help_desks_own_form_does_not_tell_people_to_call(client, crisis, administrator):
    municipality = Municipality.current()
    municipality.phone = "+46812457000"
    services.save_configuration(by=None, obj=municipality)
    client.force_login(administrator)
    response = client.get(reverse("crisis:desk_request"))
    assert 'href="tel:+46812457000"' not in response.content.decode()


def test_the_demo_has_a_switchboard_number():
    call_command("load_demo", stdout=StringIO())
    assert Municipality.current().phone == "+46812457000"


def test_the_phone_hours_follow_the_page_language(client, crisis):
    municipality = Municipality.current()
    municipality.phone, municipality.phone_hours = "+46812457000", "vardagar 8–16.30"
    services.save_configuration(by=None, obj=municipality)
    assert "(vardagar 8–16.30)" in client.get("/en" + REQUEST).content.decode()  # no English text: the Swedish one
    municipality.phone_hours_en, municipality.phone_hours_ar = "weekdays 8–16.30", "أيام العمل 8–16:30"
    services.save_configuration(by=None, obj=municipality)
    assert "(vardagar 8–16.30)" in client.get(REQUEST).content.decode()
    english = client.get("/en" + REQUEST).content.decode()
    assert "(weekdays 8–16.30)" in english and "vardagar" not in english
    assert "(أيام العمل 8–16:30)" in client.get("/ar" + REQUEST).content.decode()
    municipality.phone_hours_ar = ""
    services.save_configuration(by=None, obj=municipality)
    assert "(weekdays 8–16.30)" in client.get("/ar" + REQUEST).content.decode()
