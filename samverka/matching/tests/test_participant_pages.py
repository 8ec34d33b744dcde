# ruff: noqa: F811 (the fixtures come from public_scene by import)
"""A participant's own pages, reached by the links in their messages: their status in
words and leaving the programme; saying yes or no to a match (nothing of the other is shown
before both said yes, and never what is for the coordinators only); answering a follow-up.
The link is the key: a wrong one finds nothing and changes nothing."""

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from samverka.communication.models import OutboxMessage
from samverka.core.audit import AuditEvent
from samverka.core.tests.helpers import says
from samverka.matching.models import CheckIn, Match, Participant, Proposal

from .factories import MatchFactory, OfferFactory, ProposalFactory, RequestFactory
from .public_scene import (  # noqa: F401 (fixtures)
    befriending,
    birgitta,
    friend_families,
    parts,
    social_office,
    swedish,
)


@pytest.fixture
def proposed(befriending, parts, birgitta):
    """Birgitta accepted a pair: Ingrid (asks, in Stenhamra) and Anders (gives, in Ekerö
    centrum). Both are asked to say yes."""
    ingrid = RequestFactory(programme=befriending, name="Ingrid Svensson", email="ingrid@example.org",
                            district=parts["stenhamra"], about="Jag älskar trädgård.", sensitive="Hör dåligt.",
                            status=Participant.Status.MATCHED)
    anders = OfferFactory(programme=befriending, name="Anders Lind", email="anders@example.org", phone="+46701112233",
                          district=parts["ekero-centrum"], about="Pensionerad lärare.",
                          sensitive="Har ont i knät.", status=Participant.Status.MATCHED)
    return MatchFactory(programme=befriending, request=ingrid, offer=anders, status=Match.Status.AWAITING)


def match_page(match, side="request"):
    return reverse("matching:match", args=[match.request_token if side == "request" else match.offer_token])


def test_nothing_of_the_other_is_shown_before_both_said_yes(client, proposed):
    page = client.get(match_page(proposed)).content.decode()
    assert says("Yes, I would like to meet") in page
    for secret in ("Anders", "Lind", "anders@example.org", "Pensionerad lärare", "Ekerö centrum", "Har ont i knät",
                   "070-111 22 33"):
        assert secret not in page

    client.post(match_page(proposed), {"answer": "yes"})
    proposed.refresh_from_db()
    assert proposed.request_confirmed_at and proposed.status == Match.Status.AWAITING
    page = client.get(match_page(proposed)).content.decode()
    assert says("You have said yes.") in page and "Anders" not in page
    assert not OutboxMessage.objects.filter(to__in=["ingrid@example.org", "anders@example.org"]).exists()


def test_when_both_said_yes_each_sees_what_the_match_needs_and_no_more(client, proposed):
    client.post(match_page(proposed), {"answer": "yes"})
    client.post(match_page(proposed, "offer"), {"answer": "yes"})
    proposed.refresh_from_db()
    assert proposed.status == Match.Status.ACTIVE
    today = timezone.localdate()
    assert proposed.trial_ends_on == today + timezone.timedelta(days=proposed.programme.trial_days)
    assert proposed.next_check_in_on == today + timezone.timedelta(days=proposed.programme.check_in_days)

    ingrids = client.get(match_page(proposed)).content.decode()
    assert says("Meet %(name)s", name="Anders") in ingrids
    assert "Ekerö centrum" in ingrids and "Pensionerad lärare." in ingrids and "anders@example.org" in ingrids
    assert "Lind" not in ingrids and "Har ont i knät" not in ingrids and "Hör dåligt" not in ingrids
    anders = client.get(match_page(proposed, "offer")).content.decode()
    assert says("Meet %(name)s", name="Ingrid") in anders and "Stenhamra" in anders
    assert "Svensson" not in anders and "Hör dåligt" not in anders
    # Each is told, by their own link; the coordinator too.
    assert OutboxMessage.objects.filter(to="ingrid@example.org", body_text__contains=proposed.request_token).exists()
    assert OutboxMessage.objects.filter(to="anders@example.org", body_text__contains=proposed.offer_token).exists()
    assert OutboxMessage.objects.filter(to="birgitta@example.org").count() == 1
    assert AuditEvent.objects.filter(action="matching.confirm_match").count() == 2


