"""The pages run the same number of queries whatever the number of guides."""

import pytest
from django.urls import reverse

from samverka.municipality.models import Office

from .factories import make_guide

pytestmark = pytest.mark.django_db


def _fill(n):
    office, _ = Office.objects.get_or_create(slug="socialkontoret", defaults={"name": "Socialkontoret"})
    for i in range(n):
        make_guide(title_sv=f"Förening och bidrag {i}", topic="office" if i % 2 else "apply_grant",
                   office=office if i % 2 else None, summary_sv="Föreningar söker bidrag.")


@pytest.mark.parametrize("name,query", [("guides:index", {}), ("guides:index", {"amne": "office"}),
                                        ("guides:search", {"q": "föreningar bidrag"}),
                                        ("guides:search", {"q": "bidrag", "amne": "office"})])
def test_lists_stay_constant(client, official, django_assert_max_num_queries, name, query):
    _fill(3)
    client.force_login(official)
    with django_assert_max_num_queries(12) as small:
        client.get(reverse(name), query)
    _fill(40)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(reverse(name), query)
    assert response.status_code == 200


def test_the_guide_page_is_a_few_queries_and_cached(client, django_assert_max_num_queries, django_assert_num_queries):
    guide = make_guide()
    with django_assert_max_num_queries(6):
        client.get(guide.get_absolute_url())
    with django_assert_num_queries(0):
        assert client.get(guide.get_absolute_url()).status_code == 200


def test_a_change_shows_at_once_on_the_cached_page(client, official):
    from samverka.guides import services
    guide = make_guide(title_sv="Gammal titel")
    assert "Gammal titel" in client.get(guide.get_absolute_url()).content.decode()
    services.edit_guide(by=official, guide=guide, data={"title_sv": "Ny titel"}, base=guide.version)
    assert "Ny titel" in client.get(guide.get_absolute_url()).content.decode()


def test_the_history_stays_constant(client, official, django_assert_max_num_queries):
    from samverka.guides import services
    guide = make_guide(by=official)
    client.force_login(official)
    url = reverse("guides:history", args=[guide.slug])
    for n in range(2):
        services.edit_guide(by=official, guide=guide, data={"body_sv": f"Text {n}"}, base=guide.version)
        guide.refresh_from_db()
    with django_assert_max_num_queries(15) as small:
        client.get(url)
    for n in range(20):
        services.edit_guide(by=official, guide=guide, data={"body_sv": f"Mer text {n}"}, base=guide.version)
        guide.refresh_from_db()
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(url).status_code == 200
