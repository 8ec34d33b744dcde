"""A signed-in person's volunteer profile: made, linked to a volunteer who signed up
before with the same e-mail, changed; pause, resume and leave."""

import re

import pytest
from django.urls import reverse

from samverka.core.models import AuditEvent
from samverka.core.tests.helpers import flash, says
from samverka.municipality.models import Area, District, Language
from samverka.needs.tests.factories import NeedFactory
from samverka.volunteers.models import Assignment, Availability, HelpKind, Volunteer
from samverka.volunteers.tests.factories import AssignmentFactory, VolunteerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def districts(db):
    return [District.objects.create(slug="ska", name="Skå"), District.objects.create(slug="munso", name="Munsö")]


def profile_form(**overrides):
    """A complete profile; each test changes what it is about."""
    district = District.objects.first() or District.objects.create(slug="ekero", name="Ekerö")
    data = {"help_kinds": [HelpKind.objects.first().pk], "districts": [district.pk], "name": "Lina Sandberg", "phone": "070-123 45 67", "skills": "Pensionerad lärare, har körkort.",
            "will_not_do": "Inga tunga lyft.", "availability": ["1-2", "5-0"], "record_checked_on": "2026-01-15",
            "consent_email": "on", "consent_sms": "on", "submission_token": "p1"}
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_a_resident_makes_a_profile(client, resident, districts):
    client.force_login(resident)
    assert client.get(reverse("volunteers:profile")).status_code == 200
    kinds = list(HelpKind.objects.values_list("pk", flat=True)[:2])
    response = client.post(reverse("volunteers:profile"), profile_form(
        districts=[districts[0].pk], help_kinds=kinds, areas=[Area.objects.first().pk],
        languages=[Language.objects.first().pk]))
    assert response.status_code == 302 and response["Location"] == reverse("volunteers:index")
    volunteer = Volunteer.objects.get()
    assert volunteer.user == resident and volunteer.email == resident.email
    assert volunteer.phone == "+46701234567"
    assert volunteer.free_at(1, 2) and volunteer.free_at(5, 0) and not volunteer.free_at(0, 0)
    assert volunteer.is_available, "the account's e-mail is confirmed"
    assert sorted(volunteer.help_kinds.values_list("pk", flat=True)) == sorted(kinds)
    assert str(volunteer.record_checked_on) == "2026-01-15"
    assert volunteer.consent_sms and volunteer.consent_email
    assert says("Thank you! You are a volunteer. We suggest needs that match you.") in flash(response)


def test_a_double_submit_makes_one_volunteer(client, resident):
    client.force_login(resident)
    client.post(reverse("volunteers:profile"), profile_form())
    client.post(reverse("volunteers:profile"), profile_form())
    assert Volunteer.objects.count() == 1


def test_a_crisis_sign_up_with_the_same_email_is_linked_not_doubled(client, resident, districts):
    earlier = VolunteerFactory(name="Lina S", email=resident.email.upper(), confirmed_at=None)
    earlier.districts.set([districts[1]])
    client.force_login(resident)
    client.post(reverse("volunteers:profile"), profile_form(districts=[districts[0].pk]))
    assert Volunteer.objects.count() == 1
    earlier.refresh_from_db()
    assert earlier.user == resident and earlier.name == "Lina Sandberg"
    assert earlier.is_available


def test_changing_the_profile_replaces_the_choices(client, resident, districts):
    client.force_login(resident)
    client.post(reverse("volunteers:profile"), profile_form(districts=[d.pk for d in districts]))
    page = client.get(reverse("volunteers:profile")).content.decode()
    assert re.search(r'<input[^>]*value="1-2"[^>]*checked', page), "the saved times are ticked"
    assert not re.search(r'<input[^>]*value="0-0"[^>]*checked', page)
    client.post(reverse("volunteers:profile"), profile_form(districts=[districts[1].pk], availability=["0-0"],
                                                           consent_sms=None, submission_token=""))
    volunteer = Volunteer.objects.get()
    assert list(volunteer.districts.all()) == [districts[1]]
    assert volunteer.availability == Availability.from_slots(["0-0"])
    assert not volunteer.consent_sms
    assert AuditEvent.objects.filter(action="volunteer.profile").exists()


@pytest.mark.parametrize(("data", "field", "message"), [
    ({"phone": "12345"}, "phone", "Write a phone number we can call, e.g. 070-123 45 67 or +46 70 123 45 67."),
    ({"phone": "", "consent_sms": "on"}, "phone", "Write your mobile number if you want text messages."),
    ({"name": "  "}, "name", None),
    ({"name": "x" * 201}, "name", None),
    ({"skills": "x" * 2001}, "skills", None),
    ({"record_checked_on": "2999-01-01"}, "record_checked_on", "The date cannot be in the future."),
    ({"availability": ["9-9"]}, "availability", None),
])
def test_bad_input_gets_a_message(client, resident, data, field, message):
    client.force_login(resident)
    response = client.post(reverse("volunteers:profile"), profile_form(**data))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    if message:
        assert says(message) in response.content.decode()
    assert not Volunteer.objects.exists()


def test_someone_elses_phone_number_is_refused(client, resident):
    VolunteerFactory(phone="+46701234567", name="Någon annan")
    client.force_login(resident)
    response = client.post(reverse("volunteers:profile"), profile_form(phone="+46 70 123 45 67"))
    assert "phone" in response.context["form"].errors
    assert Volunteer.objects.count() == 1


def test_a_profile_with_an_email_of_another_account_is_refused(client, resident, representative):
    VolunteerFactory(email=resident.email, user=representative)
    client.force_login(resident)
    response = client.post(reverse("volunteers:profile"), profile_form())
    assert response.status_code == 200
    assert Volunteer.objects.get().user == representative


