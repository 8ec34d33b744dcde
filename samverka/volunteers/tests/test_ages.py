"""A volunteer under 18 is never asked for a criminal-record extract on their profile."""

from datetime import date

import time_machine
from django.urls import reverse

TODAY = "2026-05-04 12:00+02:00"


@time_machine.travel(TODAY, tick=False)
def test_the_extract_question_is_not_shown_the_day_before_the_18th_birthday(client, resident):
    resident.birth_date = date(2008, 5, 5)
    resident.save()
    client.force_login(resident)
    assert 'name="record_checked_on"' not in client.get(reverse("volunteers:profile")).content.decode()


@time_machine.travel(TODAY, tick=False)
def test_on_the_18th_birthday_it_is(client, resident):
    resident.birth_date = date(2008, 5, 4)
    resident.save()
    client.force_login(resident)
    assert 'name="record_checked_on"' in client.get(reverse("volunteers:profile")).content.decode()
