"""The API for grant decisions: open data, read-only, with the public page's filters."""

from rest_framework import serializers, viewsets

from .filters import DecisionFilter
from .models import Decision
from .selectors import public_decisions


class DecisionSerializer(serializers.ModelSerializer):
    case_number = serializers.CharField(source="application.case_number")
    committee = serializers.CharField(source="application.programme.committee.slug")
    programme = serializers.CharField(source="application.programme.slug")
    programme_name = serializers.CharField(source="application.programme.name")
    year = serializers.IntegerField(source="application.programme.year")
    applicant = serializers.CharField(source="application.actor.name")
    applicant_slug = serializers.CharField(source="application.actor.slug")
    amount_asked = serializers.IntegerField(source="application.amount_asked", allow_null=True)
    reasons = serializers.CharField(source="public_reasons")

    class Meta:
        model = Decision
        fields = ["id", "case_number", "committee", "programme", "programme_name", "year", "applicant",
                  "applicant_slug", "amount_asked", "outcome", "amount", "reasons", "meeting_date"]


class DecisionViewSet(viewsets.ReadOnlyModelViewSet):
    """Every grant decision: who got what, how much and why (public records)."""

    serializer_class = DecisionSerializer
    filterset_class = DecisionFilter

    def get_queryset(self):
        return public_decisions()
