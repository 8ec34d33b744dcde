"""The directory's cards and the actor page show values worked out before the template
(actors.selectors): Eva, logged in, sees the same addresses, kinds, tags and facts as the
model would give, in the page's language and in the vocabularies' own order."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from samverka.actors.tests.factories import ActorFactory, AssociationFactory
from samverka.core.tests.helpers import says
from samverka.municipality.models import Area, District, Language, SdgGoal, TargetGroup

DIRECTORY = reverse("actors:directory")
CARD = re.compile(r'<article class="card">(.*?)</article>', re.S)


def cards(response) -> list[str]:
    assert response.status_code == 200
    return CARD.findall(response.content.decode())


@pytest.fixture
def districts(db):
    # Created in the reverse of their order, so the order shown comes from `position`.
    return [District.objects.create(slug=slug, name=name, name_en=english, position=position)
            for position, slug, name, english in [(2, "skå", "Skå", "Skå (en)"), (1, "stenhamra", "Stenhamra", "Stenhamra (en)")]]


@pytest.fixture
def sailing(db, districts):
    actor = AssociationFactory(name="Handikappseglarklubben Vindens Vänner", slug="vindens-vanner",
                               summary="Segling för alla.")
    actor.areas.set(Area.objects.filter(slug__in=["fritid", "folkhalsa"]))
    actor.districts.set(districts)
    actor.target_groups.set(TargetGroup.objects.filter(slug__in=["aldre", "familjer"]))
    actor.languages.set(Language.objects.filter(code__in=["sv", "ar"]))
    actor.sdg_goals.set(SdgGoal.objects.filter(number__in=[10, 3]))
    return actor


def test_a_card_links_to_the_actor_page_in_the_pages_language(client, sailing, representative):
    client.force_login(representative)
    for language, directory in [("sv", DIRECTORY), ("en", "/en" + DIRECTORY)]:
        with translation.override(language):
            address = sailing.get_absolute_url()
        (card,) = [c for c in cards(client.get(directory)) if "Vindens" in c]
        assert f'<a href="{address}">' in card, language
        assert address.startswith("/en/") == (language == "en")


def test_a_card_shows_the_kind_tags_and_places_in_their_order_and_language(client, sailing, districts, representative):
    client.force_login(representative)
    areas = list(Area.objects.filter(slug__in=["fritid", "folkhalsa"]).order_by("position", "name"))
    (card,) = [c for c in cards(client.get(DIRECTORY)) if "Vindens" in c]
    assert says("Registered association") in card
    assert "".join(f'<span class="tag">{a.name}</span>' for a in areas) in card
    assert f"{says('Active in')}: Stenhamra, Skå</p>" in card

    (card,) = [c for c in cards(client.get("/en" + DIRECTORY)) if "Vindens" in c]
    assert "".join(f'<span class="tag">{a.name_en}</span>' for a in areas) in card
    assert "Active in: Stenhamra (en), Skå (en)</p>" in card


def test_an_actor_without_tags_shows_no_empty_lines(client, db, representative):
    ActorFactory(name="Ekerö pastorat", summary="Kyrkan på öarna.")
    client.force_login(representative)
    (card,) = [c for c in cards(client.get(DIRECTORY)) if "pastorat" in c]
    assert "card__tags" not in card and "card__places" not in card


def test_the_actor_page_shows_its_vocabularies_in_order(client, sailing, representative):
    client.force_login(representative)
    page = client.get(sailing.get_absolute_url()).content.decode()
    areas = list(Area.objects.filter(slug__in=["fritid", "folkhalsa"]).order_by("position", "name"))
    assert "".join(f'<a class="tag" href="{DIRECTORY}?area={a.slug}">{a.name}</a>' for a in areas) in page
    groups = TargetGroup.objects.filter(slug__in=["aldre", "familjer"]).order_by("position", "name")
    assert f"<dd>{', '.join(g.name for g in groups)}</dd>" in page
    assert "<dd>Stenhamra, Skå</dd>" in page
    languages = Language.objects.filter(code__in=["sv", "ar"]).order_by("position", "name")
    assert f"<dd>{', '.join(lang.name for lang in languages)}</dd>" in page
    goals = "".join(f"<li>{g.number}. {g.title_sv}</li>" for g in SdgGoal.objects.filter(number__in=[3, 10]))
    assert f'<ul class="plain">{goals}</ul>' in page
    english = client.get("/en" + sailing.get_absolute_url()).content.decode()
    assert "<dd>Stenhamra (en), Skå (en)</dd>" in english
    assert f"<li>3. {SdgGoal.objects.get(number=3).title_en}</li>" in english


def test_the_chosen_filters_stay_selected(client, sailing, representative):
    client.force_login(representative)
    page = client.get(DIRECTORY, {"area": "fritid", "sdg": "3", "district": "stenhamra"}).content.decode()
    assert page.count(" selected>") == 6  # area, goal and district, and the three other lists at "all"
    assert '<option value="fritid" selected>' in page
    assert '<option value="3" selected>' in page
    assert '<option value="stenhamra" selected>' in page
    assert '<option value="" selected>' in page  # e.g. every kind


def test_an_unknown_choice_is_named_next_to_its_field(client, sailing, representative):
    client.force_login(representative)
    page = client.get(DIRECTORY, {"district": "atlantis"}).content.decode()
    assert 'id="id_district_error"' in page
    assert says("Select a valid choice. That choice is not one of the available choices.") in page
    assert "Vindens" in page  # the filter is left out, the list stays
