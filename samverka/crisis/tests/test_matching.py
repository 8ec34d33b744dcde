"""Triage, matching suggestions, the offer to a volunteer and their answer by link or SMS,
the race for a task, and follow-up."""

import threading
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connections
from django.test import Client
from django.urls import reverse

from samverka.activities.tests.test_concurrency import database_as_in_production  # noqa: F401
from samverka.communication.models import OutboxMessage
from samverka.core.models import AuditEvent
from samverka.core.tests.helpers import flash, says
from samverka.crisis import selectors, services
from samverka.crisis.models import HelpRequest, Task
from samverka.volunteers.models import Availability, Volunteer

from .factories import CrisisVolunteerFactory, HelpRequestFactory, TaskFactory, VolunteerFactory

SECRET = "hemligt-delat-lösen"


def crisis_volunteer(crisis, name, *, districts=(), kinds=(), availability=0, **extra):
    volunteer = VolunteerFactory(name=name, districts=list(districts), help_kinds=list(kinds),
                                 availability=availability, **extra)
    CrisisVolunteerFactory(crisis=crisis, volunteer=volunteer, confirmed_at=extra.get("confirmed_at", volunteer.confirmed_at))
    return volunteer


@pytest.fixture
def help_request(crisis, districts, kinds):
    return HelpRequestFactory(crisis=crisis, district=districts[0], help_kinds=[kinds["matinkop"], kinds["apotek"]],
                              status="new", priority="new")


def test_the_list_puts_unmatched_and_urgent_first(client, crisis, triager, districts):
    assigned = HelpRequestFactory(crisis=crisis, reference="KH-ASSIGN", status="assigned", priority="urgent")
    normal_old = HelpRequestFactory(crisis=crisis, reference="KH-NORMAL", priority="normal")
    urgent_new = HelpRequestFactory(crisis=crisis, reference="KH-URGENT", priority="urgent")
    done = HelpRequestFactory(crisis=crisis, reference="KH-DONE", status="done")
    client.force_login(triager)

    page = client.get(reverse("crisis:requests", args=[crisis.pk])).content.decode()

    positions = [page.index(r.reference) for r in (urgent_new, normal_old, assigned)]
    assert positions == sorted(positions)
    assert done.reference not in page
    assert done.reference in client.get(reverse("crisis:requests", args=[crisis.pk]), {"show": "closed"}).content.decode()


def test_triage(client, triager, help_request):
    client.force_login(triager)
    response = client.post(reverse("crisis:triage", args=[help_request.pk]), {"priority": "urgent", "note": "Ensam, 91 år"})
    assert says("The triage is saved.") in flash(response)
    help_request.refresh_from_db()
    assert help_request.priority == "urgent" and help_request.status == "open" and help_request.triage_note == "Ensam, 91 år"

    client.post(reverse("crisis:triage", args=[help_request.pk]), {"priority": "not_for_us"})
    help_request.refresh_from_db()
    assert help_request.status == "closed" and help_request.closed_at
    assert AuditEvent.objects.filter(action="help_request.triage").count() == 2


def test_suggestions_rank_district_then_kinds_then_availability_then_load(crisis, districts, kinds, help_request):
    tuesday_morning = datetime(2026, 3, 10, 9, 0, tzinfo=ZoneInfo("Europe/Stockholm"))
    free = Availability.bit(1, 0)
    far = crisis_volunteer(crisis, "Långt bort", districts=[districts[1]], kinds=[kinds["matinkop"], kinds["apotek"]],
                           availability=free)
    near_one_kind = crisis_volunteer(crisis, "Nära, ett slag", districts=[districts[0]], kinds=[kinds["matinkop"]],
                                     availability=free)
    near_both_busy = crisis_volunteer(crisis, "Nära, upptagen", districts=[districts[0]],
                                      kinds=[kinds["matinkop"], kinds["apotek"]], availability=free)
    TaskFactory(volunteer=near_both_busy, help_request=HelpRequestFactory(crisis=crisis), status="accepted")
    near_both_free = crisis_volunteer(crisis, "Nära, ledig", districts=[districts[0]],
                                      kinds=[kinds["matinkop"], kinds["apotek"]], availability=free)
    near_both_not_free = crisis_volunteer(crisis, "Nära, inte nu", districts=[districts[0]],
                                          kinds=[kinds["matinkop"], kinds["apotek"]], availability=Availability.bit(5, 2))
    # Never suggested: not confirmed for the crisis, paused, not signed up for this crisis.
    crisis_volunteer(crisis, "Obekräftad", districts=[districts[0]], confirmed_at=None)
    crisis_volunteer(crisis, "Pausad", districts=[districts[0]], status=Volunteer.Status.PAUSED)
    VolunteerFactory(name="Inte anmäld", districts=[districts[0]])

    names = [v.name for v in selectors.suggestions(help_request, now=tuesday_morning)]

    assert names == [near_both_free.name, near_both_busy.name, near_both_not_free.name, near_one_kind.name, far.name]


