"""Lina follows a dialogue: when the office gives feedback and when it closes the dialogue with
its outcome, the bell on her My pages says so, once however often the office corrects it.
She reads the notifications on their page and marks them read."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.translation import gettext_noop, ngettext, override

from samverka.communication.models import Notification
from samverka.communication.notifications import notify, unread_count
from samverka.core.tests.helpers import says
from samverka.dialogue import services as dialogue_services
from samverka.dialogue import services_feedback
from samverka.dialogue.models import Follow
from samverka.dialogue.tests.factories import FeedbackItemFactory, ProcessFactory, ProposalFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def dialogue(official):
    office = official.office_memberships.get().office
    return ProcessFactory(office=office, title="Mötesplatser på öarna")


def test_a_follower_is_notified_of_feedback_once(dialogue, official, resident):
    Follow.objects.create(user=resident, process=dialogue)
    proposal = ProposalFactory(process=dialogue)
    item = FeedbackItemFactory(process=dialogue, proposal=proposal, owner=official)
    services_feedback.give(by=official, item=item, response="Vi öppnar gården på lördagar.")
    services_feedback.give(by=official, item=item, response="Vi öppnar gården på lördagar från mars.")
    [note] = Notification.objects.filter(user=resident)
    assert note.url == item.get_absolute_url()
    with override("sv"):
        assert "Mötesplatser på öarna" in note.message
    assert Notification.objects.filter(user=proposal.author).count() == 1  # the author, too, once


def test_followers_are_notified_when_the_dialogue_closes(dialogue, official, resident, representative):
    Follow.objects.create(user=resident, process=dialogue)
    dialogue_services.close_process(by=official, process=dialogue, outcome="Nämnden beslutade om längre öppettider.")
    dialogue_services.close_process(by=official, process=dialogue, outcome="Rättat: från mars.")
    assert list(Notification.objects.values_list("user", flat=True)) == [resident.pk]
    assert not Notification.objects.filter(user=representative).exists()


def test_the_bell_counts_the_unread_and_the_page_marks_them_read(resident):
    notify([resident.pk], gettext_noop("The dialogue “%(title)s” is closed: read what came of it."), "/dialog/x/",
           params={"title": "Mötesplatser"}, key="test-1")
    notify([resident.pk], gettext_noop("The dialogue “%(title)s” is closed: read what came of it."), "/dialog/y/",
           params={"title": "Parker"}, key="test-2")
    assert notify([resident.pk], "igen", key="test-2") == 0  # the same key again adds nothing
    lina = Client()
    lina.force_login(resident)
    dashboard = lina.get(reverse("accounts:dashboard")).content.decode()
    with override("sv"):
        assert ngettext("%(counter)s new", "%(counter)s new", 2) % {"counter": 2} in dashboard
    assert reverse("accounts:notifications") in dashboard
    page = lina.get(reverse("accounts:notifications")).content.decode()
    assert "Mötesplatser" in page and "Parker" in page and 'href="/dialog/y/"' in page
    assert unread_count(resident) == 2  # reading the page changes nothing by itself
    response = lina.post(reverse("accounts:notifications"))
    assert response.status_code == 302 and unread_count(resident) == 0
    assert says("Notifications") in lina.get(reverse("accounts:dashboard")).content.decode()


def test_one_sees_only_ones_own_notifications(resident, representative):
    notify([representative.pk], "Hemligt för Eva", key="eva")
    lina = Client()
    lina.force_login(resident)
    assert "Hemligt för Eva" not in lina.get(reverse("accounts:notifications")).content.decode()
    lina.post(reverse("accounts:notifications"))
    assert Notification.objects.get().read_at is None
    assert Client().get(reverse("accounts:notifications")).status_code == 302
