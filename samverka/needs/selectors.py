"""Reads the needs pages share: the needs a person could meet. Each costs a fixed number
of queries, however many needs there are."""

from __future__ import annotations

from django.db.models import Count, Q

from samverka.actors.models import Actor
from samverka.volunteers.models import Volunteer

from .models import Answer, Need

SUGGESTIONS = 5


def _list(needs):
    return needs.select_related("office", "actor", "district")


def for_volunteer(user, *, limit: int = SUGGESTIONS) -> list[Need]:
    """Open needs that match the person's volunteer profile (parts of the municipality,
    kinds of help, areas); none for a volunteer who paused or left."""
    if not user.is_authenticated:
        return []
    volunteer = Volunteer.objects.filter(user=user).only("pk", "status", "confirmed_at").first()
    if volunteer is None or not volunteer.is_available:
        return []
    match = (Q(district__in=volunteer.districts.values("pk"))
             | Q(pk__in=Need.help_kinds.through.objects.filter(helpkind__in=volunteer.help_kinds.values("pk"))
                 .values("need_id"))
             | Q(pk__in=Need.areas.through.objects.filter(area__in=volunteer.areas.values("pk")).values("need_id")))
    answered = Answer.objects.filter(user=user).values("need_id")
    return list(_list(Need.objects.open().filter(match).exclude(pk__in=answered)
                      .exclude(pk__in=Need.objects.published_by(user).values("pk")))
                .order_by("closes_on", "-created_at")[:limit])


def for_actors(user, *, limit: int = SUGGESTIONS) -> list[Need]:
    """Open needs in the areas and parts of the municipality of the actors the person
    represents (not their own needs)."""
    from samverka.actors.rules import actor_roles

    if not actor_roles(user):
        return []
    actors = Actor.objects.filter(memberships__user=user).values("pk")
    match = (Q(district__in=Actor.districts.through.objects.filter(actor__in=actors).values("district_id"))
             | Q(pk__in=Need.areas.through.objects.filter(
                 area__in=Actor.areas.through.objects.filter(actor__in=actors).values("area_id")).values("need_id")))
    answered = Answer.objects.filter(user=user).values("need_id")
    return list(_list(Need.objects.open().filter(match).exclude(pk__in=answered).exclude(actor__in=actors))
                .order_by("closes_on", "-created_at")[:limit])


def published_by(user, *, limit: int = 100) -> list[Need]:
    """The needs `user` publishes (through offices or actors), with their new answers
    counted (`new_answers`)."""
    return list(_list(Need.objects.filter(pk__in=Need.objects.published_by(user).values("pk")))
                .annotate(new_answers=Count("answers", filter=Q(answers__status=Answer.Status.NEW)))
                .order_by("status", "-created_at")[:limit])


def answers_by(user, *, limit: int = 100) -> list[Answer]:
    """The person's own answers to needs, newest first."""
    return list(Answer.objects.filter(user=user).select_related("need", "actor").order_by("-created_at")[:limit])


def answer_of(*, need: Need, user) -> Answer | None:
    """The person's own answer to the need, if any."""
    return Answer.objects.filter(need=need, user=user).first()


def answer_counts(*, need: Need) -> dict:
    """{"new": answers not yet handled, "all": every answer} for the need."""
    return need.answers.aggregate(new=Count("pk", filter=Q(status=Answer.Status.NEW)), all=Count("pk"))


def answers_to(*, need: Need) -> list[Answer]:
    """The need's answers for those who handle them: new ones first, oldest first."""
    return list(need.answers.select_related("user", "actor", "handled_by").order_by("status", "created_at"))
