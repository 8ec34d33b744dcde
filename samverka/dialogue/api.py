"""The API for dialogue processes: open data, read-only: published processes with their phases,
the final outcome and the public feedback given ("you said, we did")."""

from django.db.models import Prefetch
from rest_framework import serializers, viewsets

from .models import FeedbackItem, Phase, Process
from .selectors import public_feedback


class PhaseSerializer(serializers.ModelSerializer):
    class Meta:
        model = Phase
        fields = ["kind", "name", "starts_at", "ends_at"]


class FeedbackSerializer(serializers.ModelSerializer):
    class Meta:
        model = FeedbackItem
        fields = ["id", "title", "said", "response", "outcome", "deadline", "given_at"]


class ProcessSerializer(serializers.ModelSerializer):
    office = serializers.CharField(source="office.slug")
    phases = PhaseSerializer(many=True, read_only=True)
    feedback = FeedbackSerializer(many=True, read_only=True, source="public_feedback")

    class Meta:
        model = Process
        fields = ["id", "slug", "title", "summary", "purpose", "to_decide", "office", "level", "stage", "audience",
                  "status", "decision_on", "outcome", "closed_at", "feedback_days", "phases", "feedback"]
        read_only_fields = fields


class ProcessViewSet(viewsets.ReadOnlyModelViewSet):
    """Published dialogue processes, with their phases and the feedback given in public."""

    serializer_class = ProcessSerializer

    def get_queryset(self):
        return (Process.objects.published().select_related("office").order_by("-created_at", "pk")
                .prefetch_related("phases", Prefetch("feedback", queryset=public_feedback()
                                                     .order_by("given_at", "pk"), to_attr="public_feedback")))
