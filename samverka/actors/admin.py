"""The administrator's view of the register. Changes go through the register's services,
as on the actors' own pages: the rules are checked, every change is in the history and the
cached public pages show it at once."""

from django.contrib import admin
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from samverka.core.admin import DeletesThroughService, ServiceAdmin, changed_data, copy_saved, refuse
from samverka.core.errors import ActionError

from . import services
from .models import Actor, ActorMembership, Invitation


class MembershipInline(admin.TabularInline):
    model = ActorMembership
    autocomplete_fields = ["user"]
    extra = 0


@admin.register(Actor)
class ActorAdmin(DeletesThroughService, ServiceAdmin):
    list_display = ["name", "kind", "organisation_number", "status", "verified_at"]
    list_filter = ["kind", "status", "areas"]
    search_fields = ["name", "organisation_number"]
    inlines = [MembershipInline]
    readonly_fields = ["verified_at", "verified_by"]

    def save_model(self, request, obj, form, change):
        if not change:
            data = {k: v for k, v in form.cleaned_data.items() if k != "slug"}
            actor = services.create_actor(by=request.user, data=data, as_owner=False)
            copy_saved(actor, obj)
            return
        data = changed_data(form)
        status = data.pop("status", None)
        actor = Actor.objects.get(pk=obj.pk)
        if data:
            actor = services.update_actor(by=request.user, actor=actor, data=data)
        if status:
            actor = services.set_status(by=request.user, actor=actor, status=status)
        copy_saved(actor, obj)

    def save_formset(self, request, form, formset, change):
        """The representatives: added, given another role or removed through the services
        (an actor keeps at least one owner)."""
        if formset.model is not ActorMembership:
            return super().save_formset(request, form, formset, change)
        actor = form.instance
        by = request.user
        new, changed, removed = formset.save(commit=False), formset.changed_objects, formset.deleted_objects
        try:
            for membership in new:
                services.add_representative(by=by, actor=actor, user=membership.user, role=membership.role)
            for membership, fields in changed:
                before = ActorMembership.objects.select_related("actor", "user").get(pk=membership.pk)
                if "user" in fields:
                    services.add_representative(by=by, actor=actor, user=membership.user, role=membership.role)
                    services.remove_representative(by=by, membership=before)
                else:
                    services.change_role(by=by, membership=before, role=membership.role)
            for membership in removed:
                services.remove_representative(by=by, membership=membership)
        except ActionError as error:
            refuse(request, error)

    def delete_through_service(self, request, obj):
        services.delete_actor(by=request.user, actor=obj)


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """Invitations are sent through the service (which e-mails them) and withdrawn, not edited."""

    list_display = ["email", "actor", "role", "created_at", "accepted_at", "expires_at", "revoked_at"]
    fields = ["actor", "email", "role"]
    raw_id_fields = ["actor"]
    actions = ["withdraw"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        invitation = services.invite_representative(by=request.user, actor=form.cleaned_data["actor"],
                                                    email=form.cleaned_data["email"], role=form.cleaned_data["role"])
        copy_saved(invitation, obj)

    @admin.action(description=_("Withdraw the chosen invitations"), permissions=["view"])
    @transaction.atomic
    def withdraw(self, request, queryset):
        for invitation in queryset.select_related("actor"):
            services.revoke_invitation(by=request.user, invitation=invitation)
        self.message_user(request, _("The invitations are withdrawn."))
