"""A partner's inbox lists the cases its party holds late ones first, each with its status,
"late" where it is, its handler and its address; "all" puts the answered ones among them by
date; the numbers of the tabs are the numbers of rows."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from samverka.cases.models import Case, Consent
from samverka.cases.tests.factories import topic
from samverka.core.tests.helpers import says

pytestmark = pytest.mark.django_db


def held(link, n, *, days, status=Case.Status.RECEIVED, assigned_to=None):
    case = Case.objects.create(
        reference=f"EVI-2026-{n:04d}", kind="question", topic=topic("aldre"), message="Hjälp", name=f"Person {n}",
        email=f"p{n}@example.org", answer_by=timezone.localdate() + timedelta(days=days), status=status,
        link=link, party=link.eva_party, office=link.coordinator_office, assigned_to=assigned_to)
    Consent.objects.create(case=case)
    return case


def test_late_cases_come_first_marked_late_with_their_handler(client, carers_link, representative):
    soon = held(carers_link, 1, days=2)
    late = held(carers_link, 2, days=-3, assigned_to=representative)
    later = held(carers_link, 3, days=5)
    answered = held(carers_link, 4, days=-5, status=Case.Status.ANSWERED)
    client.force_login(representative)

    page = client.get(reverse("cases:link_inbox")).content.decode()
    rows = page.split("<tbody>")[1].split("</tbody>")[0].split("<tr>")[1:]
    assert [r.split("</a>")[0].rsplit(">", 1)[1] for r in rows] == [late.reference, soon.reference, later.reference]
    assert reverse("cases:link_case", args=[late.reference]) in rows[0]
    assert says("Late") in rows[0] and says("Late") not in rows[1] + rows[2]
    assert representative.display_name in rows[0]
    assert f"case-status--{Case.Status.RECEIVED}" in rows[1]
    assert answered.reference not in page

    everything = client.get(reverse("cases:link_inbox"), {"status": "all"}).content.decode()
    order = [everything.index(c.reference) for c in (late, answered, soon, later)]
    assert order == sorted(order)  # the answered one is not late: by its date among the rest
    assert f"case-status--{Case.Status.ANSWERED}" in everything


def test_the_pages_count_the_rows_the_tabs_counted(client, carers_link, representative):
    for n in range(55):
        held(carers_link, n, days=n % 9 - 4)
    held(carers_link, 99, days=1, status=Case.Status.CLOSED)
    client.force_login(representative)
    first = client.get(reverse("cases:link_inbox")).content.decode()
    assert first.count('<tr>') == 1 + 50  # the head and fifty cases
    second = client.get(reverse("cases:link_inbox"), {"page": 2}).content.decode()
    assert second.count('<tr>') == 1 + 5
    assert 'rel="prev"' in second and 'rel="next"' not in second
    everything = client.get(reverse("cases:link_inbox"), {"status": "all", "page": 2}).content.decode()
    assert everything.count('<tr>') == 1 + 6