def test_script_in_the_profile_is_escaped(client, resident):
    client.force_login(resident)
    client.post(reverse("volunteers:profile"), profile_form(skills="<script>alert(1)</script>"))
    page = client.get(reverse("volunteers:profile")).content.decode()
    assert "<script>alert(1)</script>" not in page


def test_pause_resume_and_leave(client, resident, official):
    client.force_login(resident)
    client.post(reverse("volunteers:profile"), profile_form())
    volunteer = Volunteer.objects.get()
    current = AssignmentFactory(volunteer=volunteer, need=NeedFactory(office=official.office_memberships.get().office))
    done = AssignmentFactory(volunteer=volunteer, status=Assignment.Status.DONE)

    client.post(reverse("volunteers:status"), {"action": "pause"})
    volunteer.refresh_from_db()
    assert volunteer.status == "paused" and not Volunteer.objects.available().exists()
    response = client.post(reverse("volunteers:status"), {"action": "pause"})
    assert says("You can only pause while you are active.") in flash(response)

    client.post(reverse("volunteers:status"), {"action": "resume"})
    volunteer.refresh_from_db()
    assert volunteer.status == "active"

    client.post(reverse("volunteers:status"), {"action": "leave"})
    volunteer.refresh_from_db()
    current.refresh_from_db()
    done.refresh_from_db()
    assert volunteer.status == "left"
    assert current.status == "cancelled" and done.status == "done", "history is kept"
    assert Volunteer.objects.filter(pk=volunteer.pk).exists()
    assert [e.action for e in AuditEvent.objects.filter(action__startswith="volunteer.").order_by("pk")][-3:] == [
        "volunteer.pause", "volunteer.resume", "volunteer.leave"]
    page = client.get(reverse("volunteers:index")).content.decode()
    assert says("You have left: we offer you nothing. What you did is kept.") in page


def test_status_without_a_profile_or_with_nonsense(client, resident):
    client.force_login(resident)
    assert client.post(reverse("volunteers:status"), {"action": "pause"})["Location"] == reverse("volunteers:profile")
    client.post(reverse("volunteers:profile"), profile_form())
    client.post(reverse("volunteers:status"), {"action": "delete-everything"})
    assert Volunteer.objects.get().status == "active"


def test_a_get_on_status_changes_nothing(client, resident):
    client.force_login(resident)
    client.post(reverse("volunteers:profile"), profile_form())
    response = client.get(reverse("volunteers:status"), {"action": "leave"})
    assert response.status_code == 302 and response["Location"] == reverse("volunteers:index")
    assert Volunteer.objects.get().status == "active"


def test_visitors_see_an_introduction(client, db):
    assert client.get(reverse("volunteers:index")).status_code == 200
    response = client.get(reverse("volunteers:profile"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


def test_the_persons_data_and_erasure(client, resident):
    from samverka.needs import privacy as need_privacy
    from samverka.volunteers import privacy

    client.force_login(resident)
    client.post(reverse("volunteers:profile"), profile_form())
    data = privacy.personal_data(resident)["volunteer"]
    assert data["phone"] == "+46701234567" and data["availability"] == ["1-2", "5-0"]
    assert need_privacy.personal_data(resident) == {"need_answers": []}
    privacy.erase(resident)
    assert not Volunteer.objects.exists()
    assert privacy.personal_data(resident) == {"volunteer": {}}


def test_an_empty_profile_is_refused_with_a_message_next_to_each_missing_field(client, resident, districts):
    client.force_login(resident)
    response = client.post(reverse("volunteers:profile"), {
        "name": "Lina Sandberg", "skills": "Jag kan köra bil.", "submission_token": "p1"})
    assert response.status_code == 200
    assert not Volunteer.objects.exists()
    errors = response.context["form"].errors
    assert set(errors) == {"help_kinds", "districts", "consent_email"}
    page = response.content.decode()
    for message in ("Choose at least one kind of help you can give.",
                    "Choose at least one part of the municipality where you can help.",
                    "Tick this or write your mobile number, so a coordinator can reach you."):
        assert says(message) in page
    assert 'id="id_help_kinds_error"' in page and 'id="id_districts_error"' in page
    assert "Jag kan köra bil." in page, "the rest of the input is kept"
    assert says("Thank you! You are a volunteer. We suggest needs that match you.") not in page


@pytest.mark.parametrize("reach", [{"phone": "070-123 45 67", "consent_email": None, "consent_sms": None},
                                   {"phone": "", "consent_email": "on", "consent_sms": None}])
def test_a_phone_number_or_consent_to_email_is_enough_to_be_reached(client, resident, reach):
    client.force_login(resident)
    response = client.post(reverse("volunteers:profile"), profile_form(**reach))
    assert response.status_code == 302
    assert Volunteer.objects.count() == 1


def test_an_empty_profile_lists_what_to_do_in_the_order_of_the_page(client, resident, districts):
    client.force_login(resident)
    page = client.post(reverse("volunteers:profile"), {}).content.decode()
    summary = page[page.index('class="error-summary"'):page.index("</ul>", page.index('class="error-summary"'))]
    links = re.findall(r'<a href="#(\w+)">([^<]*)</a>', summary)
    assert [target for target, _message in links] == [
        "id_name", "id_help_kinds_0", "id_districts_0", "id_consent_email"]
    assert all("?:" not in message and ":" not in message for _target, message in links)
    positions = [re.search(rf'<(input|textarea)[^>]* id="?{target}[" >]', page).start() for target, _message in links]
    assert positions == sorted(positions)
