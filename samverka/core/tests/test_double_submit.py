"""A form posted twice without its submission token (a client that strips it) is done
once: the same content from the same sender within the window counts as a double submit."""

from datetime import timedelta

import time_machine
from django.urls import reverse
from django.utils import timezone

from samverka.actors.models import Actor
from samverka.actors.tests.test_register_actor import form as actor_form
from samverka.cases.models import Case
from samverka.cases.tests.helpers import case_form
from samverka.core import once
from samverka.core.models import AuditEvent

CREATE = reverse("actors:create")


def test_an_actor_form_posted_twice_without_its_token_adds_one_actor(client, resident):
    client.force_login(resident)
    first = client.post(CREATE, actor_form())
    second = client.post(CREATE, actor_form())
    assert Actor.objects.count() == 1
    assert AuditEvent.objects.filter(action="actor.create").count() == 1
    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"] == Actor.objects.get().get_absolute_url()


def test_a_case_posted_twice_without_its_token_is_one_case(client, db):
    first = client.post(reverse("cases:new"), case_form())
    second = client.post(reverse("cases:new"), case_form())
    assert Case.objects.count() == 1
    assert first["Location"] == second["Location"] == Case.objects.get().get_private_url()


def test_other_content_without_a_token_is_a_new_submission(client, resident):
    client.force_login(resident)
    client.post(CREATE, actor_form())
    client.post(CREATE, actor_form(name="Ekerö go-klubb", organisation_number="717900-1008"))
    assert Actor.objects.count() == 2


def test_the_same_content_from_someone_else_is_their_own(client, resident, editor):
    client.force_login(resident)
    client.post(reverse("cases:new"), case_form())
    client.force_login(editor)
    client.post(reverse("cases:new"), case_form())
    assert Case.objects.count() == 2


def test_the_window_has_no_edge_between_two_clicks_and_ends_after_it(client, db):
    start = timezone.now().replace(minute=9, second=59, microsecond=0)  # just before a window begins
    with time_machine.travel(start, tick=False) as traveller:
        client.post(reverse("cases:new"), case_form())
        traveller.shift(timedelta(seconds=2))  # the next window
        client.post(reverse("cases:new"), case_form())
        assert Case.objects.count() == 1
        traveller.shift(timedelta(seconds=2 * once.WINDOW))
        client.post(reverse("cases:new"), case_form())
        assert Case.objects.count() == 2


def test_a_form_with_its_token_is_not_matched_by_content(client, db):
    client.post(reverse("cases:new"), case_form(submission_token="a" * 32))
    client.post(reverse("cases:new"), case_form(submission_token="b" * 32))
    assert Case.objects.count() == 2
