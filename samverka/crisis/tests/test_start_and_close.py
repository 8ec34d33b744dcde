"""An administrator starts crisis mode on a page and closes it; the banner and the forms
follow at once, without a restart, and only one crisis can be under way."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from samverka.core.models import AuditEvent
from samverka.core.tests.helpers import says
from samverka.crisis.models import Crisis

from .factories import CrisisFactory


@pytest.fixture
def start_data(social_office, kinds):
    return {"name": "Storm på öarna", "message": "Hjälp dina grannar som saknar ström.",
            "help_kinds": [kinds["matinkop"].pk, kinds["transport"].pk], "triage_offices": [social_office.pk],
            "retention_days": "60"}


def test_start_shows_the_banner_at_once_and_close_removes_it(client, administrator, start_data, districts):
    client.force_login(administrator)
    home = client.get(reverse("home")).content.decode()
    assert "crisis-banner" not in home
    assert says("There is no crisis under way") in client.get(reverse("crisis:offer")).content.decode()

    response = client.post(reverse("crisis:start"), start_data)

    assert response.status_code == 302
    crisis = Crisis.objects.get()
    assert crisis.is_active and crisis.started_by == administrator and crisis.retention_days == 60
    assert set(crisis.help_kinds.values_list("slug", flat=True)) == {"matinkop", "transport"}
    home = client.get(reverse("home")).content.decode()
    assert "crisis-banner" in home and "Storm på öarna" in home and reverse("crisis:offer") in home
    offer = client.get(reverse("crisis:offer")).content.decode()
    assert "Skjuts och transport" in offer and "Rasta hunden" not in offer  # only the kinds needed
    assert AuditEvent.objects.filter(action="crisis.start").exists()

    response = client.post(reverse("crisis:close", args=[crisis.pk]))

    assert response.status_code == 302
    crisis.refresh_from_db()
    assert not crisis.is_active and crisis.ended_at and crisis.ended_by == administrator
    assert "crisis-banner" not in client.get(reverse("home")).content.decode()
    assert says("There is no crisis under way") in client.get(reverse("crisis:request")).content.decode()


def test_anonymous_visitors_see_the_banner_too(client, crisis):
    page = client.get(reverse("home"), headers={"accept-language": "en"}).content.decode()
    assert "crisis-banner" in page and crisis.name in page


def test_a_second_crisis_cannot_start_while_one_is_under_way(client, administrator, crisis, start_data):
    client.force_login(administrator)
    response = client.post(reverse("crisis:start"), start_data, follow=True)
    assert Crisis.objects.count() == 1
    assert says("A crisis is already under way: %(name)s.", name=crisis.name) in response.content.decode()


def test_the_database_allows_one_active_crisis_only(crisis):
    with pytest.raises(IntegrityError), transaction.atomic():
        CrisisFactory(name="En till")


def test_start_needs_a_triaging_office(client, administrator, start_data):
    client.force_login(administrator)
    response = client.post(reverse("crisis:start"), {**start_data, "triage_offices": []})
    assert response.status_code == 200
    assert says("Choose at least one office to handle the requests.") in response.content.decode()
    assert not Crisis.objects.exists()


def test_the_banner_costs_no_query_once_cached(client, crisis, django_assert_max_num_queries):
    client.get(reverse("crisis:index"))
    with django_assert_max_num_queries(0):
        response = client.get(reverse("crisis:index"))
    assert crisis.name in response.content.decode()


@pytest.mark.parametrize("who", ["anonymous", "resident", "official", "triager", "process_leader"])
def test_only_an_administrator_starts_and_closes(client, request, crisis, start_data, who):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    start = client.post(reverse("crisis:start"), start_data)
    close = client.post(reverse("crisis:close", args=[crisis.pk]))
    if who == "anonymous":
        assert start.status_code == 302 and "/konto/login/" in start["Location"]
        assert close.status_code == 302 and "/konto/login/" in close["Location"]
    else:
        assert start.status_code == 403
        assert close.status_code in (403, 404)
    crisis.refresh_from_db()
    assert crisis.is_active and Crisis.objects.count() == 1


def test_the_administrator_finds_start_a_crisis_in_the_admin(client, administrator, start_data, districts):
    client.force_login(administrator)
    index = client.get(reverse("admin:index")).content.decode()
    assert reverse("admin:crisis_crisis_add") in index
    changelist = client.get(reverse("admin:crisis_crisis_changelist")).content.decode()
    assert f'href="{reverse("crisis:start")}"' in changelist and says("Start a crisis") in changelist
    response = client.get(reverse("admin:crisis_crisis_add"))
    assert response.status_code == 302 and response["Location"] == reverse("crisis:start")
    client.post(reverse("crisis:start"), start_data)
    assert Crisis.objects.get().is_active
    assert AuditEvent.objects.filter(action="crisis.start").exists(), "the start went through the service"


def test_staff_without_the_right_to_start_a_crisis_cannot_add_one_in_the_admin(client, official):
    official.is_staff = True
    official.save(update_fields=["is_staff"])
    client.force_login(official)
    assert client.get(reverse("admin:crisis_crisis_add")).status_code == 403
    assert not Crisis.objects.exists()


def test_the_crisis_page_is_in_the_navigation_only_while_a_crisis_is_under_way(client, administrator, start_data,
                                                                                 districts):
    link = f'href="{reverse("crisis:index")}"'

    def nav():
        html = client.get(reverse("needs:index")).content.decode()
        return html[html.index('<nav class="site-nav"'):html.index("</nav>")]

    assert link not in nav()
    client.force_login(administrator)
    client.post(reverse("crisis:start"), start_data)
    crisis = Crisis.objects.get()
    client.logout()
    assert link in nav() and says("Crisis mode") in nav()
    client.force_login(administrator)
    client.post(reverse("crisis:close", args=[crisis.pk]))
    client.logout()
    assert link not in nav()
