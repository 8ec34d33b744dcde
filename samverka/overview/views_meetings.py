"""The overview's figures for one meeting of a standing group (the standing item of a
cooperation body's and a steering group's agenda): to the group's members and to those who
see the overview; a meeting of a group one cannot see is not found."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from samverka.core.access import get_for_user
from samverka.networks.models import Group, Meeting

from . import selectors_meetings


@login_required
@require_GET
def meeting(request, pk):
    found = get_for_user(Meeting.objects.filter(group__in=Group.objects.visible_to(request.user))
                         .select_related("group"), request.user, perm="overview.view_meeting_figures", pk=pk)
    return render(request, "overview/meeting.html",
                  {"meeting": found, "group": found.group, **selectors_meetings.meeting_figures(found)})
