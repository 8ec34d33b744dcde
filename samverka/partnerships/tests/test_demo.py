"""The demo's partnerships: the cooperation agreement with Brottsofferjouren (84 000 kronor a
year, counted in the operating support and said so), the friend-family IOP with the parish, the
local compact with its signatures; their pages open; loading again adds nothing."""

from django.core.management import call_command
from django.urls import reverse

from samverka.partnerships.models import Compact, Contribution, Partnership


def test_the_demo_partnerships(db, client, time_machine):
    time_machine.move_to("2026-05-04 09:00 +02:00")
    call_command("load_demo", stdout=open("/dev/null", "w"))
    helpline = Partnership.objects.get(parties__actor__name="Brottsofferjouren Ekerö")
    assert helpline.kind == "cooperation" and helpline.office.slug == "socialkontoret"
    money = Contribution.objects.get(party__partnership=helpline, kind="money")
    assert (money.amount, money.unit) == (84_000, "sek_year") and "verksamhetsstöd" in money.counted_in
    friends = Partnership.objects.get(parties__actor__name="Svenska kyrkan Ekerö församling")
    assert friends.kind == "iop" and friends.why_partnership
    assert all(friends.within_period(m.due_on) for m in friends.milestones.all())
    compact = Compact.objects.get()
    assert compact.signatures.count() >= 3

    for url in (reverse("partnerships:index"), helpline.get_absolute_url(), friends.get_absolute_url(),
                reverse("partnerships:compacts"), compact.get_absolute_url()):
        assert client.get(url).status_code == 200, url
    page = client.get(helpline.get_absolute_url()).content.decode()
    assert "84" in page and "verksamhetsstöd" in page

    call_command("load_demo", stdout=open("/dev/null", "w"))
    assert Partnership.objects.count() == 2 and Compact.objects.count() == 1
