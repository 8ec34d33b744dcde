"""Maja, the administrator, appoints coaches in the administration and ends one who leaves:
through the services, so the ideas go back to the queue and the history says so. Ideas are
read-only there (they are coached on the coaches' pages)."""

import pytest
from django.utils import timezone

from samverka.accounts.tests.factories import UserFactory
from samverka.core.models import AuditEvent
from samverka.ideas.models import Coach, Idea

from .factories import IdeaFactory

pytestmark = pytest.mark.django_db


def test_maja_appoints_a_coach_and_ends_one_who_leaves(maja, coach):
    newcomer = UserFactory(first_name="Omar", last_name="Farah")
    response = maja.post("/admin/ideas/coach/add/", {"user": newcomer.pk})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Coach.objects.get(user=newcomer).active
    assert AuditEvent.objects.filter(action="coach.appoint").count() == 1

    idea = IdeaFactory(coach=coach, taken_at=timezone.now())
    karin = Coach.objects.get(user=coach)
    response = maja.post("/admin/ideas/coach/", {"action": "end", "_selected_action": [karin.pk]})
    assert response.status_code == 302
    karin.refresh_from_db()
    assert not karin.active and karin.left_on == timezone.localdate()
    assert Idea.objects.get(pk=idea.pk).coach is None
    assert AuditEvent.objects.filter(action="coach.end").count() == 1


def test_ideas_are_read_only_in_the_administration(maja, idea):
    assert maja.get(f"/admin/ideas/idea/{idea.pk}/change/").status_code == 200
    maja.post(f"/admin/ideas/idea/{idea.pk}/change/", {"title": "Ändrad"})
    assert Idea.objects.get(pk=idea.pk).title == idea.title
    assert maja.get("/admin/ideas/idea/add/").status_code == 403


def test_a_resident_cannot_open_the_coaches_in_the_administration(client, resident):
    client.force_login(resident)
    assert client.get("/admin/ideas/coach/").status_code in (302, 403)
