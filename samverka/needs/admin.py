from django.contrib import admin

from .models import Answer, Need


class AnswerInline(admin.TabularInline):
    model = Answer
    extra = 0
    fields = ["user", "actor", "kind", "status", "message", "reply", "created_at"]
    readonly_fields = ["created_at"]
    raw_id_fields = ["user", "actor"]


@admin.register(Need)
class NeedAdmin(admin.ModelAdmin):
    list_display = ["title", "publisher_name", "kind", "status", "closes_on", "created_at"]
    list_filter = ["status", "kind", "office", "district"]
    search_fields = ["title", "summary", "actor__name"]
    raw_id_fields = ["actor", "contact", "created_by"]
    filter_horizontal = ["areas", "sdg_goals", "help_kinds"]
    readonly_fields = ["created_at", "updated_at", "closed_at"]
    inlines = [AnswerInline]


@admin.register(Answer)
class AnswerAdmin(admin.ModelAdmin):
    list_display = ["need", "user", "actor", "kind", "status", "created_at"]
    list_filter = ["status", "kind"]
    search_fields = ["need__title", "user__email", "user__first_name", "user__last_name"]
    raw_id_fields = ["need", "user", "actor", "handled_by"]
