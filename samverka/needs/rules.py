"""Who may do what with needs. Every need is public (open ones and closed ones with what
came of them); its answers are seen and handled by the publisher: the office's officials
or the actor's representatives."""

import rules

from samverka.accounts.rules import is_administrator
from samverka.actors.rules import acts_for, acts_for_owner, acts_for_someone

can_publish = acts_for_someone
is_publisher = acts_for_owner


@rules.predicate
def may_answer(user, need) -> bool:
    """Any signed-in person except the publisher's own people."""
    return user.is_authenticated and user.is_active and not is_publisher(user, need)


rules.add_perm("needs.add_need", can_publish | is_administrator)
# `obj` is the actor or office that asks.
rules.add_perm("needs.publish_for", acts_for | is_administrator)
rules.add_perm("needs.change_need", is_publisher | is_administrator)
rules.add_perm("needs.delete_need", is_administrator)
# The answers hold people's names and messages: the publisher (and an active superuser).
rules.add_perm("needs.handle_answers", is_publisher)
rules.add_perm("needs.answer_need", may_answer)
