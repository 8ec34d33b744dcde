from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samverka.accounts.ages import WaitsForGuardian, guardian_refusal
from samverka.core.access import get_for_user
from samverka.core.errors import ActionError
from samverka.core.once import already_done, once
from samverka.core.pagecache import cache_public_page
from samverka.needs.forms import NeedForm

from . import ical, selectors, services
from .forms import (
    AgendaItemForm,
    AnnouncementForm,
    AttendanceForm,
    ChannelForm,
    DocumentForm,
    JoinForm,
    MeetingForm,
    MinutesForm,
    MoveMeetingForm,
    PointForm,
    SeatForm,
    StageForm,
)
from .models import FollowUpPoint, Group, Meeting, MeetingDocument, Membership, Seat


def _groups(user):
    return Group.objects.visible_to(user).select_related("office", "actor", "parent", "committee")


def _get_group(request, slug, perm=None):
    return get_for_user(_groups(request.user), request.user, perm=perm, slug=slug)


def _get_meeting(request, pk, perm=None):
    meeting = get_for_user(Meeting.objects.filter(group__in=Group.objects.visible_to(request.user))
                           .select_related("group__office", "group__actor", "activity", "occurrence"),
                           request.user, pk=pk)
    if perm and not request.user.has_perm(perm, meeting):
        raise PermissionDenied
    return meeting


def _get_point(request, pk, perm="networks.change_point"):
    points = FollowUpPoint.objects.select_related("group__office", "group__actor", "owner_user", "owner_office",
                                                  "owner_actor", "meeting", "need")
    if not request.user.is_superuser:
        visible = Group.objects.visible_to(request.user)
        points = points.filter(group__in=visible)
    return get_for_user(points, request.user, perm=perm, pk=pk)


# ---------------------------------------------------------------- public pages


@require_GET
@cache_public_page("networks", "actors")
def index(request):
    return render(request, "networks/index.html", {"groups": selectors.public_groups(),
                                                   "mine": selectors.my_groups(request.user)})


@require_GET
@cache_public_page("networks", "actors", "activities")
def group(request, slug):
    group = _get_group(request, slug)
    user = request.user
    inside = user.has_perm("networks.view_inside", group)
    context = {
        "group": group, "inside": inside,
        "taking_part": selectors.taking_part(group),
        "coming": selectors.coming_meetings(group, open_only=not inside),
        "published": selectors.published_minutes(group),
        "working_groups": list(group.working_groups.filter(pk__in=Group.objects.visible_to(user))),
        "membership": Membership.objects.filter(group=group, user=user).first() if user.is_authenticated else None,
        "seats": selectors.seats(group) if group.is_appointed else [],
        "guardian_refusal": guardian_refusal(user),
    }
    membership = context["membership"]
    if membership is not None and membership.status == Membership.Status.ACTIVE and user.has_verified_phone:
        context["channel_form"] = ChannelForm(user=user, initial={"channel": membership.channel})
    if inside:
        context["past"] = selectors.past_meetings(group)
        context["recent_announcements"] = list(group.announcements.all()[:5])
    return render(request, "networks/group.html", context)


