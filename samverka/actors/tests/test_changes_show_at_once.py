"""Visitors who are not logged in get the directory and the actor page from the page cache.
Whatever a representative or the administrator changes shows at once, with no stale copy."""

import re

from django.urls import reverse

from samverka.actors.tests.test_edit_actor import edit_url, page_data
from samverka.municipality import services
from samverka.municipality.models import Area


def card_of(body: str, name: str) -> str:
    match = re.search(r'<article class="card">.*?</article>', body[body.index(name) - 200:], re.S)
    assert match, f"no card for {name}"
    return match.group(0)


def test_a_representative_changes_only_the_areas_and_the_directory_card_shows_them(client, actor, representative):
    omsorg, kultur = Area.objects.get(slug="omsorg"), Area.objects.get(slug="kultur")
    actor.areas.set([omsorg])
    assert "Omsorg" in card_of(client.get(reverse("actors:directory")).content.decode(), "Parkinson Ekerö")

    client.force_login(representative)
    response = client.post(edit_url(actor), page_data(actor, areas=[kultur.pk]))
    assert response.status_code == 302

    card = card_of(client.get(reverse("actors:directory")).content.decode(), "Parkinson Ekerö")
    assert "Kultur" in card
    assert "Omsorg" not in card
    facts = client.get(actor.get_absolute_url()).content.decode()
    assert f"?area={kultur.slug}" in facts
    assert f"?area={omsorg.slug}" not in facts


def test_the_administrator_renames_an_area_and_the_directory_and_actor_page_show_the_new_name(client, actor,
                                                                                             administrator):
    area = Area.objects.get(slug="omsorg")
    actor.areas.set([area])
    assert "Omsorg" in client.get(reverse("actors:directory")).content.decode()
    assert "Omsorg" in client.get(actor.get_absolute_url()).content.decode()

    area.name = "Vård och omsorg"
    services.save_configuration(by=administrator, obj=area)

    directory = client.get(reverse("actors:directory")).content.decode()
    assert "Vård och omsorg" in card_of(directory, "Parkinson Ekerö")
    assert re.search(r"<option[^>]*>\s*Vård och omsorg\s*</option>", directory)
    assert "Vård och omsorg" in client.get(actor.get_absolute_url()).content.decode()


def test_the_directory_in_english_does_not_reuse_the_swedish_cards(client, actor):
    actor.areas.set([Area.objects.get(slug="omsorg")])
    assert "Omsorg" in card_of(client.get(reverse("actors:directory")).content.decode(), "Parkinson Ekerö")
    english = client.get("/en" + reverse("actors:directory")).content.decode()
    assert "Care" in card_of(english, "Parkinson Ekerö")
