"""The nominee hears of it: when Sara nominates an association in the committee's name, its
representatives get an e-mail with the case number, and another when the committee has
decided. Each message goes once to each address, however often the change is retried."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from samverka.accounts.tests.factories import UserFactory
from samverka.actors.models import ActorMembership
from samverka.actors.tests.factories import MembershipFactory
from samverka.communication.models import OutboxMessage
from samverka.grants import services
from samverka.grants.models import Application

from .test_awards import _form, award, nominee  # noqa: F401 (fixtures)
from .test_officials import nils  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture
def nominee_people(nominee):  # noqa: F811
    """Greta owns the nominee's page, Per edits it; Olle left (his account is closed)."""
    greta = UserFactory(first_name="Greta", email="greta@example.org")
    per = UserFactory(first_name="Per", email="per@example.org")
    olle = UserFactory(first_name="Olle", email="olle@example.org", is_active=False)
    MembershipFactory(actor=nominee, user=greta, role=ActorMembership.Role.OWNER)
    MembershipFactory(actor=nominee, user=per, role=ActorMembership.Role.EDITOR)
    MembershipFactory(actor=nominee, user=olle, role=ActorMembership.Role.EDITOR)
    return ["greta@example.org", "per@example.org"]


def to_nominee(addresses):
    return OutboxMessage.objects.filter(to__in=addresses)


def test_the_nominee_is_told_of_the_nomination_and_of_the_decision_once(  # noqa: F811
        client, official, award, nominee, nominee_people, nils):  # noqa: F811
    client.force_login(official)
    response = client.post(reverse("grants:nominate", args=[award.slug]), _form(nominee, "committee"))
    assert response.status_code == 302
    nomination = Application.objects.get(actor=nominee)
    told = to_nominee(nominee_people)
    assert sorted(told.values_list("to", flat=True)) == nominee_people
    message = told.first()
    assert "Årets eldsjäl" in message.subject
    assert nomination.case_number in message.body_text and nomination.get_absolute_url() in message.body_text
    assert not OutboxMessage.objects.filter(to="olle@example.org").exists()

    # A retried change queues nothing twice.
    services._tell_nominee(nomination, template="grants/email/nominated", key=f"grant-nominated-{nomination.pk}")
    assert to_nominee(nominee_people).count() == 2

    jury = Client()
    jury.force_login(official)
    scores = {f"score_{c.pk}": "5" for c in award.criteria.all()}
    jury.post(reverse("grants:review", args=[nomination.pk]), {**scores, "comment": "Stor betydelse."})
    response = nils.post(reverse("grants:decide", args=[nomination.pk]),
                         {"outcome": "granted", "amount": "10000", "reasons": "Anhörigcaféer på alla öar.",
                          "meeting_date": timezone.localdate().isoformat()})
    assert response.status_code == 302
    decided = [m for m in to_nominee(nominee_people) if "Anhörigcaféer på alla öar." in m.body_text]
    assert sorted(m.to for m in decided) == nominee_people
    assert all("10" in m.body_text and "Demensföreningen Mälaröarna" in m.body_text for m in decided)
    # The official who nominated hears of the decision as before.
    assert OutboxMessage.objects.filter(to=official.email, body_text__contains="Anhörigcaféer på alla öar.").exists()