@require_GET
def feed(request, slug):
    group = _get_group(request, slug)
    meetings = group.meetings.order_by("start")
    if not request.user.has_perm("networks.view_inside", group):
        meetings = meetings.filter(is_open=True)
    response = HttpResponse(ical.calendar(meetings, name=group.name), content_type=ical.CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{group.slug}.ics"'
    return response


# ---------------------------------------------------------------- members


@login_required
@require_http_methods(["GET", "POST"])
def join(request, slug):
    group = _get_group(request, slug, perm="networks.join_group")
    form = JoinForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.join_group(by=request.user, group=group, message=form.cleaned_data["message"])
        except WaitsForGuardian as error:  # the message stays on the form, under the reason
            form.add_error(None, str(error))
        except ActionError as error:
            messages.info(request, str(error))
            return redirect(group)
        else:
            if membership.status == Membership.Status.ACTIVE:
                messages.success(request, _("Welcome! You are a member of %(group)s.") % {"group": group.name})
            else:
                messages.success(request, _("Your request is sent. The chair answers it."))
            return redirect(group)
    return render(request, "networks/join.html", {"group": group, "form": form,
                                                  "guardian_refusal": guardian_refusal(request.user)})


@login_required
@require_POST
def leave(request, slug):
    group = _get_group(request, slug, perm="networks.unsubscribe")
    membership = Membership.objects.get(group=group, user=request.user, status=Membership.Status.ACTIVE)
    moved = services.remove_member(by=request.user, membership=membership)
    messages.success(request, _("You have left the group.") + (
        " " + _("Your open follow-up points went to the chair.") if moved else ""))
    return redirect(group)


@login_required
@require_POST
def member(request, slug, pk):
    """The chair accepts a request or removes a member."""
    group = _get_group(request, slug, perm="networks.manage_group")
    membership = get_for_user(group.memberships.select_related("user"), request.user, pk=pk)
    action = request.POST.get("action")
    name = membership.user.display_name
    try:
        if action == "accept":
            services.accept_member(by=request.user, membership=membership)
            messages.success(request, _("%(name)s is now a member.") % {"name": name})
        elif action == "decline":
            services.decline_request(by=request.user, membership=membership)
            messages.success(request, _("You declined the request from %(name)s.") % {"name": name})
        elif action == "role":
            services.change_role(by=request.user, membership=membership, role=request.POST.get("role", ""))
            membership.refresh_from_db()
            messages.success(request, _("%(name)s is now %(role)s.") % {"name": name,
                                                                          "role": membership.get_role_display()})
        elif action == "remove":
            moved = services.remove_member(by=request.user, membership=membership)
            messages.success(request, _("%(name)s is no longer a member.") % {"name": name}
                             + (" " + _("Their open follow-up points are now yours.") if moved else ""))
        else:
            messages.error(request, _("Nothing was changed: choose accept, decline, a role or remove."))
            return redirect("networks:members", slug=group.slug)
    except ActionError as error:
        messages.info(request, str(error))
    return redirect("networks:members", slug=group.slug)


@login_required
@require_POST
def withdraw(request, slug):
    """The person who asked to join takes the request back."""
    group = _get_group(request, slug)
    if not Membership.objects.filter(group=group, user=request.user).exists():
        raise Http404  # nothing of theirs to withdraw
    try:
        services.withdraw_request(by=request.user, group=group)
    except ActionError as error:
        messages.info(request, str(error))
    else:
        messages.success(request, _("Your request to join is withdrawn."))
    return redirect(group)


@login_required
@require_GET
def members(request, slug):
    group = _get_group(request, slug, perm="networks.view_inside")
    return render(request, "networks/members.html", {"group": group, **selectors.members(group),
                                                     "seats": selectors.seats(group),
                                                     "roles": Membership.Role.choices})


@login_required
@require_POST
def announcements(request, slug):
    """The member's own choice: stop or resume the group's announcements, or get them by
    e-mail or SMS (`channel`)."""
    group = _get_group(request, slug, perm="networks.unsubscribe")
    if "channel" in request.POST:
        try:
            membership = services.set_announcement_channel(by=request.user, group=group,
                                                           channel=request.POST["channel"])
        except ActionError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("You get the group's announcements by SMS.")
                             if membership.channel == Membership.Channel.SMS
                             else _("You get the group's announcements by e-mail."))
        return redirect(group)
    receive = request.POST.get("receive") == "1"
    services.set_announcements(by=request.user, group=group, receive=receive)
    messages.success(request, _("You receive the group's announcements again.") if receive
                     else _("You no longer receive the group's announcements."))
    return redirect(group)


@login_required
@require_GET
def announcement(request, slug, pk):
    """An announcement as sent, for those who see inside the group (the SMS and the bell link here)."""
    group = _get_group(request, slug, perm="networks.view_inside")
    announcement = get_for_user(group.announcements.select_related("sent_by"), request.user, pk=pk)
    membership = Membership.objects.filter(group=group, user=request.user, status=Membership.Status.ACTIVE).first()
    return render(request, "networks/announcement.html", {"group": group, "announcement": announcement,
                                                          "membership": membership})


