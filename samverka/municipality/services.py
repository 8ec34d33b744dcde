"""Changes to the municipality's configuration. The administrator makes them in the admin
(admin.py routes its saves and deletes here), so the rule is checked, every change is in
the history and the public pages that show the configuration (the name and contact in
every page's layout, the names of areas, target groups, parts of the municipality,
languages and goals in lists and filters) are rebuilt."""

from __future__ import annotations

from django.db import models, transaction

from samverka.core import audit, versions
from samverka.core.access import require_perm

from .models import OfficeMembership


@transaction.atomic
def save_configuration(*, by, obj: models.Model) -> models.Model:
    """Save the settings, an office, a committee or a vocabulary entry."""
    require_perm(by, "municipality.change_configuration")
    adding = obj._state.adding or obj.pk is None
    changes = {} if adding else _changes(obj)
    obj.save()
    if adding or changes:
        audit.record(by=by, action="configuration.add" if adding else "configuration.change", target=obj,
                     changes=changes)
    versions.renew("municipality")
    return obj


@transaction.atomic
def delete_configuration(*, by, objs) -> None:
    """Delete offices, committees or vocabulary entries (one object or a QuerySet)."""
    require_perm(by, "municipality.change_configuration")
    for obj in [objs] if isinstance(objs, models.Model) else objs:
        audit.record(by=by, action="configuration.delete", target=obj)
    objs.delete()
    versions.renew("municipality")


@transaction.atomic
def save_official(*, by, membership: OfficeMembership) -> OfficeMembership:
    """Make someone an official of an office (they handle its cases and publish for it), or
    change their title there. Another person in the same row is recorded as one removed
    and one added."""
    require_perm(by, "municipality.change_configuration")
    before = None if membership._state.adding else (
        OfficeMembership.objects.select_related("office", "user").filter(pk=membership.pk).first())
    if before is not None and before.user_id != membership.user_id:
        audit.record(by=by, action="office.remove_official", target=before.user, changes={"office": before.office})
        before = None
    membership.save()
    if before is None:
        audit.record(by=by, action="office.add_official", target=membership.user,
                     changes={"office": membership.office, "title": membership.title})
    elif before.title != membership.title:
        audit.record(by=by, action="office.change_official", target=membership.user,
                     changes={"office": membership.office, "title": [before.title, membership.title]})
    return membership


@transaction.atomic
def remove_official(*, by, membership: OfficeMembership) -> None:
    require_perm(by, "municipality.change_configuration")
    audit.record(by=by, action="office.remove_official", target=membership.user, changes={"office": membership.office})
    membership.delete()


def _changes(obj: models.Model) -> dict:
    """{field: [saved, new]} for the fields of `obj` that differ from the saved row."""
    saved = type(obj)._default_manager.filter(pk=obj.pk).first()
    if saved is None:
        return {}
    return {field.name: [getattr(saved, field.attname), getattr(obj, field.attname)]
            for field in obj._meta.concrete_fields
            if getattr(saved, field.attname) != getattr(obj, field.attname)}
