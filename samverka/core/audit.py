"""Recording audit events. Every service function that changes data calls `record`."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from .models import AuditEvent


def record(*, by, action: str, target: models.Model | None = None, changes: dict[str, Any] | None = None) -> AuditEvent:
    audit_event = event(by=by, action=action, target=target, changes=changes)
    audit_event.save(force_insert=True)
    return audit_event


def record_many(events: list[AuditEvent]) -> None:
    """Events made with `event`, written with one INSERT (a batch of sign-ups)."""
    AuditEvent.objects.bulk_create(events)


def event(*, by, action: str, target: models.Model | None = None, changes: dict[str, Any] | None = None) -> AuditEvent:
    """An audit event, not yet written."""
    user = by if getattr(by, "is_authenticated", False) else None
    return AuditEvent(
        user=user,
        user_label=(user.display_name if user else "system")[:200],
        action=action,
        target_type=ContentType.objects.get_for_model(target) if target is not None else None,
        target_id=str(target.pk) if target is not None else "",
        target_label=str(target)[:300] if target is not None else "",
        changes=_jsonable(changes or {}),
    )


def diff(instance: models.Model, data: dict[str, Any]) -> dict[str, list[Any]]:
    """The fields in `data` whose value differs from the instance's: {field: [old, new]}."""
    changed = {}
    for field, new in data.items():
        old = getattr(instance, field, None)
        if old != new:
            changed[field] = [old, new]
    return changed


def set_related(instance: models.Model, related: dict[str, Any], changes: dict[str, Any] | None = None) -> bool:
    """Set the many-to-many fields in `related` ({field: objects or pks}) that differ from the
    instance's, noting each change as {field: [old labels, new labels]} in `changes`. True if
    any changed."""
    changed = False
    for name, values in related.items():
        manager = getattr(instance, name)
        current = list(manager.all())
        if {v.pk for v in current} != {getattr(v, "pk", v) for v in values}:
            manager.set(values)
            changed = True
            if changes is not None:
                changes[name] = [sorted(map(str, current)), sorted(map(str, manager.all()))]
    return changed


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_jsonable(v) for v in value]
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)
