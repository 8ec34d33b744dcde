"""Lina looks for associations in the public directory: she searches in Swedish,
narrows the list with filters and pages through it."""

import html
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from samverka.actors.models import Actor
from samverka.actors.tests.factories import ActorFactory, AssociationFactory, MembershipFactory
from samverka.core.tests.helpers import says
from samverka.municipality.models import Area, District, Language, SdgGoal, TargetGroup

DIRECTORY = reverse("actors:directory")
CARD_TITLE = re.compile(r'<h3 class="card__title">(.*?)</h3>', re.S)


def listed(response) -> list[str]:
    """The actor names in the results, in the order shown."""
    assert response.status_code == 200
    return [html.unescape(re.sub(r"<[^>]+>", "", title)).strip()
            for title in CARD_TITLE.findall(response.content.decode())]


@pytest.fixture
def stenhamra(db):
    return District.objects.create(slug="stenhamra", name="Stenhamra", position=1)


@pytest.fixture
def catalogue(db, stenhamra):
    """A small register with one actor per filter to tell them apart."""
    parents = AssociationFactory(name="Föräldraföreningen Mot Narkotika", summary="Föräldrar mot droger.")
    parents.target_groups.set([TargetGroup.objects.get(slug="familjer")])
    parents.sdg_goals.set([SdgGoal.objects.get(number=3)])
    sailing = AssociationFactory(name="Handikappseglarklubben Vindens Vänner", summary="Segling för alla.")
    sailing.areas.set([Area.objects.get(slug="fritid")])
    sailing.districts.set([stenhamra])
    sailing.verified_at = timezone.now()
    sailing.save()
    cafe = ActorFactory(name="Språkcafé Stenhamra", kind=Actor.Kind.NETWORK, summary="Vi pratar svenska ihop.")
    cafe.languages.set([Language.objects.get(code="ar")])
    cafe.areas.set([Area.objects.get(slug="integration")])
    church = ActorFactory(name="Ekerö pastorat", kind=Actor.Kind.FAITH, summary="Kyrkan på öarna.")
    return {"parents": parents, "sailing": sailing, "cafe": cafe, "church": church}


def test_search_without_swedish_letters_finds_the_association(client, catalogue):
    assert listed(client.get(DIRECTORY, {"q": "forening"})) == ["Föräldraföreningen Mot Narkotika"]


def test_search_with_swedish_letters_and_capitals_finds_the_same(client, catalogue):
    assert listed(client.get(DIRECTORY, {"q": "FÖRÄLDRA"})) == ["Föräldraföreningen Mot Narkotika"]


def test_search_words_must_all_match(client, catalogue):
    assert listed(client.get(DIRECTORY, {"q": "segling alla"})) == ["Handikappseglarklubben Vindens Vänner"]
    assert listed(client.get(DIRECTORY, {"q": "segling droger"})) == []


def test_a_search_without_hits_says_what_to_do(client, catalogue):
    response = client.get(DIRECTORY, {"q": "schack"})
    assert listed(response) == []
    assert says("No actor matches your search. Try fewer words or clear a filter.") in response.content.decode()


def test_names_sort_as_a_swedish_reader_expects(client, db):
    for name in ["Öar utan gränser", "Zonta Ekerö", "Ärlinghundra IF", "Ålands vänner", "Adelsö hembygdsförening"]:
        ActorFactory(name=name)
    assert listed(client.get(DIRECTORY)) == [
        "Adelsö hembygdsförening", "Zonta Ekerö", "Ålands vänner", "Ärlinghundra IF", "Öar utan gränser",
    ]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"kind": "faith"}, ["Ekerö pastorat"]),
        ({"area": "fritid"}, ["Handikappseglarklubben Vindens Vänner"]),
        ({"target_group": "familjer"}, ["Föräldraföreningen Mot Narkotika"]),
        ({"district": "stenhamra"}, ["Handikappseglarklubben Vindens Vänner"]),
        ({"language": "ar"}, ["Språkcafé Stenhamra"]),
        ({"sdg": "3"}, ["Föräldraföreningen Mot Narkotika"]),
        ({"verified": "true"}, ["Handikappseglarklubben Vindens Vänner"]),
    ],
    ids=["kind", "area", "target_group", "district", "language", "sdg", "verified"],
)
def test_each_filter_narrows_the_list(client, catalogue, params, expected):
    everyone = listed(client.get(DIRECTORY))
    assert len(everyone) == 4
    assert listed(client.get(DIRECTORY, params)) == expected


def test_filters_combine(client, catalogue):
    assert listed(client.get(DIRECTORY, {"kind": "association", "area": "fritid"})) == [
        "Handikappseglarklubben Vindens Vänner"]
    assert listed(client.get(DIRECTORY, {"kind": "network", "area": "fritid"})) == []
    assert listed(client.get(DIRECTORY, {"q": "stenhamra", "language": "ar"})) == ["Språkcafé Stenhamra"]


