"""A group's follow-up point becomes an action in an office's action plan: an official who
sees inside the group chooses one of their office's plans, the action keeps the link to the
point, and the point's page says what it became."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from samverka.accounts.tests.factories import UserFactory
from samverka.core.models import AuditEvent
from samverka.core.tests.helpers import says
from samverka.networks.models import Membership
from samverka.networks.tests.factories import GroupFactory, MeetingFactory, MembershipFactory, PointFactory
from samverka.plans.models import Action, ActionPlan

from .factories import PlanFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def network(office):
    return GroupFactory(name="Öar utan gränser", slug="oar-utan-granser", office=office)


@pytest.fixture
def point(network):
    meeting = MeetingFactory(group=network, start=timezone.now() - timedelta(days=7))
    return PointFactory(meeting=meeting, title="Öppna ett språkcafé i Stenhamra",
                        description="Nätverket ser ett behov av ett språkcafé väster om Mälaren.",
                        due_on=timezone.localdate() + timedelta(days=30))


def _form(chosen, **extra):
    return {"plan": str(chosen.pk), "title": "Språkcafé i Stenhamra", "description": "Biblioteket och föreningarna.",
            "ends_on": (timezone.localdate() + timedelta(days=90)).isoformat(), "submission_token": "tok-1", **extra}


def test_an_official_turns_a_point_into_an_action_of_her_offices_plan(client, official, plan, point):
    client.force_login(official)
    url = reverse("plans:from_point", args=[point.pk])
    page = client.get(url).content.decode()
    assert point.title in page and plan.title in page
    response = client.post(url, _form(plan))
    assert response.status_code == 302 and response["Location"] == plan.get_absolute_url()
    action = Action.objects.get()
    assert action.plan == plan and list(action.from_points.all()) == [point]
    assert action.title == "Språkcafé i Stenhamra"
    event = AuditEvent.objects.get(action="action.from_point")
    assert event.changes["point"] == point.title and event.changes["group"] == "Öar utan gränser"
    shown = client.get(point.get_absolute_url()).content.decode()
    assert says("Became an action") in shown and plan.get_absolute_url() in shown


def test_a_double_submit_makes_one_action(client, official, plan, point):
    client.force_login(official)
    url = reverse("plans:from_point", args=[point.pk])
    client.post(url, _form(plan))
    assert client.post(url, _form(plan)).status_code == 302
    assert Action.objects.count() == 1


def test_the_same_point_twice_in_one_plan_is_told_next_to_the_plan(client, official, plan, point):
    client.force_login(official)
    url = reverse("plans:from_point", args=[point.pk])
    client.post(url, _form(plan))
    response = client.post(url, _form(plan, title="Ett till språkcafé", submission_token="tok-2"))
    assert response.status_code == 400
    page = response.content.decode()
    assert says("The point is already the action “%(action)s” of this plan.", action="Språkcafé i Stenhamra") in page
    assert "Ett till språkcafé" in page  # the input is kept
    assert Action.objects.count() == 1


def test_bad_input_is_told_next_to_the_field(client, official, plan, point):
    client.force_login(official)
    response = client.post(reverse("plans:from_point", args=[point.pk]), {**_form(plan, title=""), "plan": ""})
    assert response.status_code == 400 and not Action.objects.exists()
    assert 'id="id_title"' in response.content.decode()
    assert response.context["form"].errors.keys() == {"title", "plan"}


def test_another_offices_plan_or_an_archived_one_is_not_offered(client, official, plan, point, social_official):
    other = PlanFactory(office=social_official.office_memberships.get().office, title="Socialkontorets plan")
    archived = PlanFactory(office=plan.office, title="Gammal plan", status=ActionPlan.Status.ARCHIVED)
    client.force_login(official)
    url = reverse("plans:from_point", args=[point.pk])
    page = client.get(url).content.decode()
    assert other.title not in page and archived.title not in page
    for chosen in (other, archived):
        assert client.post(url, _form(chosen, submission_token=f"t-{chosen.pk}")).status_code == 400
    assert not Action.objects.exists()


def test_a_member_who_is_no_official_may_not(client, network, point, plan):
    resident_member = UserFactory(first_name="Amira", last_name="Saleh")
    MembershipFactory(group=network, user=resident_member, role=Membership.Role.CHAIR)
    client.force_login(resident_member)
    url = reverse("plans:from_point", args=[point.pk])
    assert client.get(url).status_code == 403 and client.post(url, _form(plan)).status_code == 403
    assert not Action.objects.exists()
    assert reverse("plans:from_point", args=[point.pk]) not in client.get(point.get_absolute_url()).content.decode()


def test_an_official_outside_a_closed_group_does_not_find_the_point(client, office, social_official, plan):
    closed = GroupFactory(name="Styrgruppen", slug="styrgruppen", office=office, is_public=False)
    point = PointFactory(meeting=MeetingFactory(group=closed, start=timezone.now() - timedelta(days=2)))
    own = PlanFactory(office=social_official.office_memberships.get().office)
    client.force_login(social_official)
    url = reverse("plans:from_point", args=[point.pk])
    assert client.get(url).status_code == 404 and client.post(url, _form(own)).status_code == 404
    # A public group's point, but she is not inside it.
    public_point = PointFactory(meeting=MeetingFactory(group=GroupFactory(office=office),
                                                       start=timezone.now() - timedelta(days=2)))
    assert client.post(reverse("plans:from_point", args=[public_point.pk]), _form(own)).status_code == 403
    assert not Action.objects.exists()


def test_a_draft_plans_action_is_shown_on_the_point_only_to_its_office(client, official, office, point, network):
    draft = PlanFactory(office=office, title="Utkast till plan", status=ActionPlan.Status.DRAFT)
    client.force_login(official)
    client.post(reverse("plans:from_point", args=[point.pk]), _form(draft))
    assert "Utkast till plan" in client.get(point.get_absolute_url()).content.decode()
    member = UserFactory(first_name="Amira", last_name="Saleh")
    MembershipFactory(group=network, user=member)
    client.force_login(member)
    assert "Utkast till plan" not in client.get(point.get_absolute_url()).content.decode()
