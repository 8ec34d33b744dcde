"""Changes to the municipality's configuration. The administrator makes them in the admin
(admin.py routes its saves and deletes here), so the public pages that show the
configuration (the name and contact in every page's layout, the names of areas, target
groups, parts of the municipality, languages and goals in lists and filters) are rebuilt."""

from __future__ import annotations

from django.db import models, transaction

from samverka.core import versions


@transaction.atomic
def save_configuration(*, by, obj: models.Model) -> models.Model:
    """Save the settings, an office, a committee or a vocabulary entry."""
    obj.save()
    versions.renew("municipality")
    return obj


@transaction.atomic
def delete_configuration(*, by, objs) -> None:
    """Delete offices, committees or vocabulary entries (one object or a QuerySet)."""
    objs.delete()
    versions.renew("municipality")
