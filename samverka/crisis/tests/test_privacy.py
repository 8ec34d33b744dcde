"""A help request's details are for the triaging officials and, once they say yes, the
volunteer who goes. Everyone else gets 404 and nothing changes; every official's view is
logged. For every object URL × persona."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from samverka.accounts.tests.factories import UserFactory
from samverka.core.models import AuditEvent
from samverka.crisis import services
from samverka.crisis.models import Crisis, HelpRequest, Task

from .factories import CrisisVolunteerFactory, HelpRequestFactory, TaskFactory, VolunteerFactory

OUTSIDERS = ["resident", "official", "process_leader", "representative", "volunteer_user"]


@pytest.fixture
def volunteer_user(crisis):
    """A volunteer in this crisis with an account, who is not assigned the request."""
    user = UserFactory(first_name="Nils", last_name="Berg", email="nils@example.org")
    CrisisVolunteerFactory(crisis=crisis, volunteer=VolunteerFactory(user=user, name="Nils Berg"))
    return user


@pytest.fixture
def scene(crisis, districts):
    help_request = HelpRequestFactory(crisis=crisis, district=districts[0], name="Greta Holm", status="offered")
    task = TaskFactory(help_request=help_request, volunteer=VolunteerFactory(name="Karin Ek"))
    return help_request, task


def snapshot():
    return (list(HelpRequest.objects.values()), list(Task.objects.values()))


URLS = {
    "detail": ("crisis:request_detail", "get", {}),
    "triage": ("crisis:triage", "post", {"priority": "urgent"}),
    "match": ("crisis:match", "post", {"volunteer": "1"}),
    "close_request": ("crisis:close_request", "post", {"note": "x"}),
}


@pytest.mark.parametrize("who", OUTSIDERS)
@pytest.mark.parametrize("key", [*URLS, "cancel_task", "requests", "overview"])
def test_outsiders_get_404_and_nothing_changes(client, request, scene, crisis, who, key):
    help_request, task = scene
    client.force_login(request.getfixturevalue(who))
    before = snapshot()
    if key in URLS:
        name, method, data = URLS[key]
        response = getattr(client, method)(reverse(name, args=[help_request.pk]), data)
    elif key == "cancel_task":
        response = client.post(reverse("crisis:cancel_task", args=[task.pk]))
    else:
        response = client.get(reverse(f"crisis:{key}", args=[crisis.pk]))
    if key == "overview" and who == "process_leader":
        assert response.status_code == 200  # counts only, no personal details
        assert "Greta Holm" not in response.content.decode()
    else:
        assert response.status_code == 404
    assert snapshot() == before
    assert not AuditEvent.objects.filter(action="help_request.view").exists()


@pytest.mark.parametrize("key", [*URLS, "cancel_task", "requests", "overview"])
def test_anonymous_visitors_are_sent_to_log_in(client, scene, crisis, key):
    help_request, task = scene
    before = snapshot()
    if key in URLS:
        name, method, data = URLS[key]
        response = getattr(client, method)(reverse(name, args=[help_request.pk]), data)
    elif key == "cancel_task":
        response = client.post(reverse("crisis:cancel_task", args=[task.pk]))
    else:
        response = client.get(reverse(f"crisis:{key}", args=[crisis.pk]))
    assert response.status_code == 302 and "/konto/login/" in response["Location"]
    assert snapshot() == before


@pytest.mark.parametrize("who", ["triager", "administrator"])
def test_triaging_officials_and_the_administrator_see_it_and_the_view_is_logged(client, request, scene, who):
    help_request, _ = scene
    user = request.getfixturevalue(who)
    client.force_login(user)
    response = client.get(help_request.get_absolute_url())
    assert response.status_code == 200 and "Greta Holm" in response.content.decode()
    event = AuditEvent.objects.get(action="help_request.view")
    assert event.user == user and event.target_id == str(help_request.pk)


def test_an_official_of_the_office_that_triages_another_crisis_only(client, scene, official, crisis):
    """Sara's office triaged an earlier crisis; this one is not hers."""
    from .factories import CrisisFactory

    old = CrisisFactory(name="Förra krisen", is_active=False, ended_at=crisis.started_at,
                        triage_offices=[official.office_memberships.get().office])
    mine = HelpRequestFactory(crisis=old, name="Bo Lind")
    client.force_login(official)
    assert client.get(mine.get_absolute_url()).status_code == 200
    assert client.get(scene[0].get_absolute_url()).status_code == 404


def test_the_volunteer_sees_only_what_they_need_through_their_link(client, scene, volunteer_user):
    help_request, task = scene
    page = client.get(task.get_absolute_url()).content.decode()
    assert "Greta Holm" not in page and help_request.address not in page and help_request.phone not in page
    Task.objects.filter(pk=task.pk).update(status="accepted")
    page = client.get(task.get_absolute_url()).content.decode()
    assert "Greta Holm" in page and help_request.address in page
    assert help_request.phone not in page and "070-174" not in page
    assert client.get(reverse("crisis:task_answer", args=["not-a-token"])).status_code == 404
    # A logged-in volunteer reaches nothing else.
    client.force_login(volunteer_user)
    assert client.get(help_request.get_absolute_url()).status_code == 404


def test_the_short_addresses_lead_to_the_crisis_page_when_there_is_nothing_to_see(client, resident, crisis):
    client.force_login(resident)
    for name in ("crisis:requests", "crisis:overview"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and response["Location"] == reverse("crisis:index")


def test_who_handles_a_crisis_is_one_queryset_the_pages_agree_with(client, crisis, triager, official, administrator,
                                                                     process_leader, resident):
    """Ali (whose office triages) and the administrator handle the storm; Sara (another
    office), the process leader and a resident do not, and the pages say the same."""
    requests_page = reverse("crisis:requests", args=[crisis.pk])
    for person, handles in [(triager, True), (administrator, True), (official, False), (process_leader, False),
                            (resident, False)]:
        assert Crisis.objects.handled_by(person).filter(pk=crisis.pk).exists() is handles
        client.force_login(person)
        assert client.get(requests_page).status_code == (200 if handles else 404)
    client.force_login(process_leader)  # reads every crisis' overview, handles none
    assert client.get(reverse("crisis:overview", args=[crisis.pk])).status_code == 200


def test_the_services_refuse_who_does_not_handle_the_crisis(crisis, official, process_leader, districts):
    help_request = HelpRequestFactory(crisis=crisis, status="new", priority="new")
    for person in (official, process_leader):
        with pytest.raises(PermissionDenied):
            services.triage(by=person, help_request=help_request, priority="urgent")
        with pytest.raises(PermissionDenied):
            services.close_request(by=person, help_request=help_request, note="Klart")
        with pytest.raises(PermissionDenied):
            services.close_crisis(by=person, crisis=crisis)
    help_request.refresh_from_db()
    crisis.refresh_from_db()
    assert help_request.priority == HelpRequest.Priority.NEW and help_request.status == "new" and crisis.is_active
