"""Every change to news posts, the newsletter's subscribers and newsletters. Each function
takes the acting user as `by=` (None for a visitor with a link, or the platform), runs in
one transaction, asks rules.py, raises `ActionError` when a rule of the domain stops it,
records an audit event and renews the app's version stamp on commit."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samverka.communication import limits
from samverka.communication.services import email_message, queue_email, queue_messages
from samverka.core import audit, versions
from samverka.core.access import require_perm
from samverka.core.errors import ActionError
from samverka.core.text import unique_slug

from .models import Delivery, Newsletter, Post, Subscriber

M2M = ("sdg_goals",)
RESERVED_SLUGS = {"ny", "rss", "atom", "nyhetsbrev"}
SUBSCRIBE_PURPOSE = "news.subscribe"
CONFIRM_SALT = "news.subscribe.confirm"
UNSUBSCRIBE_SALT = "news.unsubscribe"
CONFIRM_DAYS = 7
BATCH = 200  # subscribers queued per transaction when a newsletter is sent


def _renew() -> None:
    transaction.on_commit(lambda: versions.renew("news"))


# ---------------------------------------------------------------- posts


def check_post(fields: dict[str, Any]) -> None:
    """A post that lifts an initiative names the association; its activity is that association's."""
    actor, activity = fields.get("actor"), fields.get("activity")
    if fields.get("kind") == Post.Kind.INITIATIVE and actor is None:
        raise FieldProblem("actor", _("Choose the association whose initiative the post lifts."))
    if activity is not None and (actor is None or activity.actor_id != actor.pk):
        raise FieldProblem("activity", _("Choose one of the association's own activities."))
    if fields.get("image") and not (fields.get("image_alt") or "").strip():
        raise FieldProblem("image_alt", _("Describe the image for those who cannot see it."))


class FieldProblem(ActionError):
    def __init__(self, field: str | None, message: str):
        super().__init__(message)
        self.field = field


@transaction.atomic
def create_post(*, by, data: dict[str, Any]) -> Post:
    require_perm(by, "news.add_post")
    fields = {k: v for k, v in data.items() if k not in M2M}
    check_post(fields)
    post = Post.objects.create(
        slug=unique_slug(Post.objects, fields["title"], fallback="nyhet", reserved=RESERVED_SLUGS),
        created_by=by if getattr(by, "is_authenticated", False) else None, **fields)
    for name in M2M:
        if name in data:
            getattr(post, name).set(data[name])
    audit.record(by=by, action="news.create_post", target=post, changes={"title": post.title, "status": post.status})
    _renew()
    return post


@transaction.atomic
def update_post(*, by, post: Post, data: dict[str, Any]) -> Post:
    require_perm(by, "news.change_post", post)
    fields = {k: v for k, v in data.items() if k not in M2M}
    if fields.get("image") is False:  # "Clear" ticked
        fields["image"] = ""
    check_post({**{f: getattr(post, f) for f in ("kind", "actor", "activity", "image", "image_alt")}, **fields})
    changes = {k: str(v) for k, v in fields.items() if getattr(post, k) != v and k not in ("body", "image")}
    for name, value in fields.items():
        setattr(post, name, value)
    post.save()
    for name in M2M:
        if name in data:
            getattr(post, name).set(data[name])
    audit.record(by=by, action="news.update_post", target=post, changes=changes)
    _renew()
    return post


@transaction.atomic
def delete_post(*, by, post: Post) -> None:
    require_perm(by, "news.delete_post", post)
    audit.record(by=by, action="news.delete_post", target=post, changes={"title": post.title})
    post.delete()
    _renew()


# ---------------------------------------------------------------- subscribing


class Outcome(StrEnum):
    DONE = "done"
    ALREADY = "already"  # the link was used before: nothing changes
    INVALID = "invalid"  # forged, altered or too old: nothing changes


def confirm_token(subscriber: Subscriber) -> str:
    return signing.dumps([subscriber.pk, subscriber.email], salt=CONFIRM_SALT, compress=True)


def unsubscribe_token(subscriber: Subscriber) -> str:
    return signing.dumps([subscriber.pk, subscriber.email], salt=UNSUBSCRIBE_SALT, compress=True)


def _link(name: str, token: str, language: str) -> str:
    with translation.override(language):
        return settings.SITE_URL + reverse(name, kwargs={"token": token})


