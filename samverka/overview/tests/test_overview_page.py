"""The overview page: who gets in, what it shows, and a fixed number of queries."""

import datetime as dt
import re

import pytest
import time_machine
from django.urls import reverse

from samverka.actors.tests.factories import ActorFactory
from samverka.municipality.models import Area, District
from samverka.municipality.tests.factories import OfficeFactory
from samverka.networks.models import Group
from samverka.networks.tests.factories import GroupFactory
from samverka.networks.tests.factories import MembershipFactory as GroupMembershipFactory
from samverka.overview.models import Dimension, Figure, Metric, Tie

URL = reverse("overview:index")
NOW = dt.datetime(2026, 6, 15, 10, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _june():
    with time_machine.travel(NOW, tick=False):
        yield


def fill(n: int):
    """Figures and ties for `n` actors over two years, as the nightly computation leaves them."""
    office = OfficeFactory(name=f"Kontor {n}")
    area = Area.objects.create(name=f"Område {n}", slug=f"omrade-{n}")
    part = District.objects.create(name=f"Del {n}", slug=f"del-{n}", latitude=59.3 + n / 1000, longitude=17.8)
    actors = [ActorFactory(name=f"Förening {n}-{i}") for i in range(n)]
    figures, ties = [], []
    for year in (2025, 2026):
        for month in range(1, 13 if year == 2025 else 7):
            day = dt.date(year, month, 1)
            for metric in Metric:
                figures.append(Figure(month=day, metric=metric, count=n * month))
                for dimension, key in ((Dimension.OFFICE, office.pk), (Dimension.AREA, area.pk),
                                       (Dimension.DISTRICT, part.pk), (Dimension.GOAL, 3)):
                    figures.append(Figure(month=day, metric=metric, dimension=dimension, key=str(key), count=month))
            ties += [Tie(actor=actor, office=office, month=day) for actor in actors]
    Figure.objects.bulk_create(figures, ignore_conflicts=True)
    Tie.objects.bulk_create(ties)
    for actor in actors:
        actor.areas.add(area)
    return office, area, actors


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.parametrize("persona", ["resident", "representative"])
def test_others_are_refused(client, persona, request):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(URL).status_code == 403


@pytest.mark.parametrize("persona", ["official", "process_leader", "administrator"])
def test_the_process_leader_officials_and_administrators_get_in(client, persona, request):
    client.force_login(request.getfixturevalue(persona))
    response = client.get(URL)
    assert response.status_code == 200
    assert "<h1>" in response.content.decode()


def test_members_of_an_active_cooperation_body_get_in_and_others_not(client, resident):
    body = GroupFactory(kind=Group.Kind.COOPERATION_BODY)
    membership = GroupMembershipFactory(group=body, user=resident)
    client.force_login(resident)
    assert client.get(URL).status_code == 200
    body.lifecycle = Group.Lifecycle.CLOSED
    body.save()
    assert client.get(URL).status_code == 403
    body.lifecycle = Group.Lifecycle.ACTIVE
    body.kind = Group.Kind.NETWORK
    body.save()
    assert client.get(URL).status_code == 403
    assert membership.pk


def test_the_page_shows_the_year_against_last_year_the_charts_and_the_ties(client, process_leader):
    office, area, actors = fill(3)
    client.force_login(process_leader)
    page = client.get(URL, {"metric": Metric.ACTIVITIES}).content.decode()
    # Activities January–June 2026: 3 × (1+…+6) = 63; the same months of 2025 the same.
    assert "63" in page
    assert "2026 hittills, jämfört med samma månader 2025" in page
    assert 'id="chart-by-month-caption"' in page and 'id="chart-office-caption"' in page
    assert "Kontor 3" in page and "Område 3" in page and "Del 3" in page
    # The charts' and the map's coordinates are numbers an SVG reads, in Swedish too (no decimal comma).
    assert not re.search(r'(?:width|cx|cy|r|x|y)="-?\d+,\d', page)
    assert '<circle class="overview-map__actors"' in page
    listed = client.get(URL, {"office": office.pk}).content.decode()
    assert all(actor.name in listed for actor in actors)
    by_area = client.get(URL, {"area": area.pk}).content.decode()
    assert actors[0].name in by_area


def test_a_wrong_filter_is_said_next_to_the_field_and_the_page_still_shows(client, official):
    client.force_login(official)
    response = client.get(URL, {"year": "1850", "metric": "nonsense"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "error-summary" in page and 'id="id_metric_error"' in page


def test_the_queries_do_not_grow_with_the_data(client, process_leader, django_assert_max_num_queries):
    client.force_login(process_leader)
    office, area, _ = fill(2)
    client.get(URL, {"office": office.pk})
    with django_assert_max_num_queries(40) as small:
        client.get(URL, {"office": office.pk})
    office, area, _ = fill(30)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(URL, {"office": office.pk})
    assert "Förening 30-29" in response.content.decode()


def test_map_labels_do_not_cover_each_other_nor_leave_the_map():
    """Parts that lie close (Ekerö centrum and Träkvista) get their names placed apart."""
    from types import SimpleNamespace

    from samverka.overview.selectors import _label_box, _overlap, place_labels

    def part(name, x, y, r=20):
        return {"district": SimpleNamespace(label=name), "actors": 12, "places": 3, "x": x, "y": y, "r": r}

    points = [part("Ekerö centrum", 300, 200, 36), part("Träkvista", 330, 215), part("Stenhamra", 120, 150),
              part("Munsö", 200, 90), part("Adelsö", 150, 60), part("Färentuna", 520, 380)]
    place_labels(points)
    boxes = [_label_box(p["label_x"], p["label_y"], p["anchor"], 0.6 * 20 * len(p["district"].label))
             for p in points]
    for n, box in enumerate(boxes):
        assert box[0] >= 0 and box[2] <= 600 and box[1] >= 0 and box[3] <= 420, points[n]
        for other in boxes[n + 1:]:
            assert _overlap(box, other) == 0
