"""Birgitta, who coordinates Väntjänsten, says which Agenda 2030 goals it works towards on
its settings page; the programme's page and the goals' pages show them. Maja does the same in
the administration. Omar (another programme), Lina (a resident) and Sara (the owning office,
who appoints coordinators but does not tune the programme) change nothing."""

import re

from django.test import Client
from django.urls import reverse

from samverka.core.models import AuditEvent
from samverka.core.tests.admin_forms import admin_form
from samverka.core.tests.helpers import says
from samverka.matching.models import Programme

from .factories import ProgrammeFactory

RULES = {"radius_km": "15", "same_zone": "on", "required_check": "", "default_capacity": "1", "trial_days": "60",
         "check_in_days": "30", **{f"weight_{n}": "1" for n in (
             "distance", "kinds", "languages", "interests", "availability", "ages", "waiting", "urgent")}}


def settings_url(programme):
    return reverse("matching:settings", args=[programme.slug])


def goal_url(number):
    return reverse("goals:goal", args=[number])


def goals_of(programme) -> list[int]:
    return sorted(Programme.objects.get(pk=programme.pk).sdg_goals.values_list("number", flat=True))


def chosen(page: str) -> list[str]:
    """The goals ticked on the settings page."""
    boxes = re.findall(r'<input type="checkbox" name="sdg_goals"[^>]*>', page)
    return sorted(re.search(r'value="(\d+)"', box).group(1) for box in boxes if " checked" in box)


def test_birgitta_sets_the_goals_and_the_public_pages_show_them(birgitta, programme):
    page = birgitta.get(settings_url(programme)).content.decode()
    assert 'name="sdg_goals"' in page and says("Agenda 2030 goals") in page
    response = birgitta.post(settings_url(programme), {**RULES, "sdg_goals": ["3", "10"]})
    assert response.status_code == 302
    assert goals_of(programme) == [3, 10]
    event = AuditEvent.objects.get(action="matching.update_rules")
    assert len(event.changes["sdg_goals"][1]) == 2 and event.changes["sdg_goals"][0] == []
    # The settings page shows them chosen.
    page = birgitta.get(settings_url(programme)).content.decode()
    assert chosen(page) == ["10", "3"]
    # Anyone: the programme's page links to the goals' pages, which list the programme.
    visitor = Client()
    page = visitor.get(programme.get_absolute_url()).content.decode()
    assert goal_url(3) in page and goal_url(10) in page and goal_url(4) not in page
    for number in (3, 10):
        assert "Väntjänsten" in visitor.get(goal_url(number)).content.decode()
    assert "Väntjänsten" not in visitor.get(goal_url(4)).content.decode()
    index = visitor.get(reverse("goals:index")).content.decode()
    assert f"{says('Matching programmes')}: 1" in index
    # A change shows at once on the cached pages.
    assert birgitta.post(settings_url(programme), {**RULES, "sdg_goals": ["3"]}).status_code == 302
    assert goals_of(programme) == [3]
    assert "Väntjänsten" not in visitor.get(goal_url(10)).content.decode()
    assert goal_url(10) not in visitor.get(programme.get_absolute_url()).content.decode()


def test_saving_the_same_goals_again_records_nothing_and_other_rules_are_kept(birgitta, programme):
    birgitta.post(settings_url(programme), {**RULES, "radius_km": "12", "sdg_goals": ["3", "10"]})
    assert AuditEvent.objects.filter(action="matching.update_rules").count() == 1
    birgitta.post(settings_url(programme), {**RULES, "radius_km": "12", "sdg_goals": ["3", "10"]})
    assert AuditEvent.objects.filter(action="matching.update_rules").count() == 1
    programme.refresh_from_db()
    assert programme.radius_km == 12 and goals_of(programme) == [3, 10]
    # Leaving every box empty takes the goals away.
    birgitta.post(settings_url(programme), {**RULES, "radius_km": "12"})
    assert goals_of(programme) == []
    assert AuditEvent.objects.filter(action="matching.update_rules").count() == 2


def test_an_unknown_goal_is_refused_next_to_the_field_and_the_input_kept(birgitta, programme):
    response = birgitta.post(settings_url(programme), {**RULES, "radius_km": "25", "sdg_goals": ["3", "99"]})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="id_sdg_goals_error"' in page
    assert re.search(r'name="radius_km" value="25"', page) and chosen(page) == ["3"]  # her input stays
    assert goals_of(programme) == [] and not AuditEvent.objects.exists()


def test_others_change_no_goals(client, programme, other_coordinator, resident, official):
    programme.sdg_goals.set([3])
    data = {**RULES, "sdg_goals": ["1", "2"]}
    # Not logged in: to the login page.
    response = client.post(settings_url(programme), data)
    assert response.status_code == 302 and reverse("account_login") in response["Location"]
    # Omar coordinates another programme, Lina none: the programme's settings are not theirs to see.
    for user in (other_coordinator, resident):
        client.force_login(user)
        assert client.post(settings_url(programme), data).status_code == 404, user
        assert client.get(settings_url(programme)).status_code == 404, user
    # Sara's office owns it: she sees the settings page (coordinators) but tunes nothing.
    client.force_login(official)
    assert client.post(settings_url(programme), data).status_code == 403
    assert 'name="sdg_goals"' not in client.get(settings_url(programme)).content.decode()
    assert goals_of(programme) == [3]
    assert not AuditEvent.objects.exists()


def test_maja_sets_the_goals_in_the_administration_through_the_service(maja, programme, client):
    url = reverse("admin:matching_programme_change", args=[programme.pk])
    response = maja.post(url, admin_form(maja, url, sdg_goals=["10", "16"]))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert goals_of(programme) == [10, 16]
    event = AuditEvent.objects.get(action="matching.change_programme")
    assert len(event.changes["sdg_goals"][1]) == 2
    assert "Väntjänsten" in client.get(goal_url(16)).content.decode()


def test_a_draft_or_closed_programme_is_not_on_the_goals_page(client, db):
    for status in (Programme.Status.DRAFT, Programme.Status.CLOSED):
        ProgrammeFactory(name=f"Hemligt program {status}", status=status).sdg_goals.add(10)
    ProgrammeFactory(name="Pausad vänkontakt", status=Programme.Status.PAUSED).sdg_goals.add(10)
    page = client.get(goal_url(10)).content.decode()
    assert "Hemligt program" not in page and "Pausad vänkontakt" in page
