"""For every address of the plans that changes something: a person without the right is
refused and nothing changes. Anonymous visitors are sent to log in; signed-in people get 403
when they can see the plan but may not change it, 404 when it is not theirs to see (a draft)."""

import pytest
from django.urls import reverse

from samverka.core.models import AuditEvent, Submission
from samverka.plans.models import Action, ActionPlan, Goal, Indicator, IndicatorValue, Inventory

from .factories import InventoryFactory

ANONYMOUS, RESIDENT, REPRESENTATIVE, OTHER_OFFICIAL, PROCESS_LEADER = (
    "anonymous", "resident", "representative", "other_official", "process_leader")
OUTSIDERS = [ANONYMOUS, RESIDENT, REPRESENTATIVE, OTHER_OFFICIAL, PROCESS_LEADER]
T = {"submission_token": "x"}
PLAN = {"office": "office", "title": "Kapad", "first_year": "2026", "last_year": "2027"}
INDICATOR = {"name": "Kapad", "source": "manual", "unit": "count", "frequency": "yearly"}

# key: (url name, what the URL takes, method, data)
URLS = {
    "edit:get": ("edit", "slug", "get", None),
    "edit:post": ("edit", "slug", "post", PLAN),
    "publish": ("publish", "slug", "post", {}),
    "archive": ("archive", "slug", "post", {}),
    "add_goal:get": ("add_goal", "slug", "get", None),
    "add_goal:post": ("add_goal", "slug", "post", {"title": "Kapad", **T}),
    "edit_goal:get": ("edit_goal", "goal", "get", None),
    "edit_goal:post": ("edit_goal", "goal", "post", {"title": "Kapad"}),
    "add_indicator:get": ("add_indicator", "goal", "get", None),
    "add_indicator:post": ("add_indicator", "goal", "post", {**INDICATOR, **T}),
    "edit_indicator:get": ("edit_indicator", "indicator", "get", None),
    "edit_indicator:post": ("edit_indicator", "indicator", "post", INDICATOR),
    "values:get": ("values", "indicator", "get", None),
    "values:post": ("values", "indicator", "post", {"measured_on": "2026-01-01", "value": "1", **T}),
    "add_action:get": ("add_action", "slug", "get", None),
    "add_action:post": ("add_action", "slug", "post", {"title": "Kapad", "status": "planned", **T}),
    "edit_action:get": ("edit_action", "action", "get", None),
    "edit_action:post": ("edit_action", "action", "post", {"title": "Kapad", "status": "done"}),
    "action_status": ("action_status", "action", "post", {"status": "done"}),
    "inventory_office:get": ("inventory_office", "office", "get", None),
    "inventory_office:post": ("inventory_office", "office", "post", {"area": "area", "description": "Kapad", **T}),
    "edit_inventory:get": ("edit_inventory", "row", "get", None),
    "edit_inventory:post": ("edit_inventory", "row", "post", {"area": "area", "description": "Kapad"}),
    "delete_inventory": ("delete_inventory", "row", "post", {}),
}
CASES = [(key, who) for key in URLS for who in OUTSIDERS]


@pytest.fixture
def scene(plan, goal, indicator, action, office, official, resident, representative, social_official, process_leader):
    row = InventoryFactory(office=office)
    return {"plan": plan, "goal": goal, "indicator": indicator, "action": action, "office": office, "row": row,
            "people": {ANONYMOUS: None, RESIDENT: resident, REPRESENTATIVE: representative,
                       OTHER_OFFICIAL: social_official, PROCESS_LEADER: process_leader, "official": official}}


def url_for(name, takes, scene):
    slug = scene["plan"].slug
    if takes == "slug":
        return reverse(f"plans:{name}", args=[slug])
    if takes == "office":
        return reverse(f"plans:{name}", args=[scene["office"].slug])
    if takes == "row":
        return reverse(f"plans:{name}", args=[scene["row"].pk])
    return reverse(f"plans:{name}", args=[slug, scene[takes].pk])


def data_for(data, scene):
    if data is None:
        return {}
    names = {"office": scene["office"].pk, "area": scene["row"].area_id}
    return {k: names.get(v, v) for k, v in data.items()}


def state() -> dict:
    return {model.__name__: list(model.objects.order_by("pk").values())
            for model in (ActionPlan, Goal, Indicator, IndicatorValue, Action, Inventory)} | {
        "audit": AuditEvent.objects.count(), "submissions": Submission.objects.count()}


def call(client, key, scene, user):
    name, takes, method, data = URLS[key]
    client.logout()
    if user is not None:
        client.force_login(user)
    return getattr(client, method)(url_for(name, takes, scene), data_for(data, scene))


@pytest.mark.django_db
@pytest.mark.parametrize("published", [True, False], ids=["published", "draft"])
@pytest.mark.parametrize(("key", "who"), CASES, ids=[f"{k}-{w}" for k, w in CASES])
def test_without_the_right_nothing_happens(client, scene, key, who, published, django_capture_on_commit_callbacks):
    if not published:
        ActionPlan.objects.filter(pk=scene["plan"].pk).update(status=ActionPlan.Status.DRAFT)
    user = scene["people"][who]
    before = state()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = call(client, key, scene, user)
    if user is None:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login") + "?next=")
    else:
        assert response.status_code in (403, 404)
        if not published and URLS[key][1] not in ("office", "row"):
            assert response.status_code == 404  # a draft is not theirs to see
    assert state() == before
    assert callbacks == []


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["official", "administrator"])
@pytest.mark.parametrize("key", [k for k in URLS if k.endswith(":get")])
def test_the_office_and_the_administrators_get_in(client, scene, key, who, administrator):
    scene["people"]["administrator"] = administrator
    assert call(client, key, scene, scene["people"][who]).status_code == 200


@pytest.mark.django_db
def test_a_draft_is_seen_by_its_office_only(client, scene, social_official, official, administrator):
    ActionPlan.objects.filter(pk=scene["plan"].pk).update(status=ActionPlan.Status.DRAFT)
    url = scene["plan"].get_absolute_url()
    assert client.get(url).status_code == 404
    assert scene["plan"].title not in client.get(reverse("plans:index")).text
    client.force_login(social_official)
    assert client.get(url).status_code == 404
    for person in (official, administrator):
        client.force_login(person)
        assert client.get(url).status_code == 200
        assert scene["plan"].title in client.get(reverse("plans:index")).text
