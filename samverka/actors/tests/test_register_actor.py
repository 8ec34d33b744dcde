"""Lina, a resident, puts her association in the register."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from samverka.actors.models import Actor, ActorMembership
from samverka.core.models import AuditEvent
from samverka.core.tests.helpers import flash, h1_text, says, text_of
from samverka.municipality.models import Area, SdgGoal

CREATE = reverse("actors:create")


def form(**changes) -> dict:
    data = {
        "name": "Ekerö schackklubb",
        "kind": "association",
        "organisation_number": "802400-1235",
        "summary": "Vi spelar schack varje tisdag.",
        "description": "Alla är välkomna, nybörjare som vana.",
        "areas": [Area.objects.get(slug="fritid").pk],
        "sdg_goals": [4],
        "email": "schack@example.org",
        "website": "https://schack.example.org",
        "phone": "08-123 45 67",
        "meeting_place": "Kajutan, Ekerö centrum",
        "accessibility": "Entré utan trappsteg.",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def field_error(body: str, field: str) -> str:
    match = re.search(rf'<p class="field__error" id="id_{field}_error">(.*?)</p>', body, re.S)
    return match.group(1) if match else ""


@pytest.fixture
def lina(client, resident):
    client.force_login(resident)
    return client


def test_the_form_asks_anonymous_visitors_to_log_in(client, db):
    response = client.get(CREATE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_a_resident_adds_an_association_and_owns_its_page(lina, resident):
    assert lina.get(CREATE).status_code == 200
    response = lina.post(CREATE, form())
    actor = Actor.objects.get(name="Ekerö schackklubb")
    assert response.status_code == 302
    assert response["Location"] == actor.get_absolute_url()
    assert flash(response) == [says("Your actor is in the register. Check the page and invite others who should help keep it up to date.")]
    assert actor.slug == "ekero-schackklubb"
    assert actor.organisation_number == "802400-1235"
    assert list(actor.areas.values_list("slug", flat=True)) == ["fritid"]
    assert list(actor.sdg_goals.all()) == [SdgGoal.objects.get(number=4)]
    assert actor.memberships.get().user == resident
    assert actor.memberships.get().role == ActorMembership.Role.OWNER
    event = AuditEvent.objects.for_object(actor).get()
    assert (event.action, event.user, event.user_label) == ("actor.create", resident, "Lina Sandberg")

    page = lina.get(response["Location"]).content.decode()
    assert h1_text(page) == "Ekerö schackklubb"
    assert reverse("actors:edit", args=[actor.slug]) in page


def test_the_organisation_number_is_written_the_usual_way(lina):
    lina.post(CREATE, form(organisation_number=" 8024001235 "))
    assert Actor.objects.get().organisation_number == "802400-1235"


def test_a_network_needs_no_organisation_number(lina):
    lina.post(CREATE, form(kind="network", organisation_number=""))
    actor = Actor.objects.get()
    assert actor.kind == Actor.Kind.NETWORK
    assert actor.organisation_number is None


def test_two_networks_without_number_do_not_clash(lina):
    lina.post(CREATE, form(kind="network", organisation_number=""))
    lina.post(CREATE, form(kind="network", organisation_number="", name="Stickcafé Skå"))
    assert Actor.objects.count() == 2


def test_an_invalid_organisation_number_is_explained_next_to_the_field(lina):
    response = lina.post(CREATE, form(organisation_number="802400-1234"))
    body = response.content.decode()
    assert response.status_code == 200
    message = says("Write a valid organisation number: ten digits, for example 802400-1235.")
    assert message in field_error(body, "organisation_number")
    assert 'class="error-summary"' in body and 'href="#id_organisation_number"' in body
    assert 'aria-invalid="true"' in body
    # Everything else Lina wrote is still there.
    assert 'value="Ekerö schackklubb"' in body
    assert 'value="Vi spelar schack varje tisdag."' in body
    assert "Alla är välkomna, nybörjare som vana." in body
    assert 'value="Kajutan, Ekerö centrum"' in body
    assert re.search(r'<input[^>]*value="association"[^>]*checked', body)
    assert re.search(rf'<input[^>]*value="{Area.objects.get(slug="fritid").pk}"[^>]*checked', body)
    assert not Actor.objects.exists()


def test_an_association_without_number_is_asked_for_it(lina):
    body = lina.post(CREATE, form(organisation_number="")).content.decode()
    assert says("A registered association has an organisation number. Write it here.") in field_error(
        body, "organisation_number")
    assert not Actor.objects.exists()


@pytest.mark.parametrize(
    ("field", "length"),
    [("name", 151), ("summary", 201), ("description", 5001), ("meeting_place", 201), ("accessibility", 2001),
     ("phone", 21)],
)
def test_over_long_text_is_refused(lina, field, length):
    response = lina.post(CREATE, form(**{field: "x" * length}))
    assert response.status_code == 200
    assert field_error(response.content.decode(), field)
    assert not Actor.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": "   "}, "name"),
        ({"summary": ""}, "summary"),
        ({"kind": "spaceship"}, "kind"),
        ({"email": "not an address"}, "email"),
        ({"website": "javascript:alert(1)"}, "website"),
        ({"areas": ["999999"]}, "areas"),
        ({"sdg_goals": ["x"]}, "sdg_goals"),
    ],
)
def test_bad_input_gets_a_message_and_nothing_is_stored(lina, changes, field):
    response = lina.post(CREATE, form(**changes))
    assert response.status_code == 200
    assert field_error(response.content.decode(), field)
    assert not Actor.objects.exists()


SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>'
TEXT_FIELDS = ["name", "summary", "description", "meeting_place", "accessibility"]


def test_html_and_script_are_stored_as_text_and_shown_escaped(lina, client):
    lina.post(CREATE, form(**{f: f"{f} {SCRIPT}" for f in TEXT_FIELDS}))
    actor = Actor.objects.get()
    for field in TEXT_FIELDS:
        assert getattr(actor, field) == f"{field} {SCRIPT}"

    client.logout()
    for url in [actor.get_absolute_url(), reverse("actors:directory"), reverse("home")]:
        body = client.get(url).content.decode()
        assert "<script>alert" not in body
        assert "<img src=x" not in body
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in body
    body = client.get(actor.get_absolute_url()).content.decode()
    for field in TEXT_FIELDS:
        assert f"{field} &lt;script&gt;" in body


@pytest.mark.parametrize("name", ["Parkinson Ekerö", "parkinson ekero", "PARKINSON  EKERÖ", " Parkinson   Ekerö "])
def test_an_actor_already_in_the_register_is_not_added_twice(lina, actor, name):
    body = lina.post(CREATE, form(name=name, organisation_number="802501-7776")).content.decode()
    assert says("%(name)s is already in the register. If you represent it, ask its representatives to invite you.",
                name="Parkinson Ekerö") in field_error(body, "name")
    assert Actor.objects.count() == 1


@pytest.mark.parametrize("as_written", [True, False])
def test_an_organisation_number_already_in_the_register_is_refused(lina, actor, as_written):
    number = actor.organisation_number if as_written else actor.organisation_number.replace("-", "")
    body = lina.post(CREATE, form(organisation_number=number)).content.decode()
    assert says("The organisation number belongs to %(name)s, which is already in the register.",
                name="Parkinson Ekerö") in field_error(body, "organisation_number")
    assert Actor.objects.count() == 1


def test_the_same_form_sent_twice_adds_one_actor(lina):
    body = lina.get(CREATE).content.decode()
    token = re.search(r'name="submission_token" value="([^"]+)"', body).group(1)
    first = lina.post(CREATE, form(submission_token=token))
    second = lina.post(CREATE, form(submission_token=token))
    assert Actor.objects.count() == 1
    assert ActorMembership.objects.count() == 1
    assert AuditEvent.objects.filter(action="actor.create").count() == 1
    assert second.status_code == 302
    assert second["Location"] == first["Location"] == Actor.objects.get().get_absolute_url()


def test_two_forms_each_with_their_own_token_add_two_actors(lina):
    lina.post(CREATE, form(submission_token="a" * 32))
    lina.post(CREATE, form(submission_token="b" * 32, name="Ekerö go-klubb", organisation_number="717900-1008"))
    assert Actor.objects.count() == 2


def test_an_invalid_form_does_not_use_up_its_token(lina):
    lina.post(CREATE, form(submission_token="c" * 32, organisation_number="1"))
    response = lina.post(CREATE, form(submission_token="c" * 32))
    assert response.status_code == 302
    assert Actor.objects.count() == 1


def test_a_form_without_csrf_token_is_refused(db, resident):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(resident)
    response = browser.post(CREATE, form(), HTTP_REFERER="http://testserver" + CREATE)
    assert response.status_code == 403
    assert not Actor.objects.exists()
    assert not AuditEvent.objects.exists()
    # A page in the site's layout that says what to do, with a way back to the form.
    body = response.content.decode()
    assert h1_text(body) == text_of(says("The form could not be sent"))
    assert f'href="http://testserver{CREATE}"' in body


def test_the_way_back_after_a_refused_form_stays_on_the_site(db, resident):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(resident)
    body = browser.post(CREATE, form(), HTTP_REFERER="https://evil.example/phish").content.decode()
    assert "evil.example" not in body


def test_a_form_with_the_csrf_token_is_accepted(db, resident):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(resident)
    body = browser.get(CREATE).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
    response = browser.post(CREATE, {**form(), "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert Actor.objects.count() == 1


def test_reserved_addresses_are_not_given_to_actors(lina):
    lina.post(CREATE, form(name="Ny", kind="network", organisation_number=""))
    actor = Actor.objects.get()
    assert actor.slug != "ny"
    assert lina.get(actor.get_absolute_url()).status_code == 200


def test_actors_whose_names_make_the_same_address_get_their_own(lina, actor):
    lina.post(CREATE, form(name="Parkinson: Ekerö!", organisation_number="802501-7776"))
    other = Actor.objects.exclude(pk=actor.pk).get()
    assert other.slug == "parkinson-ekero-2"
    assert lina.get(other.get_absolute_url()).context["actor"] == other
    assert lina.get(actor.get_absolute_url()).context["actor"] == actor
