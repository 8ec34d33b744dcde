"""Guides for tests, made through the services (so each has its first version)."""

from __future__ import annotations

import itertools

from samverka.guides import services
from samverka.guides.models import Guide, Topic

_n = itertools.count(1)


def make_guide(*, by=None, published: bool = True, topic: str = Topic.CIVIL_SOCIETY, **texts) -> Guide:
    n = next(_n)
    data = {"topic": topic, "audience": "everyone", "title_sv": f"Vägledning nummer {n}",
            "summary_sv": "En kort sammanfattning på enkel svenska.",
            "body_sv": "## Så går det till\n\nFörst läser du. Sedan gör du.", **texts}
    guide = services.create_guide(by=by, data=data)
    if published:
        guide = services.publish_guide(by=None, guide=guide)
    return Guide.objects.get(pk=guide.pk)
