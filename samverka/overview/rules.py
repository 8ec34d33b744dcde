"""Who may see the overview: the process leader, administrators, officials and the members of
an active cooperation body. A meeting's figures also to the members of the meeting's group."""

import rules

from samverka.accounts.rules import is_administrator, is_official, is_process_leader
from samverka.networks.models import Group, Membership
from samverka.networks.rules import is_member


@rules.predicate
def sits_in_a_cooperation_body(user) -> bool:
    return user.is_authenticated and user.is_active and Membership.objects.filter(
        user=user, status=Membership.Status.ACTIVE, group__kind=Group.Kind.COOPERATION_BODY,
        group__lifecycle=Group.Lifecycle.ACTIVE).exists()


may_see_the_overview = is_process_leader | is_administrator | is_official | sits_in_a_cooperation_body

rules.add_perm("overview.view_overview", may_see_the_overview)
# `obj` is a meeting of a standing group: its figures since the group's previous meeting.
rules.add_perm("overview.view_meeting_figures", may_see_the_overview | is_member)
