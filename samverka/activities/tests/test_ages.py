"""Activities for some ages: the youth evening is for 13 to 19. Someone without an account
gives their age; Elsa with her date of birth on her account is checked around her 13th
birthday; outside the ages the registration is refused next to the field, input kept."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from samverka.activities.models import Registration
from samverka.activities.tests.factories import RegistrationActivityFactory
from samverka.core.tests.helpers import says

TODAY = "2026-05-04 12:00+02:00"


@pytest.fixture
def youth_evening(actor):
    return RegistrationActivityFactory(actor=actor, title="Ungdomskväll", min_age=13, max_age=19, capacity=20)


def register_url(activity):
    return reverse("activities:register", args=[activity.slug, activity.occurrences.first().pk])


def test_a_visitor_gives_an_age_inside_the_span(client, youth_evening):
    page = client.get(register_url(youth_evening)).content.decode()
    assert 'name="age"' in page
    assert says("For you who are %(min)s to %(max)s years old.", min=13, max=19) in page
    response = client.post(register_url(youth_evening), {"name": "Elsa Lind", "email": "elsa@example.org",
                                                          "phone": "", "age": "15"})
    assert response.status_code == 302
    assert Registration.objects.count() == 1


@pytest.mark.parametrize(("age", "message", "params"), [
    ("12", "This is for you who are %(min)s years or older.", {"min": 13}),
    ("20", "This is for you who are %(max)s years or younger.", {"max": 19}),
    ("", "Write your age, so that we can see that this is open to you.", {}),
])
def test_outside_the_ages_nothing_is_registered_and_the_input_stays(client, youth_evening, age, message, params):
    response = client.post(register_url(youth_evening), {"name": "Elsa Lind", "email": "elsa@example.org",
                                                          "phone": "", "age": age})
    assert response.status_code == 200
    page = response.content.decode()
    assert says(message, **params) in page
    assert 'value="Elsa Lind"' in page
    assert not Registration.objects.exists()


@pytest.mark.parametrize(("day", "registered"), [("2026-05-03 12:00+02:00", False), (TODAY, True)])
def test_the_13th_birthday_with_the_date_on_the_account(client, resident, actor, day, registered):
    resident.birth_date = date(2013, 5, 4)
    resident.save()
    with time_machine.travel(day, tick=False):
        evening = RegistrationActivityFactory(actor=actor, min_age=13, max_age=19, capacity=20)
        client.force_login(resident)
        page = client.get(register_url(evening)).content.decode()
        assert 'name="age"' not in page  # the account says it
        client.post(register_url(evening), {"name": "Elsa Lind", "email": resident.email, "phone": ""})
    assert Registration.objects.exists() is registered


def test_the_page_says_the_ages(client, youth_evening):
    page = client.get(youth_evening.get_absolute_url()).content.decode()
    assert says("For you who are %(min)s to %(max)s years old.", min=13, max=19) in page
    assert says("Minors are welcome.") in page
