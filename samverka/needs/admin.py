"""The administrator's view of needs. Changes go through the needs' services, as on the
publishers' own pages: the rules are checked and every change is in the history. Answers
hold people's names and messages and are handled by the publisher only: here they are read."""

from django.contrib import admin

from samverka.core.admin import DeletesThroughService, ServiceAdmin, changed_data, copy_saved, refuse
from samverka.core.errors import ActionError

from . import services
from .models import Answer, Need


class AnswerInline(admin.TabularInline):
    model = Answer
    extra = 0
    fields = ["user", "actor", "kind", "status", "message", "reply", "created_at"]
    readonly_fields = ["created_at"]
    raw_id_fields = ["user", "actor"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Need)
class NeedAdmin(DeletesThroughService, ServiceAdmin):
    list_display = ["title", "publisher_name", "kind", "status", "closes_on", "created_at"]
    list_filter = ["status", "kind", "office", "district"]
    search_fields = ["title", "summary", "actor__name"]
    raw_id_fields = ["actor", "contact", "created_by"]
    filter_horizontal = ["areas", "sdg_goals", "help_kinds"]
    readonly_fields = ["created_at", "updated_at", "closed_at"]
    inlines = [AnswerInline]

    def save_model(self, request, obj, form, change):
        if not change:
            data = {k: v for k, v in form.cleaned_data.items() if k not in ("slug", "created_by", "status")}
            need = services.create_need(by=request.user, data=data)
            if form.cleaned_data.get("status") == Need.Status.CLOSED:
                need = services.close_need(by=request.user, need=need, outcome=need.outcome)
            copy_saved(need, obj)
            return
        data = changed_data(form)
        status = data.pop("status", None)
        need = Need.objects.get(pk=obj.pk)
        if data:
            need = services.update_need(by=request.user, need=need, data=data)
        try:
            if status == Need.Status.CLOSED:
                need = services.close_need(by=request.user, need=need, outcome=need.outcome)
            elif status == Need.Status.OPEN:
                need = services.reopen_need(by=request.user, need=need)
        except ActionError as error:
            refuse(request, error)
        copy_saved(need, obj)

    def delete_through_service(self, request, obj):
        services.delete_need(by=request.user, need=obj)


@admin.register(Answer)
class AnswerAdmin(admin.ModelAdmin):
    list_display = ["need", "user", "actor", "kind", "status", "created_at"]
    list_filter = ["status", "kind"]
    search_fields = ["need__title", "user__email", "user__first_name", "user__last_name"]
    raw_id_fields = ["need", "user", "actor", "handled_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
