"""Every change in the knowledge bank. Each function takes the acting user as `by=`, runs in
one transaction, asks rules.py (`require_perm`; `by=None` is the platform itself), raises
ActionError for what the bank's rules forbid, records an audit event and renews the `guides`
page stamp.

Every save of a guide's content keeps a version. A save names the version it started from
(`base=`); when someone saved in between, it is refused with `EditConflict` and nothing is
written, so no one's text is lost without their knowing."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samverka.core import audit, versions
from samverka.core.access import require_perm
from samverka.core.errors import ActionError
from samverka.core.text import unique_slug

from .models import CONTENT_FIELDS, Guide, GuideVersion

# Address words of the bank that a guide's slug may not take.
RESERVED = frozenset({"ny", "sok", "amne"})
# What a writer invited from civil society may change: the texts, not the facts.
TEXTS = tuple(name for name in CONTENT_FIELDS if name.split("_")[0] in ("title", "summary", "body"))


class EditConflict(ActionError):
    """Someone saved the guide after this form was opened."""

    def __init__(self, guide: Guide, base: int, current: GuideVersion | None):
        super().__init__(_("Someone else saved this guide while you were writing. Your text is still in the form: "
                           "look at their change, then copy what you want to keep and save again."))
        self.guide, self.base, self.current = guide, base, current


def _changed() -> None:
    versions.renew("guides")


def _locked(guide: Guide) -> Guide:
    return Guide.objects.select_for_update().get(pk=guide.pk)


def _keep_version(guide: Guide, *, by, kind: str, before: dict, note: str = "", restored_from=None) -> GuideVersion:
    after = guide.content()
    guide.version += 1
    guide.save(update_fields={"version", *(f for f in CONTENT_FIELDS if not f.endswith("_id")),
                              "office", "invited_actor"})
    return GuideVersion.objects.create(
        guide=guide, number=guide.version, kind=kind, restored_from=restored_from, content=after,
        changed=[name for name in CONTENT_FIELDS if before.get(name) != after[name]],
        note=(note or "").strip()[:300], created_by=by if getattr(by, "is_authenticated", False) else None)


def _apply(guide: Guide, data: dict[str, Any], fields) -> None:
    for name in fields:
        if name in data:
            value = data[name]
            if name in ("office_id", "invited_actor_id"):
                setattr(guide, name, getattr(value, "pk", value))
            elif isinstance(value, str):
                setattr(guide, name, value.strip())
            else:
                setattr(guide, name, value)


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    """The form's names (`office`, `invited_actor`) as the content's (`office_id`, …)."""
    data = dict(data)
    for name in ("office", "invited_actor"):
        if name in data:
            data[f"{name}_id"] = data.pop(name)
    return data


@transaction.atomic
def create_guide(*, by, data: dict[str, Any], note: str = "") -> Guide:
    """A new guide, as a draft, with its first version."""
    require_perm(by, "guides.add_guide")
    data = _clean(data)
    if not (data.get("title_sv") or "").strip():
        raise ActionError(_("Write the guide's title in Swedish."))
    guide = Guide(status=Guide.Status.DRAFT, created_by=by if getattr(by, "is_authenticated", False) else None)
    _apply(guide, data, CONTENT_FIELDS)
    guide.slug = unique_slug(Guide.objects.all(), guide.title_sv, fallback="guide", reserved=RESERVED)
    guide.save()
    version = _keep_version(guide, by=by, kind=GuideVersion.Kind.CREATED, before={}, note=note)
    audit.record(by=by, action="guide.create", target=guide, changes={"version": version.number})
    _changed()
    return guide


@transaction.atomic
def edit_guide(*, by, guide: Guide, data: dict[str, Any], base: int, note: str = "") -> GuideVersion | None:
    """Save a change made on version `base`. Refused (EditConflict) when the guide has a
    later version; None when nothing changed."""
    require_perm(by, "guides.change_guide", guide)
    guide = _locked(guide)
    require_perm(by, "guides.change_guide", guide)
    if guide.version != base:
        raise EditConflict(guide, base, guide.versions.filter(number=guide.version).first())
    data = _clean(data)
    fields = CONTENT_FIELDS if by is None or by.has_perm("guides.publish_guide", guide) else TEXTS
    before = guide.content()
    _apply(guide, data, fields)
    if not guide.title_sv:
        raise ActionError(_("Write the guide's title in Swedish."))
    if guide.content() == before:
        return None
    version = _keep_version(guide, by=by, kind=GuideVersion.Kind.EDITED, before=before, note=note)
    audit.record(by=by, action="guide.edit", target=guide,
                 changes={"version": version.number, "fields": version.changed})
    _changed()
    return version


@transaction.atomic
def restore_version(*, by, guide: Guide, number: int) -> GuideVersion:
    """Make an earlier version's content the guide's again, as a new version (history is never
    rewritten)."""
    require_perm(by, "guides.change_guide", guide)
    guide = _locked(guide)
    old = guide.versions.filter(number=number).first()
    if old is None:
        raise ActionError(_("That version does not exist."))
    if old.number == guide.version:
        raise ActionError(_("That version is already the guide's text."))
    fields = CONTENT_FIELDS if by is None or by.has_perm("guides.publish_guide", guide) else TEXTS
    before = guide.content()
    _apply(guide, old.content, fields)
    version = _keep_version(guide, by=by, kind=GuideVersion.Kind.RESTORED, before=before, restored_from=old.number,
                            note=_("Restored version %(number)s") % {"number": old.number})
    audit.record(by=by, action="guide.restore", target=guide,
                 changes={"version": version.number, "restored_from": old.number})
    _changed()
    return version


@transaction.atomic
def publish_guide(*, by, guide: Guide) -> Guide:
    require_perm(by, "guides.publish_guide", guide)
    guide = _locked(guide)
    if guide.is_published:
        return guide
    if not (guide.summary_sv.strip() and guide.body_sv.strip()):
        raise ActionError(_("Write a summary and a text in Swedish before you publish the guide."))
    guide.status = Guide.Status.PUBLISHED
    guide.published_at = guide.published_at or timezone.now()
    guide.save(update_fields={"status", "published_at"})
    audit.record(by=by, action="guide.publish", target=guide, changes={"version": guide.version})
    _changed()
    return guide


@transaction.atomic
def unpublish_guide(*, by, guide: Guide) -> Guide:
    require_perm(by, "guides.publish_guide", guide)
    guide = _locked(guide)
    if not guide.is_published:
        return guide
    guide.status = Guide.Status.DRAFT
    guide.save(update_fields={"status"})
    audit.record(by=by, action="guide.unpublish", target=guide, changes={})
    _changed()
    return guide