def test_saying_no_puts_both_back_on_the_waiting_list_and_tells_the_coordinator(client, proposed):
    client.post(match_page(proposed, "offer"), {"answer": "no", "reason": "Det är för långt för mig."})
    proposed.refresh_from_db()
    assert (proposed.status, proposed.end_note) == (Match.Status.DECLINED, "Det är för långt för mig.")
    assert {p.status for p in Participant.objects.all()} == {Participant.Status.WAITING}
    message = OutboxMessage.objects.get(to="birgitta@example.org")
    assert "Det är för långt för mig." in message.body_text
    page = client.get(match_page(proposed)).content.decode()
    assert says("This match did not happen.") in page
    # The other side can no longer say yes.
    client.post(match_page(proposed), {"answer": "yes"})
    proposed.refresh_from_db()
    assert proposed.status == Match.Status.DECLINED and proposed.request_confirmed_at is None


def test_a_wrong_link_finds_nothing_and_changes_nothing(client, proposed):
    for name in ("matching:match", "matching:check_in", "matching:participant"):
        assert client.get(reverse(name, args=["x" * 32])).status_code == 404
        assert client.post(reverse(name, args=["x" * 32]), {"answer": "yes"}).status_code == 404
    assert client.post(reverse("matching:confirm_email", args=["x" * 32])).status_code == 404
    proposed.refresh_from_db()
    assert proposed.status == Match.Status.AWAITING and not proposed.request_confirmed_at
    assert not AuditEvent.objects.exists()


def test_a_participant_page_says_where_they_stand_and_shows_no_one_else(client, befriending, parts):
    ingrid = RequestFactory(programme=befriending, name="Ingrid Svensson", district=parts["stenhamra"])
    other = RequestFactory(programme=befriending, name="Gösta Berg")
    page = client.get(reverse("matching:participant", args=[ingrid.token])).content.decode()
    assert "Ingrid Svensson" in page and "Stenhamra" in page
    assert "Gösta" not in page and other.token not in page
    assert says("Leave the programme") in page


def test_leaving_ends_the_match_frees_the_other_and_rejects_open_proposals(client, proposed, birgitta):
    ingrid, anders = proposed.request, proposed.offer
    open_proposal = ProposalFactory(programme=proposed.programme, run__programme=proposed.programme,
                                    request=RequestFactory(programme=proposed.programme), offer=anders)
    client.post(reverse("matching:participant", args=[anders.token]), {"reason": "Jag flyttar till Umeå."})
    anders.refresh_from_db()
    proposed.refresh_from_db()
    open_proposal.refresh_from_db()
    ingrid.refresh_from_db()
    assert (anders.status, anders.leave_reason) == (Participant.Status.WITHDRAWN, "Jag flyttar till Umeå.")
    assert anders.left_at is not None
    assert (proposed.status, proposed.end_reason) == (Match.Status.ENDED, Match.EndReason.WITHDREW)
    assert ingrid.status == Participant.Status.WAITING
    assert open_proposal.status == Proposal.Status.REJECTED
    assert "Jag flyttar till Umeå." in OutboxMessage.objects.get(to="birgitta@example.org").body_text
    page = client.get(reverse("matching:participant", args=[anders.token])).content.decode()
    assert says("You have left the programme.") in page
    assert says("Leave the programme") not in page
    # Leaving twice changes nothing more.
    client.post(reverse("matching:participant", args=[anders.token]), {"reason": ""})
    assert AuditEvent.objects.filter(action="matching.withdraw").count() == 1


@pytest.fixture
def active(proposed):
    proposed.status = Match.Status.ACTIVE
    proposed.request_confirmed_at = proposed.offer_confirmed_at = timezone.now()
    proposed.save()
    return proposed


def check_in_page(match, side="request"):
    return reverse("matching:check_in", args=[match.request_token if side == "request" else match.offer_token])


