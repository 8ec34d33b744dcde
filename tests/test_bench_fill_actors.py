"""fill_bench, the benchmark's bulk filler, writes actors exactly as the platform would.
The bench app is installed only for the benchmark (BENCHMARK_FLOOR), so the command is
called as an object."""

from io import StringIO

from django.core.management import call_command
from django.urls import reverse

from bench.management.commands import fill_bench
from samverka.actors.models import Actor
from samverka.municipality.models import District


def fill(actors: int) -> None:
    for n, name in enumerate(["Ekerö centrum", "Stenhamra", "Skå"]):
        District.objects.get_or_create(slug=f"d{n}", defaults={"name": name, "position": n})
    call_command(fill_bench.Command(), "--actors", str(actors), stdout=StringIO())


def test_bench_actors_have_the_derived_columns_that_saving_gives_them(db):
    fill(60)
    assert Actor.objects.count() == 60
    for actor in Actor.objects.all():
        stored = (actor.name_key, actor.sort_name, actor.search_text)
        actor.save()
        assert (actor.name_key, actor.sort_name, actor.search_text) == stored
        assert actor.areas.exists() and actor.districts.exists() and actor.languages.exists()


def test_filling_twice_adds_new_actors_without_clashing_names(db):
    fill(40)
    fill(40)
    assert Actor.objects.count() == 80
    assert Actor.objects.values("name_key").distinct().count() == 80


def test_bench_actors_are_found_in_the_directory(client, db):
    fill(30)
    body = client.get(reverse("actors:directory"), {"q": "förening"}).content.decode()
    assert 'class="card"' in body
