"""Database constraints that several apps need, written once."""

from django.db import models
from django.db.models import Q


def exactly_one(name: str, *fields: str) -> models.CheckConstraint:
    """A check that exactly one of `fields` (nullable foreign keys) is set: "run by an actor or an
    office, never both", "about a proposal or a comment"."""
    condition = Q()
    for field in fields:
        only = Q(**{f"{field}__isnull": False})
        for other in fields:
            if other != field:
                only &= Q(**{f"{other}__isnull": True})
        condition |= only
    return models.CheckConstraint(condition=condition, name=name)
