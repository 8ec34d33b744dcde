"""The demo's standing groups: Öar utan gränser with four working groups and a year of meetings,
two councils with appointed seats and published minutes, points done, overdue and turned into a
need; loading again adds nothing."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from samverka.networks.models import FollowUpPoint, Group, Meeting, Seat


def test_the_demo_groups_load_once_and_show(db, client, time_machine):
    time_machine.move_to("2026-05-04 09:00 +02:00")
    call_command("load_demo", stdout=open("/dev/null", "w"))
    oar = Group.objects.get(slug="oar-utan-granser")
    assert oar.working_groups.count() == 4
    assert Meeting.objects.filter(group=oar, start__year__gte=2025).count() >= 12
    assert oar.meetings.filter(is_open=True, activity__isnull=False).count() == 1
    assert Group.objects.get(name="Vänfamiljsnätverket").actor.name == "Svenska kyrkan Ekerö församling"
    council = Group.objects.get(name="Kommunala pensionärsrådet")
    assert {s.actor.name for s in Seat.objects.filter(group=council)} == {"PRO Ekerö", "SPF Seniorerna Ekerö"}
    assert Seat.objects.filter(group__name__startswith="Kommunala rådet", substitute__isnull=False).count() == 3
    assert FollowUpPoint.objects.overdue().exists() and FollowUpPoint.objects.filter(status="done").exists()
    assert FollowUpPoint.objects.filter(need__isnull=False).exists()
    page = client.get(council.get_absolute_url()).content.decode()
    assert "PRO Ekerö" in page and "Rådsmöte: Budgeten" in page
    assert "Styrgruppen" not in client.get(reverse("networks:index")).content.decode()
    # The cooperation body's next meeting starts with its standing items.
    body = Group.objects.get(name="Samverkansorganet")
    coming = body.meetings.filter(start__gt=timezone.now()).get()
    assert coming.agenda.filter(standing="figures").exists() and coming.agenda.count() == 4
    # Every meeting with minutes has its agenda.
    assert not Meeting.objects.filter(minutes__isnull=False, agenda__isnull=True).exists()
    count = Group.objects.count()
    call_command("load_demo", stdout=open("/dev/null", "w"))
    assert Group.objects.count() == count


@pytest.mark.parametrize("today", ["2026-10-14 09:00 +02:00", "2027-01-05 09:00 +01:00"])
def test_the_network_s_meetings_fit_their_months(db, time_machine, today):
    time_machine.move_to(today)
    call_command("load_demo", stdout=open("/dev/null", "w"))
    oar = Group.objects.get(slug="oar-utan-granser")
    past = oar.meetings.filter(title__startswith="Nätverksträff:")
    assert past.count() >= 10
    assert not past.filter(start__month=7).exists()
    for title, month in (("Midsommar", 5), ("i höst", 8), ("Vårens", 1)):
        assert {m.start.month for m in past.filter(title__contains=title)} == {month}
    assert all(p.done_at is None or p.meeting is None or p.done_at > p.meeting.start
               for p in FollowUpPoint.objects.filter(group=oar))
