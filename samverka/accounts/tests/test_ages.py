"""Age where it matters: Elsa, 12, signs up with her mother's consent; a 13-year-old signs
up alone; a person says their age and target groups on My pages, and removes them."""

from datetime import date

import time_machine
from django.contrib.auth import get_user_model
from django.urls import reverse

from samverka.accounts.ages import age_on
from samverka.accounts.models import GuardianConsent
from samverka.communication.models import OutboxMessage
from samverka.core.models import AuditEvent
from samverka.core.tests.helpers import link_in, says
from samverka.municipality.models import TargetGroup

User = get_user_model()
SIGNUP = reverse("account_signup")
TODAY = "2026-05-04 12:00+02:00"


def signup(client, **changes):
    data = {"first_name": "Elsa", "last_name": "Lind", "email": "elsa@example.org",
            "password1": "ett-langt-losenord-2026", "password2": "ett-langt-losenord-2026"}
    data.update(changes)
    return client.post(SIGNUP, data)


def test_age_on_birthdays():
    assert age_on(date(2013, 5, 4), date(2026, 5, 3)) == 12
    assert age_on(date(2013, 5, 4), date(2026, 5, 4)) == 13
    assert age_on(date(2008, 5, 4), date(2026, 5, 3)) == 17
    assert age_on(date(2008, 5, 4), date(2026, 5, 4)) == 18
    assert age_on(date(2012, 2, 29), date(2026, 2, 28)) == 13
    assert age_on(date(2012, 2, 29), date(2026, 3, 1)) == 14


@time_machine.travel(TODAY, tick=False)
def test_a_child_the_day_before_13_must_name_a_guardian_and_keeps_the_input(client, db):
    response = signup(client, birth_date="2013-05-05")
    assert response.status_code == 200
    page = response.content.decode()
    assert says("You are under 13: write the name of a parent or guardian.") in page
    assert says("You are under 13: write your guardian's e-mail address.") in page
    assert 'value="Elsa"' in page and 'value="2013-05-05"' in page
    assert not User.objects.exists()


@time_machine.travel(TODAY, tick=False)
def test_on_the_13th_birthday_no_guardian_is_needed(client, db):
    assert signup(client, birth_date="2013-05-04").status_code == 302
    user = User.objects.get()
    assert user.birth_date == date(2013, 5, 4)
    assert not GuardianConsent.objects.exists()


@time_machine.travel(TODAY, tick=False)
def test_the_guardian_confirms_by_the_link_once(client, db):
    response = signup(client, birth_date="2014-01-10", guardian_name="Maria Lind",
                      guardian_email="maria.lind@example.org")
    assert response.status_code == 302
    consent = GuardianConsent.objects.get()
    assert (consent.guardian_name, consent.confirmed_at) == ("Maria Lind", None)
    message = OutboxMessage.objects.get(to="maria.lind@example.org")
    link = link_in(message)
    other = type(client)()
    page = other.get(link)
    assert page.status_code == 200
    assert says("I am the guardian and I consent") in page.content.decode()
    assert other.post(link).status_code == 302
    other.post(link)
    consent.refresh_from_db()
    assert consent.confirmed_at is not None and consent.method == GuardianConsent.Method.EMAIL_LINK
    assert AuditEvent.objects.filter(action="account.guardian_confirmed").count() == 1


def test_a_tampered_link_finds_nothing(client, db):
    response = client.get(reverse("accounts:guardian", args=["not-a-token"]))
    assert response.status_code == 404
    assert client.post(reverse("accounts:guardian", args=["not-a-token"])).status_code == 404


@time_machine.travel(TODAY, tick=False)
def test_the_guardian_address_gets_one_message_a_day(client, db):
    signup(client, birth_date="2014-01-10", guardian_name="Maria Lind", guardian_email="maria.lind@example.org")
    signup(type(client)(), email="elsas.syster@example.org", birth_date="2015-01-10", guardian_name="Maria Lind",
           guardian_email="maria.lind@example.org")
    assert GuardianConsent.objects.count() == 2
    assert OutboxMessage.objects.filter(to="maria.lind@example.org").count() == 1


@time_machine.travel(TODAY, tick=False)
def test_a_future_birth_date_is_refused(client, db):
    response = signup(client, birth_date="2027-01-01")
    assert says("The date of birth cannot be in the future.") in response.content.decode()
    assert not User.objects.exists()


def test_a_person_says_and_removes_their_target_groups(client, resident):
    client.force_login(resident)
    url = reverse("accounts:about_me")
    newcomers = TargetGroup.objects.get(slug="nyanlanda")
    page = client.get(url)
    assert page.status_code == 200
    assert says("Do you belong to any of these groups?") in page.content.decode()
    assert client.post(url, {"birth_date": "1990-03-01", "target_groups": [newcomers.pk]}).status_code == 302
    resident.refresh_from_db()
    assert list(resident.target_groups.all()) == [newcomers]
    assert resident.birth_date == date(1990, 3, 1)
    client.post(url, {"birth_date": "", "target_groups": []})
    resident.refresh_from_db()
    assert not resident.target_groups.exists() and resident.birth_date is None


def test_about_me_needs_a_login(client, db):
    response = client.get(reverse("accounts:about_me"))
    assert response.status_code == 302


def test_the_data_page_shows_age_and_groups_and_delete_erases(client, resident):
    resident.birth_date = date(1990, 3, 1)
    resident.save()
    resident.target_groups.add(TargetGroup.objects.get(slug="aldre"))
    client.force_login(resident)
    data = client.get(reverse("accounts:my_data"), {"download": "1"})
    assert b"1990-03-01" in data.content
    client.post(reverse("accounts:delete"), {"confirm": "RADERA"})
    assert not User.objects.filter(pk=resident.pk).exists()
    assert not User.target_groups.through.objects.exists()


@time_machine.travel(TODAY, tick=False)
def test_a_waiting_child_sends_the_link_again_once_a_day(client, db):
    signup(client, birth_date="2014-01-10", guardian_name="Maria Lind", guardian_email="maria.lind@example.org")
    child = User.objects.get()
    client.force_login(child)
    page = client.get(reverse("accounts:about_me")).content.decode()
    assert says("Send the link to my guardian again") in page
    client.post(reverse("accounts:about_me"), {"resend": "1"})
    assert OutboxMessage.objects.filter(to="maria.lind@example.org").count() == 1  # the same day: held back
    with time_machine.travel("2026-05-05 13:00+02:00", tick=False):
        client.post(reverse("accounts:about_me"), {"resend": "1"})
    assert OutboxMessage.objects.filter(to="maria.lind@example.org").count() == 2
