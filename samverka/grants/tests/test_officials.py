"""Sara (Kultur- och fritidskontoret) reviews the culture committee's applications; Nils
records the committee's decisions; the allocation proposal, the meeting's decision list
and payouts."""

import re
from datetime import date
from io import BytesIO

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from samverka.accounts.tests.factories import UserFactory
from samverka.core.models import AuditEvent
from samverka.core.tests.helpers import says
from samverka.grants import services
from samverka.grants.models import Application, Decision, Payout, Review
from samverka.municipality.tests.factories import OfficeMembershipFactory

from .factories import ProgrammeFactory, SubmittedApplicationFactory, decided, decision_right, review


@pytest.fixture
def programme(culture_committee):
    return ProgrammeFactory(committee=culture_committee, pool=30_000, two_reviewers_above=20_000)


@pytest.fixture
def sara(client, official):
    client.force_login(official)
    return client


@pytest.fixture
def nils(culture_committee):
    """Nils, the culture committee's secretary, records its decisions."""
    user = UserFactory(first_name="Nils", last_name="Ek", email="nils@example.org")
    office = OfficeMembershipFactory(office__slug="kultur-och-fritidskontoret").office
    office.memberships.create(user=user) if not office.memberships.filter(user=user).exists() else None
    decision_right(user, culture_committee)
    client = Client()
    client.force_login(user)
    client.user = user
    return client


def _scores(application, score):
    return {f"score_{c.pk}": str(score) for c in application.programme.criteria.all()}


def test_sara_reviews_with_scores_and_a_comment(sara, official, programme):
    application = SubmittedApplicationFactory(programme=programme)
    response = sara.post(reverse("grants:review", args=[application.pk]),
                         {**_scores(application, 4), "comment": "Når många äldre."})
    assert response.status_code == 302
    stored = Review.objects.get(application=application, reviewer=official)
    assert stored.comment == "Når många äldre." and set(stored.scores.values()) == {4}
    application.refresh_from_db()
    assert application.status == Application.Status.IN_REVIEW


def test_a_review_without_scores_keeps_the_comment_and_says_what_is_missing(sara, programme):
    application = SubmittedApplicationFactory(programme=programme)
    response = sara.post(reverse("grants:review", args=[application.pk]), {"comment": "Bra."})
    assert response.status_code == 200 and "Bra." in response.content.decode()
    assert not Review.objects.exists()


def test_a_reviewer_cannot_decide(sara, programme):
    application = SubmittedApplicationFactory(programme=programme)
    response = sara.post(reverse("grants:decide", args=[application.pk]),
                         {"outcome": "granted", "amount": "5000", "reasons": "Bra.", "meeting_date": "2026-06-10"})
    assert response.status_code == 403
    assert not Decision.objects.exists()


def test_nils_decides_with_reasons_and_the_applicant_is_told(nils, official, programme):
    application = SubmittedApplicationFactory(programme=programme, applicant=UserFactory(email="eva@example.org"))
    review(application, official)
    url = reverse("grants:decide", args=[application.pk])
    response = nils.post(url, {"outcome": "granted", "amount": "8000", "reasons": "", "meeting_date": "2026-06-10"})
    assert response.status_code == 200 and 'id="id_reasons_error"' in response.content.decode()
    assert not Decision.objects.exists()
    response = nils.post(url, {"outcome": "granted", "amount": "8000", "reasons": "Når många invånare.",
                               "meeting_date": "2026-06-10"})
    assert response.status_code == 302
    decision = Decision.objects.get()
    assert (decision.amount, decision.decided_by) == (8000, nils.user)
    application.refresh_from_db()
    assert application.status == Application.Status.DECIDED
    assert AuditEvent.objects.filter(action="grant.decide").exists()
    from samverka.communication.models import OutboxMessage

    assert OutboxMessage.objects.filter(to="eva@example.org", subject__contains=application.case_number).exists()


def test_the_amount_is_marked_needed_when_granted_not_optional(nils, official, programme):
    application = SubmittedApplicationFactory(programme=programme)
    page = nils.get(reverse("grants:decide", args=[application.pk])).content.decode()
    label = re.search(r'<label class="field__label" for="id_amount">(.*?)</label>', page, re.S).group(1)
    assert says("needed when granted") in label and says("optional") not in label


def test_above_the_threshold_two_reviews_are_needed(nils, official, programme):
    application = SubmittedApplicationFactory(programme=programme, amount_asked=25_000)
    review(application, official)
    data = {"outcome": "granted", "amount": "20000", "reasons": "Bra.", "meeting_date": "2026-06-10"}
    response = nils.post(reverse("grants:decide", args=[application.pk]), data)
    assert response.status_code == 200 and not Decision.objects.exists()
    review(application, UserFactory())
    assert nils.post(reverse("grants:decide", args=[application.pk]), data).status_code == 302


def test_an_amount_above_what_is_left_in_the_pool_is_refused(nils, official, programme):
    first = SubmittedApplicationFactory(programme=programme)
    decided(first, amount=25_000)
    application = SubmittedApplicationFactory(programme=programme)
    review(application, official)
    response = nils.post(reverse("grants:decide", args=[application.pk]),
                         {"outcome": "granted", "amount": "8000", "reasons": "Bra.", "meeting_date": "2026-06-10"})
    assert response.status_code == 200 and 'id="id_amount_error"' in response.content.decode()
    assert "5\xa0000" in response.content.decode()
    assert Decision.objects.count() == 1


