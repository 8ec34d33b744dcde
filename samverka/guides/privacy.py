"""What the knowledge bank keeps about a person: who wrote a guide and who saved each of its
versions (written at work, for the municipality or an invited association). The guides are the
municipality's public information and stay when an account is erased; the name goes (the
versions and the guide keep no link to the account)."""

from __future__ import annotations

from samverka.core.privacy import kept

from .models import Guide, GuideVersion

GUIDE_RECORD = "as long as the guide is kept; who wrote it until their account is erased"
TEXTS = [f"{name}_{lang}" for lang in ("sv", "en", "ar") for name in ("title", "summary", "body")]

FIELDS = {
    "Guide": kept(
        retention=GUIDE_RECORD,
        public=["slug", "topic", "office", "audience", "invited_actor", *TEXTS, "updated_at", "published_at"],
        personal=["created_by"],
        internal=["status", "version", "created_at", "search_text", "title_text", "summary_text", "sort_title"],
    ),
    "GuideVersion": kept(retention=GUIDE_RECORD, personal=["created_by"],
                         internal=["guide", "number", "kind", "restored_from", "content", "changed", "note",
                                   "created_at"]),
}


def personal_data(user) -> dict:
    return {
        "guide_versions_written": [
            {"title": v.guide.title_sv, "version": v.number, "kind": v.kind, "note": v.note,
             "created": v.created_at.isoformat()}
            for v in GuideVersion.objects.filter(created_by=user).select_related("guide").order_by("created_at")],
    }


def erase(user) -> None:
    Guide.objects.filter(created_by=user).update(created_by=None)
    GuideVersion.objects.filter(created_by=user).update(created_by=None)
