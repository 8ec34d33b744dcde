"""The list of needs and a need's page cost the same number of queries with 10 needs as
with 100: no query per need, per tag or per answer."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samverka.accounts.tests.factories import UserFactory
from samverka.municipality.models import Area, District, SdgGoal
from samverka.needs.models import Need
from samverka.needs.tests.factories import AnswerFactory, NeedFactory
from samverka.volunteers.models import HelpKind
from samverka.volunteers.tests.factories import AssignmentFactory, HoursLogFactory, VolunteerFactory


def fill(count, start, office, actor):
    areas, goals, kinds = list(Area.objects.all()), list(SdgGoal.objects.all()), list(HelpKind.objects.all())
    districts = list(District.objects.all())
    for n in range(start, start + count):
        need = NeedFactory(office=office if n % 2 else None, actor=None if n % 2 else actor, title=f"Behov {n}",
                           slug=f"behov-q{n}", district=districts[n % len(districts)],
                           kind=Need.Kind.values[n % 5], status="closed" if n % 7 == 0 else "open",
                           outcome="Det gick bra." if n % 7 == 0 else "")
        need.areas.set(areas[n % len(areas):n % len(areas) + 2])
        need.sdg_goals.set([goals[n % len(goals)]])
        need.help_kinds.set([kinds[n % len(kinds)]])


def queries(client, url, params=None) -> int:
    client.get(url, params or {})  # warm the caches (municipality, vocabularies)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params or {})
    assert response.status_code == 200, url
    return len(captured)


@pytest.fixture
def setting(official, actor, representative, resident):
    for n, name in enumerate(["Ekerö centrum", "Stenhamra", "Skå"]):
        District.objects.create(slug=f"d{n}", name=name, position=n)
    office = official.office_memberships.get().office
    need = NeedFactory(office=office, title="Besöksvänner", slug="besok", contact=official)
    need.areas.set(Area.objects.all()[:3])
    need.sdg_goals.set(SdgGoal.objects.all()[:3])
    need.help_kinds.set(HelpKind.objects.all()[:3])
    volunteer = VolunteerFactory(user=resident, email=resident.email)
    volunteer.districts.set(District.objects.all())
    volunteer.help_kinds.set(HelpKind.objects.all())
    volunteer.areas.set(Area.objects.all())
    return {"office": office, "actor": actor, "need": need}


def pages(setting, official, representative, resident):
    index, need = reverse("needs:index"), setting["need"]
    return {
        "list": (None, index, {}),
        "list, page 2": (None, index, {"page": "2"}),
        "list, filtered": (None, index, {"q": "behov", "area": "kultur", "district": "d1", "kind": "volunteers",
                                          "help_kind": HelpKind.objects.first().slug}),
        "list, closed": (None, index, {"status": "closed"}),
        "list, volunteer with suggestions": (resident, index, {}),
        "list, representative with suggestions": (representative, index, {}),
        "need, anonymous": (None, need.get_absolute_url(), {}),
        "need, resident": (resident, need.get_absolute_url(), {}),
        "need, publisher": (official, need.get_absolute_url(), {}),
        "answers": (official, reverse("needs:answers", args=[need.slug]), {}),
        "mine": (official, reverse("needs:mine"), {}),
    }


@pytest.mark.django_db
def test_queries_do_not_grow_with_the_number_of_needs(client, setting, official, representative, resident):
    fill(10, 0, setting["office"], setting["actor"])
    for _n in range(3):
        AnswerFactory(need=setting["need"], user=UserFactory())
        HoursLogFactory(assignment=AssignmentFactory(need=setting["need"]))
    few = {}
    for name, (user, url, params) in pages(setting, official, representative, resident).items():
        client.logout()
        if user:
            client.force_login(user)
        few[name] = queries(client, url, params)
    fill(90, 10, setting["office"], setting["actor"])
    for _n in range(20):
        AnswerFactory(need=setting["need"], user=UserFactory())
        HoursLogFactory(assignment=AssignmentFactory(need=setting["need"]))
    for name, (user, url, params) in pages(setting, official, representative, resident).items():
        client.logout()
        if user:
            client.force_login(user)
        assert queries(client, url, params) == few[name], name
