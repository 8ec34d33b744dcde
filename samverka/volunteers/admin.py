"""The administrator's view of volunteers, their assignments and hours. Changes go through
the volunteers' services: the rules are checked and every change is in the history."""

from django.contrib import admin

from samverka.core.admin import DeletesThroughService, RefusalAdmin, ServiceAdmin, changed_data, copy_saved, refuse
from samverka.core.errors import ActionError

from . import services
from .models import Assignment, HelpKind, HoursLog, Volunteer

STATUS_SERVICES = {Volunteer.Status.ACTIVE: services.resume, Volunteer.Status.PAUSED: services.pause,
                   Volunteer.Status.LEFT: services.leave}


@admin.register(HelpKind)
class HelpKindAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "slug", "position"]
    prepopulated_fields = {"slug": ["name"]}

    def save_model(self, request, obj, form, change):
        services.save_help_kind(by=request.user, kind=obj)

    def delete_model(self, request, obj):
        services.delete_help_kinds(by=request.user, kinds=obj)

    def delete_queryset(self, request, queryset):
        services.delete_help_kinds(by=request.user, kinds=queryset)


def _save_assignment(request, assignment: Assignment, fields) -> Assignment:
    """A new assignment is given with `assign`; on one already given the status and the
    rest are changed by their own services."""
    if assignment._state.adding:
        return services.assign(by=request.user, volunteer=assignment.volunteer, need=assignment.need,
                               activity=assignment.activity, role=assignment.role, status=assignment.status)
    before = Assignment.objects.select_related("volunteer", "need", "activity").get(pk=assignment.pk)
    data = {name: getattr(assignment, name) for name in fields if name != "status"}
    if data:
        before = services.update_assignment(by=request.user, assignment=before, data=data)
    if "status" in fields:
        before = services.set_assignment_status(by=request.user, assignment=before, status=assignment.status)
    return before


class AssignmentInline(admin.TabularInline):
    model = Assignment
    extra = 0
    fields = ["need", "activity", "role", "status", "created_at"]
    readonly_fields = ["created_at"]
    raw_id_fields = ["need", "activity"]


@admin.register(Volunteer)
class VolunteerAdmin(DeletesThroughService, ServiceAdmin):
    list_display = ["name", "email", "phone", "status", "confirmed_at", "created_at"]
    list_filter = ["status", "districts", "help_kinds"]
    search_fields = ["name", "email", "phone"]
    raw_id_fields = ["user"]
    filter_horizontal = ["districts", "languages", "help_kinds", "areas"]
    readonly_fields = ["created_at", "updated_at"]
    inlines = [AssignmentInline]

    def save_model(self, request, obj, form, change):
        if not change:
            volunteer, _created = services.upsert_volunteer(by=request.user, data=dict(form.cleaned_data))
            copy_saved(volunteer, obj)
            return
        data = changed_data(form)
        status = data.pop("status", None)
        volunteer = Volunteer.objects.get(pk=obj.pk)
        if data:
            volunteer = services.update_volunteer(by=request.user, volunteer=volunteer, data=data)
        if status:
            try:
                volunteer = STATUS_SERVICES[status](by=request.user, volunteer=volunteer)
            except ActionError as error:
                refuse(request, error)
        copy_saved(volunteer, obj)

    def save_formset(self, request, form, formset, change):
        new = formset.save(commit=False)
        try:
            for assignment in new:
                _save_assignment(request, assignment, ())
            for assignment, fields in formset.changed_objects:
                _save_assignment(request, assignment, fields)
        except ActionError as error:
            refuse(request, error)
        for assignment in formset.deleted_objects:
            services.delete_assignment(by=request.user, assignment=assignment)

    def delete_through_service(self, request, obj):
        services.delete_volunteer(by=request.user, volunteer=obj)


@admin.register(Assignment)
class AssignmentAdmin(DeletesThroughService, RefusalAdmin):
    list_display = ["volunteer", "need", "activity", "status", "created_at"]
    list_filter = ["status"]
    search_fields = ["volunteer__name", "need__title", "activity__title"]
    raw_id_fields = ["volunteer", "need", "activity", "created_by"]

    def save_model(self, request, obj, form, change):
        fields = [name for name in form.changed_data if name != "created_by"] if change else ()
        try:
            copy_saved(_save_assignment(request, obj, fields), obj)
        except ActionError as error:
            refuse(request, error)

    def delete_through_service(self, request, obj):
        services.delete_assignment(by=request.user, assignment=obj)


@admin.register(HoursLog)
class HoursLogAdmin(DeletesThroughService, admin.ModelAdmin):
    """Hours are logged by the volunteer; the administrator corrects or removes an entry."""

    list_display = ["volunteer", "assignment", "date", "hours"]
    date_hierarchy = "date"
    search_fields = ["volunteer__name", "note"]
    raw_id_fields = ["volunteer", "assignment"]

    def has_add_permission(self, request):
        return False

    def save_model(self, request, obj, form, change):
        entry = HoursLog.objects.get(pk=obj.pk)
        copy_saved(services.correct_hours(by=request.user, entry=entry, data=changed_data(form)), obj)

    def delete_through_service(self, request, obj):
        services.delete_hours(by=request.user, entry=obj)
