"""Reports (one per person and item), hiding with a reason shown in place and the author told,
dismissing a report; only the office that runs the process moderates."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import pgettext

from samverka.communication.models import OutboxMessage
from samverka.core.tests.helpers import says
from samverka.dialogue.models import Report
from samverka.municipality.tests.factories import OfficeMembershipFactory

from .factories import CommentFactory, ProposalFactory

pytestmark = pytest.mark.django_db


def test_a_person_reports_once(client, process, resident):
    proposal = ProposalFactory(process=process)
    client.force_login(resident)
    url = reverse("dialogue:report_proposal", args=[proposal.pk])
    page = client.get(url)
    assert page.status_code == 200 and 'name="reason"' in page.text
    with translation.override("sv"):
        assert pgettext("send a report about a comment or proposal", "Report it") in page.text
    response = client.post(url, {"reason": ""})
    assert response.status_code == 200 and "id_reason_error" in response.content.decode()
    client.post(url, {"reason": "Reklam för en firma"})
    client.post(url, {"reason": "Reklam igen"})
    assert Report.objects.filter(proposal=proposal).count() == 1
    page = client.get(url)  # told, not shown the form again
    assert says("You have already reported this. The office looks at it.") in page.text
    assert 'name="reason"' not in page.text


def test_the_office_hides_with_a_reason_shown_in_place_and_the_author_told(client, process, official, resident):
    comment = CommentFactory(process=process, body="Ring Kalle på 070-1234567", author=resident)
    client.force_login(resident)
    client.post(reverse("dialogue:report_comment", args=[comment.pk]), {"reason": "Telefonnummer"})
    client.force_login(official)
    page = client.get(reverse("dialogue:moderation", args=[process.slug])).content.decode()
    assert "Telefonnummer" in page
    response = client.post(reverse("dialogue:hide_comment", args=[comment.pk]), {"reason": ""})
    assert response.status_code == 200 and "id_reason_error" in response.content.decode()
    client.post(reverse("dialogue:hide_comment", args=[comment.pk]), {"reason": "Dolt: innehöll ett telefonnummer"})
    comment.refresh_from_db()
    assert comment.is_hidden and comment.hidden_by == official
    assert Report.objects.get().status == Report.Status.HIDDEN
    mail = OutboxMessage.objects.get(to=resident.email)
    assert "Dolt: innehöll ett telefonnummer" in mail.body_text
    client.logout()
    page = client.get(process.get_absolute_url()).content.decode()
    assert "Dolt: innehöll ett telefonnummer" in page and "070-1234567" not in page
    assert says("Hidden by a moderator:") in page


def test_dismissing_keeps_the_text(client, process, official, resident):
    proposal = ProposalFactory(process=process, title="Fler bänkar")
    report = Report.objects.create(proposal=proposal, reporter=resident, reason="Tycker inte om det")
    client.force_login(official)
    client.post(reverse("dialogue:dismiss", args=[report.pk]))
    report.refresh_from_db()
    proposal.refresh_from_db()
    assert report.status == Report.Status.DISMISSED and not proposal.is_hidden
    assert "Fler bänkar" in client.get(process.get_absolute_url()).content.decode()


@pytest.mark.parametrize("who", ["resident", "representative", "other_office"])
def test_others_may_not_moderate(client, process, resident, request, who):
    proposal = ProposalFactory(process=process)
    comment = CommentFactory(process=process)
    report = Report.objects.create(proposal=proposal, reporter=resident, reason="Fel")
    user = (OfficeMembershipFactory(office__slug="socialkontoret", office__name="Socialkontoret").user
            if who == "other_office" else request.getfixturevalue(who))
    client.force_login(user)
    assert client.get(reverse("dialogue:moderation", args=[process.slug])).status_code == 403
    assert client.post(reverse("dialogue:hide_proposal", args=[proposal.pk]), {"reason": "x"}).status_code == 403
    assert client.post(reverse("dialogue:hide_comment", args=[comment.pk]), {"reason": "x"}).status_code == 403
    assert client.post(reverse("dialogue:dismiss", args=[report.pk])).status_code == 403
    proposal.refresh_from_db()
    comment.refresh_from_db()
    report.refresh_from_db()
    assert not proposal.is_hidden and not comment.is_hidden and report.status == Report.Status.OPEN
    assert not OutboxMessage.objects.exists()


def test_feedback_on_hidden_text_does_not_quote_it_in_public(client, process, official, resident):
    from django.utils import timezone

    from .factories import FeedbackItemFactory

    proposal = ProposalFactory(process=process, body="Ring Kalle på 070-1234567")
    item = FeedbackItemFactory(process=process, proposal=proposal, said=proposal.body, status="given",
                               response="Vi har svarat Kalle.", given_at=timezone.now())
    client.force_login(official)
    client.post(reverse("dialogue:hide_proposal", args=[proposal.pk]), {"reason": "Telefonnummer"})
    client.logout()
    assert "070-1234567" not in client.get(process.get_absolute_url()).content.decode()
    assert client.get(item.get_absolute_url()).status_code == 404
    assert "070-1234567" not in client.get("/api/v1/dialogue-processes/").content.decode()


def test_the_comment_actions_read_as_whole_phrases(client, process, resident):
    CommentFactory(process=process, body="En kommentar")
    client.force_login(resident)
    page = client.get(process.get_absolute_url()).text
    with translation.override("sv"):
        assert pgettext("verb: a link to reply to a comment", "Reply") in page
    assert says("Reply to this comment") in page
    assert says("to this comment") not in page.replace(says("Reply to this comment"), "")
    assert 'name="body"' in page and says("Send the comment") in page
