"""Maja, the administrator, corrects needs in /admin/. Her changes go through the needs'
services, as on the publishers' pages: the rules are checked and every change is in the
history. Staff without the right change nothing."""

import pytest
from django.urls import reverse

from samverka.core.models import AuditEvent
from samverka.core.tests.admin_forms import admin_form, staff_client
from samverka.municipality.models import Office
from samverka.needs.models import Answer, Need
from samverka.needs.tests.factories import AnswerFactory, NeedFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def need(official):
    return NeedFactory(office=Office.objects.get(pk=next(iter(official.office_ids))), title="Ledare till språkcafé", slug="sprakcafe")


@pytest.fixture
def clerk():
    """Kim has the admin's "change need" permission but publishes for no one."""
    return staff_client("view_need", "change_need", "delete_need", app_label="needs")


def change_url(need):
    return reverse("admin:needs_need_change", args=[need.pk])


def test_a_change_in_the_admin_is_in_the_history_and_on_the_public_page(client, maja, need, administrator):
    response = maja.post(change_url(need), admin_form(maja, change_url(need), title="Värdar till språkcafé"))
    assert response.status_code == 302, response.content.decode()[:2000]

    event = AuditEvent.objects.get(action="need.update")
    assert event.user == administrator
    assert event.changes["title"] == ["Ledare till språkcafé", "Värdar till språkcafé"]
    assert "Värdar till språkcafé" in client.get(reverse("needs:detail", args=["sprakcafe"])).content.decode()


def test_closing_in_the_admin_closes_the_need_through_the_service(maja, need):
    response = maja.post(change_url(need), admin_form(maja, change_url(need), status="closed",
                                                      outcome="Två värdar hittades."))
    assert response.status_code == 302
    need.refresh_from_db()
    assert need.status == Need.Status.CLOSED and need.closed_at is not None
    assert AuditEvent.objects.get(action="need.close").changes == {"outcome": "Två värdar hittades."}


def test_deleting_in_the_admin_is_recorded(maja, need):
    response = maja.post(reverse("admin:needs_need_delete", args=[need.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not Need.objects.exists()
    assert AuditEvent.objects.get(action="need.delete").target_label == "Ledare till språkcafé"


def test_staff_without_the_right_get_403_and_nothing_changes(maja, clerk, need):
    data = admin_form(maja, change_url(need), title="Kapad")
    assert clerk.get(change_url(need)).status_code == 200  # the admin lets Kim in; the rule does not
    assert clerk.post(change_url(need), data).status_code == 403
    assert clerk.post(reverse("admin:needs_need_delete", args=[need.pk]), {"post": "yes"}).status_code == 403
    need.refresh_from_db()
    assert need.title == "Ledare till språkcafé"
    assert not AuditEvent.objects.exists()


def test_answers_are_read_in_the_admin_not_changed(maja, need):
    """Only the publisher handles answers (and tells the person who answered)."""
    answer = AnswerFactory(need=need)
    assert maja.get(reverse("admin:needs_answer_change", args=[answer.pk])).status_code == 200
    response = maja.post(reverse("admin:needs_answer_change", args=[answer.pk]),
                         {"need": need.pk, "user": answer.user_id, "kind": "signup", "message": "x",
                          "status": "accepted", "reply": "Välkommen!"})
    assert response.status_code == 403
    assert maja.post(reverse("admin:needs_answer_delete", args=[answer.pk]), {"post": "yes"}).status_code == 403
    answer.refresh_from_db()
    assert answer.status == Answer.Status.NEW
