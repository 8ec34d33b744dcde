"""The forward look: coming decisions per committee and office, followed by residents and
associations, moved and withdrawn with those who follow told once, and requests to take part
that become feedback items with an owner and a deadline."""

import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from samverka.communication.models import Notification, OutboxMessage
from samverka.dialogue.models import FeedbackItem
from samverka.dialogue.tests.factories import ProcessFactory
from samverka.municipality.models import Area, SdgGoal
from samverka.networks.tests.factories import GroupFactory, MeetingFactory
from samverka.plans.models import Follow, ForwardItem, ParticipationRequest

from .factories import CommitteeFactory, ForwardItemFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def committee(db):
    return CommitteeFactory(slug="kultur-och-fritidsnamnden", name="Kultur- och fritidsnämnden")


@pytest.fixture
def item(office, committee, official):
    item = ForwardItemFactory(office=office, committee=committee, contact=official,
                              title="Ny modell för lokalbidrag till föreningar", year=timezone.now().year + 1)
    item.areas.set([Area.objects.get(slug="kultur")])
    return item


def _form(office, committee, **over):
    data = {"office": office.pk, "committee": committee.pk, "title": "Kulturstrategi för Ekerö 2028–2032",
            "why": "Den gamla strategin löper ut.", "to_decide": "Mål och inriktning för kulturen.",
            "year": "2027", "quarter": "4", "level": "dialogue", "stage": "agenda_setting",
            "areas": [Area.objects.get(slug="kultur").pk], "take_part": "Dialogmöten i alla kommundelar.",
            "submission_token": "fwd-1"}
    data.update(over)
    return data


def test_an_official_adds_a_draft_publishes_it_and_the_followers_are_told_once(
        client, official, office, committee, resident, representative, django_capture_on_commit_callbacks):
    Follow.objects.create(user=resident, committee=committee, email=True)
    Follow.objects.create(user=representative, area=Area.objects.get(slug="kultur"))
    client.force_login(official)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("plans:add_forward_item"), _form(office, committee))
    item = ForwardItem.objects.get()
    assert response.url == item.get_absolute_url() and not item.is_published
    # A double submit creates nothing twice.
    client.post(reverse("plans:add_forward_item"), _form(office, committee))
    assert ForwardItem.objects.count() == 1
    # A draft is the office's own.
    client.logout()
    assert client.get(item.get_absolute_url()).status_code == 404
    assert "Kulturstrategi" not in client.get(reverse("plans:forward_look")).content.decode()

    client.force_login(official)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("plans:publish_forward_item", args=[item.pk]))
        client.post(reverse("plans:publish_forward_item", args=[item.pk]))
    assert set(Notification.objects.values_list("user_id", flat=True)) == {resident.pk, representative.pk}
    assert Notification.objects.count() == 2
    mails = OutboxMessage.objects.filter(idempotency_key__startswith="plans-forward-new")
    assert list(mails.values_list("to", flat=True)) == [resident.email]
    client.logout()
    page = client.get(reverse("plans:forward_look")).content.decode()
    assert "Kulturstrategi för Ekerö 2028–2032" in page and "Kultur- och fritidsnämnden" in page
    assert client.get(item.get_absolute_url()).status_code == 200


def test_bad_input_is_shown_next_to_the_field_and_the_rest_is_kept(client, official, office, committee):
    client.force_login(official)
    response = client.post(reverse("plans:add_forward_item"), _form(office, committee, title="", year="1999"))
    assert response.status_code == 200
    form = response.context["form"]
    assert "title" in form.errors and "year" in form.errors
    assert "Dialogmöten i alla kommundelar." in response.content.decode()
    assert not ForwardItem.objects.exists()