def test_suggestions_come_from_the_matching_engine_and_weigh_how_free_soon(crisis, districts, kinds, help_request):
    """Free now and in the next two parts of the day beats free only in one of them; before
    the engine both were just "free soon" and the older sign-up came first."""
    tuesday_morning = datetime(2026, 3, 10, 9, 0, tzinfo=ZoneInfo("Europe/Stockholm"))
    both = [kinds["matinkop"], kinds["apotek"]]
    once = crisis_volunteer(crisis, "Ledig en stund", districts=[districts[0]], kinds=both,
                            availability=Availability.bit(1, 0))
    all_day = crisis_volunteer(crisis, "Ledig hela dagen", districts=[districts[0]], kinds=both,
                               availability=Availability.bit(1, 0) | Availability.bit(1, 1) | Availability.bit(1, 2))

    assert [v.pk for v in selectors.suggestions(help_request, now=tuesday_morning)] == [all_day.pk, once.pk]


def test_suggestions_cost_the_same_queries_for_many_volunteers(crisis, districts, kinds, help_request,
                                                                django_assert_max_num_queries):
    for n in range(30):
        crisis_volunteer(crisis, f"V{n}", districts=[districts[n % 3]], kinds=[kinds["matinkop"]])
    with django_assert_max_num_queries(3):
        assert len(selectors.suggestions(help_request)) == selectors.SUGGESTIONS


def offer(client, triager, help_request, volunteer):
    client.force_login(triager)
    return client.post(reverse("crisis:match", args=[help_request.pk]), {"volunteer": volunteer.pk})


def test_the_volunteer_gets_an_offer_and_accepts_by_link(client, crisis, triager, districts, kinds, help_request):
    volunteer = crisis_volunteer(crisis, "Karin Ek", districts=[districts[0]], kinds=[kinds["matinkop"]])
    offer(client, triager, help_request, volunteer)
    task = Task.objects.get()
    help_request.refresh_from_db()
    assert help_request.status == "offered" and task.status == "offered"
    sms = OutboxMessage.objects.get(to=volunteer.phone)
    assert f"JA {task.code}" in sms.body_text and help_request.name not in sms.body_text  # sent in Swedish
    assert help_request.address not in sms.body_text
    client.logout()

    page = client.get(task.get_absolute_url()).content.decode()
    assert help_request.name not in page and help_request.address not in page  # not before saying yes
    response = client.post(task.get_absolute_url(), {"answer": "accept"}, follow=True)

    page = response.content.decode()
    assert help_request.name in page and help_request.address in page
    task.refresh_from_db()
    help_request.refresh_from_db()
    assert task.status == "accepted" and help_request.status == "assigned"
    told = OutboxMessage.objects.get(to=help_request.phone)
    assert "Karin" in told.body_text and "070-174" in told.body_text and "Ek" not in told.body_text.replace("Karin", "")


