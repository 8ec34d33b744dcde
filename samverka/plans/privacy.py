"""What the action plans keep about a person: little. Plans, goals, indicators and the
inventory are the offices' public record; they name a person only as the inventory's contact
and an action's responsible official, and the account that typed a value is kept beside it as
its history. When the account is deleted, those links go and the records stay."""

from __future__ import annotations

from samverka.core.privacy import WITH_PARENT, kept

from .models import Action, Follow, ForwardItem, IndicatorValue, Inventory, ParticipationRequest

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
    "ForwardItem": kept(retention=RECORD,
                        public=["office", "committee", "title", "why", "to_decide", "year", "quarter", "level",
                                "stage", "areas", "sdg_goals", "take_part", "group", "process", "status", "reason",
                                "moved_from_year", "moved_from_quarter", "published_at"],
                        personal=["contact"], internal=["created_at", "updated_at"]),
    "Follow": kept(retention="until the person stops following or deletes the account",
                   personal=["user", "committee", "office", "area", "sdg_goal", "item", "email", "created_at"]),
    "ParticipationRequest": kept(
        retention="while the office keeps the coming decision; the account's link and the text go with the account",
        public=["item", "actor"], personal=["user", "text", "created_at"], internal=["feedback_item"]),
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
        "forward_items_responsible": [
            {"title": i.title, "committee": i.committee.label, "term": i.term}
            for i in ForwardItem.objects.filter(contact=user).select_related("committee").order_by("pk")],
        "forward_follows": [
            {"follows": str(f.target), "email": f.email, "since": f.created_at.isoformat()}
            for f in Follow.objects.filter(user=user).select_related("committee", "office", "area", "sdg_goal", "item")
            .order_by("pk")],
        "forward_requests": [
            {"coming_decision": r.item.title, "actor": r.actor.name if r.actor else None, "text": r.text,
             "asked": r.created_at.isoformat(), "answer": r.feedback_item.response}
            for r in ParticipationRequest.objects.filter(user=user).select_related("item", "actor", "feedback_item")
            .order_by("pk")],
    }


def erase(user) -> None:
    """The records stay (they are the offices' plans); the links to the account go."""
    from django.db import transaction

    from samverka.core import versions

    Inventory.objects.filter(contact=user).update(contact=None)
    Action.objects.filter(owner=user).update(owner=None)
    IndicatorValue.objects.filter(entered_by=user).update(entered_by=None)
    ForwardItem.objects.filter(contact=user).update(contact=None)
    Follow.objects.filter(user=user).delete()
    # A request to take part: the account and the text go; an answer given to an association stays
    # with the association's name (what the office replied is its public record).
    from samverka.dialogue.models import FeedbackItem

    mine = ParticipationRequest.objects.filter(user=user)
    FeedbackItem.objects.filter(participation_request__in=mine).update(said="")
    mine.update(user=None, text="")
    transaction.on_commit(lambda: versions.renew("plans"))
