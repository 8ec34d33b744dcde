"""Who may do what with partnerships and local compacts. Who may *see* a partnership is
`Partnership.objects.visible_to(user)`.

- The office that keeps a partnership (its officials) changes it: its text, parties,
  contributions, goals, milestones and documents.
- The parties (the representatives of a party actor, the officials of a party office) read
  the documents kept for the parties and report a milestone done.
- A representative of an actor signs a local compact for the actor; the office that keeps
  the compact changes it.

`obj` is the partnership unless the name says otherwise."""

import rules
from django.db.models import Q

from samverka.accounts.rules import is_administrator, is_official
from samverka.actors.rules import actor_roles, acts_for

from .models import Party


def _partnership(obj):
    return getattr(obj, "partnership", obj)


@rules.predicate
def keeps(user, obj) -> bool:
    """An official of the office that keeps the partnership (or the compact)."""
    item = _partnership(obj)
    return item is not None and user.is_authenticated and user.is_active and item.office_id in user.office_ids


@rules.predicate
def is_party(user, obj) -> bool:
    """Acts for one of the partnership's parties that has not left it."""
    item = _partnership(obj)
    if item is None or not user.is_authenticated or not user.is_active:
        return False
    cache = user.__dict__.setdefault("_partnership_parties", {})
    if item.pk not in cache:
        mine = Q(actor__in=list(actor_roles(user)))
        if user.office_ids:
            mine |= Q(office__in=user.office_ids)
        cache[item.pk] = Party.objects.filter(mine, partnership_id=item.pk, ended_on__isnull=True).exists()
    return cache[item.pk]


# `obj` is the office that is to keep a new partnership.
rules.add_perm("partnerships.create_for", acts_for | is_administrator)
rules.add_perm("partnerships.add_partnership", is_official | is_administrator)
rules.add_perm("partnerships.change_partnership", keeps | is_administrator)
rules.add_perm("partnerships.delete_partnership", is_administrator)
rules.add_perm("partnerships.view_private", keeps | is_party | is_administrator)
# `obj` is a milestone.
rules.add_perm("partnerships.report_milestone", keeps | is_party | is_administrator)
# Local compacts: `obj` is the compact (or, for add, the office that is to keep it).
rules.add_perm("partnerships.add_compact", acts_for | is_administrator)
rules.add_perm("partnerships.change_compact", keeps | is_administrator)
# `obj` is the actor that signs.
rules.add_perm("partnerships.sign_compact", acts_for)
