"""News posts (by the municipality, and posts that lift civil society's initiatives: policy
point 8b), the newsletter's subscribers, newsletters and their deliveries.

Who may see what: a published post whose time has come is for everyone; drafts and posts
scheduled for later are for officials and administrators (who may publish). A subscriber's
address is seen by no page; the newsletters are for officials and administrators."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def _image_path(instance, filename: str) -> str:
    return f"news/{secrets.token_hex(8)}.{filename.rsplit('.', 1)[-1].lower()[:5]}"


class PostQuerySet(models.QuerySet):
    def published(self, now=None) -> PostQuerySet:
        return self.filter(status=Post.Status.PUBLISHED, published_at__lte=now or timezone.now())

    def visible_to(self, user) -> PostQuerySet:
        if user.is_authenticated and user.is_active and (user.is_superuser or user.office_ids):
            return self
        return self.published()

    def for_lists(self) -> PostQuerySet:
        return self.select_related("actor", "office").order_by("-published_at", "-pk")


class Post(models.Model):
    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("News from the municipality")
        INITIATIVE = "initiative", _("Civil society's initiative")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.MUNICIPALITY)
    title = models.CharField(_("title"), max_length=150)
    slug = models.SlugField(max_length=170, unique=True)
    lead = models.CharField(_("lead"), max_length=300, help_text=_("One or two sentences that say what it is about."))
    body = models.TextField(_("text"), max_length=10000, help_text=_("Paragraphs separated by an empty line."))
    office = models.ForeignKey("municipality.Office", verbose_name=_("office"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="news_posts")
    actor = models.ForeignKey("actors.Actor", verbose_name=_("association it lifts"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="news_posts")
    activity = models.ForeignKey("activities.Activity", verbose_name=_("its activity"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="news_posts")
    sdg_goals = models.ManyToManyField("municipality.SdgGoal", verbose_name=_("Agenda 2030 goals"), blank=True,
                                       related_name="news_posts")
    image = models.ImageField(_("image"), upload_to=_image_path, blank=True)
    image_alt = models.CharField(_("image description"), max_length=250, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(_("published"), default=timezone.now,
                                        help_text=_("A later time publishes the post then."))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        indexes = [models.Index(fields=["status", "published_at"])]
        verbose_name = _("news post")
        verbose_name_plural = _("news posts")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("news:post", kwargs={"slug": self.slug})

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.PUBLISHED and self.published_at <= timezone.now()

    @property
    def paragraphs(self) -> list[str]:
        return [p.strip() for p in self.body.replace("\r\n", "\n").split("\n\n") if p.strip()]


class SubscriberQuerySet(models.QuerySet):
    def confirmed(self) -> SubscriberQuerySet:
        return self.filter(status=Subscriber.Status.CONFIRMED)


class Subscriber(models.Model):
    """An address that asked for the newsletter. It gets newsletters once it has opened the
    link of the confirmation e-mail (double opt-in); unsubscribed, it gets none."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for confirmation")
        CONFIRMED = "confirmed", _("Subscribes")
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")

    email = models.EmailField(_("e-mail"), unique=True)  # stored in lower case
    language = models.CharField(_("language"), max_length=10, default="sv")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(_("asked"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        indexes = [models.Index(fields=["status", "id"])]
        verbose_name = _("newsletter subscriber")
        verbose_name_plural = _("newsletter subscribers")

    def __str__(self) -> str:
        # Not the address: this is what the history (audit events) keeps as the target's name.
        return f"#{self.pk}"


class NewsletterQuerySet(models.QuerySet):
    def visible_to(self, user) -> NewsletterQuerySet:
        if user.is_authenticated and user.is_active and (user.is_superuser or user.office_ids):
            return self
        return self.none()


class Newsletter(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")

    title = models.CharField(_("title"), max_length=150)
    intro = models.TextField(_("introduction"), max_length=3000, blank=True)
    posts = models.ManyToManyField(Post, verbose_name=_("news posts"), blank=True, related_name="newsletters")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    send_started_at = models.DateTimeField(_("sending started"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    objects = NewsletterQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("newsletter")
        verbose_name_plural = _("newsletters")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("news:newsletter", kwargs={"pk": self.pk})


class Delivery(models.Model):
    """One newsletter queued in the outbox for one subscriber, written in the same
    transaction as the outbox message: a send that stops half-way resumes after the last
    subscriber that has a row, and no one gets a newsletter twice."""

    newsletter = models.ForeignKey(Newsletter, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    queued_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["newsletter", "subscriber"],
                                               name="one_delivery_per_subscriber_and_newsletter")]
        verbose_name = _("newsletter delivery")
        verbose_name_plural = _("newsletter deliveries")

    def __str__(self) -> str:
        return f"{self.newsletter_id} → {self.subscriber_id}"
