"""The coaches' board, the gallery and an idea's page cost the same number of queries with 2
ideas as with 20 (and with notes and support growing)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from samverka.accounts.tests.factories import UserFactory
from samverka.ideas.models import PATH, Step
from samverka.municipality.models import Area, District

from .factories import CoachFactory, IdeaFactory, StepNoteFactory, SupportFactory


def queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def grow(n, coaches, idea):
    area, _ = Area.objects.get_or_create(slug="kultur", defaults={"name": "Kultur"})
    district, _ = District.objects.get_or_create(slug="stenhamra", defaults={"name": "Stenhamra"})
    for i in range(n):
        step = [Step.CLOSURE, *PATH][i % (len(PATH) + 1)]  # a finished one from the start (the gallery shows them)
        made = IdeaFactory(step=step, coach=coaches[i % len(coaches)] if i % 3 else None, is_public=True,
                           taken_at=timezone.now())
        made.areas.add(area)
        made.districts.add(district)
        StepNoteFactory(idea=idea, by=coaches[i % len(coaches)])
        SupportFactory(idea=idea, by=coaches[i % len(coaches)])


def test_the_board_the_gallery_and_an_idea_cost_the_same_with_more_ideas(client, coach):
    coaches = [coach, *(CoachFactory(user=UserFactory()).user for _ in range(3))]
    idea = IdeaFactory(coach=coach, is_public=True)
    grow(2, coaches, idea)
    client.force_login(coach)
    pages = [reverse("ideas:board"), reverse("ideas:board") + "?steg=need", reverse("ideas:board") + "?mina=1",
             reverse("ideas:gallery"), reverse("ideas:gallery") + "?area=kultur&district=stenhamra",
             idea.get_absolute_url(), idea.get_private_url()]
    few = {url: queries(client, url) for url in pages}
    grow(18, coaches, idea)
    many = {url: queries(client, url) for url in pages}
    assert many == few
