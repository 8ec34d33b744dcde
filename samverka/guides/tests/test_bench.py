"""The benchmark's fill makes searchable, published guides with their first version."""

from django.test import Client

from bench import guides as bench_guides
from samverka.guides.models import Guide, GuideVersion


def test_the_fill_makes_guides_the_search_finds(db, django_assert_max_num_queries):
    paths = bench_guides.fill(count=60)
    assert Guide.objects.published().count() == 60 and GuideVersion.objects.count() == 60
    with django_assert_max_num_queries(8):
        response = Client().get(paths["guide_search"])
    assert response.status_code == 200 and response.content.decode().count('class="card__title"') >= 1
