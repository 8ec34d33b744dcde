"""The administrator's view of news, newsletters and subscribers. Posts are saved through the
services (the rules, the history and the page stamp); newsletters are composed and sent on
the officials' own pages and read here; a subscriber's address is read, never edited."""

from django import forms
from django.contrib import admin

from samverka.core.admin import DeletesThroughService, ServiceAdmin, changed_data, copy_saved, refuse
from samverka.core.errors import ActionError
from samverka.core.uploads import CheckedImageField

from . import services
from .models import Newsletter, Post, Subscriber


class PostAdminForm(forms.ModelForm):
    class Meta:
        model = Post
        fields = ["kind", "title", "lead", "body", "office", "actor", "activity", "image", "image_alt", "sdg_goals",
                  "status", "published_at"]
        field_classes = {"image": CheckedImageField}  # the same checks as the officials' own form

    def clean(self):
        data = super().clean()
        try:
            services.check_post(data)
        except services.FieldProblem as problem:
            self.add_error(problem.field if problem.field in self.fields else None, str(problem))
        return data


@admin.register(Post)
class PostAdmin(DeletesThroughService, ServiceAdmin):
    form = PostAdminForm
    list_display = ["title", "kind", "status", "published_at", "office", "actor"]
    list_filter = ["kind", "status"]
    search_fields = ["title", "lead"]
    filter_horizontal = ["sdg_goals"]
    readonly_fields = ["slug", "created_by", "created_at", "updated_at"]

    def save_model(self, request, obj, form, change):
        try:
            if not change:
                data = {k: v for k, v in form.cleaned_data.items() if k not in ("slug", "created_by")}
                post = services.create_post(by=request.user, data=data)
            else:
                post = services.update_post(by=request.user, post=Post.objects.get(pk=obj.pk),
                                            data=changed_data(form))
        except ActionError as error:
            refuse(request, error)
            if not change:
                return
            post = Post.objects.get(pk=obj.pk)
        copy_saved(post, obj)

    def delete_through_service(self, request, obj):
        services.delete_post(by=request.user, post=obj)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Newsletter)
class NewsletterAdmin(ReadOnlyAdmin):
    list_display = ["title", "status", "created_at", "sent_at"]
    list_filter = ["status"]


@admin.register(Subscriber)
class SubscriberAdmin(ReadOnlyAdmin):
    list_display = ["email", "status", "language", "created_at", "confirmed_at"]
    list_filter = ["status"]
    search_fields = ["email"]
