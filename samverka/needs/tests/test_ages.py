"""Ages on needs: Elsa, 17 the day before her birthday, cannot sign up for a task for
adults, and can on her 18th birthday; no minor signs up where an extract is required; a
person with no age given is asked for it."""

from datetime import date

import time_machine
from django.urls import reverse

from samverka.core.tests.helpers import says
from samverka.needs.models import Answer
from samverka.needs.tests.factories import NeedFactory

TODAY = "2026-05-04 12:00+02:00"


def sign_up(client, need, **extra):
    return client.post(reverse("needs:answer", args=[need.slug]),
                       {"kind": Answer.Kind.SIGN_UP, "message": "Jag vill gärna hjälpa till.", **extra})


@time_machine.travel(TODAY, tick=False)
def test_a_17_year_old_is_refused_with_the_reason_and_the_input_kept(client, resident):
    resident.birth_date = date(2008, 5, 5)
    resident.save()
    need = NeedFactory(min_age=18)
    client.force_login(resident)
    response = sign_up(client, need)
    assert response.status_code == 200
    page = response.content.decode()
    assert says("This is for you who are %(min)s years or older.", min=18) in page
    assert "Jag vill gärna hjälpa till." in page
    assert not Answer.objects.exists()


@time_machine.travel(TODAY, tick=False)
def test_on_the_18th_birthday_the_sign_up_is_taken(client, resident):
    resident.birth_date = date(2008, 5, 4)
    resident.save()
    need = NeedFactory(min_age=18)
    client.force_login(resident)
    assert sign_up(client, need).status_code == 302
    assert Answer.objects.filter(need=need, user=resident).exists()


@time_machine.travel(TODAY, tick=False)
def test_a_minor_never_signs_up_where_an_extract_is_required(client, resident):
    resident.birth_date = date(2010, 1, 1)
    resident.save()
    need = NeedFactory(record_extract_required=True)
    client.force_login(resident)
    page = sign_up(client, need).content.decode()
    assert says("This asks for an extract from the criminal-record register, which is never asked of anyone "
                "under 18. Look for something else that is open to your age.") in page
    assert not Answer.objects.exists()
    assert says("Not for minors (under 18).") in client.get(need.get_absolute_url()).content.decode()


def test_without_an_age_the_form_asks_for_it(client, resident):
    need = NeedFactory(min_age=16, max_age=25)
    client.force_login(resident)
    form = client.get(reverse("needs:answer", args=[need.slug])).content.decode()
    assert 'name="age"' in form
    page = sign_up(client, need).content.decode()
    assert says("Write your age, so that we can see that this is open to you.") in page
    assert not Answer.objects.exists()
    page = sign_up(client, need, age="15").content.decode()
    assert says("This is for you who are %(min)s years or older.", min=16) in page
    assert sign_up(client, need, age="17").status_code == 302
    assert Answer.objects.count() == 1


def test_a_need_without_limits_asks_no_age(client, resident):
    need = NeedFactory()
    client.force_login(resident)
    assert 'name="age"' not in client.get(reverse("needs:answer", args=[need.slug])).content.decode()
    assert sign_up(client, need).status_code == 302


def test_the_page_says_the_ages_and_that_minors_are_welcome(client, db):
    need = NeedFactory(min_age=16)
    page = client.get(need.get_absolute_url()).content.decode()
    assert says("For you who are %(min)s years or older.", min=16) in page
    assert says("Minors are welcome.") in page


@time_machine.travel(TODAY, tick=False)
def test_a_child_waiting_for_the_guardian_cannot_sign_up(client, resident):
    from samverka.accounts.models import GuardianConsent

    resident.birth_date = date(2015, 1, 1)
    resident.save()
    GuardianConsent.objects.create(user=resident, guardian_name="Maria", guardian_email="maria@example.org")
    need = NeedFactory()
    client.force_login(resident)
    page = sign_up(client, need).content.decode()
    assert not Answer.objects.exists()
    assert says("Your guardian has not yet confirmed your account. When they have opened the link we sent them, "
                "you can sign up.") in page
