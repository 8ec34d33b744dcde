"""The shared kernel: audit events. No domain rules live here."""

from __future__ import annotations

from functools import cache

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEventQuerySet(models.QuerySet):
    def for_object(self, obj: models.Model) -> AuditEventQuerySet:
        return self.filter(
            target_type=ContentType.objects.get_for_model(obj), target_id=str(obj.pk)
        )


class AuditEvent(models.Model):
    """Who did what to which object, and when. Written by service functions only."""

    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("who"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    user_label = models.CharField(max_length=200, blank=True)
    action = models.CharField(_("what"), max_length=80)
    target_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.SET_NULL)
    target_id = models.CharField(max_length=64, blank=True)
    target_label = models.CharField(max_length=300, blank=True)
    changes = models.JSONField(default=dict, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id", "-created_at"])]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.user_label} {self.action} {self.target_label}"

    @property
    def action_label(self) -> str:
        """The action in words, for the history pages; unknown actions show their code."""
        return str(action_labels().get(self.action, self.action))


@cache
def action_labels() -> dict[str, str]:
    """Words for the actions the services record, as each app declares them: the
    `audit_labels` of its AppConfig (apps.py). Read once, when a label is first asked for."""
    labels = {}
    for config in apps.get_app_configs():
        labels.update(getattr(config, "audit_labels", {}))
    return labels



class Submission(models.Model):
    """A form submission's one-time token: the same form sent twice is done once, and
    the second request is shown the first one's result."""

    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    result_url = models.CharField(max_length=500, blank=True)

    def __str__(self) -> str:
        return self.token

