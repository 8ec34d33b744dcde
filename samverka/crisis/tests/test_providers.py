"""An association as a help provider: it joins the crisis with its capacity, the triage
hands it requests, it accepts, says who goes and marks them done; a provider at capacity
or paused gets nothing more, and the request stays in the triage."""

import threading
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from samverka.activities.tests.test_concurrency import database_as_in_production  # noqa: F401
from samverka.actors.models import ActorMembership
from samverka.actors.tests.factories import MembershipFactory
from samverka.communication.models import OutboxMessage
from samverka.core.models import AuditEvent
from samverka.core.tests.helpers import flash, says
from samverka.crisis import selectors
from samverka.crisis.models import HelpProvider, HelpRequest, ProviderCapacity, ProviderTask

from .factories import HelpRequestFactory


def join_data(actor, kinds, **changes):
    data = {"actor": str(actor.pk), "contact_name": "Birgitta Holm", "contact_phone": "070-174 06 10",
            "hours": "Vardagar 9–17", f"kind_{kinds['matinkop'].pk}": "20", f"kind_{kinds['apotek'].pk}": "5"}
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


@pytest.fixture
def provider(crisis, actor, kinds):
    provider = HelpProvider.objects.create(crisis=crisis, actor=actor, contact_name="Birgitta Holm",
                                           contact_phone="+46701740610", hours="Vardagar 9–17")
    ProviderCapacity.objects.create(provider=provider, help_kind=kinds["matinkop"], per_day=2)
    return provider


def request_for(crisis, kinds, districts, reference):
    return HelpRequestFactory(crisis=crisis, reference=reference, district=districts[0],
                              help_kinds=[kinds["matinkop"]], status="open", priority="normal",
                              name="Greta Holm", phone="+46701740699", address="Bryggvägen 3")


def test_a_representative_joins_the_crisis_as_a_help_provider(client, crisis, representative, actor, kinds):
    client.force_login(representative)
    page = client.get(reverse("crisis:provider_join")).content.decode()
    assert kinds["matinkop"].label in page

    response = client.post(reverse("crisis:provider_join"), join_data(actor, kinds))

    provider = HelpProvider.objects.get()
    assert response["Location"] == provider.get_absolute_url()
    assert (provider.actor, provider.contact_phone, provider.hours) == (actor, "+46701740610", "Vardagar 9–17")
    assert dict(provider.capacities.values_list("help_kind__slug", "per_day")) == {"matinkop": 20, "apotek": 5}
    assert AuditEvent.objects.filter(action="crisis_provider.join").count() == 1
    # Joining again changes the capacity; still one provider.
    client.post(reverse("crisis:provider_join"), join_data(actor, kinds, **{f"kind_{kinds['apotek'].pk}": "0"}))
    assert HelpProvider.objects.count() == 1
    assert dict(provider.capacities.values_list("help_kind__slug", "per_day")) == {"matinkop": 20}


def test_bad_input_is_told_next_to_the_field_and_the_rest_kept(client, crisis, representative, actor, kinds):
    client.force_login(representative)
    response = client.post(reverse("crisis:provider_join"), join_data(
        actor, kinds, contact_phone="inte ett nummer", **{f"kind_{kinds['matinkop'].pk}": "0",
                                                         f"kind_{kinds['apotek'].pk}": "0"}))
    page = response.content.decode()
    assert response.status_code == 200 and not HelpProvider.objects.exists()
    assert says("Give the number of errands a day for at least one kind of help.") in page
    assert 'value="Birgitta Holm"' in page and 'value="Vardagar 9–17"' in page


def test_only_a_representative_joins_and_only_for_their_own_association(client, crisis, resident, representative,
                                                                        other_actor, kinds):
    client.force_login(resident)
    assert client.get(reverse("crisis:provider_join")).status_code == 403
    client.force_login(representative)
    response = client.post(reverse("crisis:provider_join"), join_data(other_actor, kinds))
    assert response.status_code == 200 and not HelpProvider.objects.exists()


