"""The demo's idea lab: five ideas at different steps, two coaches, support recorded, the youth
sports evening turned into a need; the gallery shows the public ones; loading again adds nothing."""

from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from samverka.accounts.models import User
from samverka.ideas.models import Coach, Idea, Step, Support


def test_the_demo_ideas_load_once_and_show(db, client, time_machine):
    time_machine.move_to("2026-05-04 09:00 +02:00")
    call_command("load_demo", stdout=open("/dev/null", "w"))
    assert Coach.objects.filter(active=True).count() == 2
    steps = dict(Idea.objects.values_list("title", "step"))
    assert steps["Språkcafé på Ekerö bibliotek"] == Step.PROJECT
    assert steps["Reparationskafé i Stenhamra"] == Step.DEVELOPMENT
    assert steps["Gemensam odling i Skå"] == Step.ANCHORING
    assert Idea.objects.queue().get().title == "Högläsning för äldre på Färentuna"
    assert Idea.objects.queue().get().waited_days == 3  # sent three days ago, not "since today"
    assert Idea.objects.get(title="Idrottskväll för unga i Ekerö sporthall").need is not None
    assert Support.objects.filter(kind="coaching").count() == 4
    gallery = client.get(reverse("ideas:gallery")).content.decode()
    assert "Reparationskafé i Stenhamra" in gallery and "Högläsning för äldre" not in gallery
    annika = Client()
    annika.force_login(User.objects.get(email="annika.berg@samverka.example"))
    board = annika.get(reverse("ideas:board")).content.decode()
    assert "Högläsning för äldre på Färentuna" in board
    count = Idea.objects.count()
    call_command("load_demo", stdout=open("/dev/null", "w"))
    assert Idea.objects.count() == count
