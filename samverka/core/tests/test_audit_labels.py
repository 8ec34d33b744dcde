"""Each app declares the words for the actions its services record (`audit_labels` on its
AppConfig); the history pages show those words, in the reader's language."""

import re
from pathlib import Path

from django.urls import reverse
from django.utils.translation import override

from samverka.actors import services
from samverka.core.models import action_labels
from samverka.core.tests.helpers import says

SAMVERKA = Path(__file__).resolve().parents[2]


def test_the_history_page_shows_changes_in_words(client, actor, representative, official):
    services.update_actor(by=representative, actor=actor, data={"summary": "Ny text"})
    client.force_login(official)
    body = client.get(reverse("actors:history", args=[actor.slug])).content.decode()
    assert says("Changed the page") in body
    assert "actor.update" not in body
    with override("en"):
        english = client.get(reverse("actors:history", args=[actor.slug])).content.decode()
    assert "Changed the page" in english


def test_every_action_a_service_records_has_words():
    recorded = set()
    for path in SAMVERKA.glob("*/*.py"):
        recorded |= set(re.findall(r'action="([a-z_]+\.[a-z_]+)"', path.read_text()))
    assert len(recorded) > 40
    assert sorted(recorded - set(action_labels())) == []


def test_labels_come_from_the_app_that_records_them():
    from django.apps import apps

    assert "case.answer" in apps.get_app_config("cases").audit_labels
    assert "actor.update" in apps.get_app_config("actors").audit_labels
    assert "volunteer.signup" in apps.get_app_config("volunteers").audit_labels