def unsubscribe_url(subscriber: Subscriber) -> str:
    return _link("news:unsubscribe", unsubscribe_token(subscriber), subscriber.language)


def too_busy() -> bool:
    """Has the form sent its hour's share of confirmation links? Asked outside the
    subscription's transaction, so the administrators' alarm is kept."""
    if limits.is_full(SUBSCRIBE_PURPOSE):
        limits.hold_back(SUBSCRIBE_PURPOSE)
        return True
    return False


@transaction.atomic
def subscribe(*, by, email: str, language: str | None = None) -> Subscriber:
    """Ask for the newsletter: a confirmation link goes to the address (at most one a day to
    one address, `communication.limits`). An address that subscribes already gets nothing;
    the page says the same whatever the case, so it tells no one who subscribes."""
    email = email.strip().lower()
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    subscriber, created = Subscriber.objects.select_for_update().get_or_create(
        email=email, defaults={"language": language})
    if subscriber.status == Subscriber.Status.CONFIRMED:
        return subscriber
    if subscriber.status == Subscriber.Status.UNSUBSCRIBED:
        subscriber.status, subscriber.unsubscribed_at = Subscriber.Status.PENDING, None
    subscriber.language = language
    subscriber.save(update_fields=["status", "unsubscribed_at", "language"])
    if limits.allow(SUBSCRIBE_PURPOSE, email) == limits.Verdict.SEND:
        queue_email(to=email, template="news/email/confirm", language=language,
                    key=f"news-confirm:{subscriber.pk}:{timezone.now().date().isoformat()}",
                    context={"link": _link("news:confirm", confirm_token(subscriber), language),
                             "days": CONFIRM_DAYS})
    audit.record(by=by, action="news.subscribe", target=subscriber, changes={"new": created})
    return subscriber


def _from_token(token: str, salt: str, max_age=None) -> tuple[Subscriber | None, bool]:
    """(the subscriber, whether the token is genuine). A genuine token whose subscriber is
    gone, or now has another address, names no one."""
    try:
        pk, email = signing.loads(token, salt=salt, max_age=max_age)
    except (signing.BadSignature, ValueError, TypeError):
        return None, False
    return Subscriber.objects.select_for_update().filter(pk=pk, email=email).first(), True


def check_confirm_token(token: str) -> bool:
    try:
        signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_DAYS * 86400)
    except (signing.BadSignature, ValueError, TypeError):
        return False
    return True


def check_unsubscribe_token(token: str) -> bool:
    try:
        signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return False
    return True


@transaction.atomic
def confirm_subscription(*, by, token: str) -> Outcome:
    subscriber, genuine = _from_token(token, CONFIRM_SALT, max_age=CONFIRM_DAYS * 86400)
    if not genuine or subscriber is None:
        return Outcome.INVALID
    if subscriber.status == Subscriber.Status.CONFIRMED:
        return Outcome.ALREADY
    subscriber.status, subscriber.confirmed_at = Subscriber.Status.CONFIRMED, timezone.now()
    subscriber.save(update_fields=["status", "confirmed_at"])
    audit.record(by=by, action="news.confirm_subscription", target=subscriber)
    return Outcome.DONE


@transaction.atomic
def unsubscribe(*, by, token: str) -> Outcome:
    """One click (RFC 8058): the link in every newsletter and its List-Unsubscribe header."""
    subscriber, genuine = _from_token(token, UNSUBSCRIBE_SALT)
    if not genuine:
        return Outcome.INVALID
    if subscriber is None or subscriber.status != Subscriber.Status.CONFIRMED:
        return Outcome.ALREADY
    subscriber.status, subscriber.unsubscribed_at = Subscriber.Status.UNSUBSCRIBED, timezone.now()
    subscriber.save(update_fields=["status", "unsubscribed_at"])
    audit.record(by=by, action="news.unsubscribe", target=subscriber)
    return Outcome.DONE


# ---------------------------------------------------------------- newsletters


@transaction.atomic
def create_newsletter(*, by, data: dict[str, Any]) -> Newsletter:
    require_perm(by, "news.add_newsletter")
    posts = data.get("posts", [])
    newsletter = Newsletter.objects.create(
        title=data["title"], intro=data.get("intro", ""),
        created_by=by if getattr(by, "is_authenticated", False) else None)
    newsletter.posts.set(posts)
    audit.record(by=by, action="news.create_newsletter", target=newsletter, changes={"title": newsletter.title})
    return newsletter


