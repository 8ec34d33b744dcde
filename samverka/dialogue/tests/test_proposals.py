"""Proposals and comments: only while the phase allows, by role × phase (time-machine), the text
kept when refused, a rate limit, a honeypot, double submits, feedback items opened, follows."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from samverka.core.tests.helpers import flash, says
from samverka.dialogue.models import Comment, FeedbackItem, Follow, PhaseKind, Process, Proposal

from .factories import CommentFactory, ProcessFactory, ProposalFactory

pytestmark = pytest.mark.django_db

PROPOSAL = {"title": "Öppna gården på lördagar", "body": "Många unga har ingenstans att vara på helgen.",
            "submission_token": "t1"}


def _timed_process(office):
    """Information for ten days, then proposals for ten days, then feedback."""
    start = timezone.now()
    return ProcessFactory(office=office, phases=[
        (PhaseKind.INFORMATION, start, start + timedelta(days=10)),
        (PhaseKind.PROPOSALS, start + timedelta(days=10), start + timedelta(days=20)),
        (PhaseKind.FEEDBACK, start + timedelta(days=20), start + timedelta(days=60)),
    ])


@pytest.mark.parametrize(("day", "may"), [(5, False), (15, True), (25, False)])
def test_proposals_only_in_the_phase_for_proposals(client, office, resident, day, may):
    process = _timed_process(office)
    with time_machine.travel(timezone.now() + timedelta(days=day), tick=False):
        client.force_login(resident)
        response = client.post(reverse("dialogue:propose", args=[process.slug]), PROPOSAL)
        assert Proposal.objects.exists() is may
        if not may:
            page = response.content.decode()
            assert response.status_code == 200 and "Många unga har ingenstans att vara på helgen." in page
            assert "phase for proposals has ended" in page or "fas" in page
        comment = client.post(reverse("dialogue:comment", args=[process.slug]),
                              {"body": "Bra!", "submission_token": "c1"})
        assert Comment.objects.exists() is may
        if not may:
            assert comment.status_code == 200 and "Bra!" in comment.content.decode()


@pytest.mark.parametrize("who", ["anonymous", "resident", "representative", "official", "administrator"])
def test_who_may_propose_on_an_open_process_for_everyone(client, process, who, request):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    response = client.post(reverse("dialogue:propose", args=[process.slug]), PROPOSAL)
    if who == "anonymous":
        assert response.status_code == 302 and "login" in response.url and not Proposal.objects.exists()
    else:
        assert Proposal.objects.count() == 1


def test_a_draft_and_an_invited_only_process_refuse_others(client, office, resident, representative, actor):
    draft = ProcessFactory(office=office, status=Process.Status.DRAFT)
    invited = ProcessFactory(office=office, audience=Process.Audience.INVITED)
    invited.invited_actors.add(actor)
    client.force_login(resident)
    assert client.post(reverse("dialogue:propose", args=[draft.slug]), PROPOSAL).status_code == 404
    assert client.post(reverse("dialogue:propose", args=[invited.slug]), PROPOSAL).status_code == 403
    assert not Proposal.objects.exists()
    client.force_login(representative)
    assert client.post(reverse("dialogue:propose", args=[invited.slug]), PROPOSAL).status_code == 302
    assert Proposal.objects.filter(process=invited).count() == 1


def test_a_proposal_opens_a_feedback_item_and_the_author_follows_it(client, process, resident, official):
    client.force_login(resident)
    response = client.post(reverse("dialogue:propose", args=[process.slug]), PROPOSAL)
    proposal = Proposal.objects.get()
    assert response.url == proposal.get_absolute_url()
    item = FeedbackItem.objects.get(proposal=proposal)
    assert item.office == process.office and item.owner == official and item.is_open
    assert item.deadline == timezone.localdate() + timedelta(days=process.feedback_days)
    assert Follow.objects.filter(user=resident, proposal=proposal).exists()
    assert "Öppna gården på lördagar" in client.get(proposal.get_absolute_url()).content.decode()
    with translation.override("sv"):  # the date as people read it, not 2027-01-06
        told = date_format(item.deadline, "j F Y")
    assert told.split()[1].isalpha()
    assert any(told in m for m in flash(response))
    assert not any(item.deadline.isoformat() in m for m in flash(response))


def test_on_behalf_of_an_actor_only_for_ones_own(client, process, representative, actor, other_actor):
    client.force_login(representative)
    client.post(reverse("dialogue:propose", args=[process.slug]), {**PROPOSAL, "actor": str(other_actor.pk)})
    assert not Proposal.objects.exists()
    client.post(reverse("dialogue:propose", args=[process.slug]), {**PROPOSAL, "actor": str(actor.pk)})
    assert Proposal.objects.get().actor == actor
    assert "Parkinson Ekerö" in client.get(process.get_absolute_url()).content.decode()


def test_a_double_submit_creates_one_proposal(client, process, resident):
    client.force_login(resident)
    first = client.post(reverse("dialogue:propose", args=[process.slug]), PROPOSAL)
    second = client.post(reverse("dialogue:propose", args=[process.slug]), PROPOSAL)
    assert Proposal.objects.count() == 1 and FeedbackItem.objects.count() == 1
    assert first.url == second.url


def test_the_honeypot_keeps_robots_out(client, process, resident):
    client.force_login(resident)
    client.post(reverse("dialogue:propose", args=[process.slug]), {**PROPOSAL, "website": "http://spam.example"})
    assert not Proposal.objects.exists()


def test_empty_text_is_refused_next_to_the_field(client, process, resident):
    client.force_login(resident)
    response = client.post(reverse("dialogue:propose", args=[process.slug]), {"title": "Titel", "body": "   "})
    page = response.content.decode()
    assert response.status_code == 200 and "id_body_error" in page and 'value="Titel"' in page


def test_the_rate_limit_stops_a_flood_with_the_text_kept(client, process, resident, settings):
    settings.RATELIMIT_ENABLE = True
    client.force_login(resident)
    for n in range(20):
        client.post(reverse("dialogue:propose", args=[process.slug]),
                    {"title": f"Förslag {n}", "body": "Text", "submission_token": f"t{n}"})
    response = client.post(reverse("dialogue:propose", args=[process.slug]),
                           {"title": "Ett till", "body": "Sista texten", "submission_token": "last"})
    assert response.status_code == 429 and response["Retry-After"]
    assert "Sista texten" in response.content.decode()
    assert Proposal.objects.count() == 20


def test_a_thread_opens_a_feedback_item_and_replies_stay_one_level(client, process, resident):
    client.force_login(resident)
    url = reverse("dialogue:comment", args=[process.slug])
    client.post(url, {"body": "Fler bussar", "submission_token": "a"})
    root = Comment.objects.get()
    assert FeedbackItem.objects.filter(comment=root).count() == 1
    client.post(url, {"body": "Håller med", "parent": root.pk, "submission_token": "b"})
    reply = Comment.objects.get(body="Håller med")
    client.post(url, {"body": "Svar på svar", "parent": reply.pk, "submission_token": "c"})
    assert Comment.objects.get(body="Svar på svar").parent == root
    assert FeedbackItem.objects.count() == 1


def test_a_comment_on_a_proposal_shows_on_its_page_and_opens_no_item(client, process, resident):
    proposal = ProposalFactory(process=process)
    client.force_login(resident)
    response = client.post(reverse("dialogue:comment", args=[process.slug]),
                           {"body": "Bra förslag", "proposal": proposal.pk, "submission_token": "x"})
    assert response.url.startswith(proposal.get_absolute_url())
    assert "Bra förslag" in client.get(proposal.get_absolute_url()).content.decode()
    assert not FeedbackItem.objects.filter(comment__isnull=False).exists()


def test_follow_and_unfollow(client, process, resident):
    proposal = ProposalFactory(process=process)
    client.force_login(resident)
    client.post(reverse("dialogue:follow", args=[process.slug]), {"follow": "1"})
    client.post(reverse("dialogue:follow", args=[process.slug]), {"follow": "1"})
    client.post(reverse("dialogue:follow_proposal", args=[proposal.pk]), {"follow": "1"})
    assert Follow.objects.filter(user=resident).count() == 2
    client.post(reverse("dialogue:follow", args=[process.slug]), {"follow": "0"})
    assert Follow.objects.filter(user=resident).count() == 1
    client.logout()
    assert client.post(reverse("dialogue:follow", args=[process.slug])).status_code == 302
    assert Follow.objects.count() == 1


def test_a_hidden_proposal_takes_no_comments(client, process, resident):
    proposal = ProposalFactory(process=process, visibility="hidden", hidden_reason="Reklam")
    CommentFactory(process=process, proposal=proposal)
    client.force_login(resident)
    response = client.post(reverse("dialogue:comment", args=[process.slug]),
                           {"body": "Text kvar", "proposal": proposal.pk, "submission_token": "y"})
    assert response.status_code == 200 and "Text kvar" in response.content.decode()
    assert Comment.objects.count() == 1
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert "Reklam" in page and proposal.body not in page
    assert says("Hidden proposal") in page


def test_the_form_says_when_the_dialogue_takes_no_proposals(client, office, resident):
    process = _timed_process(office)
    client.force_login(resident)
    response = client.get(reverse("dialogue:propose", args=[process.slug]))
    assert response.status_code == 200
    assert says("This dialogue takes no proposals now. See the phases of the dialogue for when it does.") in \
        response.content.decode()


def test_a_reply_shows_what_it_answers_and_a_gone_parent_keeps_the_text(client, process, resident):
    root = CommentFactory(process=process, body="Fler bussar till Färentuna")
    client.force_login(resident)
    url = reverse("dialogue:comment", args=[process.slug])
    assert "Fler bussar till Färentuna" in client.get(url, {"parent": root.pk}).content.decode()
    response = client.post(url, {"body": "Mitt svar", "parent": "999999", "submission_token": "z"})
    assert response.status_code == 200 and "Mitt svar" in response.content.decode()
    assert Comment.objects.count() == 1


@pytest.mark.parametrize("kind", [PhaseKind.INFORMATION, PhaseKind.PROPOSALS, PhaseKind.COMMENTS, PhaseKind.MEETINGS,
                                  PhaseKind.FEEDBACK])
@pytest.mark.parametrize("who", ["resident", "representative", "official", "other_office", "administrator"])
def test_role_by_phase(client, office, request, kind, who):
    """Each phase kind lets everyone logged in do what PHASE_ACTIONS says, and nothing else,
    while the phase is under way (time-machine moves into it)."""
    from samverka.dialogue.models import PHASE_ACTIONS
    from samverka.municipality.tests.factories import OfficeMembershipFactory

    start = timezone.now() + timedelta(days=30)
    process = ProcessFactory(office=office, phases=[(kind, start, start + timedelta(days=10))])
    user = (OfficeMembershipFactory(office__slug="socialkontoret", office__name="Socialkontoret").user
            if who == "other_office" else request.getfixturevalue(who))
    with time_machine.travel(start + timedelta(days=1), tick=False):
        client.force_login(user)
        client.post(reverse("dialogue:propose", args=[process.slug]), PROPOSAL)
        client.post(reverse("dialogue:comment", args=[process.slug]), {"body": "Bra!", "submission_token": "c"})
    assert Proposal.objects.exists() is ("propose" in PHASE_ACTIONS[kind])
    assert Comment.objects.exists() is ("comment" in PHASE_ACTIONS[kind])
