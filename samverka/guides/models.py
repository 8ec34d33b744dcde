"""The knowledge bank: guides written by the municipality and, where it invites them, by
civil society. A guide has a Swedish text and, where written, English and Arabic ones; every
save keeps a version (`GuideVersion`), and `Guide.version` is the number of the latest, which
the edit form carries so that a save on top of someone else's is refused (no lost update)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Case, IntegerField, Q, Value, When
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samverka.core.text import fold, search_document, search_stems

# The languages a guide may be written in; Swedish is required, the first.
LANGUAGES = ("sv", "en", "ar")
TEXT_FIELDS = ("title", "summary", "body")
# What a version keeps: every text of every language, and the facts.
CONTENT_FIELDS = tuple(f"{name}_{lang}" for lang in LANGUAGES for name in TEXT_FIELDS) + (
    "topic", "office_id", "audience", "invited_actor_id")


class Topic(models.TextChoices):
    CIVIL_SOCIETY = "civil_society", _("How civil society is organised")
    COE_CODE = "coe_code", _("The Council of Europe code for civil participation")
    CITIZEN_DIALOGUE = "citizen_dialogue", _("SKL's model for citizen dialogue")
    IOP = "iop", _("When a partnership (IOP) fits, and when a grant or procurement does")
    APPLY_GRANT = "apply_grant", _("How to apply for a grant")
    START_ASSOCIATION = "start_association", _("How to start an association")
    OFFICE = "office", _("An office: what it does, what it can and cannot do, whom to ask")


class Audience(models.TextChoices):
    EVERYONE = "everyone", _("Everyone")
    ASSOCIATIONS = "associations", _("Associations and organisations")
    OFFICIALS = "officials", _("The municipality's officials")


class GuideQuerySet(models.QuerySet):
    def published(self) -> GuideQuerySet:
        return self.filter(status=Guide.Status.PUBLISHED)

    def visible_to(self, user) -> GuideQuerySet:
        """Published guides for everyone; drafts for officials and administrators, and for the
        representatives of the actor a draft's writing is entrusted to."""
        if not user.is_authenticated:
            return self.published()
        if user.is_active and (user.is_superuser or user.is_official):
            return self
        mine = Q(invited_actor__memberships__user_id=user.pk) if user.is_active else Q(pk__in=[])
        return self.filter(Q(status=Guide.Status.PUBLISHED) | Q(pk__in=Guide.objects.filter(mine).values("pk")))

    def search(self, query: str) -> GuideQuerySet:
        """Every word of the query (folded, stemmed) in the guide's texts; ranked: a word in
        the title counts most, then in the summary."""
        terms = search_stems(query)
        qs = self
        rank = Value(0)
        for term in terms:
            qs = qs.filter(search_text__contains=term)
            rank = rank + Case(When(title_text__contains=term, then=Value(10)),
                               When(summary_text__contains=term, then=Value(3)),
                               default=Value(1), output_field=IntegerField())
        return qs.annotate(rank=rank).order_by("-rank", "sort_title", "pk")

    def for_cards(self, *extra: str) -> GuideQuerySet:
        """What a guide's card shows, as plain rows (and `extra`, such as the search's rank)."""
        return self.values("id", "slug", "topic", "status", "office__name", "updated_at", *extra,
                           *(f"{n}_{lang}" for lang in LANGUAGES for n in ("title", "summary")))


class Guide(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    slug = models.SlugField(_("address"), max_length=150, unique=True)
    topic = models.CharField(_("topic"), max_length=30, choices=Topic.choices)
    office = models.ForeignKey("municipality.Office", verbose_name=_("office"), on_delete=models.PROTECT,
                               null=True, blank=True, related_name="guides")
    audience = models.CharField(_("for whom"), max_length=20, choices=Audience.choices, default=Audience.EVERYONE)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    # An actor whose representatives may write this guide's drafts (an official publishes).
    invited_actor = models.ForeignKey("actors.Actor", verbose_name=_("written with"), on_delete=models.SET_NULL,
                                      null=True, blank=True, related_name="guides")
    title_sv = models.CharField(_("title in Swedish"), max_length=200)
    summary_sv = models.TextField(_("summary in Swedish"), max_length=600)
    body_sv = models.TextField(_("text in Swedish"), max_length=30000)
    title_en = models.CharField(_("title in English"), max_length=200, blank=True)
    summary_en = models.TextField(_("summary in English"), max_length=600, blank=True)
    body_en = models.TextField(_("text in English"), max_length=30000, blank=True)
    title_ar = models.CharField(_("title in Arabic"), max_length=200, blank=True)
    summary_ar = models.TextField(_("summary in Arabic"), max_length=600, blank=True)
    body_ar = models.TextField(_("text in Arabic"), max_length=30000, blank=True)
    version = models.PositiveIntegerField(default=0, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Derived columns, kept by save(): Swedish-aware search and sorting (core.text).
    search_text = models.TextField(editable=False, default="")
    title_text = models.TextField(editable=False, default="")
    summary_text = models.TextField(editable=False, default="")
    sort_title = models.CharField(max_length=200, editable=False, default="")

    objects = GuideQuerySet.as_manager()

    class Meta:
        verbose_name = _("guide")
        verbose_name_plural = _("guides")
        ordering = ["sort_title", "pk"]
        indexes = [models.Index(fields=["status", "topic", "sort_title"])]

    def __str__(self) -> str:
        return self.title_sv

    def save(self, *args, **kwargs):
        self.derive()
        if kwargs.get("update_fields"):
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text", "title_text", "summary_text",
                                       "sort_title", "updated_at"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("guides:guide", args=[self.slug])

    def derive(self) -> None:
        """The search and sort columns, from the texts (save() calls it; so does a bulk fill)."""
        titles = [getattr(self, f"title_{lang}") for lang in LANGUAGES]
        summaries = [getattr(self, f"summary_{lang}") for lang in LANGUAGES]
        self.title_text = search_document(*titles)
        self.summary_text = search_document(*summaries)
        self.search_text = search_document(*titles, *summaries, *(getattr(self, f"body_{lang}") for lang in LANGUAGES))
        self.sort_title = fold(self.title_sv)[:200]

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    def content(self) -> dict:
        """What a version keeps of the guide."""
        return {name: getattr(self, name) for name in CONTENT_FIELDS}


class GuideVersion(models.Model):
    """One save of a guide: its whole content then, who saved it and when."""

    class Kind(models.TextChoices):
        CREATED = "created", _("Written")
        EDITED = "edited", _("Changed")
        RESTORED = "restored", _("Restored")

    guide = models.ForeignKey(Guide, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.EDITED)
    restored_from = models.PositiveIntegerField(null=True, blank=True)
    content = models.JSONField(default=dict)
    # The fields this save changed (names of CONTENT_FIELDS).
    changed = models.JSONField(default=list)
    note = models.CharField(_("what you changed"), max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["guide", "number"], name="guides_version_number_unique")]

    def __str__(self) -> str:
        return f"{self.guide_id} v{self.number}"