@transaction.atomic
def update_newsletter(*, by, newsletter: Newsletter, data: dict[str, Any]) -> Newsletter:
    require_perm(by, "news.change_newsletter", newsletter)
    newsletter = Newsletter.objects.select_for_update().get(pk=newsletter.pk)
    if newsletter.status != Newsletter.Status.DRAFT:
        raise ActionError(_("The newsletter has been sent; it can no longer be changed."))
    newsletter.title, newsletter.intro = data["title"], data.get("intro", "")
    newsletter.save(update_fields=["title", "intro"])
    if "posts" in data:
        newsletter.posts.set(data["posts"])
    audit.record(by=by, action="news.update_newsletter", target=newsletter, changes={"title": newsletter.title})
    return newsletter


@transaction.atomic
def send_newsletter(*, by, newsletter: Newsletter) -> Newsletter:
    """Start sending: the task worker queues it for every confirmed subscriber, in batches."""
    require_perm(by, "news.send_newsletter", newsletter)
    newsletter = Newsletter.objects.select_for_update().get(pk=newsletter.pk)
    if newsletter.status != Newsletter.Status.DRAFT:
        raise ActionError(_("The newsletter is already being sent or has been sent."))
    if not newsletter.posts.exists() and not newsletter.intro.strip():
        raise ActionError(_("Write an introduction or choose at least one news post before sending."))
    newsletter.status, newsletter.send_started_at = Newsletter.Status.SENDING, timezone.now()
    newsletter.save(update_fields=["status", "send_started_at"])
    audit.record(by=by, action="news.send_newsletter", target=newsletter,
                 changes={"subscribers": Subscriber.objects.confirmed().count()})
    pk = newsletter.pk
    transaction.on_commit(lambda: _enqueue_delivery(pk))
    return newsletter


def _enqueue_delivery(pk: int) -> None:
    from .tasks import deliver_newsletter

    deliver_newsletter.enqueue(newsletter_id=pk)


def newsletter_message(newsletter: Newsletter, posts: list[Post], subscriber: Subscriber) -> dict:
    """The outbox fields of one subscriber's copy, with the one-click unsubscribe headers."""
    link = unsubscribe_url(subscriber)
    with translation.override(subscriber.language):
        items = [{"title": p.title, "lead": p.lead, "url": settings.SITE_URL + p.get_absolute_url()} for p in posts]
    message = email_message(to=subscriber.email, template="news/email/newsletter", language=subscriber.language,
                            key=f"newsletter:{newsletter.pk}:{subscriber.pk}",
                            context={"newsletter": newsletter, "posts": items, "unsubscribe_url": link})
    message["headers"] = {"List-Unsubscribe": f"<{link}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
    return message


def deliver_batch(*, newsletter_id: int, size: int | None = None) -> int:
    """Queue the newsletter for the next `size` confirmed subscribers who have no delivery
    row yet: the rows and the outbox messages in one transaction. Returns how many were
    queued (0: everyone has it, and the newsletter is marked sent)."""
    size = size or BATCH
    with transaction.atomic():
        newsletter = Newsletter.objects.select_for_update().filter(pk=newsletter_id).first()
        if newsletter is None or newsletter.status != Newsletter.Status.SENDING:
            return 0
        subscribers = list(Subscriber.objects.confirmed().exclude(
            pk__in=Delivery.objects.filter(newsletter=newsletter).values("subscriber_id")).order_by("pk")[:size])
        if not subscribers:
            newsletter.status, newsletter.sent_at = Newsletter.Status.SENT, timezone.now()
            newsletter.save(update_fields=["status", "sent_at"])
            audit.record(by=None, action="news.newsletter_sent", target=newsletter,
                         changes={"deliveries": newsletter.deliveries.count()})
            return 0
        posts = list(newsletter.posts.published().order_by("-published_at", "-pk"))
        Delivery.objects.bulk_create([Delivery(newsletter=newsletter, subscriber=s) for s in subscribers])
        queue_messages([newsletter_message(newsletter, posts, s) for s in subscribers])
    return len(subscribers)


def deliver_newsletter(*, newsletter_id: int, size: int | None = None) -> int:
    """Every batch until everyone has it; run again after a failure, it goes on where it stopped."""
    total = 0
    while queued := deliver_batch(newsletter_id=newsletter_id, size=size):
        total += queued
    return total