def test_strangers_cannot_change_a_coming_decision(client, item, resident, social_official, representative):
    draft = ForwardItemFactory(office=item.office, committee=item.committee, published_at=None)
    for person in (resident, social_official, representative):
        client.force_login(person)
        for name in ("edit_forward_item", "move_forward_item", "withdraw_forward_item"):
            assert client.get(reverse(f"plans:{name}", args=[item.pk])).status_code == 403
        assert client.post(reverse("plans:publish_forward_item", args=[draft.pk])).status_code == 404
        assert client.post(reverse("plans:decide_forward_item", args=[item.pk])).status_code == 403
        assert client.get(draft.get_absolute_url()).status_code == 404
    item.refresh_from_db()
    assert item.status == ForwardItem.Status.PLANNED


def test_a_process_leader_edits_any_office_s_item(client, item, process_leader):
    client.force_login(process_leader)
    assert client.get(reverse("plans:edit_forward_item", args=[item.pk])).status_code == 200


def test_moved_and_withdrawn_tell_the_followers_once(client, official, item, resident, representative,
                                                      django_capture_on_commit_callbacks):
    Follow.objects.create(user=resident, item=item, email=True)
    Follow.objects.create(user=representative, office=item.office)
    client.force_login(official)
    url = reverse("plans:move_forward_item", args=[item.pk])
    response = client.post(url, {"year": str(item.year + 1), "quarter": "1", "reason": ""})
    assert "reason" in response.context["form"].errors
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"year": str(item.year + 1), "quarter": "1",
                                     "reason": "Utredningen behöver mer tid."})
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.status, item.year, item.quarter) == (ForwardItem.Status.MOVED, item.moved_from_year + 1, 1)
    # The same move sent again is refused (it is the date it has), and tells nobody twice.
    client.post(url, {"year": str(item.year), "quarter": "1", "reason": "Igen."})
    assert Notification.objects.filter(key__startswith="plans-forward-moved").count() == 2
    assert OutboxMessage.objects.filter(idempotency_key__startswith="plans-forward-moved").count() == 1

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("plans:withdraw_forward_item", args=[item.pk]), {"reason": "Nämnden valde en annan väg."})
        client.post(reverse("plans:withdraw_forward_item", args=[item.pk]), {"reason": "Nämnden valde en annan väg."})
    assert Notification.objects.filter(key__startswith="plans-forward-withdrawn").count() == 2
    page = client.get(item.get_absolute_url()).content.decode()
    assert "Nämnden valde en annan väg." in page
    # A withdrawn item is no longer coming: it cannot be moved.
    response = client.post(url, {"year": str(item.year + 2), "quarter": "2", "reason": "Nytt försök."})
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    client.logout()
    look = client.get(reverse("plans:forward_look")).content.decode()
    assert "Recently decided or withdrawn" in look or "Nyligen beslutade" in look or item.title in look


def test_follow_and_unfollow_through_the_pages(client, item, resident, other_actor):
    client.force_login(resident)
    look = client.get(reverse("plans:forward_look"), {"namnd": item.committee.slug})
    assert look.status_code == 200 and look.context["follow_targets"][0]["row"] is None
    data = {"kind": "committee", "target": item.committee.pk, "email": "on", "next": "/evil.example.com"}
    client.post(reverse("plans:follow"), data)
    client.post(reverse("plans:follow"), data)
    row = Follow.objects.get()
    assert (row.user, row.committee, row.email) == (resident, item.committee, True)
    client.post(reverse("plans:follow"), {"kind": "item", "target": item.pk})
    client.post(reverse("plans:follow"), {"kind": "area", "target": 99999})
    assert Follow.objects.count() == 2
    assert "Kultur- och fritidsnämnden" in client.get(reverse("plans:my_follows")).content.decode()
    # Someone else cannot end the follow.
    other = Follow.objects.create(user=other_actor.memberships.first().user if other_actor.memberships.exists()
                                  else item.contact, office=item.office)
    assert client.post(reverse("plans:unfollow", args=[other.pk])).status_code == 404
    client.post(reverse("plans:unfollow", args=[row.pk]))
    assert not Follow.objects.filter(pk=row.pk).exists() and Follow.objects.filter(pk=other.pk).exists()


