"""Who may change the municipality's configuration: its settings, offices (and who works
in them), committees and vocabularies. The municipality sits below accounts, so the role
is read from the user's own flags here, not from accounts.rules."""

import rules


@rules.predicate
def is_administrator(user) -> bool:
    return user.is_authenticated and user.is_active and user.is_superuser


rules.add_perm("municipality.change_configuration", is_administrator)