def test_a_crisis_request_taken_by_an_association(client, crisis, triager, representative, provider, kinds,
                                                  districts):
    """From the triage to the association's own volunteers, and the requester is told who helps."""
    help_request = request_for(crisis, kinds, districts, "KH-FOR001")
    client.force_login(triager)
    page = client.get(help_request.get_absolute_url()).content.decode()
    assert says("Hand to %(name)s", name="Parkinson Ekerö") in page

    response = client.post(reverse("crisis:hand", args=[help_request.pk]), {"provider": provider.pk})
    assert says("The request is handed to the help provider. You see here when they accept it.") in flash(response)
    help_request.refresh_from_db()
    task = ProviderTask.objects.get()
    assert help_request.status == HelpRequest.Status.PROVIDER and task.status == "handed"
    assert OutboxMessage.objects.filter(idempotency_key=f"provider-task-{task.pk}-handed", to="+46701740610").exists()

    # The association sees the request, without the person's details until it accepts.
    client.force_login(representative)
    page = client.get(provider.get_absolute_url()).content.decode()
    assert "KH-FOR001" in page and "Greta Holm" not in page and "Bryggvägen 3" not in page

    client.post(reverse("crisis:provider_accept", args=[task.pk]))
    page = client.get(provider.get_absolute_url()).content.decode()
    assert "Greta Holm" in page and "Bryggvägen 3" in page
    help_request.refresh_from_db()
    assert help_request.status == HelpRequest.Status.ASSIGNED
    told = OutboxMessage.objects.get(idempotency_key=f"help-request-{help_request.pk}-provider-{task.pk}")
    assert told.to == "+46701740699" and "Parkinson Ekerö" in told.body_text and "KH-FOR001" in told.body_text

    client.post(reverse("crisis:provider_helpers", args=[task.pk]), {"helpers": "  Nils och   Ingrid "})
    task.refresh_from_db()
    assert task.helpers == "Nils och Ingrid"

    client.post(reverse("crisis:provider_done", args=[task.pk]))
    task.refresh_from_db()
    help_request.refresh_from_db()
    assert task.status == "done" and help_request.status == HelpRequest.Status.DONE and help_request.closed_at
    # The triage sees who helped.
    client.force_login(triager)
    assert "Nils och Ingrid" in client.get(help_request.get_absolute_url()).content.decode()
    assert set(AuditEvent.objects.filter(target_id=str(help_request.pk)).values_list("action", flat=True)) >= {
        "help_request.hand", "provider_task.accept", "provider_task.assign", "provider_task.done"}


def test_a_provider_at_capacity_gets_no_more_and_the_request_stays(client, crisis, triager, provider, kinds,
                                                                    districts):
    first, second, third = (request_for(crisis, kinds, districts, f"KH-CAP00{n}") for n in (1, 2, 3))
    client.force_login(triager)
    for help_request in (first, second):
        client.post(reverse("crisis:hand", args=[help_request.pk]), {"provider": provider.pk})

    response = client.post(reverse("crisis:hand", args=[third.pk]), {"provider": provider.pk})

    assert says("%(provider)s is at capacity today: %(used)s of %(per_day)s errands of %(kind)s are taken. The "
                "request stays here: choose another provider or a volunteer.", provider="Parkinson Ekerö", used=2,
                per_day=2, kind=kinds["matinkop"].label) in flash(response)
    third.refresh_from_db()
    assert third.status == "open" and ProviderTask.objects.filter(help_request=third).count() == 0
    assert says("Full today") in client.get(third.get_absolute_url()).content.decode()
    # A request given back frees its place; tomorrow the count starts again.
    client.post(reverse("crisis:provider_return", args=[ProviderTask.objects.get(help_request=first).pk]))
    first.refresh_from_db()
    assert first.status == "open"
    client.post(reverse("crisis:hand", args=[third.pk]), {"provider": provider.pk})
    third.refresh_from_db()
    assert third.status == "provider"
    with time_machine.travel(timezone.now() + timedelta(days=1)):
        client.post(reverse("crisis:hand", args=[first.pk]), {"provider": provider.pk})
    first.refresh_from_db()
    assert first.status == "provider"


