"""Birgitta coordinates Väntjänsten through its pages: she finds matches, reads why each pair
fits, accepts, swaps, keeps and rejects, follows a match up, ends it, and pauses a volunteer.
Omar, who coordinates another programme, sees none of it; Sara, of the owning office,
appoints coordinators but does not open participants."""

import pytest
from django.urls import reverse
from django.utils.translation import gettext as _

from samverka.communication.models import OutboxMessage
from samverka.core.models import AuditEvent
from samverka.matching.models import CheckIn, Coordinator, Match, Participant, Programme, Proposal, Run

from .factories import MatchFactory, OfferFactory, ProposalFactory, RequestFactory


@pytest.fixture
def people(programme, districts, kinds, interests):
    greta = RequestFactory(programme=programme, name="Greta Holm", district=districts["ekero-centrum"],
                           kinds=[kinds["company"]], interests=[interests["chess"]], sensitive="Änka sedan i våras.")
    karin = OfferFactory(programme=programme, name="Karin Ek", district=districts["ekero-centrum"],
                         kinds=[kinds["company"]], interests=[interests["chess"]])
    lars = OfferFactory(programme=programme, name="Lars Berg", district=districts["skå"], kinds=[kinds["company"]])
    nils = RequestFactory(programme=programme, name="Nils Åberg", district=districts["adelso"],
                          kinds=[kinds["company"]])
    return greta, karin, lars, nils


def url(name, programme, *args):
    return reverse(f"matching:{name}", args=[programme.slug, *args])


def test_birgitta_finds_matches_and_reads_why_they_fit(birgitta, programme, people):
    greta, karin, lars, nils = people
    response = birgitta.post(url("run", programme), follow=True)
    assert response.redirect_chain[-1][0] == url("review", programme)
    page = response.content.decode()
    assert "Greta Holm" in page and "Karin Ek" in page
    assert _("You share the interest in %(what)s.") % {"what": "schack"} in page
    assert "Lars Berg" in page  # the alternative, with what it costs the others
    # Nils on Adelsö has nobody in his island group: the waiting list says why.
    page = birgitta.get(url("waiting", programme)).content.decode()
    assert "Nils Åberg" in page
    assert _("Everyone who fits lives too far away or in another island group.") in page


def test_birgitta_accepts_a_proposal_and_both_are_asked_to_confirm(birgitta, programme, people):
    greta, karin, *_rest = people
    birgitta.post(url("run", programme))
    proposal = Proposal.objects.get(request=greta, status=Proposal.Status.PROPOSED)
    response = birgitta.post(url("decide", programme, proposal.pk), {"action": "accept"})
    assert response.status_code == 302
    match = Match.objects.get()
    assert (match.request, match.offer, match.status) == (greta, karin, Match.Status.AWAITING)
    assert OutboxMessage.objects.count() == 2
    # A second click changes nothing and says why.
    response = birgitta.post(url("decide", programme, proposal.pk), {"action": "accept"}, follow=True)
    assert Match.objects.count() == 1 and OutboxMessage.objects.count() == 2
    assert _("This proposal has already been decided on, or a newer run replaced it.") in response.content.decode()
    page = birgitta.get(url("coordinate_match", programme, match.pk)).content.decode()
    assert _("has not answered yet") in page


def test_accepting_after_a_withdrawal_is_refused_with_a_message(birgitta, programme, people):
    greta, *_rest = people
    birgitta.post(url("run", programme))
    proposal = Proposal.objects.get(request=greta, status=Proposal.Status.PROPOSED)
    Participant.objects.filter(pk=greta.pk).update(status=Participant.Status.WITHDRAWN)
    response = birgitta.post(url("decide", programme, proposal.pk), {"action": "accept"}, follow=True)
    assert "Greta Holm" in response.content.decode()
    assert not Match.objects.exists() and not OutboxMessage.objects.exists()


