"""The demo's surveys: the 2017 survey answered by 90 actors, closed, its results public and its
feedback given; the youth dialogue's open survey with a few answers, which the demo's resident
can answer; loading again adds nothing."""

from django.core.management import call_command
from django.urls import reverse

from samverka.accounts.models import User
from samverka.dialogue import demo
from samverka.dialogue.models import FeedbackItem, Response, ResponseAnswer, Survey


def test_the_demo_surveys_load_once_and_show(db, client, time_machine):
    time_machine.move_to("2026-05-04 09:00 +02:00")
    call_command("load_demo", stdout=open("/dev/null", "w"))
    survey_2017 = Survey.objects.get(process__slug=demo.DIALOGUE_2017)
    assert (survey_2017.status, survey_2017.respondent) == (Survey.Status.CLOSED, Survey.Respondent.ACTOR)
    assert survey_2017.responses.count() == 90
    assert FeedbackItem.objects.get(survey=survey_2017).status == FeedbackItem.Status.GIVEN
    page = client.get(reverse("dialogue:survey_results", args=[survey_2017.pk])).content.decode()
    assert '<p class="lead">90 ' in page and page.count('role="img"') == 4
    assert "Tidig dialog innan beslut" in page
    texts = list(ResponseAnswer.objects.filter(response__survey=survey_2017).exclude(text="")
                 .values_list("text", flat=True))
    assert len(texts) == 30 and len(set(texts)) == 30  # thirty different people, thirty different answers
    youth = Survey.objects.get(process__slug=demo.YOUTH)
    assert youth.status == Survey.Status.OPEN and youth.anonymous and youth.responses.count() == 7
    client.force_login(User.objects.get(email="ungdom@samverka.example"))  # Elsa, 15: the youth survey is hers
    assert client.get(reverse("dialogue:survey_answer", args=[youth.pk])).status_code == 200
    count = Response.objects.count()
    call_command("load_demo", stdout=open("/dev/null", "w"))
    assert Response.objects.count() == count and Survey.objects.count() == 2