def test_the_filters_show_a_committee_an_office_an_area_and_a_goal(client, item, social_official):
    social = CommitteeFactory(slug="socialnamnden", name="Socialnämnden")
    office = social_official.office_memberships.get().office
    other = ForwardItemFactory(office=office, committee=social, title="Ny plan för anhörigstöd",
                               year=item.year)
    goal, _ = SdgGoal.objects.get_or_create(number=3, defaults={"title_sv": "Hälsa och välbefinnande",
                                                                "title_en": "Good health"})
    other.sdg_goals.set([goal])
    other.areas.set([Area.objects.get(slug="omsorg")])

    def titles(**params):
        return [i.title for term in client.get(reverse("plans:forward_look"), params).context["terms"]
                for _label, items in term.quarters for i in items]

    assert set(titles()) == {item.title, other.title}
    assert titles(namnd="socialnamnden") == [other.title]
    assert titles(forvaltning=item.office.slug) == [item.title]
    assert titles(omrade="kultur") == [item.title]
    assert titles(mal="3") == [other.title]
    assert set(titles(mal="nonsense")) == {item.title, other.title}


def test_a_request_to_take_part_becomes_feedback_and_its_answer_is_shown(
        client, item, official, representative, actor, django_capture_on_commit_callbacks):
    client.force_login(representative)
    url = reverse("plans:ask_to_take_part", args=[item.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"actor": actor.pk, "text": "Kort", "submission_token": "r1"})
    assert "text" in response.context["form"].errors
    data = {"actor": actor.pk, "submission_token": "r2",
            "text": "Vi vill vara med i dialogmötena och berätta hur små föreningar använder lokalerna."}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, data)
        client.post(url, data)
    request = ParticipationRequest.objects.get()
    feedback = request.feedback_item
    assert (request.actor, request.user, feedback.office, feedback.owner) == (actor, representative, item.office,
                                                                              official)
    assert feedback.process is None and feedback.deadline == timezone.localdate() + timedelta(days=30)
    assert "Parkinson Ekerö" in feedback.said
    assert OutboxMessage.objects.filter(to=official.email, idempotency_key__startswith="plans-forward-request")
    # Asking again for the same association is refused with a message.
    response = client.post(url, {**data, "submission_token": "r3"})
    assert response.status_code == 200 and ParticipationRequest.objects.count() == 1

    client.force_login(official)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("dialogue:give_feedback", args=[feedback.pk]),
                               {"response": "Välkomna till dialogmötet den 12 oktober i Ekerö centrum.",
                                "outcome": "adopted", "is_public": "on"})
    assert response.status_code == 302
    assert FeedbackItem.objects.get().status == FeedbackItem.Status.GIVEN
    told = Notification.objects.get(user=representative)
    assert told.url == item.get_absolute_url()
    assert OutboxMessage.objects.filter(to=representative.email, idempotency_key__startswith="plans-forward-answer")
    client.logout()
    page = client.get(item.get_absolute_url()).content.decode()
    assert "Välkomna till dialogmötet den 12 oktober" in page and "Parkinson Ekerö" in page


def test_a_request_for_an_association_one_does_not_represent_is_refused(client, item, resident, other_actor):
    client.force_login(resident)
    url = reverse("plans:ask_to_take_part", args=[item.pk])
    response = client.post(url, {"actor": other_actor.pk, "text": "Vi vill vara med i arbetet.",
                                 "submission_token": "x"})
    assert response.status_code == 200 and "actor" in response.context["form"].errors
    response = client.post(url, {"text": "Jag vill vara med i arbetet som boende.", "submission_token": "y"})
    assert ParticipationRequest.objects.get().actor is None