def test_an_actor_with_two_matching_areas_is_listed_once(client, catalogue):
    catalogue["cafe"].areas.add(Area.objects.get(slug="kultur"))
    assert listed(client.get(DIRECTORY, {"area": "integration"})) == ["Språkcafé Stenhamra"]


def test_pagination_keeps_the_filters(client, db):
    for n in range(45):
        ActorFactory(name=f"Kulturföreningen {n:02d}").areas.set([Area.objects.get(slug="kultur")])
    ActorFactory(name="Annat")
    response = client.get(DIRECTORY, {"area": "kultur", "q": "kultur"})
    body = response.content.decode()
    assert "45" in body
    assert len(listed(response)) == 20
    next_link = re.search(r'<a href="([^"]+)" rel="next">', body).group(1).replace("&amp;", "&")
    assert "area=kultur" in next_link and "q=kultur" in next_link and "page=2" in next_link

    page_two = client.get(DIRECTORY + next_link)
    assert listed(page_two)[0] == "Kulturföreningen 20"
    previous = re.search(r'<a href="([^"]+)" rel="prev">', page_two.content.decode()).group(1).replace("&amp;", "&")
    assert "area=kultur" in previous and "page=1" in previous
    assert listed(client.get(DIRECTORY, {"area": "kultur", "q": "kultur", "page": 3})) == [
        f"Kulturföreningen {n}" for n in range(40, 45)]


def test_open_data_links_follow_the_filters(client, catalogue):
    body = client.get(DIRECTORY, {"area": "fritid"}).content.decode()
    assert reverse("actors:export_csv") + "?area=fritid" in body
    assert reverse("actors:export_json") + "?area=fritid" in body


@pytest.mark.parametrize(
    "query",
    [
        "?area=nonsense&sdg=x&page=abc",
        "?kind=spaceship&verified=maybe&district=&language=klingon",
        "?page=9999",
        "?page=-1&target_group=" + "x" * 500,
        "?q=" + "ö" * 2000,
        "?q=%00%27%22%3Cscript%3E",
        "?sdg=99999999999999999999",
    ],
)
def test_garbage_in_the_address_shows_the_directory(client, catalogue, query):
    response = client.get(DIRECTORY + query)
    assert response.status_code == 200


def test_an_unknown_area_ignores_that_filter(client, catalogue):
    assert len(listed(client.get(DIRECTORY, {"area": "nonsense", "page": "abc"}))) == 4


@pytest.fixture
def archived(db):
    actor = ActorFactory(name="Nedlagda klubben", status=Actor.Status.ARCHIVED)
    return actor


def test_archived_actors_are_hidden_from_the_public(client, catalogue, archived, resident):
    assert "Nedlagda klubben" not in listed(client.get(DIRECTORY))
    assert client.get(archived.get_absolute_url()).status_code == 404
    client.force_login(resident)
    assert "Nedlagda klubben" not in listed(client.get(DIRECTORY))
    assert client.get(archived.get_absolute_url()).status_code == 404


def test_archived_actor_is_visible_to_its_representative(client, catalogue, archived, resident):
    MembershipFactory(actor=archived, user=resident)
    client.force_login(resident)
    assert "Nedlagda klubben" in listed(client.get(DIRECTORY))
    response = client.get(archived.get_absolute_url())
    assert response.status_code == 200
    assert says("Archived") in response.content.decode()


def test_archived_actor_is_visible_to_officials(client, catalogue, archived, official):
    client.force_login(official)
    assert "Nedlagda klubben" in listed(client.get(DIRECTORY))
    assert client.get(archived.get_absolute_url()).status_code == 200


def test_a_representative_of_two_actors_sees_each_once(client, catalogue, resident):
    MembershipFactory(actor=catalogue["cafe"], user=resident)
    MembershipFactory(actor=catalogue["church"], user=resident)
    client.force_login(resident)
    names = listed(client.get(DIRECTORY))
    assert len(names) == len(set(names)) == 4


def test_htmx_request_gets_only_the_results(client, catalogue):
    response = client.get(DIRECTORY, {"area": "fritid"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert listed(response) == ["Handikappseglarklubben Vindens Vänner"]
    assert body.lstrip().startswith('<section id="results"')
    assert "<html" not in body and "<form" not in body


def test_full_page_has_the_search_form_for_use_without_javascript(client, catalogue):
    body = client.get(DIRECTORY).content.decode()
    assert '<form class="filters" method="get"' in body
    assert 'name="q"' in body and 'name="area"' in body and 'name="sdg"' in body


def test_the_order_does_not_depend_on_the_databases_language(db):
    """PostgreSQL databases are often created with a language collation (sv_SE, en_US)
    that ignores the punctuation the sort key uses: the column compares bytes."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("SQLite compares bytes")
    with connection.cursor() as cursor:
        cursor.execute("SELECT collation_name FROM information_schema.columns "
                       "WHERE table_name = 'actors_actor' AND column_name = 'sort_name'")
        assert cursor.fetchone()[0] == "C"