def test_birgitta_swaps_keeps_and_rejects(birgitta, programme, people):
    greta, karin, lars, _nils = people
    birgitta.post(url("run", programme))
    proposal = Proposal.objects.get(request=greta, status=Proposal.Status.PROPOSED)
    birgitta.post(url("decide", programme, proposal.pk), {"action": "swap", "offer": str(lars.pk)})
    swapped = Proposal.objects.get(request=greta, status=Proposal.Status.PROPOSED)
    assert swapped.offer == lars
    birgitta.post(url("decide", programme, swapped.pk), {"action": "lock"})
    swapped.refresh_from_db()
    assert swapped.locked
    response = birgitta.post(url("decide", programme, swapped.pk), {"action": "swap", "offer": "nonsense"}, follow=True)
    assert _("Choose one of the alternatives shown.") in response.content.decode()
    birgitta.post(url("decide", programme, swapped.pk), {"action": "reject"})
    swapped.refresh_from_db()
    assert swapped.status == Proposal.Status.REJECTED


def test_a_second_run_while_one_is_going_is_refused_with_who_and_when(birgitta, programme, people, administrator):
    Run.objects.create(programme=programme, started_by=administrator)
    response = birgitta.post(url("run", programme), follow=True)
    assert "Maja Ekström" in response.content.decode()
    assert Run.objects.count() == 1


def test_birgitta_notes_a_follow_up_and_ends_a_match(birgitta, programme):
    match = MatchFactory(programme=programme, request__name="Greta Holm", offer__name="Karin Ek")
    response = birgitta.post(url("note_check_in", programme, match.pk), {"answer": "good", "note": "Fikar varje vecka."})
    assert response.status_code == 302
    assert CheckIn.objects.get(match=match).answer == "good"
    response = birgitta.post(url("end_match", programme, match.pk), {"reason": "", "note": "Vet inte"})
    assert response.status_code == 400
    assert "Vet inte" in response.content.decode()  # what she wrote is kept
    birgitta.post(url("end_match", programme, match.pk), {"reason": "moved", "note": "Karin flyttade."})
    match.refresh_from_db()
    assert (match.status, match.end_reason) == (Match.Status.ENDED, "moved")


def test_opening_a_participant_shows_the_sensitive_field_and_is_logged(birgitta, programme, people):
    greta, *_rest = people
    response = birgitta.get(url("coordinate_participant", programme, greta.pk))
    assert "Änka sedan i våras." in response.content.decode()
    event = AuditEvent.objects.get(action="matching.participant_view")
    assert event.target_id == str(greta.pk)


def test_pausing_a_matched_volunteer_sends_the_request_back_to_waiting(birgitta, programme):
    match = MatchFactory(programme=programme)
    birgitta.post(url("pause", programme, match.offer.pk), {"action": "pause", "note": "Sjukskriven"})
    match.refresh_from_db()
    match.request.refresh_from_db()
    assert match.status == Match.Status.ENDED and match.request.status == Participant.Status.WAITING
    birgitta.post(url("pause", programme, match.offer.pk), {"action": "resume"})
    match.offer.refresh_from_db()
    assert match.offer.status == Participant.Status.WAITING


def test_birgitta_tunes_the_weights_and_bad_input_is_kept(birgitta, programme):
    data = {"radius_km": "0", "same_zone": "on", "required_check": "record_extract", "default_capacity": "1",
            "trial_days": "60", "check_in_days": "30", **{f"weight_{n}": "1" for n in (
                "distance", "kinds", "languages", "interests", "availability", "ages", "waiting", "urgent")}}
    response = birgitta.post(url("settings", programme), data)
    assert response.status_code == 400
    assert _("Write a distance of at least 1 km.") in response.content.decode()
    response = birgitta.post(url("settings", programme), {**data, "radius_km": "8", "weight_interests": "3"})
    assert response.status_code == 302
    programme.refresh_from_db()
    assert programme.radius_km == 8 and programme.weights["interests"] == 3.0
    assert programme.required_check == "record_extract"
    assert AuditEvent.objects.filter(action="matching.update_rules").exists()


