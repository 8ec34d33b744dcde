"""The association register: civil-society actors, their representatives and invitations."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samverka.core.text import fold, search_document, search_terms, sort_key
from samverka.municipality.models import Area, District, Language, SdgGoal, TargetGroup

ANNUAL_UPDATE_AFTER = timedelta(days=365)


class ActorQuerySet(models.QuerySet):
    def published(self) -> ActorQuerySet:
        return self.filter(status=Actor.Status.ACTIVE)

    def visible_to(self, user) -> ActorQuerySet:
        """Everyone sees active actors; representatives and officials also archived ones."""
        return self.visible_with_scope(user)[1]

    def visible_with_scope(self, user) -> tuple[str, ActorQuerySet]:
        """What `user` may see, and a name for that set: "public" (what everyone sees),
        "all" (officials) or the user's own, for cache keys of lists."""
        scope, hidden_mine = _visibility(user)
        if scope == "public":
            return scope, self.published()
        if scope == "all":
            return scope, self
        # The list stays a plain indexed `status = 'active'` query for almost everyone,
        # which counts and sorts fast, instead of an OR that needs DISTINCT or a sort.
        return scope, self.filter(Q(status=Actor.Status.ACTIVE) | Q(pk__in=hidden_mine))

    def search(self, query: str) -> ActorQuerySet:
        qs = self
        for term in search_terms(query):
            qs = qs.filter(search_text__contains=term)
        return qs

    def for_cards(self) -> ActorQuerySet:
        """What components/actor_cards.html shows, as plain rows (dicts, no model instance per
        card); `selectors.cards()` adds the display values (address, kind, tags)."""
        return self.values("id", "slug", "name", "kind", "summary", "verified_at", "status")

    def for_page(self) -> ActorQuerySet:
        """What actors/detail.html shows of the actor itself (not the search columns);
        `selectors.facts()` gives its vocabularies."""
        return self.defer("search_text", "name_key", "sort_name")


def _visibility(user) -> tuple[str, list[int]]:
    """("public" | "all" | "user-<id>", the user's own actors that are not active)."""
    if not user.is_authenticated:
        return "public", []
    if user.is_superuser or user.is_official:
        return "all", []
    # The user's own actors that are not active, from their memberships (looked up once per
    # request for the permission rules too, and almost always none).
    from .rules import actor_memberships

    hidden_mine = [pk for pk, (_role, status) in actor_memberships(user).items() if status != Actor.Status.ACTIVE]
    return (f"user-{user.pk}", hidden_mine) if hidden_mine else ("public", [])


class Actor(models.Model):
    class Kind(models.TextChoices):
        ASSOCIATION = "association", _("Registered association")
        NETWORK = "network", _("Informal network or group")
        FAITH = "faith", _("Faith community")
        STUDY = "study", _("Study association")
        FOUNDATION = "foundation", _("Foundation")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        ARCHIVED = "archived", _("Archived")

    # Kinds that are legal persons and so have an organisation number.
    KINDS_WITH_NUMBER = {Kind.ASSOCIATION, Kind.FAITH, Kind.STUDY, Kind.FOUNDATION}

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(max_length=170, unique=True)
    kind = models.CharField(_("kind of actor"), max_length=20, choices=Kind.choices)
    organisation_number = models.CharField(_("organisation number"), max_length=11, null=True, blank=True)
    summary = models.CharField(_("in one sentence"), max_length=200)
    description = models.TextField(_("about us"), max_length=5000, blank=True)
    areas = models.ManyToManyField(Area, verbose_name=_("areas"), blank=True, related_name="actors")
    target_groups = models.ManyToManyField(TargetGroup, verbose_name=_("target groups"), blank=True, related_name="actors")
    districts = models.ManyToManyField(District, verbose_name=_("parts of the municipality"), blank=True, related_name="actors")
    languages = models.ManyToManyField(Language, verbose_name=_("languages"), blank=True, related_name="actors")
    sdg_goals = models.ManyToManyField(SdgGoal, verbose_name=_("Agenda 2030 goals"), blank=True, related_name="actors")
    email = models.EmailField(_("public e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    phone = models.CharField(_("public phone"), max_length=20, blank=True)
    meeting_place = models.CharField(_("where we meet"), max_length=200, blank=True)
    accessibility = models.TextField(_("accessibility"), max_length=2000, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    verified_at = models.DateTimeField(_("verified"), null=True, blank=True)
    verified_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    last_confirmed_at = models.DateTimeField(_("details confirmed"), default=timezone.now)
    update_requested_at = models.DateTimeField(_("update requested"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Derived columns, kept by save(): Swedish-aware search and sorting.
    name_key = models.CharField(max_length=150, unique=True, editable=False)
    sort_name = models.CharField(max_length=200, db_index=True, editable=False)
    search_text = models.TextField(editable=False, default="")

    objects = ActorQuerySet.as_manager()

    class Meta:
        ordering = ["sort_name"]
        verbose_name = _("actor")
        verbose_name_plural = _("actors")
        constraints = [
            models.UniqueConstraint(fields=["organisation_number"], condition=Q(organisation_number__isnull=False),
                                    name="actor_orgnr_unique"),
        ]
        indexes = [models.Index(fields=["status", "sort_name"]), models.Index(fields=["updated_at"]),
                   # Published actors by name (forms, a goal page's first six): read in order, no sort.
                   models.Index(fields=["status", "name"])]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.set_derived()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "name_key", "sort_name", "search_text", "updated_at"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("actors:detail", kwargs={"slug": self.slug})

    def set_derived(self) -> None:
        """The search and sorting columns, from the fields people write (save() calls it; a
        bulk write calls it itself)."""
        self.name_key = self.key_of(self.name)
        self.sort_name = sort_key(self.name)
        self.search_text = search_document(self.name, self.summary, self.description, self.organisation_number or "")

    @staticmethod
    def key_of(name: str) -> str:
        """The unique key of a name: two names that differ only in case, accents or spaces clash."""
        return fold(" ".join(name.split()))[:150]

    def is_visible_to(self, user) -> bool:
        """`Actor.objects.visible_to(user)` for one actor in hand."""
        scope, hidden_mine = _visibility(user)
        return self.status == Actor.Status.ACTIVE or scope == "all" or self.pk in hidden_mine

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None

    @property
    def update_due(self) -> bool:
        return self.update_requested_at is not None or self.last_confirmed_at < timezone.now() - ANNUAL_UPDATE_AFTER


class ActorMembership(models.Model):
    """A representative of an actor: the owner manages people, an editor the page."""

    class Role(models.TextChoices):
        OWNER = "owner", _("Owner")
        EDITOR = "editor", _("Editor")

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="actor_memberships")
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.EDITOR)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["actor", "user"], name="one_membership_per_actor")]
        ordering = ["role", "created_at"]
        verbose_name = _("representative")
        verbose_name_plural = _("representatives")

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}, {self.actor})"


def _invitation_token() -> str:
    return secrets.token_urlsafe(32)


def _invitation_expiry():
    return timezone.now() + timedelta(days=14)


class InvitationQuerySet(models.QuerySet):
    def pending(self) -> InvitationQuerySet:
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now())


class Invitation(models.Model):
    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(_("role"), max_length=10, choices=ActorMembership.Role.choices,
                            default=ActorMembership.Role.EDITOR)
    token = models.CharField(max_length=64, unique=True, default=_invitation_token, editable=False)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(default=_invitation_expiry)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.email} → {self.actor}"

    def get_absolute_url(self) -> str:
        return reverse("actors:invitation", kwargs={"token": self.token})

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()