def test_a_paused_provider_gets_nothing(client, crisis, triager, provider, kinds, districts):
    help_request = request_for(crisis, kinds, districts, "KH-PAUS01")
    client.force_login(triager)
    assert "Parkinson Ekerö" in client.get(reverse("crisis:providers", args=[crisis.pk])).content.decode()
    client.post(reverse("crisis:provider_pause", args=[provider.pk]), {"paused": "1"})
    provider.refresh_from_db()
    assert provider.is_paused

    response = client.post(reverse("crisis:hand", args=[help_request.pk]), {"provider": provider.pk})

    assert says("%(provider)s is paused and takes no requests just now. The request stays here: choose another "
                "provider or a volunteer.", provider="Parkinson Ekerö") in flash(response)
    help_request.refresh_from_db()
    assert help_request.status == "open"
    client.post(reverse("crisis:provider_pause", args=[provider.pk]), {"paused": "0"})
    provider.refresh_from_db()
    assert not provider.is_paused


def test_only_the_provider_sees_and_handles_its_requests(client, crisis, triager, provider, kinds, districts,
                                                         other_actor, official, resident):
    help_request = request_for(crisis, kinds, districts, "KH-PERM01")
    client.force_login(triager)
    client.post(reverse("crisis:hand", args=[help_request.pk]), {"provider": provider.pk})
    task = ProviderTask.objects.get()
    stranger = MembershipFactory(actor=other_actor, role=ActorMembership.Role.OWNER).user
    urls = [reverse(name, args=[task.pk]) for name in ("crisis:provider_accept", "crisis:provider_helpers",
                                                        "crisis:provider_done", "crisis:provider_return")]
    for user in (stranger, official, resident):
        browser = Client()
        browser.force_login(user)
        assert browser.get(provider.get_absolute_url()).status_code == 404
        for url in urls:
            assert browser.post(url, {"helpers": "X"}).status_code == 404
        assert browser.post(reverse("crisis:provider_pause", args=[provider.pk]), {"paused": "1"}).status_code == 404
    # The triage sees the provider but does not act for it.
    browser = Client()
    browser.force_login(triager)
    assert browser.get(provider.get_absolute_url()).status_code == 200
    assert browser.post(urls[0]).status_code == 403
    task.refresh_from_db()
    provider.refresh_from_db()
    assert task.status == "handed" and not provider.is_paused
    assert not AuditEvent.objects.filter(action__startswith="provider_task.").exists()


def test_the_provider_page_costs_the_same_queries_for_more_requests(client, crisis, triager, representative,
                                                                    provider, kinds, districts,
                                                                    django_assert_max_num_queries):
    provider.capacities.update(per_day=50)

    def hand(n):
        for i in range(n):
            help_request = request_for(crisis, kinds, districts, f"KH-Q{n:02d}{i:03d}")
            ProviderTask.objects.create(help_request=help_request, provider=provider, help_kind=kinds["matinkop"],
                                        status="accepted")
            HelpRequest.objects.filter(pk=help_request.pk).update(status="assigned")

    client.force_login(representative)
    hand(2)
    client.get(provider.get_absolute_url())
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert client.get(provider.get_absolute_url()).status_code == 200
    hand(20)
    with django_assert_max_num_queries(len(few)):
        assert "KH-Q20019" in client.get(provider.get_absolute_url()).content.decode()


