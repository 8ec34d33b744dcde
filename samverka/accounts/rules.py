"""Platform-wide role predicates, used by every app's rules.py."""

import rules


@rules.predicate
def is_administrator(user) -> bool:
    return user.is_authenticated and user.is_active and user.is_superuser


@rules.predicate
def is_official(user) -> bool:
    return user.is_authenticated and user.is_active and user.is_official


@rules.predicate
def is_process_leader(user) -> bool:
    return user.is_authenticated and user.is_active and user.is_process_leader


is_authenticated = rules.is_authenticated

# The administration (/admin/): configuration of the municipality, for administrators. Also a
# rule, for the header of every page: `{% test_rule %}` asks the rule alone, where a permission
# check would first load the user's model permissions from the database (ModelBackend).
rules.add_perm("accounts.open_administration", is_administrator)
rules.add_rule("accounts.open_administration", is_administrator)

# Accounts in the administration: their details and roles (administrator, staff, process
# leader, active). Only administrators give or take roles.
rules.add_perm("accounts.change_account", is_administrator)
rules.add_perm("accounts.give_roles", is_administrator)


@rules.predicate
def not_waiting_for_guardian(user) -> bool:
    """Not a child's account whose guardian has yet to confirm it (accounts.ages): where a
    person takes part, the pages show the reason in place of the form and the services refuse."""
    from .ages import waits_for_guardian

    return not waits_for_guardian(user)
