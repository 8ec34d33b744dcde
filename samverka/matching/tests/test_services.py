"""The coordinator's services: runs, decisions on proposals, matches, pauses, and the faults
the issue names (no coordinates, nothing feasible, a withdrawal after a proposal, a giver at
capacity, two runs at once, a crash mid-run)."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from samverka.communication.models import OutboxMessage
from samverka.core.errors import ActionError
from samverka.core.models import AuditEvent
from samverka.matching import engine, services
from samverka.matching.models import Match, Participant, Programme, Proposal, Run

from .factories import MatchFactory, OfferFactory, ProposalFactory, RequestFactory


@pytest.fixture
def pairs(programme, districts, kinds, interests):
    """Greta asks for company in Ekerö centrum; Karin gives it nearby and shares her interest in chess."""
    greta = RequestFactory(programme=programme, name="Greta Holm", district=districts["ekero-centrum"],
                           kinds=[kinds["company"]], interests=[interests["chess"]])
    karin = OfferFactory(programme=programme, name="Karin Ek", district=districts["stenhamra"],
                         kinds=[kinds["company"], kinds["walk"]], interests=[interests["chess"]])
    return greta, karin


def test_a_run_proposes_the_pair_with_reasons_in_words(pairs, programme, coordinator):
    greta, karin = pairs
    run = services.run_programme(programme=programme, by=coordinator)
    assert run.status == Run.Status.DONE and run.matched == 1
    proposal = Proposal.objects.get(run=run)
    assert (proposal.request, proposal.offer) == (greta, karin)
    from samverka.matching import adapter

    words = adapter.sentences(proposal.reasons, adapter.Names.for_reasons([proposal.reasons]))
    # Swedish once the catalogue has them: "Ni delar intresset för schack.", "Ni bor ungefär 8 km från varandra."
    assert _("You share the interest in %(what)s.") % {"what": "schack"} in words
    assert _("You live about %(km)s km from each other.") % {"km": 8} in words
    assert AuditEvent.objects.filter(action="matching.run").count() == 1


def test_someone_who_is_not_a_coordinator_cannot_run(pairs, programme, other_coordinator, official):
    for person in (other_coordinator, official):
        with pytest.raises(PermissionDenied):
            services.run_programme(programme=programme, by=person)
    assert not Run.objects.exists()


def test_a_second_run_is_refused_with_who_started_the_first(pairs, programme, coordinator, administrator):
    Run.objects.create(programme=programme, started_by=administrator)
    with override("en"), pytest.raises(ActionError, match="started by Maja Ekström at"):
        services.run_programme(programme=programme, by=coordinator)
    assert Run.objects.count() == 1


def test_a_run_left_going_by_a_crash_is_marked_failed_and_a_new_one_may_start(pairs, programme, coordinator):
    Run.objects.create(programme=programme, started_at=timezone.now() - timedelta(hours=1))
    run = services.run_programme(programme=programme, by=coordinator)
    assert run.status == Run.Status.DONE
    assert Run.objects.filter(status=Run.Status.FAILED).count() == 1


def test_a_crash_mid_run_writes_no_proposals(pairs, programme, coordinator):
    old = ProposalFactory(run__programme=programme, programme=programme)
    with mock.patch.object(engine, "alternatives", side_effect=RuntimeError("out of memory")):
        run = services.run_programme(programme=programme, by=coordinator)
    assert run.status == Run.Status.FAILED and "out of memory" in run.error
    assert not Proposal.objects.filter(run=run).exists()
    old.refresh_from_db()
    assert old.status == Proposal.Status.PROPOSED  # the previous proposals stay as they were


def test_a_new_run_supersedes_open_proposals_and_never_touches_matches(pairs, programme, coordinator, kinds):
    greta, karin = pairs
    old = ProposalFactory(run__programme=programme, programme=programme)
    matched = MatchFactory(programme=programme, offer=karin, status=Match.Status.ACTIVE)
    karin.capacity = 1
    karin.save()
    run = services.run_programme(programme=programme, by=coordinator)
    old.refresh_from_db()
    assert old.status == Proposal.Status.SUPERSEDED
    assert not Proposal.objects.filter(run=run, offer=karin).exists()  # Karin is taken by her match
    assert run.blocked[str(greta.pk)] == engine.TAKEN
    matched.refresh_from_db()
    assert matched.status == Match.Status.ACTIVE


def test_participants_without_a_place_are_matched_and_nothing_feasible_says_why(programme, coordinator, kinds):
    nowhere = RequestFactory(programme=programme, name="Utan adress", kinds=[kinds["company"]])
    OfferFactory(programme=programme, name="Också utan", kinds=[kinds["company"]])
    reading = RequestFactory(programme=programme, name="Vill ha högläsning", kinds=[kinds["reading"]])
    run = services.run_programme(programme=programme, by=coordinator)
    assert Proposal.objects.filter(run=run, request=nowhere).exists()
    assert run.blocked == {str(reading.pk): engine.NO_KIND}


def test_accept_makes_a_match_and_asks_both_sides_to_confirm(pairs, programme, coordinator):
    greta, karin = pairs
    services.run_programme(programme=programme, by=coordinator)
    proposal = Proposal.objects.get(status=Proposal.Status.PROPOSED)
    match = services.accept(proposal=proposal, by=coordinator)
    assert match.status == Match.Status.AWAITING
    greta.refresh_from_db()
    karin.refresh_from_db()
    assert greta.status == karin.status == Participant.Status.MATCHED
    messages = OutboxMessage.objects.filter(channel="email").order_by("to")
    assert [m.to for m in messages] == sorted([greta.email, karin.email])
    bodies = {m.to: m.body_text for m in messages}
    assert f"/matchning/bekrafta/{match.request_token}/" in bodies[greta.email]
    assert f"/matchning/bekrafta/{match.offer_token}/" in bodies[karin.email]
    with pytest.raises(ActionError):
        services.accept(proposal=proposal, by=coordinator)  # twice: refused, nothing twice
    assert Match.objects.count() == 1


def test_accept_is_refused_when_the_person_withdrew_after_the_proposal(pairs, programme, coordinator):
    greta, _karin = pairs
    services.run_programme(programme=programme, by=coordinator)
    Participant.objects.filter(pk=greta.pk).update(status=Participant.Status.WITHDRAWN)
    proposal = Proposal.objects.get(status=Proposal.Status.PROPOSED)
    with pytest.raises(ActionError, match="Greta Holm"):
        services.accept(proposal=proposal, by=coordinator)
    assert not Match.objects.exists() and not OutboxMessage.objects.exists()


def test_accept_is_refused_when_the_giver_is_at_capacity(pairs, programme, coordinator):
    greta, karin = pairs
    services.run_programme(programme=programme, by=coordinator)
    MatchFactory(programme=programme, offer=karin, status=Match.Status.AWAITING)
    proposal = Proposal.objects.get(status=Proposal.Status.PROPOSED)
    with pytest.raises(ActionError, match="Karin Ek"):
        services.accept(proposal=proposal, by=coordinator)


def test_swap_chooses_an_alternative_and_lock_keeps_a_pair_in_the_next_run(programme, districts, kinds, coordinator):
    greta = RequestFactory(programme=programme, name="Greta Holm", district=districts["ekero-centrum"],
                           kinds=[kinds["company"]])
    karin = OfferFactory(programme=programme, name="Karin Ek", district=districts["ekero-centrum"],
                         kinds=[kinds["company"]])
    lars = OfferFactory(programme=programme, name="Lars Berg", district=districts["skå"], kinds=[kinds["company"]])
    services.run_programme(programme=programme, by=coordinator)
    proposal = Proposal.objects.get(status=Proposal.Status.PROPOSED)
    assert proposal.offer == karin
    assert [a["offer"] for a in proposal.alternatives] == [lars.pk]
    swapped = services.swap(proposal=proposal, offer_id=lars.pk, by=coordinator)
    assert swapped.offer == lars and swapped.request == greta
    services.lock(proposal=swapped, by=coordinator)
    run = services.run_programme(programme=programme, by=coordinator)
    kept = Proposal.objects.get(run=run)
    assert (kept.offer, kept.locked) == (lars, True)
    with pytest.raises(ActionError):
        services.swap(proposal=kept, offer_id=greta.pk, by=coordinator)


def test_pausing_a_matched_volunteer_ends_the_match_and_the_request_waits_again(programme, coordinator):
    match = MatchFactory(programme=programme, status=Match.Status.ACTIVE)
    services.pause_participant(participant=match.offer, by=coordinator)
    match.refresh_from_db()
    assert (match.status, match.end_reason) == (Match.Status.ENDED, Match.EndReason.NO_TIME)
    match.request.refresh_from_db()
    match.offer.refresh_from_db()
    assert match.request.status == Participant.Status.WAITING
    assert match.offer.status == Participant.Status.PAUSED


def test_ending_a_match_puts_the_request_back_unless_it_is_done(programme, coordinator):
    first = MatchFactory(programme=programme)
    services.end_match(match=first, reason=Match.EndReason.NOT_WORKING, note="Kemin stämde inte.", by=coordinator)
    first.request.refresh_from_db()
    assert first.request.status == Participant.Status.WAITING
    second = MatchFactory(programme=programme)
    services.end_match(match=second, reason=Match.EndReason.COMPLETED, by=coordinator)
    second.request.refresh_from_db()
    assert second.request.status == Participant.Status.LEFT and second.request.left_at
    with pytest.raises(ActionError):
        services.end_match(match=second, reason=Match.EndReason.COMPLETED, by=coordinator)


def test_a_closed_programme_is_not_run(programme, coordinator):
    Programme.objects.filter(pk=programme.pk).update(status=Programme.Status.CLOSED)
    programme.refresh_from_db()
    with pytest.raises(ActionError):
        services.run_programme(programme=programme, by=coordinator)


def test_a_large_programme_is_computed_by_the_worker(pairs, programme, coordinator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run = services.run_programme(programme=programme, by=coordinator, inline=False)
    run.refresh_from_db()
    assert run.status == Run.Status.DONE and run.matched == 1


def test_contradictory_wishes_and_an_empty_side_are_named_on_the_waiting_list(programme, coordinator, kinds,
                                                                               districts):
    from samverka.matching import adapter, selectors

    services.run_programme(programme=programme, by=coordinator)  # nobody at all: nothing breaks
    walk = RequestFactory(programme=programme, name="Vill och vill inte", kinds=[kinds["walk"]],
                          district=districts["ekero-centrum"])
    walk.refuses.set([kinds["walk"]])  # asks for walks and refuses them
    alone = RequestFactory(programme=programme, name="Ensam", kinds=[kinds["company"]], district=districts["skå"])
    run = services.run_programme(programme=programme, by=coordinator)
    assert run.blocked == {str(walk.pk): engine.NO_OFFERS, str(alone.pk): engine.NO_OFFERS}
    OfferFactory(programme=programme, kinds=[kinds["walk"], kinds["company"]], district=districts["ekero-centrum"])
    run = services.run_programme(programme=programme, by=coordinator)
    assert run.blocked == {str(walk.pk): engine.REFUSED}
    reasons = {row.participant.name: row.reason for row in selectors.waiting_list(programme)}
    assert reasons["Vill och vill inte"] == adapter.blocking_reason(engine.REFUSED)
    assert reasons["Ensam"] == _("A match is proposed: decide on it among the proposals.")