@pytest.mark.django_db(transaction=True)
def test_two_officials_hand_the_last_place_at_once_one_wins(request, social_office, districts, kinds, actor):
    """The provider has room for one more errand today; two officials hand it two requests at
    the same moment, each with their own connection: exactly one is taken, the other stays."""
    from samverka.accounts.tests.factories import UserFactory
    from samverka.crisis import services
    from samverka.municipality.tests.factories import OfficeMembershipFactory

    from .factories import CrisisFactory

    crisis = CrisisFactory(triage_offices=[social_office])
    services.forget_active_crisis()
    provider = HelpProvider.objects.create(crisis=crisis, actor=actor, contact_name="Birgitta Holm",
                                           contact_phone="+46701740610", hours="Vardagar")
    ProviderCapacity.objects.create(provider=provider, help_kind=kinds["matinkop"], per_day=1)
    officials = [UserFactory(email=f"triage{n}@example.org") for n in range(2)]
    for user in officials:
        OfficeMembershipFactory(user=user, office=social_office)
    requests = [request_for(crisis, kinds, districts, f"KH-RACE0{n}") for n in range(2)]
    request.getfixturevalue("database_as_in_production")
    barrier, errors, answers = threading.Barrier(2), [], []

    def hand(user, help_request):
        try:
            browser = Client()
            browser.force_login(user)
            barrier.wait(timeout=10)
            answers.append(flash(browser.post(reverse("crisis:hand", args=[help_request.pk]),
                                              {"provider": provider.pk})))
        except Exception as error:  # pragma: no cover - shown by the assertion below
            errors.append(error)
        finally:
            from django.db import connection

            connection.close()

    threads = [threading.Thread(target=hand, args=pair) for pair in zip(officials, requests, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert ProviderTask.objects.count() == 1
    assert sorted(HelpRequest.objects.values_list("status", flat=True)) == ["open", "provider"]
    full = says("%(provider)s is at capacity today: %(used)s of %(per_day)s errands of %(kind)s are taken. The "
                "request stays here: choose another provider or a volunteer.", provider="Parkinson Ekerö", used=1,
                per_day=1, kind=kinds["matinkop"].label)
    assert sorted(full in answer for answer in answers) == [False, True]


def test_two_officials_hand_the_same_request_one_wins(crisis, triager, provider, kinds, districts, actor,
                                                      other_actor):
    """The second finds the request already with a provider, and is told so."""
    help_request = request_for(crisis, kinds, districts, "KH-SAME01")
    second_provider = HelpProvider.objects.create(crisis=crisis, actor=other_actor, contact_name="Ola",
                                                  contact_phone="+46701740611", hours="Alltid")
    ProviderCapacity.objects.create(provider=second_provider, help_kind=kinds["matinkop"], per_day=5)
    first, second = Client(), Client()
    first.force_login(triager)
    second.force_login(triager)
    stale = second.get(help_request.get_absolute_url())  # both see it open
    assert stale.status_code == 200
    first.post(reverse("crisis:hand", args=[help_request.pk]), {"provider": provider.pk})
    response = second.post(reverse("crisis:hand", args=[help_request.pk]), {"provider": second_provider.pk})
    assert says("This request already has a volunteer or a help provider, or it is closed.") in flash(response)
    assert list(ProviderTask.objects.values_list("provider", flat=True)) == [provider.pk]


def test_capacity_today_costs_two_queries(crisis, provider, django_assert_num_queries):
    with django_assert_num_queries(2):
        assert selectors.capacity_today([provider])[provider.pk][0]["left"] == 2


def test_the_coordinators_list_costs_the_same_queries_for_more_providers(client, crisis, triager, kinds,
                                                                         django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from samverka.actors.tests.factories import AssociationFactory

    def providers(n, start):
        for i in range(start, start + n):
            provider = HelpProvider.objects.create(crisis=crisis, actor=AssociationFactory(name=f"Förening {i:02d}"),
                                                   contact_name="Kontakt", contact_phone="+46701740620", hours="Alltid")
            ProviderCapacity.objects.create(provider=provider, help_kind=kinds["matinkop"], per_day=20)
            ProviderCapacity.objects.create(provider=provider, help_kind=kinds["apotek"], per_day=5)

    client.force_login(triager)
    url = reverse("crisis:providers", args=[crisis.pk])
    providers(2, 0)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    providers(15, 2)
    with django_assert_max_num_queries(len(few)):
        assert "Förening 16" in client.get(url).content.decode()
