"""Who may do what in crisis mode. Who may *see* a crisis' requests is
`Crisis.objects.handled_by(user)` and `HelpRequest.objects.visible_to(user)`: the officials
of the offices that triage the crisis, and an administrator."""

import rules

from samverka.accounts.rules import is_administrator, is_official, is_process_leader
from samverka.actors.rules import actor_roles, acts_for

from .models import Crisis


@rules.predicate
def triages(user, crisis) -> bool:
    if crisis is None or not user.is_authenticated or not user.is_active or not user.office_ids:
        return False
    return Crisis.objects.handled_by(user).filter(pk=crisis.pk).exists()


@rules.predicate
def triages_request(user, help_request) -> bool:
    return help_request is not None and triages(user, help_request.crisis)


@rules.predicate
def is_triaging_official(user) -> bool:
    """Works in an office that triages the crisis under way."""
    from .services import active_crisis

    if not user.is_authenticated or not user.is_active or not user.office_ids:
        return False
    current = active_crisis()
    return current is not None and bool(set(current.triage_office_ids) & user.office_ids)


rules.add_perm("crisis.start_crisis", is_administrator)
rules.add_perm("crisis.close_crisis", is_administrator)
rules.add_perm("crisis.change_crisis", is_administrator)
rules.add_perm("crisis.retry_signups", is_administrator)
rules.add_perm("crisis.view_overview", triages | is_process_leader | is_administrator)
rules.add_perm("crisis.handle_requests", triages | is_administrator)
rules.add_perm("crisis.handle_request", triages_request | is_administrator)
rules.add_perm("crisis.enter_request", is_triaging_official | is_administrator)
rules.add_perm("crisis.view_crisis_mode", is_official | is_process_leader | is_administrator)


# ---------------------------------------------------------------- help providers


@rules.predicate
def acts_for_provider(user, provider) -> bool:
    """A representative of the provider's association."""
    return provider is not None and acts_for(user, provider.actor)


@rules.predicate
def acts_for_provider_of_task(user, task) -> bool:
    return task is not None and acts_for(user, task.provider.actor)


@rules.predicate
def coordinates_provider(user, provider) -> bool:
    """Triages the provider's crisis: the crisis coordinator of the day."""
    return provider is not None and triages(user, provider.crisis)


@rules.predicate
def has_actor(user) -> bool:
    return user.is_authenticated and user.is_active and bool(actor_roles(user))


rules.add_perm("crisis.join_as_provider", has_actor | is_administrator)  # obj: none; the actor is checked by acts_for
rules.add_perm("crisis.view_provider", acts_for_provider | coordinates_provider | is_administrator)
rules.add_perm("crisis.pause_provider", coordinates_provider | is_administrator)
rules.add_perm("crisis.handle_provider_task", acts_for_provider_of_task | is_administrator)
rules.add_perm("crisis.release_volunteers", triages | is_administrator)
