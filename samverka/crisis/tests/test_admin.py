"""Maja, the administrator, corrects the crisis under way in /admin/: the change goes through
the crisis' service, is in the history, and every visitor's banner follows at once (also on
pages cached for visitors). Staff without the right change nothing."""

from django.urls import reverse

from samverka.core.models import AuditEvent
from samverka.core.tests.admin_forms import admin_form, staff_client
from samverka.crisis.models import Crisis

OFFER = reverse("crisis:offer")


def change_url(crisis):
    return reverse("admin:crisis_crisis_change", args=[crisis.pk])


def test_a_correction_in_the_admin_is_recorded_and_the_banner_follows_at_once(client, maja, crisis, administrator):
    assert "Storm på öarna" in client.get(OFFER).content.decode()  # now cached for visitors

    response = maja.post(change_url(crisis), admin_form(maja, change_url(crisis), name="Storm och strömavbrott"))
    assert response.status_code == 302, response.content.decode()[:2000]

    event = AuditEvent.objects.get(action="crisis.update")
    assert event.user == administrator and event.changes == {"name": ["Storm på öarna", "Storm och strömavbrott"]}
    assert "Storm och strömavbrott" in client.get(OFFER).content.decode()
    assert "Storm och strömavbrott" in client.get(reverse("home")).content.decode()


def test_staff_without_the_right_get_403_and_nothing_changes(client, maja, crisis):
    clerk = staff_client("view_crisis", "change_crisis", "delete_crisis", app_label="crisis")
    data = admin_form(maja, change_url(crisis), name="Kapad")
    assert clerk.post(change_url(crisis), data).status_code == 403
    assert clerk.post(reverse("admin:crisis_crisis_delete", args=[crisis.pk]), {"post": "yes"}).status_code == 403
    assert Crisis.objects.get(pk=crisis.pk).name == "Storm på öarna"
    assert not AuditEvent.objects.exists()
    assert "Kapad" not in client.get(OFFER).content.decode()
