"""What the idea lab keeps about a person: their ideas (sent logged in, or with a verified address
of theirs) and, for a coach, their notes and support. Erasing the account restricts the ideas (a
public record) and takes a coach out of the lab with their ideas back in the queue."""

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.utils import timezone

from samverka.ideas import privacy, services
from samverka.ideas.models import Coach, Idea

from .factories import IdeaFactory

pytestmark = pytest.mark.django_db


def test_a_residents_ideas_are_in_their_data_and_restricted_when_erased(resident, coach):
    EmailAddress.objects.create(user=resident, email="lina.s@example.org", verified=True)
    own = IdeaFactory(author=resident, email="", title="Min idé", is_public=True)
    typed = IdeaFactory(email="lina.s@example.org", title="Utan konto")
    IdeaFactory(title="Någon annans")
    services.move_forward(by=None, idea=own, note="Första steget.", on=timezone.localdate())
    data = privacy.personal_data(resident)
    assert {i["title"] for i in data["ideas"]} == {"Min idé", "Utan konto"}
    assert data["ideas"][0]["notes"][0]["note"] == "Första steget."
    tokens = {own.token, typed.token}
    privacy.erase(resident)
    for idea in Idea.objects.filter(pk__in=[own.pk, typed.pk]):
        assert idea.author is None and not idea.is_public and idea.token not in tokens
    assert Idea.objects.count() == 3  # the lab's record stays


def test_an_erased_coach_leaves_the_lab_and_their_ideas_go_back_to_the_queue(coached, coach):
    services.record_support(by=coach, idea=coached, kind="coaching", hours=2, on=timezone.localdate())
    data = privacy.personal_data(coach)
    assert data["idea_coach"]["active"] and len(data["idea_support_recorded"]) == 1
    privacy.erase(coach)
    coached.refresh_from_db()
    assert coached.coach is None and coached.support.get().by is None
    assert not Coach.objects.filter(user=coach).exists()


def test_the_authors_name_and_address_go_two_years_after_the_end(coach):
    old = IdeaFactory(step="closure", step_since=timezone.now() - timedelta(days=2 * 365 + 1))
    recent = IdeaFactory(step="closure", step_since=timezone.now() - timedelta(days=30))
    under_way = IdeaFactory(step="project", step_since=timezone.now() - timedelta(days=3 * 365))
    assert privacy.expire(now=timezone.now()) == 1
    old.refresh_from_db()
    assert (old.name, old.email) == ("", "")
    assert Idea.objects.get(pk=recent.pk).email and Idea.objects.get(pk=under_way.pk).email
