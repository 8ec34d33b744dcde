"""The annual award: Eva nominates another association in Parkinson Ekerö's name, Sara in the
committee's; only the kinds the award is for may be nominated; the jury scores the
nominations against the criteria, the committee decides, and the home page announces it."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from samverka.actors.tests.factories import ActorFactory, AssociationFactory
from samverka.core.models import AuditEvent
from samverka.grants.models import Application, Decision, GrantProgramme

from .factories import ProgrammeFactory, decided, review
from .test_officials import nils  # noqa: F401 (a fixture)


@pytest.fixture
def award(culture_committee):
    today = timezone.localdate()
    return ProgrammeFactory(committee=culture_committee, kind=GrantProgramme.Kind.AWARD, name="Årets eldsjäl",
                            year=today.year, opens_on=today - timedelta(days=5), closes_on=today + timedelta(days=30),
                            pool=10_000, budget_required=False, eligible_kinds=["association", "faith"],
                            criteria=[("Betydelse för andra", 2), ("Engagemang", 1)])


@pytest.fixture
def nominee(db):
    return AssociationFactory(name="Demensföreningen Mälaröarna")


def _form(nominee, by, **extra):
    return {"nominee": str(nominee.pk), "by": str(by), "title": "Anhörigcaféer på öarna",
            "motivation": "Ideella anhörigcaféer varje vecka på alla öar.", **extra}


def test_eva_nominates_another_association_in_her_associations_name(client, representative, actor, award, nominee):
    client.force_login(representative)
    response = client.post(reverse("grants:nominate", args=[award.slug]), _form(nominee, actor.pk))
    nomination = Application.objects.get(actor=nominee)
    assert response.status_code == 302 and response["Location"] == nomination.get_absolute_url()
    assert nomination.nominated_by_actor == actor and nomination.status == Application.Status.SUBMITTED
    assert nomination.case_number.startswith("KFN ") and nomination.amount_asked == 10_000
    assert AuditEvent.objects.get(action="grant.nominate").user == representative


def test_sara_nominates_in_the_committees_name(client, official, award, nominee):
    client.force_login(official)
    response = client.post(reverse("grants:nominate", args=[award.slug]), _form(nominee, "committee"))
    assert response.status_code == 302
    assert Application.objects.get(actor=nominee).nominated_by_committee


def test_a_network_cannot_be_nominated_and_the_input_is_kept(client, representative, actor, award):
    network = ActorFactory(name="Grannar i Stenhamra", kind="network")
    client.force_login(representative)
    response = client.post(reverse("grants:nominate", args=[award.slug]), _form(network, actor.pk))
    # Not of an eligible kind: not even offered as a choice.
    assert response.status_code == 200 and "nominee" in response.context["form"].errors
    assert "Ideella anhörigcaféer" in response.content.decode()
    assert not Application.objects.exists()


def test_an_association_does_not_nominate_itself_and_nobody_twice(client, representative, actor, award, nominee):
    client.force_login(representative)
    url = reverse("grants:nominate", args=[award.slug])
    response = client.post(url, _form(actor, actor.pk))
    assert response.status_code == 200 and "nominee" in response.context["form"].errors
    client.post(url, _form(nominee, actor.pk))
    response = client.post(url, _form(nominee, actor.pk, title="Igen"))
    assert response.status_code == 200 and "nominee" in response.context["form"].errors
    assert Application.objects.filter(actor=nominee).count() == 1


def test_a_resident_cannot_nominate(client, resident, award, nominee):
    client.force_login(resident)
    assert client.post(reverse("grants:nominate", args=[award.slug]), _form(nominee, "committee")).status_code == 403
    assert not Application.objects.exists()


def test_a_representative_cannot_nominate_in_the_committees_name(client, representative, award, nominee):
    client.force_login(representative)
    response = client.post(reverse("grants:nominate", args=[award.slug]), _form(nominee, "committee"))
    assert response.status_code == 200 and "by" in response.context["form"].errors
    assert not Application.objects.exists()


def test_the_jury_scores_the_committee_decides_and_the_home_page_announces_it(client, official, representative,
                                                                              actor, award, nominee, nils):  # noqa: F811
    client.force_login(representative)
    client.post(reverse("grants:nominate", args=[award.slug]), _form(nominee, actor.pk))
    nomination = Application.objects.get(actor=nominee)
    jury = Client()
    jury.force_login(official)
    scores = {f"score_{c.pk}": "5" for c in award.criteria.all()}
    assert jury.post(reverse("grants:review", args=[nomination.pk]),
                     {**scores, "comment": "Stor betydelse."}).status_code == 302
    today = timezone.localdate()
    response = nils.post(reverse("grants:decide", args=[nomination.pk]),
                         {"outcome": "granted", "amount": "10000", "reasons": "Anhörigcaféer på alla öar.",
                          "meeting_date": today.isoformat()})
    assert response.status_code == 302 and Decision.objects.get().amount == 10_000
    home = Client().get(reverse("home")).content.decode()
    assert "Demensföreningen Mälaröarna" in home and "Anhörigcaféer på alla öar." in home


def test_an_old_award_is_not_announced(client, award, nominee, official):
    from .factories import SubmittedApplicationFactory

    application = SubmittedApplicationFactory(programme=award, actor=nominee)
    review(application, official)
    decided(application, amount=10_000, reasons="Förra årets pristagare.",
            meeting_date=timezone.localdate() - timedelta(days=400))
    home = client.get(reverse("home")).content.decode()
    assert "Förra årets pristagare." not in home and 'id="award-title"' not in home