def test_decline_puts_the_request_back_for_matching(client, crisis, triager, districts, help_request):
    volunteer = crisis_volunteer(crisis, "Karin Ek", districts=[districts[0]])
    offer(client, triager, help_request, volunteer)
    task = Task.objects.get()
    client.post(task.get_absolute_url(), {"answer": "decline"})
    task.refresh_from_db()
    help_request.refresh_from_db()
    assert task.status == "declined" and help_request.status == "open"
    # Suggested again? Not the one who said no; the next one is.
    other = crisis_volunteer(crisis, "Nils Berg", districts=[districts[0]])
    assert [v.pk for v in selectors.suggestions(help_request)] == [other.pk]
    page = client.get(help_request.get_absolute_url()).content.decode()
    assert "Nils Berg" in page


def test_two_volunteers_race_for_one_task_and_one_wins(client, crisis, triager, districts, help_request):
    first = crisis_volunteer(crisis, "Karin Ek", districts=[districts[0]])
    second = crisis_volunteer(crisis, "Nils Berg", districts=[districts[0]])
    offer(client, triager, help_request, first)
    offer(client, triager, help_request, second)
    task_1, task_2 = Task.objects.get(volunteer=first), Task.objects.get(volunteer=second)
    client.logout()

    client.post(task_1.get_absolute_url(), {"answer": "accept"})
    response = client.post(task_2.get_absolute_url(), {"answer": "accept"}, follow=True)

    assert says("This task is no longer open: another volunteer took it, or it was cancelled.") in response.content.decode()
    assert Task.objects.filter(status="accepted").count() == 1
    task_2.refresh_from_db()
    assert task_2.status == "cancelled"
    assert HelpRequest.objects.get().status == "assigned"


def test_the_same_volunteer_clicking_twice(client, crisis, triager, districts, help_request):
    volunteer = crisis_volunteer(crisis, "Karin Ek", districts=[districts[0]])
    offer(client, triager, help_request, volunteer)
    task = Task.objects.get()
    client.post(task.get_absolute_url(), {"answer": "accept"})
    response = client.post(task.get_absolute_url(), {"answer": "accept"}, follow=True)
    assert says("You have already accepted this task. Thank you!") in response.content.decode()
    assert OutboxMessage.objects.filter(to=help_request.phone).count() == 1


def test_a_task_already_taken_loses_to_a_conditional_update(crisis, districts, help_request):
    """Both answers read the task as offered; the database lets one through."""
    first = TaskFactory(help_request=help_request, volunteer=crisis_volunteer(crisis, "A"))
    second = TaskFactory(help_request=help_request, volunteer=crisis_volunteer(crisis, "B"))
    HelpRequest.objects.filter(pk=help_request.pk).update(status="offered")
    stale = Task.objects.get(pk=second.pk)  # read before the first accepts
    services.answer_task(task=first, accept=True)
    with pytest.raises(services.TaskTaken):
        services.answer_task(task=stale, accept=True)
    assert list(Task.objects.filter(status="accepted")) == [first]


@pytest.mark.django_db(transaction=True)
def test_concurrent_accepts_through_the_view(request, crisis, districts):
    """Four volunteers press "Yes" at the same moment, each with their own connection:
    exactly one gets the task, on SQLite and on PostgreSQL."""
    help_request = HelpRequestFactory(crisis=crisis, status="offered")
    tasks = [TaskFactory(help_request=help_request, volunteer=crisis_volunteer(crisis, f"V{n}")) for n in range(4)]
    request.getfixturevalue("database_as_in_production")  # after the data is written
    barrier, errors = threading.Barrier(len(tasks)), []

    def accept(task):
        try:
            barrier.wait(timeout=30)
            Client().post(task.get_absolute_url(), {"answer": "accept"})
        except BaseException as error:  # reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=accept, args=(t,)) for t in tasks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert Task.objects.filter(status="accepted").count() == 1
    assert Task.objects.filter(status="cancelled").count() == 3
    assert HelpRequest.objects.get().status == "assigned"


