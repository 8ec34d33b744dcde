"""The administrator's view of partnerships and local compacts. Changes go through the services,
as on the officials' own pages: the rules are checked and every change is in the history. The
parts of a partnership (parties, contributions, goals, milestones, documents) are changed on the
partnership's own page and read here."""

from django import forms
from django.contrib import admin

from samverka.core.admin import DeletesThroughService, ServiceAdmin, changed_data, copy_saved, refuse
from samverka.core.errors import ActionError

from . import services
from .models import Compact, Milestone, Partnership, Party, Signature

M2M = ("areas", "districts", "sdg_goals")


class ReadOnlyInline(admin.TabularInline):
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class PartyInline(ReadOnlyInline):
    model = Party
    fields = ["actor", "office", "role", "ended_on"]


class MilestoneInline(ReadOnlyInline):
    model = Milestone
    fields = ["title", "due_on", "follow_up_on", "done_on", "reminded_at"]


class PartnershipAdminForm(forms.ModelForm):
    """The same checks as the officials' form (an IOP says why it is one, the period holds its milestones)."""

    def clean(self):
        data = super().clean()
        try:
            services.check_partnership(data, self.instance if self.instance.pk else None)
        except services.FieldProblem as problem:
            self.add_error(problem.field if problem.field in self.fields else None, str(problem))
        return data


@admin.register(Partnership)
class PartnershipAdmin(DeletesThroughService, ServiceAdmin):
    form = PartnershipAdminForm
    list_display = ["title", "kind", "office", "status", "is_public", "starts_on", "ends_on"]
    list_filter = ["kind", "status", "is_public", "office"]
    search_fields = ["title", "summary", "case_number"]
    filter_horizontal = ["areas", "districts", "sdg_goals"]
    readonly_fields = ["slug", "created_by", "created_at", "updated_at"]
    inlines = [PartyInline, MilestoneInline]

    def save_model(self, request, obj, form, change):
        try:
            if not change:
                data = {k: v for k, v in form.cleaned_data.items() if k not in ("slug", "created_by")}
                partnership = services.create_partnership(by=request.user, data=data)
            else:
                data = changed_data(form)
                partnership = Partnership.objects.get(pk=obj.pk)
                if data:
                    partnership = services.update_partnership(by=request.user, partnership=partnership, data=data)
        except ActionError as error:
            refuse(request, error)
            if not change:
                return
            partnership = Partnership.objects.get(pk=obj.pk)
        copy_saved(partnership, obj)

    def delete_through_service(self, request, obj):
        services.delete_partnership(by=request.user, partnership=obj)


class SignatureInline(ReadOnlyInline):
    model = Signature
    fields = ["actor", "signed_on", "signed_by"]


@admin.register(Compact)
class CompactAdmin(ServiceAdmin):
    list_display = ["title", "office", "adopted_on", "open_for_signing"]
    search_fields = ["title"]
    readonly_fields = ["slug", "created_at"]
    inlines = [SignatureInline]

    def save_model(self, request, obj, form, change):
        data = {k: v for k, v in form.cleaned_data.items() if k not in ("slug",)}
        if not change:
            compact = services.create_compact(by=request.user, data=data)
        else:
            compact = services.update_compact(by=request.user, compact=Compact.objects.get(pk=obj.pk),
                                              data=changed_data(form))
        copy_saved(compact, obj)

    def has_delete_permission(self, request, obj=None):
        return False