def test_both_sides_answer_the_follow_up_each_in_a_row_of_their_own(client, active):
    due = CheckIn.objects.create(match=active, due_on=timezone.localdate(), sent_at=timezone.now())
    client.post(check_in_page(active), {"answer": "good", "note": "Vi fikar varje tisdag."})
    client.post(check_in_page(active, "offer"), {"answer": "ok"})
    rows = list(CheckIn.objects.order_by("pk").values_list("pk", "side", "answer", "due_on"))
    assert rows[0] == (due.pk, "request", "good", due.due_on)
    assert rows[1][1:] == ("offer", "ok", due.due_on)
    assert not OutboxMessage.objects.filter(to="birgitta@example.org").exists()


def test_something_not_working_tells_the_coordinator(client, active):
    response = client.post(check_in_page(active), {"answer": "problem", "note": "Hon kommer inte när vi bestämt."},
                           follow=True)
    assert says("A coordinator will contact you soon.") in response.content.decode()
    check_in = CheckIn.objects.get()
    assert (check_in.side, check_in.answer, check_in.due_on) == ("request", "problem", timezone.localdate())
    assert "Hon kommer inte när vi bestämt." in OutboxMessage.objects.get(to="birgitta@example.org").body_text


def test_a_follow_up_needs_an_answer_and_an_active_match(client, proposed):
    page = client.post(check_in_page(proposed), {"answer": "good"}).content.decode()
    assert says("This match is not active, so there is nothing to follow up.") in page
    proposed.status = Match.Status.ACTIVE
    proposed.save()
    page = client.post(check_in_page(proposed), {"note": "Hej"}).content.decode()
    assert says("Choose how it is going.") in page and "Hej</textarea>" in page
    assert not CheckIn.objects.exists()


def test_a_stale_no_after_a_yes_keeps_the_yes_and_says_why(client, proposed):
    """Ingrid said yes in one tab; the "no" form of a page opened before is sent later."""
    client.post(match_page(proposed), {"answer": "yes"})
    response = client.post(match_page(proposed), {"answer": "no", "reason": "Ångrar mig."}, follow=True)
    proposed.refresh_from_db()
    assert proposed.status == Match.Status.AWAITING and proposed.request_confirmed_at
    assert says("You have already said yes to this match, so your answer stays yes. If you have changed your mind, "
                "write to the coordinators by answering one of our messages.") in response.content.decode()
    assert not AuditEvent.objects.filter(action="matching.decline_match").exists()
    assert not OutboxMessage.objects.filter(to="birgitta@example.org").exists()
    # The other side's no still declines.
    client.post(match_page(proposed, "offer"), {"answer": "no"})
    proposed.refresh_from_db()
    assert proposed.status == Match.Status.DECLINED


def test_the_participant_page_lists_everything_kept_in_the_page_language(client, friend_families, parts):
    from samverka.volunteers.models import Availability

    cooking = friend_families.choices.get(name="Matlagning")
    cooking.name_en, cooking.name_ar = "Cooking", "الطبخ"
    cooking.save()
    family = RequestFactory(programme=friend_families, name="Familjen Haddad", district=parts["stenhamra"],
                            interests=[cooking, friend_families.choices.get(name="Fotboll")],
                            availability=Availability.from_slots(["1-1"]),
                            details={"work": "Sjuksköterska", "household_size": 4, "children_ages": [4, 9]})
    link = reverse("matching:participant", args=[family.token])
    page = client.get(link).content.decode()
    for said in ("Interests", "When it suits you", "Work or education", "People in the household"):
        assert says(said) in page, said
    assert "Matlagning" in page and "Fotboll" in page and "Sjuksköterska" in page and "4, 9" in page
    with override("sv"):
        tuesday = dict(Availability.choices())["1-1"]
    assert tuesday in page
    with override("ar"):
        arabic = client.get(reverse("matching:participant", args=[family.token])).content.decode()
    assert "الطبخ" in arabic and "Matlagning" not in arabic
    assert "Fotboll" in arabic  # no Arabic or English name: the Swedish one


def test_the_programme_page_says_contact_details_are_shared_after_both_said_yes(client, befriending):
    page = client.get(befriending.get_absolute_url()).content.decode()
    assert says("You get a proposal and say yes or no. Only when both of you have said yes does the other side "
                "see your first name, your part of the municipality, what you wrote about yourself and how to "
                "reach you: your e-mail address and mobile phone number.") in page