@login_required
@require_http_methods(["GET", "POST"])
def announce(request, slug):
    group = _get_group(request, slug, perm="networks.announce")
    form = AnnouncementForm(request.POST or None)
    if request.method == "POST":
        if done := already_done(request):
            return redirect(done)
        if form.is_valid():
            data = form.cleaned_data
            def send() -> str:
                services.send_announcement(by=request.user, group=group, subject=data["subject"], body=data["body"])
                return group.get_absolute_url()

            once(request, send)
            messages.success(request, _("The announcement is on its way to the members."))
            return redirect(group)
    return render(request, "networks/announce.html",
                  {"group": group, "form": form, "reach": selectors.announcement_reach(group)})


@login_required
@require_http_methods(["GET", "POST"])
def seat(request, slug, pk=None):
    group = _get_group(request, slug, perm="networks.appoint_seats")
    current = get_for_user(Seat.objects.filter(group=group), request.user, pk=pk) if pk else None
    initial = {}
    if current is not None:
        initial = {"actor": str(current.actor_id), "delegate": getattr(current.delegate, "email", ""),
                   "substitute": getattr(current.substitute, "email", ""), "term_starts": current.term_starts,
                   "term_ends": current.term_ends}
    form = SeatForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.appoint_seat(by=request.user, group=group, actor=d["actor"], delegate=d["delegate"],
                                  substitute=d["substitute"], term_starts=d["term_starts"], term_ends=d["term_ends"],
                                  seat=current)
        except ActionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The seat is saved."))
            return redirect("networks:members", slug=group.slug)
    return render(request, "networks/seat.html", {"group": group, "form": form, "seat": current})


@login_required
@require_http_methods(["GET", "POST"])
def stage(request, slug):
    """The chair (or who runs the group) changes its stage; ending it with open points asks
    for them to be handed over first."""
    group = _get_group(request, slug, perm="networks.manage_group")
    form = StageForm(request.POST or None, group=group, initial={"lifecycle": group.lifecycle})
    open_points, planned = services.open_points_of_others(group), services.planned_meetings(group)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            moved = services.set_stage(by=request.user, group=group, lifecycle=data["lifecycle"],
                                       hand_over=data["hand_over"], cancel_meetings=data["cancel_meetings"])
        except ActionError as error:
            field = ("hand_over" if open_points and not data["hand_over"]
                     else "cancel_meetings" if planned and not data["cancel_meetings"] else None)
            form.add_error(field, str(error))
        else:
            messages.success(request, _("The group's stage is saved.") + (
                " " + _("%(count)s open points went to %(runner)s.") % {"count": moved, "runner": group.runner_name}
                if moved else ""))
            return redirect(group)
    return render(request, "networks/stage.html", {
        "group": group, "form": form, "open_points": selectors.point_cards(open_points, request.user, group=group),
        "planned": planned,
        "working_groups": services.running_working_groups(group)})


# ---------------------------------------------------------------- meetings


