from datetime import timedelta

import factory
from django.utils import timezone

from samverka.municipality.tests.factories import OfficeFactory
from samverka.networks.models import FollowUpPoint, Group, Meeting, Membership, Seat


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Group
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Nätverket {n}")
    slug = factory.Sequence(lambda n: f"natverket-{n}")
    kind = Group.Kind.NETWORK
    office = factory.SubFactory(OfficeFactory)
    actor = None
    purpose = "Vi samlar föreningar och förvaltningar kring integration på öarna."
    join_rule = Group.JoinRule.OPEN
    is_public = True


class CouncilFactory(GroupFactory):
    name = factory.Sequence(lambda n: f"Rådet {n}")
    slug = factory.Sequence(lambda n: f"radet-{n}")
    kind = Group.Kind.COUNCIL
    join_rule = Group.JoinRule.APPOINTED
    minutes_rule = Group.MinutesRule.PUBLIC


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    group = factory.SubFactory(GroupFactory)
    user = factory.SubFactory("samverka.accounts.tests.factories.UserFactory")
    role = Membership.Role.MEMBER
    status = Membership.Status.ACTIVE


class SeatFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Seat

    group = factory.SubFactory(CouncilFactory)
    actor = factory.SubFactory("samverka.actors.tests.factories.AssociationFactory")
    delegate = factory.SubFactory("samverka.accounts.tests.factories.UserFactory")
    substitute = None
    term_starts = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=100))
    term_ends = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=600))


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting
        skip_postgeneration_save = True

    group = factory.SubFactory(GroupFactory)
    title = factory.Sequence(lambda n: f"Nätverksträff {n}")
    start = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))
    end = factory.LazyAttribute(lambda o: o.start + timedelta(hours=2))
    place = "Ekerö bibliotek, Tappströmsvägen 1"


class PointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUpPoint

    group = factory.LazyAttribute(lambda o: o.meeting.group)
    # Decided at a meeting that has been held.
    meeting = factory.SubFactory(MeetingFactory, start=factory.LazyFunction(lambda: timezone.now() - timedelta(days=7)))
    title = factory.Sequence(lambda n: f"Ta fram en inbjudan {n}")
    owner_user = factory.SubFactory("samverka.accounts.tests.factories.UserFactory")
    due_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=14))
