"""Reads for the news pages, the home page and the newsletter pages."""

from __future__ import annotations

from django.db.models import Count, Prefetch

from samverka.municipality.models import SdgGoal

from .models import Delivery, Newsletter, Post, Subscriber


def latest(count: int = 3) -> list[Post]:
    """The newest published posts (the home page), in one query."""
    return list(Post.objects.published().for_lists()[:count])


def public_list():
    return Post.objects.published().for_lists()


def with_details(queryset):
    return queryset.select_related("actor", "office", "activity").prefetch_related(
        Prefetch("sdg_goals", queryset=SdgGoal.objects.order_by("number")))


def newsletters():
    return Newsletter.objects.annotate(post_count=Count("posts", distinct=True)).order_by("-created_at", "-pk")


def newsletter_page(newsletter: Newsletter) -> dict:
    return {
        "posts": list(newsletter.posts.for_lists()),
        "subscribers": Subscriber.objects.confirmed().count(),
        "delivered": Delivery.objects.filter(newsletter=newsletter).count(),
    }