@login_required
@require_http_methods(["GET", "POST"])
def plan(request, slug):
    group = _get_group(request, slug, perm="networks.plan_meeting")
    form = MeetingForm(request.POST or None)
    if request.method == "POST":
        if done := already_done(request):
            return redirect(done)
        if form.is_valid():
            try:
                url = once(request, lambda: services.plan_meeting(by=request.user, group=group,
                                                                  data=form.meeting_data(),
                                                                  invite=form.invites()).get_absolute_url())
            except ActionError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The meeting is planned."))
                return redirect(url)
    return render(request, "networks/plan.html", {"group": group, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def move(request, pk):
    meeting = _get_meeting(request, pk, perm="networks.plan_meeting")
    if meeting.has_started:
        messages.info(request, _("The meeting has started, so it cannot be moved."))
        return redirect(meeting)
    local = timezone.localtime(meeting.start)
    form = MoveMeetingForm(request.POST or None, initial={
        "date": local.date(), "start_time": local.strftime("%H:%M"),
        "end_time": timezone.localtime(meeting.end).strftime("%H:%M"), "place": meeting.place})
    if request.method == "POST":
        if done := already_done(request):
            return redirect(done)
        if form.is_valid():
            d = form.cleaned_data
            try:
                url = once(request, lambda: services.move_meeting(by=request.user, meeting=meeting, start=d["start"],
                                                                  end=d["end"], place=d["place"]).get_absolute_url())
            except ActionError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The meeting is moved."))
                return redirect(url)
    return render(request, "networks/move.html", {"meeting": meeting, "group": meeting.group, "form": form})


@require_GET
def meeting(request, pk):
    meeting = _get_meeting(request, pk)
    user = request.user
    inside = user.has_perm("networks.view_inside", meeting.group)
    page = selectors.meeting_page(meeting, user)
    if not inside:
        # Outside the group: an open meeting's agenda, and minutes only once approved and public.
        if not meeting.is_open and not meeting.group.minutes_are_public:
            raise PermissionDenied
        page = {"agenda": page["agenda"] if meeting.is_open else [],
                "approved": page["approved"] if meeting.group.minutes_are_public else None,
                "current": None, "versions": [], "points": [], "points_due": [], "attendees": [], "documents": []}
    context = {"meeting": meeting, "group": meeting.group, "inside": inside, **page}
    may_propose = inside and user.has_perm("networks.propose_item", meeting)
    if may_propose and (meeting.takes_items or user.has_perm("networks.add_late_item", meeting)):
        context["item_form"] = AgendaItemForm(seats=[s for s in selectors.seats_held_by(meeting.group, user)
                                                     if user.has_perm("networks.act_for_seat", s)])
        context["late"] = not meeting.takes_items
    context["too_late"] = may_propose and "item_form" not in context
    context["approve_previous"] = _approval_at(meeting, page["agenda"], user) if inside else None
    # Attendance and a new point choose among every member: each has its own page, so a network
    # of 2 000 members does not send 2 000 names with every view of a meeting.
    context["may_add_point"] = user.has_perm("networks.add_point", meeting)
    context["may_record_attendance"] = meeting.has_started and user.has_perm("networks.record_attendance", meeting)
    if inside and user.has_perm("networks.add_document", meeting):
        context["document_form"] = DocumentForm()
    return render(request, "networks/meeting.html", context)


def _approval_at(meeting, agenda, user) -> dict | None:
    """The previous meeting's minutes the chair may approve at this meeting (its item "approve
    the minutes of <date>"), once this meeting has started."""
    item = next((i for i in agenda if i.minutes_of_id), None)
    if item is None or not meeting.has_started or not user.has_perm("networks.approve_minutes", item.minutes_of):
        return None
    current = services.current_minutes(item.minutes_of)
    if current is None or current.is_approved or not current.text.strip():
        return None
    return {"meeting": item.minutes_of, "minutes": current}


@login_required
@require_POST
def propose(request, pk):
    meeting = _get_meeting(request, pk, perm="networks.propose_item")
    form = AgendaItemForm(request.POST, seats=selectors.seats(meeting.group))
    if done := already_done(request):
        return redirect(done)
    if form.is_valid():
        d = form.cleaned_data
        def propose_it() -> str:
            services.propose_item(by=request.user, meeting=meeting, title=d["title"], description=d["description"],
                                  seat=d.get("seat"))
            return meeting.get_absolute_url()

        try:
            once(request, propose_it)
        except ActionError as error:
            form.add_error(None, str(error))  # next to the form, the item as written kept
        else:
            messages.success(request, _("Your item is on the agenda."))
            return redirect(meeting)
    return render(request, "networks/propose.html", {"meeting": meeting, "group": meeting.group, "form": form},
                  status=400)


@login_required
@require_POST
def add_document(request, pk):
    meeting = _get_meeting(request, pk, perm="networks.add_document")
    form = DocumentForm(request.POST, request.FILES)
    if done := already_done(request):
        return redirect(done)
    if form.is_valid():
        d = form.cleaned_data
        once(request, lambda: services.add_document(by=request.user, meeting=meeting, label=d["label"],
                                                    file=d["file"]) and meeting.get_absolute_url())
        messages.success(request, _("The document is added."))
        return redirect(meeting)
    return render(request, "networks/document_form.html", {"meeting": meeting, "group": meeting.group, "form": form},
                  status=400)


def _get_document(request, pk):
    """A meeting's document, to those inside its group: 404 when the group is not visible, 403
    to others who see it."""
    document = get_for_user(MeetingDocument.objects.select_related("meeting__group")
                            .filter(meeting__group__in=Group.objects.visible_to(request.user)), request.user, pk=pk)
    if not request.user.has_perm("networks.view_inside", document.meeting.group):
        raise PermissionDenied
    return document


@login_required
@require_GET
def document(request, pk):
    """The file, streamed from the private storage; never from a public address."""
    from samverka.core.uploads import content_type_of

    found = _get_document(request, pk)
    try:
        handle = found.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    content_type, extension = content_type_of(found.file.name)
    response = FileResponse(handle, content_type=content_type, as_attachment=True,
                            filename=f"{found.label}.{extension}")
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def remove_document(request, pk):
    found = _get_document(request, pk)
    if not request.user.has_perm("networks.remove_document", found):
        raise PermissionDenied
    services.remove_document(by=request.user, document=found)
    messages.success(request, _("The document is removed."))
    return redirect(found.meeting)


@login_required
@require_http_methods(["GET", "POST"])
def attendance(request, pk):
    meeting = _get_meeting(request, pk, perm="networks.record_attendance")
    members = selectors.members(meeting.group)["active"]
    if request.method == "GET":
        form = AttendanceForm(members=members, initial={"present": [str(pk) for pk in
                                                                    meeting.attendees.values_list("pk", flat=True)]})
        return render(request, "networks/attendance.html", {"meeting": meeting, "group": meeting.group, "form": form})
    form = AttendanceForm(request.POST, members=members)
    if form.is_valid():
        try:
            services.record_attendance(by=request.user, meeting=meeting, present=form.people())
        except ActionError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The attendance is saved."))
    return redirect(meeting)


@login_required
@require_http_methods(["GET", "POST"])
def minutes(request, pk):
    meeting = _get_meeting(request, pk, perm="networks.edit_minutes")
    current = services.current_minutes(meeting)
    conflict = None
    if current is not None and current.is_approved:
        messages.info(request, _("These minutes are approved and locked. Start a correction to change them."))
        return redirect(meeting)
    if request.method == "POST":
        form = MinutesForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            try:
                services.save_minutes(by=request.user, meeting=meeting, text=d["text"],
                                      decisions=form.decision_list(), revision=d["revision"])
            except services.MinutesConflict as error:
                conflict = error
                data = request.POST.copy()
                data["revision"] = str(error.current.revision)
                form = MinutesForm(data)
                form.is_valid()
            except ActionError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The minutes are saved."))
                return redirect(meeting)
    else:
        form = MinutesForm(initial={
            "text": current.text if current else "", "revision": current.revision if current else 0,
            "decisions": "\n".join(d.text for d in current.decisions.all()) if current else ""})
    return render(request, "networks/minutes.html", {"meeting": meeting, "group": meeting.group, "form": form,
                                                     "current": current, "conflict": conflict},
                  status=409 if conflict else 200)


@login_required
@require_POST
def approve(request, pk):
    meeting = _get_meeting(request, pk, perm="networks.approve_minutes")
    at_meeting = None
    if request.POST.get("at_meeting"):  # approved at a later meeting of the group, under its item
        at_meeting = get_for_user(Meeting.objects.filter(group_id=meeting.group_id), request.user,
                                  pk=request.POST["at_meeting"])
    try:
        services.approve_minutes(by=request.user, meeting=meeting, revision=int(request.POST.get("revision", -1)),
                                 at_meeting=at_meeting)
    except (ActionError, ValueError) as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The minutes are approved and locked."))
    return redirect(at_meeting or meeting)


@login_required
@require_POST
def correct(request, pk):
    meeting = _get_meeting(request, pk, perm="networks.edit_minutes")
    try:
        services.correct_minutes(by=request.user, meeting=meeting)
    except ActionError as error:
        messages.info(request, str(error))
        return redirect(meeting)
    messages.success(request, _("A new version is started. The approved one stays as it was."))
    return redirect("networks:minutes", pk=meeting.pk)


@login_required
@require_http_methods(["GET", "POST"])
def add_point(request, pk):
    meeting = _get_meeting(request, pk, perm="networks.add_point")
    form = PointForm(request.POST or None, group=meeting.group, members=selectors.members(meeting.group)["active"])
    if request.method == "GET":
        return render(request, "networks/point_form.html", {"meeting": meeting, "group": meeting.group, "form": form})
    if done := already_done(request):
        return redirect(done)
    if form.is_valid():
        d = form.cleaned_data
        try:
            once(request, lambda: services.add_point(by=request.user, meeting=meeting, title=d["title"],
                                                     due_on=d["due_on"], owner=d["owner"],
                                                     description=d["description"]) and meeting.get_absolute_url())
        except ActionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The follow-up point is added."))
            return redirect(meeting)
    return render(request, "networks/point_form.html", {"meeting": meeting, "group": meeting.group, "form": form},
                  status=400)


# ---------------------------------------------------------------- follow-up points


@login_required
@require_GET
def my_points(request):
    return render(request, "networks/my_points.html",
                  {"page": selectors.points_page(request.user, request.GET.get("page"))})


@login_required
@require_GET
def group_points(request, slug):
    group = _get_group(request, slug, perm="networks.manage_group")
    return render(request, "networks/group_points.html", {
        "group": group, "points": selectors.point_cards(selectors.points_of_group(group), request.user, group=group)})


@login_required
@require_GET
def point(request, pk):
    item = _get_point(request, pk, perm=None)
    if not request.user.has_perm("networks.view_inside", item.group) and not request.user.has_perm(
            "networks.change_point", item):
        raise PermissionDenied
    # The actions of offices' plans made from the point (plans.Action.from_points, the app above).
    actions = list(item.plan_actions.select_related("plan__office"))
    return render(request, "networks/point.html", {"point": item, "group": item.group, "plan_actions": actions})


@login_required
@require_POST
def point_done(request, pk):
    item = _get_point(request, pk)
    try:
        services.mark_done(by=request.user, point=item)
    except ActionError as error:
        messages.info(request, str(error))
    else:
        messages.success(request, _("The point is done."))
    return redirect("networks:my_points" if request.POST.get("next") == "mine" else item)


@login_required
@require_POST
def point_reopen(request, pk):
    item = _get_point(request, pk)
    try:
        services.reopen_point(by=request.user, point=item)
    except ActionError as error:
        messages.info(request, str(error))
    else:
        messages.success(request, _("The point is open again."))
    return redirect(item)


@login_required
@require_http_methods(["GET", "POST"])
def point_need(request, pk):
    item = _get_point(request, pk)
    if item.need_id:
        messages.info(request, _("This point has already become a need."))
        return redirect(item)
    if request.method == "POST":
        if done := already_done(request):
            return redirect(done)
        form = NeedForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                url = once(request, lambda: services.point_to_need(by=request.user, point=item,
                                                                   data=form.need_data()).get_absolute_url())
            except ActionError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The need is published and linked to the point."))
                return redirect(url)
    else:
        form = NeedForm(user=request.user, initial={"title": item.title, "summary": item.title[:200],
                                                   "description": item.description or item.title})
    return render(request, "networks/point_need.html", {"point": item, "group": item.group, "form": form})