def test_a_second_decision_is_refused_and_the_official_is_told_who_decided(nils, official, programme):
    application = SubmittedApplicationFactory(programme=programme)
    review(application, official)
    other = UserFactory(first_name="Lisa", last_name="Holm")
    decision_right(other, programme.committee)
    services.decide(by=other, application=application, outcome="refused", amount=0, reasons="Utanför syftet.",
                    meeting_date=date(2026, 6, 10))
    response = nils.post(reverse("grants:decide", args=[application.pk]),
                         {"outcome": "granted", "amount": "5000", "reasons": "Bra.", "meeting_date": "2026-06-10"},
                         follow=True)
    assert "Lisa Holm" in response.content.decode()
    assert Decision.objects.get().outcome == "refused"


def test_two_officials_deciding_at_once_one_wins_and_the_other_is_told(nils, official, programme):
    """The second transaction read "no decision" before the first committed: the unique
    constraint stops its insert, and it is told who decided."""
    application = SubmittedApplicationFactory(programme=programme)
    review(application, official)
    other = UserFactory(first_name="Lisa", last_name="Holm")
    decision_right(other, programme.committee)
    Decision.objects.create(application=application, outcome="refused", amount=0, reasons="Först.",
                            meeting_date=date(2026, 6, 10), decided_by=other)
    from unittest import mock

    from samverka.grants.models import DecisionQuerySet

    with mock.patch.object(DecisionQuerySet, "first", return_value=None):  # as if it read before the other's commit
        with pytest.raises(services.AlreadyDecided) as told:
            services.decide(by=nils.user, application=application, outcome="granted", amount=5000, reasons="Bra.",
                            meeting_date=date(2026, 6, 10))
    assert "Lisa Holm" in str(told.value)
    assert Decision.objects.get().reasons == "Först."


def test_the_allocation_proposal_goes_best_first_and_shows_what_is_left(sara, official, programme):
    low = SubmittedApplicationFactory(programme=programme, amount_asked=15_000)
    high = SubmittedApplicationFactory(programme=programme, amount_asked=20_000)
    review(low, official, score=2)
    review(high, official, score=5)
    response = sara.get(reverse("grants:allocation", args=[programme.slug]))
    proposals = response.context["proposals"]
    assert [p.case.application for p in proposals] == [high, low]
    assert [p.proposed for p in proposals] == [20_000, 10_000]
    assert response.context["left"] == 0


def test_the_decision_list_of_a_meeting_as_csv_and_pdf(sara, programme):
    granted = SubmittedApplicationFactory(programme=programme, actor__name="Vindens Vänner")
    decided(granted, amount=12_000, reasons="Seglingar för personer med funktionsnedsättning.")
    refused = SubmittedApplicationFactory(programme=programme, actor__name="Ekerö Schack")
    decided(refused, amount=0, reasons="Ansökan kom in för sent.")
    url = reverse("grants:decision_list", args=[programme.committee.slug, "2026-06-10"])
    csv_text = sara.get(url, {"format": "csv"}).content.decode()
    assert "Vindens Vänner" in csv_text and "12000" in csv_text and "Ansökan kom in för sent." in csv_text
    response = sara.get(url, {"format": "pdf"})
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages)
    assert "Vindens Vänner" in text and "12\xa0000" in text and "Ekerö Schack" in text


def test_payouts_by_instalment_up_to_the_amount_granted(sara, programme):
    programme.instalments = 2
    programme.save()
    application = SubmittedApplicationFactory(programme=programme)
    decided(application, amount=10_000)
    url = reverse("grants:payout", args=[application.pk])
    sara.post(url, {"paid_on": "2026-07-01", "amount": "6000"})
    sara.post(url, {"paid_on": "2026-08-01", "amount": "5000"})  # more than is left
    assert list(Payout.objects.values_list("instalment", "amount")) == [(1, 6000)]
    sara.post(url, {"paid_on": "2026-08-01", "amount": "4000"})
    assert list(Payout.objects.values_list("instalment", "amount")) == [(1, 6000), (2, 4000)]


def test_the_officials_lists_take_as_many_queries_for_many_cases_as_for_few(sara, nils, official, programme):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from samverka.grants.models import FollowUpReport

    def add(n):
        for _ in range(n):
            application = SubmittedApplicationFactory(programme=programme, amount_asked=1_000)
            review(application, official)
            decided(application, amount=1_000)
            FollowUpReport.objects.create(application=application, due_on=date(2027, 1, 31))
            review(SubmittedApplicationFactory(programme=programme, amount_asked=1_000), official)

    pages = [(sara, reverse("grants:cases", args=[programme.slug])),
             (sara, reverse("grants:allocation", args=[programme.slug])),
             (sara, reverse("grants:follow_up", args=[programme.slug])),
             (nils, reverse("grants:decision_list", args=[programme.committee.slug, "2026-06-10"]))]
    add(1)
    for client, url in pages:
        client.get(url)  # the first visit sets up what is cached
    few = []
    for client, url in pages:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        few.append(len(queries))
    add(8)
    many = []
    for client, url in pages:
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        many.append(len(queries))
    assert many == few, dict(zip([url for _, url in pages], zip(few, many, strict=True), strict=True))
