"""The benchmark's year of a city fills the overview, and the bench's visitor may see it."""

from django.core.management import call_command
from django.test import Client

from bench import overview as bench
from bench.standing import VISITOR
from samverka.accounts.models import User
from samverka.overview.models import Figure, Metric, Tie


def test_the_benchmark_fill_gives_the_overview_figures_to_show(db, time_machine):
    time_machine.move_to("2026-06-15 09:00 +02:00")
    call_command("load_demo", stdout=open("/dev/null", "w"))
    found = bench.fill_overview(volunteers=300, grants=40, feedback=100, hours=200, partnerships=5, answers=30)
    assert found["overview"] == "/oversikt/" and found["overview_compute_seconds"] >= 0
    volunteers = sum(Figure.objects.filter(metric=Metric.VOLUNTEERS, dimension="").values_list("count", flat=True))
    assert volunteers >= 300
    assert Tie.objects.exists()
    client = Client()
    client.force_login(User.objects.get(email=VISITOR))
    assert "<h1" in client.get(found["overview"]).content.decode()
    assert client.get(found["sdg_goal"]).status_code == 200
    bench.fill_overview(volunteers=10, grants=10, feedback=10, hours=10, partnerships=2, answers=5)  # again: replaces
