"""Maja, the administrator, changes Väntjänsten and its words in /admin/: through the
services, in the history. Staff without the right change nothing."""

from django.urls import reverse

from samverka.core.models import AuditEvent
from samverka.core.tests.admin_forms import admin_form, staff_client
from samverka.matching.models import Programme


def change_url(programme):
    return reverse("admin:matching_programme_change", args=[programme.pk])


def test_a_change_in_the_admin_goes_through_the_service(maja, programme, kinds):
    data = admin_form(maja, change_url(programme), summary="Sällskap och promenader för dig som är över 70.")
    response = maja.post(change_url(programme), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    programme.refresh_from_db()
    assert programme.summary.startswith("Sällskap och promenader")
    assert AuditEvent.objects.filter(action="matching.change_programme").exists()


def test_staff_without_the_right_get_403_and_nothing_changes(maja, programme):
    clerk = staff_client("view_programme", "change_programme", app_label="matching")
    data = admin_form(maja, change_url(programme), name="Kapad")
    assert clerk.post(change_url(programme), data).status_code == 403
    assert Programme.objects.get(pk=programme.pk).name == "Väntjänsten"
    assert not AuditEvent.objects.exists()
