"""The demo's carers' link: Anhöriglänken with its six partners and Socialkontoret, a few
cases handed between them and one whose consent was withdrawn; the link's page, a partner's
inbox and case page open; loading again adds nothing."""

from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from samverka.cases.models import Case, CaseEvent, Link


def test_the_demo_carers_link(db, client, time_machine):
    time_machine.move_to("2026-11-20 09:00 +01:00")
    call_command("load_demo", stdout=open("/dev/null", "w"))
    link = Link.objects.get(slug="anhoriglanken")
    parties = link.parties.select_related("actor", "office")
    assert len([p for p in parties if p.actor_id]) == 6
    assert link.coordinator_office.slug == "socialkontoret"
    assert all(p.handlers.exists() for p in parties if p.actor_id)
    cases = Case.objects.filter(link=link)
    assert cases.count() == 7
    assert CaseEvent.objects.filter(case__link=link, kind=CaseEvent.Kind.HANDOVER).count() >= 3
    withdrawn = cases.get(name="Yusuf Karimi")
    assert withdrawn.party.office_id == link.coordinator_office_id
    assert withdrawn.consents.get().withdrawn_at is not None

    assert client.get(link.get_absolute_url()).status_code == 200
    with translation.override("ar"):  # the link's description in Arabic, on its Arabic page
        assert link.description_ar and link.description_ar != link.description_en
        assert link.description_ar.split(".")[0] in client.get(link.get_absolute_url()).content.decode()
    held = cases.filter(party__actor__isnull=False, status__in=Case.OPEN).select_related("party").first()
    handler = held.party.handlers.first()
    client.force_login(handler)
    assert held.reference in client.get(reverse("cases:link_inbox")).content.decode()
    assert client.get(reverse("cases:link_case", args=[held.reference])).status_code == 200

    # Ali, the link's coordinator, logs in and finds the late case nobody took on his work list.
    from samverka.accounts.models import User

    client.force_login(User.objects.get(email="socialkontoret@samverka.example"))
    work = client.get(reverse("cases:coordinate", args=[link.slug]))
    assert work.status_code == 200
    assert cases.get(name="Gunnel Åkesson").reference in work.content.decode()
    assert cases.get(name="Lars Nyberg").party.actor.name == "PRO Ekerö"  # chosen in the one way in

    call_command("load_demo", stdout=open("/dev/null", "w"))
    assert Case.objects.filter(link=link).count() == 7