def test_no_request_to_a_withdrawn_item(client, item, resident):
    item.status = ForwardItem.Status.WITHDRAWN
    item.save()
    client.force_login(resident)
    assert client.post(reverse("plans:ask_to_take_part", args=[item.pk]),
                       {"text": "Jag vill vara med.", "submission_token": "z"}).status_code == 403
    assert not FeedbackItem.objects.exists()


def test_the_dialogue_it_started_and_the_next_plan_meeting(client, item, official,
                                                          django_capture_on_commit_callbacks):
    process = ProcessFactory(office=item.office, status="open", title="Dialog om lokalbidraget")
    group = GroupFactory(name="Samverkansrådet", kind="cooperation_body")
    MeetingFactory(group=group, title="Planeringsmöte", start=timezone.now() + timedelta(days=40))
    MeetingFactory(group=group, title="Höstmöte", start=timezone.now() + timedelta(days=10))
    client.force_login(official)
    data = {"office": item.office.pk, "committee": item.committee.pk, "title": item.title, "why": item.why,
            "to_decide": item.to_decide, "year": item.year, "quarter": item.quarter, "level": item.level,
            "stage": item.stage, "process": process.pk, "group": group.pk}
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(reverse("plans:edit_forward_item", args=[item.pk]), data).status_code == 302
    client.logout()
    page = client.get(item.get_absolute_url()).content.decode()
    assert "Dialog om lokalbidraget" in page and "Höstmöte" not in page  # the meeting's group name shows
    assert "Samverkansrådet" in page
    look = client.get(reverse("plans:forward_look")).content.decode()
    assert "Höstmöte" in look and "Planeringsmöte" not in look
    assert item.title in client.get(process.get_absolute_url()).content.decode()


def test_the_date_of_a_published_item_changes_only_by_moving_it(client, item, official):
    client.force_login(official)
    data = {"office": item.office.pk, "committee": item.committee.pk, "title": item.title, "why": item.why,
            "to_decide": item.to_decide, "year": item.year + 1, "quarter": item.quarter, "level": item.level,
            "stage": item.stage}
    response = client.post(reverse("plans:edit_forward_item", args=[item.pk]), data)
    assert response.status_code == 200 and "year" in response.context["form"].errors


def test_follows_and_requests_are_in_my_data_and_go_with_the_account(client, item, resident):
    Follow.objects.create(user=resident, committee=item.committee)
    client.force_login(resident)
    client.post(reverse("plans:ask_to_take_part", args=[item.pk]),
                {"text": "Jag bor på Adelsö och vill vara med.", "submission_token": "p"})
    download = json.loads(client.get(reverse("accounts:my_data"), {"download": "1"}).content)
    assert download["forward_follows"][0]["follows"] == "Kultur- och fritidsnämnden"
    assert download["forward_requests"][0]["text"] == "Jag bor på Adelsö och vill vara med."
    assert client.post(reverse("accounts:delete"), {"confirm": "RADERA"}).status_code == 302
    assert not Follow.objects.exists()
    request = ParticipationRequest.objects.get()
    assert (request.user, request.text, request.feedback_item.said) == (None, "", "")


def test_the_forward_look_asks_the_database_a_fixed_number_of_times(client, office, committee,
                                                                    django_assert_max_num_queries):
    from django.core.cache import cache

    def grow(n):
        for i in range(n):
            group = GroupFactory()
            MeetingFactory(group=group)
            made = ForwardItemFactory(office=office, committee=committee, year=timezone.now().year + i % 3,
                                      quarter=1 + i % 4, group=group,
                                      process=ProcessFactory(office=office, status="open"))
            made.areas.set(Area.objects.all()[:2])
            made.sdg_goals.set(SdgGoal.objects.all()[:2])
        ForwardItemFactory(office=office, committee=committee, status=ForwardItem.Status.WITHDRAWN)

    grow(2)
    with django_assert_max_num_queries(30) as small:
        assert client.get(reverse("plans:forward_look")).status_code == 200
    grow(8)
    cache.clear()
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(reverse("plans:forward_look")).status_code == 200
