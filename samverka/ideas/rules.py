"""Who may do what in the idea lab. Who may *see* an idea is `Idea.objects.visible_to(user)`;
an author without an account reaches their idea by its private link.

Coaches (active `Coach` rows) see the board and take ideas from the queue; the coach an idea
belongs to moves it, records support and links it on; administrators may do all of it and
appoint coaches. `obj` is an idea unless the name says otherwise."""

import rules

from samverka.accounts.rules import is_administrator

from .models import is_active_coach


@rules.predicate
def is_coach(user) -> bool:
    return is_active_coach(user)


@rules.predicate
def coaches_idea(user, idea) -> bool:
    return idea is not None and user.is_authenticated and idea.coach_id == user.pk and is_active_coach(user)


@rules.predicate
def is_author(user, idea) -> bool:
    return idea is not None and user.is_authenticated and user.is_active and idea.author_id == user.pk


rules.add_perm("ideas.view_board", is_coach | is_administrator)
rules.add_perm("ideas.view_author", is_coach | is_administrator)
rules.add_perm("ideas.take_idea", is_coach | is_administrator)
rules.add_perm("ideas.coach_idea", coaches_idea | is_administrator)
rules.add_perm("ideas.follow_idea", is_author)
# The receipt sent again (when the cap on typed addresses held it back): the author signed in,
# or the lab's coaches, who answer for the ideas in the queue.
rules.add_perm("ideas.resend_receipt", is_author | is_coach | is_administrator)
rules.add_perm("ideas.manage_coaches", is_administrator)
