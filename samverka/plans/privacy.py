"""What the action plans keep about a person: little. Plans, goals, indicators and the
inventory are the offices' public record; they name a person only as the inventory's contact
and an action's responsible official, and the account that typed a value is kept beside it as
its history. When the account is deleted, those links go and the records stay."""

from __future__ import annotations

from samverka.core.privacy import WITH_PARENT, kept

from .models import Action, IndicatorValue, Inventory

RECORD = "while the office keeps the plan (the municipality's record of its goals and work)"

FIELDS = {
    "Inventory": kept(retention="while the office keeps the row", public=["office", "area", "description"],
                      personal=["contact"], internal=["updated_at"]),
    "ActionPlan": kept(retention=RECORD,
                       public=["office", "title", "slug", "summary", "first_year", "last_year", "status",
                               "sdg_goals", "published_at"],
                       internal=["created_at", "updated_at"]),
    "Goal": kept(retention=WITH_PARENT, public=["plan", "title", "description", "area", "sdg_goals", "sdg_targets"],
                 internal=["position"]),
    "Indicator": kept(retention=WITH_PARENT,
                      public=["goal", "name", "unit", "source", "method", "frequency", "baseline", "baseline_on",
                              "target", "target_on", "district"],
                      internal=["position"]),
    "IndicatorValue": kept(retention=WITH_PARENT, public=["indicator", "measured_on", "value", "computed", "note"],
                           personal=["entered_by"], internal=["created_at"]),
    "Action": kept(retention=WITH_PARENT,
                   public=["plan", "goal", "title", "description", "starts_on", "ends_on", "status", "sdg_goals",
                           "needs", "activities", "grant_programmes", "partnerships", "processes", "ideas",
                           "programmes", "groups", "from_points"],
                   personal=["owner"], internal=["position", "created_at", "updated_at"]),
}


def personal_data(user) -> dict:
    return {
        "plan_contact_for": [
            {"office": row.office.label, "area": row.area.label}
            for row in Inventory.objects.filter(contact=user).select_related("office", "area").order_by("pk")],
        "plan_actions_responsible": [
            {"plan": a.plan.title, "action": a.title, "status": a.get_status_display()}
            for a in Action.objects.filter(owner=user).select_related("plan").order_by("pk")],
        "plan_values_entered": [
            {"plan": v.indicator.goal.plan.title, "indicator": v.indicator.name,
             "measured_on": v.measured_on.isoformat(), "value": str(v.value), "entered": v.created_at.isoformat()}
            for v in IndicatorValue.objects.filter(entered_by=user).select_related("indicator__goal__plan")
            .order_by("pk")],
    }


def erase(user) -> None:
    """The records stay (they are the offices' plans); the links to the account go."""
    from django.db import transaction

    from samverka.core import versions

    Inventory.objects.filter(contact=user).update(contact=None)
    Action.objects.filter(owner=user).update(owner=None)
    IndicatorValue.objects.filter(entered_by=user).update(entered_by=None)
    transaction.on_commit(lambda: versions.renew("plans"))
