"""Dialogue in the admin: to look things up. Every change goes through the pages and their
services (rules, audit events, notices), so the admin neither adds, changes nor deletes."""

from django.contrib import admin

from .models import (
    Comment,
    Consultation,
    ConsultationQuestion,
    FeedbackItem,
    Phase,
    Process,
    Proposal,
    Question,
    Recipient,
    Report,
    Survey,
    Workshop,
)


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyInline(admin.TabularInline):
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class PhaseInline(ReadOnlyInline):
    model = Phase
    fields = ["kind", "name", "starts_at", "ends_at"]


class QuestionInline(ReadOnlyInline):
    model = Question
    fields = ["position", "kind", "text", "required"]


class ConsultationQuestionInline(ReadOnlyInline):
    model = ConsultationQuestion
    fields = ["position", "text"]


class RecipientInline(ReadOnlyInline):
    model = Recipient
    fields = ["actor", "group", "reminded_at"]


@admin.register(Process)
class ProcessAdmin(ReadOnly):
    list_display = ["title", "office", "status", "level", "stage", "created_at"]
    list_filter = ["status", "level", "stage", "office"]
    search_fields = ["title", "summary"]
    inlines = [PhaseInline]


@admin.register(Proposal)
class ProposalAdmin(ReadOnly):
    list_display = ["title", "process", "visibility", "created_at"]
    list_filter = ["visibility"]
    search_fields = ["title"]
    list_select_related = ["process"]


@admin.register(Comment)
class CommentAdmin(ReadOnly):
    list_display = ["__str__", "process", "visibility", "created_at"]
    list_filter = ["visibility"]
    list_select_related = ["process"]


@admin.register(Report)
class ReportAdmin(ReadOnly):
    list_display = ["reason", "status", "created_at"]
    list_filter = ["status"]


@admin.register(FeedbackItem)
class FeedbackItemAdmin(ReadOnly):
    list_display = ["title", "process", "office", "owner", "deadline", "status", "outcome"]
    list_filter = ["status", "outcome", "office"]
    search_fields = ["title"]
    list_select_related = ["process", "office", "owner"]


@admin.register(Workshop)
class WorkshopAdmin(ReadOnly):
    list_display = ["__str__", "process", "kind", "participants"]
    list_select_related = ["process", "activity"]


@admin.register(Survey)
class SurveyAdmin(ReadOnly):
    """The survey and its questions; the answers are seen on the survey's results page, which counts
    them without naming anyone."""

    list_display = ["title", "process", "respondent", "anonymous", "status", "created_at"]
    list_filter = ["status", "respondent", "anonymous"]
    search_fields = ["title"]
    list_select_related = ["process"]
    inlines = [QuestionInline]


@admin.register(Consultation)
class ConsultationAdmin(ReadOnly):
    list_display = ["title", "process", "status", "deadline", "sent_at"]
    list_filter = ["status"]
    search_fields = ["title"]
    list_select_related = ["process"]
    inlines = [ConsultationQuestionInline, RecipientInline]
