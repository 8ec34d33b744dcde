"""What news keeps about a person: the newsletter's subscription of an address (the
address, its language and when it asked, confirmed or unsubscribed) and which newsletters
went to it. A post links to the account that wrote it; that link goes with the account.

An unconfirmed subscription is removed after a week; an unsubscribed address after 30 days."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Q

from samverka.core.privacy import WITH_PARENT, email_in, kept, verified_emails

from .models import Delivery, Post, Subscriber

PENDING_DAYS = 7
UNSUBSCRIBED_DAYS = 30

FIELDS = {
    "Post": kept(
        retention="while the municipality keeps the news post",
        public=["kind", "title", "slug", "lead", "body", "office", "actor", "activity", "sdg_goals", "image",
                "image_alt", "status", "published_at"],
        personal=["created_by"],
        internal=["created_at", "updated_at"],
    ),
    "Subscriber": kept(
        retention=f"while subscribing; unconfirmed {PENDING_DAYS} days, unsubscribed {UNSUBSCRIBED_DAYS} days",
        personal=["email"],
        internal=["language", "status", "created_at", "confirmed_at", "unsubscribed_at"],
    ),
    "Newsletter": kept(retention="while the municipality keeps the newsletter",
                       public=["title", "intro", "posts"], personal=["created_by"],
                       internal=["status", "created_at", "send_started_at", "sent_at"]),
    "Delivery": kept(retention=WITH_PARENT, personal=["subscriber"], internal=["newsletter", "queued_at"]),
}


def _subscribers(user):
    return Subscriber.objects.filter(email_in("email", {user.email.lower(), *verified_emails(user)}))


def personal_data(user) -> dict:
    subscribers = list(_subscribers(user).order_by("pk"))
    deliveries = (Delivery.objects.filter(subscriber__in=subscribers).select_related("newsletter", "subscriber")
                  .order_by("queued_at"))
    return {
        "newsletter_subscriptions": [
            {"email": s.email, "status": s.status, "language": s.language, "created": s.created_at.isoformat(),
             "confirmed": s.confirmed_at.isoformat() if s.confirmed_at else None,
             "unsubscribed": s.unsubscribed_at.isoformat() if s.unsubscribed_at else None}
            for s in subscribers],
        "newsletters_received": [
            {"newsletter": d.newsletter.title, "email": d.subscriber.email, "sent": d.queued_at.isoformat()}
            for d in deliveries[:5000]],
        "news_posts_written": [
            {"title": p.title, "published": p.published_at.isoformat()}
            for p in Post.objects.filter(created_by=user).order_by("published_at")[:5000]],
    }


def erase(user) -> None:
    _subscribers(user).delete()  # their deliveries with them


def expire(*, now) -> int:
    deleted, _counts = Subscriber.objects.filter(
        Q(status=Subscriber.Status.PENDING, created_at__lt=now - timedelta(days=PENDING_DAYS))
        | Q(status=Subscriber.Status.UNSUBSCRIBED, unsubscribed_at__lt=now - timedelta(days=UNSUBSCRIBED_DAYS))
    ).delete()
    return deleted