def test_sara_of_the_owning_office_appoints_a_coordinator_but_opens_no_participant(client, official, programme,
                                                                                  people, resident):
    greta, karin, *_rest = people
    proposal = ProposalFactory(run__programme=programme, programme=programme, request=greta, offer=karin)
    match = MatchFactory(programme=programme, request=greta, offer=karin)
    client.force_login(official)
    assert client.get(url("settings", programme)).status_code == 200
    client.post(url("add_coordinator", programme), {"email": resident.email})
    assert Coordinator.objects.filter(programme=programme, user=resident).exists()
    # The dashboard she reaches from the settings: its figures, no names, no run button.
    response = client.get(url("coordinate", programme))
    assert response.status_code == 200
    page = response.content.decode()
    assert _("Waiting for a match") in page and "Greta Holm" not in page and "Karin Ek" not in page
    assert url("run", programme) not in page
    # The programme's own pages that need a coordinator: 403; its people, proposals and
    # matches: 404, as for any programme's she cannot see.
    for name in ("review", "waiting"):
        assert client.get(url(name, programme)).status_code == 403, name
    assert client.post(url("run", programme)).status_code == 403
    for name, args in [("coordinate_participant", (greta.pk,)), ("coordinate_match", (match.pk,))]:
        assert client.get(url(name, programme, *args)).status_code == 404, name
    for name, args, data in [("decide", (proposal.pk,), {"action": "reject"}),
                             ("end_match", (match.pk,), {"reason": "moved"}),
                             ("pause", (greta.pk,), {"action": "pause"})]:
        assert client.post(url(name, programme, *args), data).status_code == 404, name
    assert Proposal.objects.get().status == Proposal.Status.PROPOSED
    assert Match.objects.get().status == match.status and Run.objects.count() == 1  # the proposal's
    assert not AuditEvent.objects.filter(action__in=["matching.participant_view", "matching.reject"]).exists()


def test_a_match_of_another_programme_is_404_for_every_role(client, official, programme, other_programme,
                                                           other_coordinator, coordinator, people):
    """Omar coordinates Språkvän; Birgitta Väntjänsten; Sara's office owns Väntjänsten. A
    match of Språkvän asked for through Väntjänsten's addresses is not found, whoever asks."""
    theirs = MatchFactory(programme=other_programme, request=RequestFactory(programme=other_programme),
                          offer=OfferFactory(programme=other_programme))
    for user in (official, coordinator):
        client.force_login(user)
        assert client.get(url("coordinate_match", programme, theirs.pk)).status_code == 404, user
        assert client.post(url("end_match", programme, theirs.pk), {"reason": "moved"}).status_code == 404, user
    client.force_login(other_coordinator)
    assert client.get(url("coordinate_match", other_programme, theirs.pk)).status_code == 200
    assert Match.objects.get(pk=theirs.pk).status == theirs.status


def test_omar_of_another_programme_sees_nothing_and_changes_nothing(client, other_coordinator, programme, people):
    greta, karin, *_rest = people
    proposal = ProposalFactory(run__programme=programme, programme=programme, request=greta, offer=karin)
    match = MatchFactory(programme=programme)
    client.force_login(other_coordinator)
    for name, args in [("coordinate", ()), ("review", ()), ("waiting", ()), ("settings", ()),
                       ("coordinate_match", (match.pk,)), ("coordinate_participant", (greta.pk,))]:
        assert client.get(url(name, programme, *args)).status_code == 404, name
    for name, args, data in [("run", (), {}), ("decide", (proposal.pk,), {"action": "accept"}),
                             ("end_match", (match.pk,), {"reason": "moved"}),
                             ("note_check_in", (match.pk,), {"answer": "good"}),
                             ("pause", (greta.pk,), {"action": "pause"}), ("settings", (), {"radius_km": "3"}),
                             ("add_coordinator", (), {"email": "omar@example.org"})]:
        assert client.post(url(name, programme, *args), data).status_code == 404, name
    # Nor through his own programme's addresses with Väntjänsten's objects.
    other = Programme.objects.get(slug="spraakvan")
    assert client.get(url("coordinate_participant", other, greta.pk)).status_code == 404
    assert client.post(url("decide", other, proposal.pk), {"action": "accept"}).status_code == 404
    assert Run.objects.count() == 1 and Match.objects.count() == 1 and not OutboxMessage.objects.exists()
    assert Proposal.objects.get().status == Proposal.Status.PROPOSED
    assert not AuditEvent.objects.exists()


