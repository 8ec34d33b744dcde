"""Feedback as a duty: the office's list (overdue first, counts), giving feedback (text
required), the outcome, reassigning, authors and followers told once, the public page, My pages."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from samverka.accounts.tests.factories import UserFactory
from samverka.communication.models import OutboxMessage
from samverka.dialogue.models import FeedbackItem, Follow
from samverka.municipality.tests.factories import OfficeMembershipFactory

from .factories import FeedbackItemFactory, ProposalFactory

pytestmark = pytest.mark.django_db


def _item(process, resident, **extra):
    proposal = ProposalFactory(process=process, author=resident, title="Öppna på lördagar")
    return FeedbackItemFactory(process=process, proposal=proposal, title=proposal.title, said=proposal.body, owner=process.contact,
                               **extra)


def test_the_office_list_puts_overdue_first_with_counts(client, official, process, resident):
    today = timezone.localdate()
    later = FeedbackItemFactory(process=process, title="Senare", deadline=today + timedelta(days=10))
    late = FeedbackItemFactory(process=process, title="Försenad", deadline=today - timedelta(days=3))
    FeedbackItemFactory(title="Annat kontor")
    client.force_login(official)
    page = client.get(reverse("dialogue:feedback_list")).content.decode()
    assert page.index(late.title) < page.index(later.title) and "Annat kontor" not in page
    assert "2 " in page and "1 " in page
    client.force_login(resident)
    assert client.get(reverse("dialogue:feedback_list")).status_code == 403


def test_feedback_needs_text_and_is_not_a_database_error(client, official, process, resident):
    item = _item(process, resident)
    client.force_login(official)
    response = client.post(reverse("dialogue:give_feedback", args=[item.pk]), {"response": "   ", "outcome": "adopted"})
    assert response.status_code == 200 and "id_response_error" in response.content.decode()
    item.refresh_from_db()
    assert item.is_open


def test_giving_feedback_tells_the_author_and_followers_once(client, official, process, resident):
    item = _item(process, resident)
    follower = UserFactory(email="follower@example.org")
    Follow.objects.create(user=follower, process=process)
    client.force_login(official)
    url = reverse("dialogue:give_feedback", args=[item.pk])
    client.post(url, {"response": "Vi öppnar på lördagar från mars.", "outcome": "adopted", "is_public": "on"})
    client.post(url, {"response": "Vi öppnar på lördagar från april.", "outcome": "adopted", "is_public": "on"})
    item.refresh_from_db()
    assert item.status == FeedbackItem.Status.GIVEN and item.outcome == "adopted" and item.given_by == official
    assert "april" in item.response
    assert OutboxMessage.objects.filter(to=resident.email).count() == 1
    assert OutboxMessage.objects.filter(to=follower.email).count() == 1
    client.logout()
    assert "april" in client.get(process.get_absolute_url()).content.decode()
    assert "april" in client.get(item.get_absolute_url()).content.decode()


def test_private_feedback_is_not_on_the_public_pages(client, official, process, resident):
    item = _item(process, resident)
    client.force_login(official)
    client.post(reverse("dialogue:give_feedback", args=[item.pk]), {"response": "Bara till dig", "outcome": "noted"})
    client.logout()
    assert client.get(item.get_absolute_url()).status_code == 404
    assert "Bara till dig" not in client.get(process.get_absolute_url()).content.decode()
    assert OutboxMessage.objects.filter(to=resident.email).count() == 1


def test_reassign_only_to_an_official_of_the_office(client, official, process, office, resident):
    item = _item(process, resident)
    colleague = OfficeMembershipFactory(office=office).user
    stranger = OfficeMembershipFactory(office__slug="socialkontoret", office__name="Socialkontoret").user
    client.force_login(official)
    client.post(reverse("dialogue:reassign", args=[item.pk]), {"owner": stranger.pk})
    item.refresh_from_db()
    assert item.owner == official
    client.post(reverse("dialogue:reassign", args=[item.pk]), {"owner": colleague.pk})
    item.refresh_from_db()
    assert item.owner == colleague
    assert OutboxMessage.objects.filter(to=colleague.email).count() == 1


@pytest.mark.parametrize("who", ["resident", "representative", "other_office"])
def test_others_may_not_give_feedback_or_reassign(client, process, resident, request, who, official):
    item = _item(process, resident)
    user = (OfficeMembershipFactory(office__slug="socialkontoret", office__name="Socialkontoret").user
            if who == "other_office" else request.getfixturevalue(who))
    client.force_login(user)
    url = reverse("dialogue:give_feedback", args=[item.pk])
    assert client.get(url).status_code in (403, 404)
    assert client.post(url, {"response": "Nej", "outcome": "noted"}).status_code in (403, 404)
    assert client.post(reverse("dialogue:reassign", args=[item.pk]), {"owner": user.pk}).status_code in (403, 404)
    item.refresh_from_db()
    assert item.is_open and item.owner == official
    assert not OutboxMessage.objects.exists()


def test_my_pages_count_the_officials_overdue_feedback(client, official, process):
    FeedbackItemFactory(process=process, owner=official, title="Försenad sak",
                        deadline=timezone.localdate() - timedelta(days=2))
    FeedbackItemFactory(process=process, owner=official, title="I tid", deadline=timezone.localdate() + timedelta(days=2))
    client.force_login(official)
    page = client.get(reverse("accounts:dashboard")).content.decode()
    assert "Försenad sak" in page and "I tid" in page
    assert page.index("Försenad sak") < page.index("I tid")


def test_the_participant_sees_what_came_of_what_they_said(client, official, process, resident):
    item = _item(process, resident)
    client.force_login(official)
    client.post(reverse("dialogue:give_feedback", args=[item.pk]),
                {"response": "Vi öppnar på lördagar från mars.", "outcome": "adopted", "is_public": "on"})
    client.force_login(resident)
    dashboard = client.get(reverse("accounts:dashboard")).content.decode()
    assert reverse("dialogue:mine") in dashboard
    page = client.get(reverse("dialogue:mine")).content.decode()
    assert "Öppna på lördagar" in page and "Vi öppnar på lördagar från mars." in page


def test_the_official_is_reminded_once_before_and_once_after_the_deadline(official, process):
    from io import StringIO

    from django.core.management import call_command

    today = timezone.localdate()
    item = FeedbackItemFactory(process=process, owner=official, deadline=today + timedelta(days=10))
    given = FeedbackItemFactory(process=process, owner=official, deadline=today - timedelta(days=1), status="given",
                                response="Gjort", given_at=timezone.now())
    out = StringIO()
    call_command("send_feedback_reminders", "--today", (today + timedelta(days=5)).isoformat(), stdout=out)
    assert not OutboxMessage.objects.exists()
    for days in (7, 8, 11, 12):
        call_command("send_feedback_reminders", "--today", (today + timedelta(days=days)).isoformat(), stdout=out)
    mails = list(OutboxMessage.objects.filter(to=official.email).order_by("pk"))
    assert len(mails) == 2 and item.title in mails[0].subject and item.title in mails[1].subject
    assert given.title not in "".join(m.subject for m in mails)


def test_an_item_with_no_subject_is_opened_answered_and_announced(client, official, office, resident):
    """An app above this one (a request to take part in a coming decision) opens an item with no
    subject and no process; the office answers it like any other, and `feedback_given` tells the
    app once it is given."""
    from samverka.dialogue import services_feedback
    from samverka.dialogue.signals import feedback_given

    item = services_feedback.open_item(by=resident, title="Request to take part", said="Vi vill vara med.",
                                       office=office, owner=official)
    assert item.process is None and item.deadline == timezone.localdate() + timedelta(days=30)
    assert item in FeedbackItem.objects.owned_by(official)
    heard = []

    def listener(sender, *, item, first_time, **kwargs):
        heard.append((item.pk, first_time))

    feedback_given.connect(listener)
    try:
        client.force_login(official)
        for text in ("Välkomna till mötet.", "Välkomna till mötet den 3 mars."):
            response = client.post(reverse("dialogue:give_feedback", args=[item.pk]),
                                   {"response": text, "outcome": "adopted", "is_public": "on"})
            assert response.status_code == 302
    finally:
        feedback_given.disconnect(listener)
    assert heard == [(item.pk, True), (item.pk, False)]
    item.refresh_from_db()
    assert item.status == FeedbackItem.Status.GIVEN and item.response == "Välkomna till mötet den 3 mars."
