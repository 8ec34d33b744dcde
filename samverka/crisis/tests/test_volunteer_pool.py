"""Ali triages a request in the storm: besides those who signed up for this crisis, the
municipality's own volunteers who said they may be asked in a crisis are suggested, and
can be asked; the rest of the pool is not."""

import pytest
from django.urls import reverse

from samverka.crisis.models import Task
from samverka.volunteers.models import Volunteer

from .factories import CrisisVolunteerFactory, HelpRequestFactory, VolunteerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def help_request(crisis, districts, kinds):
    return HelpRequestFactory(crisis=crisis, district=districts[0], help_kinds=[kinds["matinkop"]],
                              status="new", priority="new")


def suggested(client, help_request) -> str:
    page = client.get(reverse("crisis:request_detail", args=[help_request.pk]))
    assert page.status_code == 200
    return page.content.decode()


def test_the_volunteer_pool_is_suggested_with_the_crisis_sign_ups(client, crisis, triager, districts, kinds,
                                                                   help_request):
    signed_up = VolunteerFactory(name="Karin Ek", districts=[districts[0]])
    CrisisVolunteerFactory(crisis=crisis, volunteer=signed_up, confirmed_at=signed_up.confirmed_at)
    VolunteerFactory(name="Lina Sandberg", districts=[districts[0]], help_kinds=[kinds["matinkop"]],
                     crisis_help=True)
    VolunteerFactory(name="Per Holm", districts=[districts[0]], crisis_help=False)
    VolunteerFactory(name="Maria Pausad", districts=[districts[0]], crisis_help=True, status=Volunteer.Status.PAUSED)
    client.force_login(triager)

    page = suggested(client, help_request)

    assert "Karin Ek" in page and "Lina Sandberg" in page
    assert "Per Holm" not in page and "Maria Pausad" not in page


def test_a_pool_volunteer_can_be_asked_and_one_who_did_not_say_yes_cannot(client, crisis, triager, districts,
                                                                          help_request):
    lina = VolunteerFactory(name="Lina Sandberg", districts=[districts[0]], crisis_help=True)
    per = VolunteerFactory(name="Per Holm", districts=[districts[0]], crisis_help=False)
    client.force_login(triager)

    client.post(reverse("crisis:match", args=[help_request.pk]), {"volunteer": per.pk})
    assert not Task.objects.exists()
    client.post(reverse("crisis:match", args=[help_request.pk]), {"volunteer": lina.pk})
    assert Task.objects.get().volunteer == lina


def test_a_volunteer_says_in_the_profile_that_they_may_be_asked_in_a_crisis(client, resident, districts, kinds):
    client.force_login(resident)
    form = {"name": "Lina Sandberg", "phone": "070-222 33 44", "districts": [str(districts[0].pk)],
            "help_kinds": [str(kinds["matinkop"].pk)], "consent_email": "on", "crisis_help": "on"}
    response = client.post(reverse("volunteers:profile"), form)
    assert response.status_code == 302, response.context["form"].errors
    assert Volunteer.objects.get(user=resident).crisis_help
