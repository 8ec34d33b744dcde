"""Open data: the public fields of the register, nothing else (no people, no history)."""

from collections.abc import Iterable, Iterator

from django.conf import settings

PUBLIC_FIELDS = [
    "name", "kind", "organisation_number", "summary", "description", "areas", "target_groups",
    "districts", "languages", "sdg_goals", "email", "website", "phone", "meeting_place",
    "accessibility", "verified", "url", "updated_at",
]


def public_rows(actors: Iterable) -> Iterator[dict]:
    for actor in actors:
        yield {
            "name": actor.name,
            "kind": actor.kind,
            "organisation_number": actor.organisation_number or "",
            "summary": actor.summary,
            "description": actor.description,
            "areas": [a.slug for a in actor.areas.all()],
            "target_groups": [t.slug for t in actor.target_groups.all()],
            "districts": [d.slug for d in actor.districts.all()],
            "languages": [lang.code for lang in actor.languages.all()],
            "sdg_goals": [g.number for g in actor.sdg_goals.all()],
            "email": actor.email,
            "website": actor.website,
            "phone": actor.phone,
            "meeting_place": actor.meeting_place,
            "accessibility": actor.accessibility,
            "verified": actor.is_verified,
            "url": settings.SITE_URL + actor.get_absolute_url(),
            "updated_at": actor.updated_at.isoformat(),
        }
