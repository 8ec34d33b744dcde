"""A stable address per topic, and the links to it from where it helps."""

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from .factories import make_guide

pytestmark = pytest.mark.django_db


def test_one_guide_leads_straight_to_it(client):
    guide = make_guide(topic="apply_grant")
    make_guide(topic="apply_grant", published=False)
    response = client.get(reverse("guides:topic", args=["apply_grant"]))
    assert response.status_code == 302 and response.url == guide.get_absolute_url()


def test_several_guides_lead_to_the_topics_list(client):
    make_guide(topic="office", title_sv="Kultur- och fritidskontoret")
    make_guide(topic="office", title_sv="Socialkontoret")
    response = client.get(reverse("guides:topic", args=["office"]))
    assert response.status_code == 302 and response.url == reverse("guides:index") + "?amne=office"
    html = client.get(response.url).content.decode()
    assert "Kultur- och fritidskontoret" in html and "Socialkontoret" in html


def test_no_guide_yet_is_a_polite_page(client):
    with translation.override("en"):
        response = client.get(reverse("guides:topic", args=["coe_code"]))
    assert response.status_code == 200
    assert "We have not written a guide about this yet" in response.content.decode()


def test_an_unknown_topic_is_not_found(client):
    assert client.get(reverse("guides:topic", args=["nothing"])).status_code == 404


@pytest.mark.parametrize(("template", "topic"), [
    ("samverka/grants/templates/grants/apply.html", "apply_grant"),
    ("samverka/dialogue/templates/dialogue/process_form.html", "coe_code"),
    ("samverka/ideas/templates/ideas/idea.html", "start_association"),
    ("samverka/partnerships/templates/partnerships/edit.html", "iop"),
])
def test_the_platform_links_to_the_topic_where_it_helps(template, topic):
    assert f"{{% url 'guides:topic' '{topic}' %}}" in (Path(settings.BASE_DIR) / template).read_text()


def test_the_idea_page_links_to_the_guides_for_its_next_step(client):
    from samverka.ideas.tests.factories import IdeaFactory
    idea = IdeaFactory(is_public=True, step="anchoring")
    html = client.get(idea.get_absolute_url()).content.decode()
    assert reverse("guides:topic", args=["start_association"]) in html
