"""Every address of an idea × every persona: who may not gets a login redirect, 404 (cannot
see it) or 403 (sees it but may not), and nothing changes (the idea, its notes and support, the
audit history, the outbox). A coach sees every idea; a resident only their own and public ones."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from samverka.communication.models import OutboxMessage
from samverka.core.models import AuditEvent
from samverka.ideas.models import Idea, StepNote, Support
from samverka.needs.models import Need

from .factories import IdeaFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate().isoformat()
WRITES = {
    "take": {},
    "forward": {"note": "Vi har träffats.", "on": TODAY},
    "back": {"reason": "Planerna ändrades."},
    "support": {"kind": "premises", "text": "Ett rum", "on": TODAY},
    "link": {"activity": "", "application": ""},
    "need": {"title": "Ett behov", "summary": "Kort", "description": "Längre", "kind": "volunteers"},
}


def snapshot(idea):
    idea = Idea.objects.get(pk=idea.pk)
    return (idea.step, idea.coach_id, idea.is_public, idea.need_id, idea.activity_id, idea.application_id,
            idea.email_confirmed_at, StepNote.objects.count(), Support.objects.count(), AuditEvent.objects.count(),
            OutboxMessage.objects.count(), Need.objects.count())


@pytest.fixture
def people(resident, official, representative, other_coach, coach, administrator):
    return {"anonymous": None, "resident": resident, "official": official, "representative": representative,
            "other_coach": other_coach, "coach": coach, "administrator": administrator}


def as_(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_a_private_idea_is_seen_only_by_coaches_and_changed_only_by_its_coach(people, coached):
    coached.step = "information"
    coached.save()
    expected_get = {"anonymous": 404, "resident": 404, "official": 404, "representative": 404,
                    "other_coach": 200, "coach": 200, "administrator": 200}
    for who, user in people.items():
        assert as_(user).get(coached.get_absolute_url()).status_code == expected_get[who], who
    assert "ali@example.org" in as_(people["other_coach"]).get(coached.get_absolute_url()).content.decode()
    strangers = {"anonymous": 302, "resident": 404, "official": 404, "representative": 404, "other_coach": 403}
    for name, data in WRITES.items():
        address = reverse(f"ideas:{name}", args=[coached.pk])
        for who, status in strangers.items():
            if name == "take" and who == "other_coach":
                continue  # may take ideas, but this one has a coach: below
            before = snapshot(coached)
            response = as_(people[who]).post(address, data)
            assert response.status_code == status, (name, who, response.status_code)
            if who == "anonymous":
                assert response["Location"].startswith(reverse("account_login"))
            assert snapshot(coached) == before, (name, who)
    before = snapshot(coached)
    response = as_(people["other_coach"]).post(reverse("ideas:take", args=[coached.pk]))
    assert response.status_code == 302 and snapshot(coached) == before
    for who in ("anonymous", "resident", "official"):
        assert as_(people[who]).get(reverse("ideas:need", args=[coached.pk])).status_code in (302, 404)


def test_a_public_idea_is_seen_by_everyone_and_changed_by_nobody_else(people, coached):
    coached.is_public = True
    coached.save()
    for who, user in people.items():
        assert as_(user).get(coached.get_absolute_url()).status_code == 200, who
    page = as_(None).get(coached.get_absolute_url()).content.decode()
    assert "ali@example.org" not in page and "Ali Hassan" not in page  # never the author
    for name, data in WRITES.items():
        for who in ("resident", "official", "representative"):
            before = snapshot(coached)
            response = as_(people[who]).post(reverse(f"ideas:{name}", args=[coached.pk]), data)
            assert response.status_code == 403, (name, who)
            assert snapshot(coached) == before


def test_the_board_is_for_coaches_and_administrators(people):
    expected = {"anonymous": 302, "resident": 403, "official": 403, "representative": 403,
                "other_coach": 200, "coach": 200, "administrator": 200}
    for who, user in people.items():
        assert as_(user).get(reverse("ideas:board")).status_code == expected[who], who


def test_a_resident_sees_their_own_idea_but_not_anothers(client, resident):
    own = IdeaFactory(author=resident, email="")
    other = IdeaFactory()
    client.force_login(resident)
    assert client.get(own.get_absolute_url()).status_code == 200
    assert client.get(other.get_absolute_url()).status_code == 404
    assert other.get_private_url() not in client.get(reverse("ideas:mine")).content.decode()
    assert client.post(reverse("ideas:forward", args=[own.pk]), WRITES["forward"]).status_code == 403


def test_a_public_idea_no_coach_has_read_is_not_in_the_gallery(client):
    unread = IdeaFactory(is_public=True, title="Oläst idé")
    assert client.get(unread.get_absolute_url()).status_code == 404
    assert "Oläst idé" not in client.get(reverse("ideas:gallery")).content.decode()


def test_a_wrong_private_link_finds_nothing_and_changes_nothing(client, idea):
    before = snapshot(idea)
    assert client.get(reverse("ideas:private", args=["x" * 32])).status_code == 404
    assert client.post(reverse("ideas:confirm", args=["x" * 32])).status_code == 404
    assert client.post(reverse("ideas:publicity", args=["x" * 32]), {"public": "1"}).status_code == 404
    assert snapshot(idea) == before
