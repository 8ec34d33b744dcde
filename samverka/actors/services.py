"""Every change to the association register. Each function checks nothing about the
HTTP request, takes the acting user as `by=`, checks rules.py itself (PermissionDenied),
runs in one transaction and records an audit event; views, the API, tasks and commands
all call these. `by=None` is the platform itself (see `core.access.require_perm`)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from samverka.communication.services import queue_email
from samverka.core import audit, versions
from samverka.core.access import require_perm
from samverka.core.errors import ActionError

from .models import Actor, ActorMembership, Invitation

M2M_FIELDS = ("areas", "target_groups", "districts", "languages", "sdg_goals")



RESERVED_SLUGS = {"ny", "oppna-data", "inbjudan"}


def _unique_slug(name: str) -> str:
    base = slugify(name)[:150] or "aktor"
    slug, n = base, 2
    while slug in RESERVED_SLUGS or Actor.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _split(data: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    fields = {k: v for k, v in data.items() if k not in M2M_FIELDS}
    related = {k: v for k, v in data.items() if k in M2M_FIELDS}
    return fields, related


@transaction.atomic
def create_actor(*, by, data: dict[str, Any], as_owner: bool = True) -> Actor:
    """`as_owner=False`: the administrator adds an actor for others (in the admin) and
    does not become its owner."""
    require_perm(by, "actors.add_actor")
    fields, related = _split(data)
    actor = Actor(slug=_unique_slug(fields["name"]), **fields)
    actor.save()
    for name, values in related.items():
        getattr(actor, name).set(values)
    if as_owner:
        ActorMembership.objects.create(actor=actor, user=by, role=ActorMembership.Role.OWNER)
    audit.record(by=by, action="actor.create", target=actor, changes={"name": actor.name, "kind": actor.kind})
    versions.renew("actors")
    return actor


@transaction.atomic
def update_actor(*, by, actor: Actor, data: dict[str, Any]) -> Actor:
    require_perm(by, "actors.change_actor", actor)
    fields, related = _split(data)
    changes = audit.diff(actor, fields)
    for name, value in fields.items():
        setattr(actor, name, value)
    fields_changed = bool(changes)
    if fields_changed:
        actor.save(update_fields=list(changes))
    audit.set_related(actor, related, changes)
    if changes and not fields_changed:
        actor.save(update_fields=["updated_at"])
    if changes:
        audit.record(by=by, action="actor.update", target=actor, changes=changes)
        versions.renew("actors")
    return actor


@transaction.atomic
def confirm_details(*, by, actor: Actor) -> Actor:
    """A representative confirms that the entry is up to date (the annual update)."""
    require_perm(by, "actors.change_actor", actor)
    actor.last_confirmed_at = timezone.now()
    actor.update_requested_at = None
    actor.save(update_fields=["last_confirmed_at", "update_requested_at"])
    audit.record(by=by, action="actor.confirm", target=actor)
    versions.renew("actors")
    return actor


@transaction.atomic
def set_status(*, by, actor: Actor, status: str) -> Actor:
    require_perm(by, "actors.archive_actor", actor)
    if actor.status != status:
        audit.record(by=by, action="actor.status", target=actor, changes={"status": [actor.status, status]})
        actor.status = status
        actor.save(update_fields=["status"])
        versions.renew("actors")
    return actor


@transaction.atomic
def verify_actor(*, by, actor: Actor, verified: bool = True) -> Actor:
    require_perm(by, "actors.verify_actor", actor)
    if verified and actor.kind != Actor.Kind.ASSOCIATION:
        raise ActionError(_("Only registered associations can be verified."))
    if verified and not actor.organisation_number:
        raise ActionError(_("Add the organisation number before verifying the association."))
    if verified == actor.is_verified:
        return actor
    actor.verified_at = timezone.now() if verified else None
    actor.verified_by = by if verified else None
    actor.save(update_fields=["verified_at", "verified_by"])
    audit.record(by=by, action="actor.verify" if verified else "actor.unverify", target=actor)
    versions.renew("actors")
    return actor


@transaction.atomic
def delete_actor(*, by, actor: Actor) -> None:
    """Remove an actor from the register with its pages (the administrator, in the admin)."""
    require_perm(by, "actors.delete_actor", actor)
    audit.record(by=by, action="actor.delete", target=actor, changes={"name": actor.name})
    actor.delete()
    versions.renew("actors")


@transaction.atomic
def request_annual_update(*, by, actors: list[Actor]) -> int:
    """Mark the actors as asked for an update; a background task writes the reminders."""
    from .tasks import send_update_reminders

    for actor in actors:
        require_perm(by, "actors.request_update", actor)
    now = timezone.now()
    ids = [a.pk for a in actors]
    # updated_at too (update() skips auto_now): the entry changed.
    Actor.objects.filter(pk__in=ids).update(update_requested_at=now, updated_at=now)
    for actor in actors:
        audit.record(by=by, action="actor.request_update", target=actor)
    transaction.on_commit(lambda: send_update_reminders.enqueue(actor_ids=ids, requested_at=now.isoformat()))
    return len(ids)


def write_update_reminders(*, actor_ids: list[int], requested_at: str) -> int:
    """Queue one reminder per representative; the key makes a rerun send nothing twice."""
    count = 0
    memberships = ActorMembership.objects.filter(actor_id__in=actor_ids).select_related("actor", "user")
    for membership in memberships:
        with transaction.atomic():
            queue_email(
                to=membership.user.email, template="actors/email/update_reminder",
                context={"actor": membership.actor, "user": membership.user},
                key=f"update-reminder:{membership.actor_id}:{membership.user_id}:{requested_at}",
            )
        count += 1
    return count


@transaction.atomic
def invite_representative(*, by, actor: Actor, email: str, role: str) -> Invitation:
    require_perm(by, "actors.manage_people", actor)
    email = email.strip().lower()
    if ActorMembership.objects.filter(actor=actor, user__email__iexact=email).exists():
        raise ActionError(_("%(email)s is already a representative of %(actor)s.") % {"email": email, "actor": actor})
    invitation = Invitation.objects.pending().filter(actor=actor, email__iexact=email).first()
    if invitation is None:
        invitation = Invitation.objects.create(actor=actor, email=email, role=role, invited_by=by)
        audit.record(by=by, action="actor.invite", target=actor, changes={"email": email, "role": role})
    queue_email(
        to=email, template="actors/email/invitation",
        context={"invitation": invitation, "actor": actor, "invited_by": by},
        key=f"invitation:{invitation.pk}:{invitation.created_at.isoformat()}",
    )
    return invitation


@transaction.atomic
def accept_invitation(*, by, token: str) -> ActorMembership:
    invitation = (
        Invitation.objects.select_for_update().select_related("actor").filter(token=token).first()
    )
    if invitation is None or invitation.revoked_at:
        raise ActionError(_("This invitation is not valid. Ask the association to send a new one."))
    if invitation.accepted_at:
        if invitation.accepted_by_id == by.pk:
            return ActorMembership.objects.get(actor=invitation.actor, user=by)
        raise ActionError(_("This invitation has already been used. Ask the association to send a new one."))
    if invitation.is_expired:
        raise ActionError(_("This invitation has expired. Ask the association to send a new one."))
    membership, created = ActorMembership.objects.get_or_create(
        actor=invitation.actor, user=by, defaults={"role": invitation.role},
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = by
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    audit.record(by=by, action="actor.join", target=invitation.actor, changes={"role": membership.role})
    return membership


@transaction.atomic
def revoke_invitation(*, by, invitation: Invitation) -> None:
    require_perm(by, "actors.manage_people", invitation.actor)
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    audit.record(by=by, action="actor.revoke_invitation", target=invitation.actor, changes={"email": invitation.email})


@transaction.atomic
def add_representative(*, by, actor: Actor, user, role: str) -> ActorMembership:
    """Make a person a representative at once, without an invitation (the administrator,
    in the admin)."""
    require_perm(by, "actors.manage_people", actor)
    if ActorMembership.objects.filter(actor=actor, user=user).exists():
        raise ActionError(_("%(email)s is already a representative of %(actor)s.") % {"email": user.email, "actor": actor})
    membership = ActorMembership.objects.create(actor=actor, user=user, role=role)
    audit.record(by=by, action="actor.add_person", target=actor, changes={"user": user.display_name, "role": role})
    return membership


def _owners(actor: Actor):
    return ActorMembership.objects.select_for_update().filter(actor=actor, role=ActorMembership.Role.OWNER)


@transaction.atomic
def change_role(*, by, membership: ActorMembership, role: str) -> ActorMembership:
    require_perm(by, "actors.manage_people", membership.actor)
    if membership.role == role:
        return membership
    if membership.role == ActorMembership.Role.OWNER and len(_owners(membership.actor)) == 1:
        raise ActionError(_("An actor needs at least one owner. Make someone else owner first."))
    audit.record(by=by, action="actor.change_role", target=membership.actor,
                 changes={"user": membership.user.display_name, "role": [membership.role, role]})
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def remove_representative(*, by, membership: ActorMembership) -> None:
    require_perm(by, "actors.manage_people", membership.actor)
    if membership.role == ActorMembership.Role.OWNER and len(_owners(membership.actor)) == 1:
        raise ActionError(_("An actor needs at least one owner. Make someone else owner first."))
    audit.record(by=by, action="actor.remove_person", target=membership.actor,
                 changes={"user": membership.user.display_name})
    membership.delete()


# ---------------------------------------------------------------- import of a register


IMPORT_FIELDS = ("name", "organisation_number", "kind", "summary", "description", "email", "website", "phone",
                 "meeting_place", "last_confirmed_at")


@transaction.atomic
def import_actors(*, by, rows: list[tuple[Any, dict[str, Any]]]) -> dict[str, Any]:
    """Add or update many actors at once (a register moved in from another system), in one
    transaction, with one audit event for the batch. `rows` are (a reference, such as the
    line number, and the fields found: IMPORT_FIELDS, already checked, a value left out
    stays as it is). An actor is the same one when it has the same organisation number,
    or, with no number, the same name. Returns {"created", "updated", "unchanged",
    "refused": [(reference, reason)]}: a row that would clash with another actor of the
    register is refused, the others are written."""
    require_perm(by, "actors.import_actors")
    refused: list[tuple[Any, str]] = []
    numbers = {data["organisation_number"] for _ref, data in rows if data.get("organisation_number")}
    keys = {Actor.key_of(data["name"]) for _ref, data in rows}
    found = Actor.objects.filter(Q(organisation_number__in=numbers) | Q(name_key__in=keys))
    by_number = {a.organisation_number: a for a in found if a.organisation_number}
    by_key = {a.name_key: a for a in found}
    to_create: list[Actor] = []
    to_update: dict[int, Actor] = {}
    fields_changed: set[str] = set()
    claimed_keys: dict[str, Any] = {}
    for ref, data in rows:
        data = {k: v for k, v in data.items() if k in IMPORT_FIELDS}
        number, key = data.get("organisation_number"), Actor.key_of(data["name"])
        actor = by_number.get(number) if number else None
        if actor is None:
            same_name = by_key.get(key)
            if same_name is not None and (not number or not same_name.organisation_number):
                actor = same_name
            elif same_name is not None:
                refused.append((ref, _("%(name)s is already in the register with another organisation number "
                                       "(%(number)s).") % {"name": same_name.name,
                                                           "number": same_name.organisation_number}))
                continue
        other = by_key.get(key)
        if (other is not None and actor is not None and other.pk != actor.pk) or claimed_keys.get(key, ref) != ref:
            refused.append((ref, _("Another association in the register already has the name %(name)s.")
                            % {"name": data["name"]}))
            continue
        claimed_keys[key] = ref
        if actor is None:
            data.setdefault("kind", Actor.Kind.ASSOCIATION if number else Actor.Kind.NETWORK)
            data.setdefault("summary", "")
            actor = Actor(**data)
            actor.set_derived()
            to_create.append(actor)
            by_key[key] = actor
            if number:
                by_number[number] = actor
            continue
        changed = {name for name, value in data.items() if getattr(actor, name) != value}
        if changed:
            for name in changed:
                setattr(actor, name, data[name])
            actor.set_derived()
            fields_changed |= changed
            if actor.pk:
                to_update[actor.pk] = actor
    _give_slugs(to_create)
    now = timezone.now()
    for actor in to_create:
        actor.created_at = actor.updated_at = now
        actor.last_confirmed_at = actor.last_confirmed_at or now
    Actor.objects.bulk_create(to_create, batch_size=500)
    if to_update:
        for actor in to_update.values():
            actor.updated_at = now
        Actor.objects.bulk_update(list(to_update.values()), [*sorted(fields_changed), "name_key", "sort_name",
                                                              "search_text", "updated_at"], batch_size=500)
    unchanged = len(rows) - len(refused) - len(to_create) - len(to_update)
    result = {"created": len(to_create), "updated": len(to_update), "unchanged": unchanged, "refused": refused}
    audit.record(by=by, action="actor.import", changes={k: v if k != "refused" else len(v) for k, v in result.items()})
    if to_create or to_update:
        versions.renew("actors")
    return result


def _give_slugs(actors: list[Actor]) -> None:
    """A unique address for each new actor, in a few queries whatever their number."""
    bases = {a.pk or id(a): slugify(a.name)[:150] or "aktor" for a in actors}
    wanted = set(bases.values())
    taken = set(Actor.objects.filter(slug__in=wanted).values_list("slug", flat=True)) | RESERVED_SLUGS
    clashing = {base for base in wanted if base in taken}
    for base in clashing:
        taken |= set(Actor.objects.filter(slug__startswith=f"{base}-").values_list("slug", flat=True))
    for actor in actors:
        base = bases[actor.pk or id(actor)]
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        actor.slug = slug
