"""The idea lab's gallery as open data (/api/v1/ideas/): the ideas whose authors chose to show
them once a coach has looked at them, with the gallery's filters. An idea kept private, or
not yet read by a coach, never appears; who sent an idea (name, account, e-mail address), its
private link and its coach never do; a constant number of queries however many ideas."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from samverka.accounts.tests.factories import UserFactory
from samverka.ideas.models import Step
from samverka.ideas.tests.factories import CoachFactory, IdeaFactory
from samverka.municipality.models import Area, District, SdgGoal

pytestmark = pytest.mark.django_db

LIST = "/api/v1/ideas/"


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def ideas(db):
    """Lina's repair café (public, coached by Karin, in Stenhamra), Ali's language café (public,
    further on), a private idea and a public one no coach has read yet."""
    karin = CoachFactory(user=UserFactory(first_name="Karin", last_name="Ahlgren", email="karin@example.org")).user
    lina = UserFactory(first_name="Lina", last_name="Sandberg", email="lina@example.org")
    stenhamra = District.objects.create(slug="stenhamra", name="Stenhamra")
    repair = IdeaFactory(title="Reparationskafé i Stenhamra", author=lina, name="Lina Sandberg", email="",
                         is_public=True, coach=karin, step=Step.INFORMATION)
    repair.areas.set([Area.objects.get(slug="kultur")])
    repair.districts.set([stenhamra])
    repair.sdg_goals.set([SdgGoal.objects.get(number=12)])
    language = IdeaFactory(title="Språkcafé på biblioteket", name="Ali Hassan", email="ali.hassan@example.org",
                           is_public=True, step=Step.PROJECT)
    language.areas.set([Area.objects.get(slug="integration")])
    private = IdeaFactory(title="Hemlig idé om badhuset", is_public=False, coach=karin, step=Step.PROJECT)
    unread = IdeaFactory(title="Oläst idé om skateparken", is_public=True)
    return {"repair": repair, "language": language, "private": private, "unread": unread, "karin": karin,
            "lina": lina}


def titles(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [idea["title"] for idea in response.json()["results"]]


def test_the_gallery_and_nothing_else(api, ideas):
    assert sorted(titles(api.get(LIST))) == ["Reparationskafé i Stenhamra", "Språkcafé på biblioteket"]
    assert api.get(f"{LIST}{ideas['private'].pk}/").status_code == 404
    assert api.get(f"{LIST}{ideas['unread'].pk}/").status_code == 404
    repair = api.get(f"{LIST}{ideas['repair'].pk}/").json()
    assert (repair["step"], repair["finished"]) == ("information", False)
    assert repair["areas"] == ["kultur"] and repair["districts"] == ["stenhamra"] and repair["sdg_goals"] == [12]
    assert repair["page"].endswith(ideas["repair"].get_absolute_url())


def test_never_who_sent_it_its_private_link_or_its_coach(api, ideas):
    body = api.get(LIST).content.decode()
    for personal in ("Lina", "Sandberg", "lina@example.org", "Ali Hassan", "ali.hassan@example.org", "Karin",
                     "karin@example.org", ideas["repair"].token, ideas["language"].token):
        assert personal not in body
    fields = set(api.get(LIST).json()["results"][0])
    assert not fields & {"name", "email", "author", "coach", "token", "email_confirmed_at"}


@pytest.mark.parametrize(("query", "expected"), [
    ({"area": "kultur"}, ["Reparationskafé i Stenhamra"]),
    ({"district": "stenhamra"}, ["Reparationskafé i Stenhamra"]),
    ({"goal": "12"}, ["Reparationskafé i Stenhamra"]),
    ({"step": "project"}, ["Språkcafé på biblioteket"]),
    ({"area": "finns-inte"}, []),
])
def test_the_filters(api, ideas, query, expected):
    assert titles(api.get(LIST, query)) == expected


def test_the_number_of_queries_stays_the_same_with_more_ideas(api, ideas):
    api.get(LIST)  # once before counting: what a first request alone asks
    with CaptureQueriesContext(connection) as few:
        assert api.get(LIST).status_code == 200
    for n in range(8):
        idea = IdeaFactory(title=f"Fler idéer {n}", is_public=True, coach=ideas["karin"])
        idea.areas.set(Area.objects.all()[:2])
        idea.sdg_goals.set(SdgGoal.objects.all()[:3])
    with CaptureQueriesContext(connection) as many:
        assert api.get(LIST).json()["count"] == 10
    assert len(many) == len(few)


def test_the_description_has_the_list_and_its_filters(api, db):
    description = api.get("/api/openapi.json").json()
    names = {p["name"] for p in description["paths"]["/api/v1/ideas/"]["get"]["parameters"]}
    assert {"area", "district", "goal", "step", "page"} <= names
    idea = description["components"]["schemas"]["Idea"]["properties"]
    assert not set(idea) & {"name", "email", "author", "coach", "token"}