def test_accept_and_decline_by_sms(client, settings, crisis, triager, districts, help_request):
    settings.SMS_INBOUND_SECRET = SECRET
    volunteer = crisis_volunteer(crisis, "Karin Ek", districts=[districts[0]])
    offer(client, triager, help_request, volunteer)
    task = Task.objects.get()
    client.logout()
    url = reverse("crisis:sms_inbound") + "?secret=" + SECRET

    response = client.post(url, {"from": "070-174 06 05".replace("070-174 06 05", volunteer.phone),
                                 "message": f"ja {task.code}"})

    assert response.status_code == 200
    task.refresh_from_db()
    assert task.status == "accepted"
    # Again: a clear answer, nothing changes.
    client.post(url, {"from": volunteer.phone, "message": f"JA {task.code}"})
    reply = OutboxMessage.objects.filter(to=volunteer.phone).latest("pk")
    assert "already accepted" in reply.body_text or "redan" in reply.body_text


def test_sms_decline_and_nonsense(client, settings, crisis, triager, districts, help_request):
    settings.SMS_INBOUND_SECRET = SECRET
    volunteer = crisis_volunteer(crisis, "Karin Ek", districts=[districts[0]])
    offer(client, triager, help_request, volunteer)
    task = Task.objects.get()
    url = reverse("crisis:sms_inbound") + "?secret=" + SECRET
    client.post(url, {"from": volunteer.phone, "message": "hallå?"})
    client.post(url, {"from": "+46701740698", "message": f"JA {task.code}"})  # another phone
    task.refresh_from_db()
    assert task.status == "offered"
    client.post(url, {"from": volunteer.phone, "message": f"Nej {task.code}"})
    task.refresh_from_db()
    assert task.status == "declined"
    assert HelpRequest.objects.get().status == "open"


def test_the_sms_webhook_needs_the_secret(client, settings, crisis, help_request):
    settings.SMS_INBOUND_SECRET = SECRET
    task = TaskFactory(help_request=help_request, volunteer=crisis_volunteer(crisis, "A"))
    for url in (reverse("crisis:sms_inbound"), reverse("crisis:sms_inbound") + "?secret=fel"):
        assert client.post(url, {"from": task.volunteer.phone, "message": f"JA {task.code}"}).status_code == 403
    settings.SMS_INBOUND_SECRET = ""
    assert client.post(reverse("crisis:sms_inbound") + "?secret=", {"from": task.volunteer.phone,
                                                                   "message": f"JA {task.code}"}).status_code == 403
    task.refresh_from_db()
    assert task.status == "offered"


def test_follow_up_and_close(client, crisis, triager, districts, help_request):
    volunteer = crisis_volunteer(crisis, "Karin Ek", districts=[districts[0]])
    offer(client, triager, help_request, volunteer)
    task = Task.objects.get()
    services.answer_task(task=task, accept=True)
    response = client.post(reverse("crisis:close_request", args=[help_request.pk]), {"note": "Maten levererad."})
    assert says("The request is closed.") in flash(response)
    help_request.refresh_from_db()
    task.refresh_from_db()
    assert help_request.status == "done" and help_request.outcome_note == "Maten levererad."
    assert task.status == "done"


def test_cancelling_an_accepted_task_tells_the_volunteer_and_reopens(client, crisis, triager, districts, help_request):
    volunteer = crisis_volunteer(crisis, "Karin Ek", districts=[districts[0]])
    offer(client, triager, help_request, volunteer)
    task = Task.objects.get()
    services.answer_task(task=task, accept=True)
    client.post(reverse("crisis:cancel_task", args=[task.pk]))
    task.refresh_from_db()
    assert task.status == "cancelled" and HelpRequest.objects.get().status == "open"
    assert OutboxMessage.objects.filter(idempotency_key=f"crisis-task-{task.pk}-cancelled").exists()


def test_an_unconfirmed_volunteer_cannot_be_offered(client, crisis, triager, districts, help_request):
    volunteer = crisis_volunteer(crisis, "Obekräftad", confirmed_at=None)
    response = offer(client, triager, help_request, volunteer)
    assert says("This volunteer cannot be asked: they are not confirmed, or they paused or left.") in flash(response)
    assert not Task.objects.exists()


def test_the_vocabulary_survives_the_concurrency_test(kinds):
    assert len(kinds) == 8
