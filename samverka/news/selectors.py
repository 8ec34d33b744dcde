"""Reads for the news pages, the home page and the newsletter pages."""

from __future__ import annotations

from django.core.cache import cache
from django.db.models import Count, Prefetch
from django.utils import timezone

from samverka.core import versions
from samverka.core.pagecache import PAGE_SECONDS
from samverka.municipality.models import SdgGoal

from .models import Delivery, Newsletter, Post, Subscriber


def latest(count: int = 3) -> list[Post]:
    """The newest published posts (the home page), in one query."""
    return list(Post.objects.published().for_lists()[:count])


def public_list():
    return Post.objects.published().for_lists()


def publication_moment(request=None) -> str:
    """For the page cache (`moment=`) of a page that shows published posts: the time the
    next post scheduled for later is due. Until then the published posts stay the same
    (a change to a post renews the news stamp), so a cached page is kept under it; once it
    has come, the key names the one after, and the new post shows at once.

    The time is kept in the cache under the news stamp, so a cached page is served with no
    query; it is looked up again when it has come or a service changed a post."""
    key = "news:next-publication:" + versions.current("news")
    now = timezone.now()
    upcoming = cache.get(key)
    if upcoming is None or (upcoming and upcoming <= now):
        upcoming = (Post.objects.filter(status=Post.Status.PUBLISHED, published_at__gt=now)
                    .order_by("published_at").values_list("published_at", flat=True).first()) or ""
        cache.set(key, upcoming, PAGE_SECONDS)
    return upcoming.isoformat() if upcoming else "none"


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