def test_alternatives_beyond_the_runs_budget_are_reckoned_when_birgitta_asks(birgitta, programme, people,
                                                                             monkeypatch):
    from samverka.matching import services

    greta, karin, lars, _nils = people
    monkeypatch.setattr(services, "PRICING_BUDGET", 0)
    birgitta.post(url("run", programme))
    proposal = Proposal.objects.get(request=greta, status=Proposal.Status.PROPOSED)
    assert [(a["offer"], a["others_lost"]) for a in proposal.alternatives] == [(lars.pk, None)]
    page = birgitta.get(url("review", programme)).content.decode()
    assert _("what it costs the others is not reckoned yet") in page
    response = birgitta.post(url("decide", programme, proposal.pk), {"action": "price"}, follow=True)
    proposal.refresh_from_db()
    assert proposal.alternatives[0]["others_lost"] is not None
    assert f'id="proposal-{proposal.pk}"' in response.content.decode()
    assert _("costs the others nothing") in response.content.decode()


def test_weights_that_all_say_zero_are_refused_and_an_empty_one_takes_the_usual(birgitta, programme):
    base = {"radius_km": "10", "default_capacity": "1", "trial_days": "60", "check_in_days": "30"}
    zeros = {f"weight_{n}": "0" for n in ("distance", "kinds", "languages", "interests", "availability", "ages",
                                          "areas")}
    response = birgitta.post(url("settings", programme), {**base, **zeros})
    assert response.status_code == 400
    assert _("Give at least one criterion a weight above 0, or every pair scores 0.") in response.content.decode()
    response = birgitta.post(url("settings", programme), {**base, **zeros, "weight_distance": ""})
    assert response.status_code == 302
    programme.refresh_from_db()
    assert programme.weights["distance"] == 1.0 and programme.weights["kinds"] == 0.0


def test_maja_the_administrator_runs_any_programme_and_her_look_at_a_participant_is_logged(maja, programme,
                                                                                          people, administrator):
    greta, *_rest = people
    assert maja.get(url("coordinate", programme)).status_code == 200
    assert maja.post(url("run", programme)).status_code == 302
    assert Run.objects.get().status == Run.Status.DONE
    # An active superuser passes every rule on the platform; what she opens is in the log.
    assert maja.get(url("coordinate_participant", programme, greta.pk)).status_code == 200
    assert AuditEvent.objects.get(action="matching.participant_view").user == administrator


def test_a_pair_turned_down_is_never_proposed_again(birgitta, client, programme, people):
    """Birgitta rejects Greta with Karin: the next run proposes Lars instead. Greta says no
    to Lars: the next run proposes neither, and the waiting list says why."""
    greta, karin, lars, _nils = people
    birgitta.post(url("run", programme))
    first = Proposal.objects.get(request=greta, status=Proposal.Status.PROPOSED)
    assert first.offer == karin
    birgitta.post(url("decide", programme, first.pk), {"action": "reject"})
    birgitta.post(url("run", programme))
    second = Proposal.objects.get(request=greta, status=Proposal.Status.PROPOSED)
    assert second.offer == lars
    assert karin.pk not in [a["offer"] for a in second.alternatives]
    birgitta.post(url("decide", programme, second.pk), {"action": "accept"})
    match = Match.objects.get(request=greta)
    client.post(reverse("matching:match", args=[match.request_token]), {"answer": "no", "reason": "För långt."})
    match.refresh_from_db()
    assert match.status == Match.Status.DECLINED
    birgitta.post(url("run", programme))
    assert not Proposal.objects.filter(request=greta, status=Proposal.Status.PROPOSED).exists()
    page = birgitta.get(url("waiting", programme)).content.decode()
    assert "Greta Holm" in page
    assert _("Everyone who fits has said no to this kind of help, is in the same household, or was turned down "
             "with them before.") in page
