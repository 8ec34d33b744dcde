# ruff: noqa: F811 (the fixtures come from public_scene by import)
"""Ages in matching: nobody under 18 offers where an extract is required (the extract is never
asked of them), a minor is never asked sensitive details, and a programme's ages hold."""

from datetime import date

import time_machine

from samverka.core.tests.helpers import says
from samverka.matching.models import Participant

from .public_scene import (  # noqa: F401 (fixtures)
    befriending,
    befriending_offer,
    befriending_request,
    parts,
    sign_up_url,
    social_office,
    swedish,
)

TODAY = "2026-05-04 12:00+02:00"
EXTRACT = ("This asks for an extract from the criminal-record register, which is never asked of anyone under 18. "
           "Look for something else that is open to your age.")


def test_a_16_year_old_visitor_cannot_offer_where_an_extract_is_asked(client, befriending, parts):
    page = client.get(sign_up_url(befriending, "ge")).content.decode()
    assert 'name="age"' in page
    response = client.post(sign_up_url(befriending, "ge"), befriending_offer(befriending, parts, age="16"))
    assert response.status_code == 200
    text = response.content.decode()
    assert says(EXTRACT) in text
    assert "Anders Lind" in text
    assert not Participant.objects.exists()


@time_machine.travel(TODAY, tick=False)
def test_a_minor_with_an_account_is_never_shown_the_extract_or_the_sensitive_question(client, befriending, parts,
                                                                                      resident):
    resident.birth_date = date(2009, 1, 1)
    resident.save()
    client.force_login(resident)
    offer = client.get(sign_up_url(befriending, "ge")).content.decode()
    assert 'name="record_check"' not in offer and 'name="age"' not in offer
    request = client.get(sign_up_url(befriending)).content.decode()
    assert 'name="sensitive"' not in request
    client.post(sign_up_url(befriending, "ge"), befriending_offer(befriending, parts, email=resident.email))
    assert not Participant.objects.filter(side=Participant.Side.OFFER).exists()


@time_machine.travel(TODAY, tick=False)
def test_on_the_18th_birthday_the_offer_is_taken(client, befriending, parts, resident):
    resident.birth_date = date(2008, 5, 4)
    resident.save()
    client.force_login(resident)
    response = client.post(sign_up_url(befriending, "ge"), befriending_offer(befriending, parts, email=resident.email))
    assert response.status_code == 302
    assert Participant.objects.filter(side=Participant.Side.OFFER).count() == 1


def test_a_minor_who_types_sensitive_details_is_asked_to_leave_them_out(client, befriending, parts):
    befriending.min_age = 13
    befriending.save()
    response = client.post(sign_up_url(befriending), befriending_request(befriending, parts, age="15"))
    assert says("We do not ask this of anyone under 18. Leave it empty, please.") in response.content.decode()
    assert not Participant.objects.exists()
    client.post(sign_up_url(befriending), befriending_request(befriending, parts, age="15", sensitive=""))
    assert Participant.objects.get().sensitive == ""


def test_the_programme_says_whether_it_accepts_minors(client, befriending):
    page = client.get(befriending.get_absolute_url()).content.decode()
    assert says("Minors are welcome.") in page
    assert says("Those who give show an extract from the criminal-record register, so that side is for adults "
                "only.") in page
    befriending.min_age = 18
    befriending.save()
    from django.core.cache import cache

    cache.clear()
    assert says("Not for minors (under 18).") in client.get(befriending.get_absolute_url()).content.decode()
