"""Publishing a need: who may, what is checked, and that a double submit publishes one."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from samverka.core.models import AuditEvent
from samverka.core.tests.helpers import says
from samverka.needs.models import Need

pytestmark = pytest.mark.django_db


def need_form(publisher: str, contact, **overrides) -> dict:
    data = {
        "publisher": publisher, "title": "Ledare till språkcafé", "summary": "Vi söker två ledare.",
        "description": "Språkcaféet på biblioteket växer.", "kind": "volunteers", "people_needed": "2",
        "requirements": "", "district": "", "place": "Ekerö bibliotek", "starts_on": "", "ends_on": "",
        "when_text": "Tisdagar 18–20", "closes_on": (timezone.localdate() + timedelta(days=20)).isoformat(),
        "contact": str(contact.pk), "submission_token": "tok-1",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def office_of(official):
    return official.office_memberships.get().office


def test_an_official_publishes_a_need_for_the_office(client, official):
    client.force_login(official)
    office = office_of(official)
    response = client.post(reverse("needs:create"), need_form(f"office:{office.pk}", official,
                                                              record_extract_required="on", sdg_goals=["4", "10"]))
    need = Need.objects.get()
    assert response.status_code == 302 and response["Location"] == need.get_absolute_url()
    assert need.office == office and need.actor is None and need.contact == official
    assert need.record_extract_required and need.people_needed == 2
    assert sorted(need.sdg_goals.values_list("pk", flat=True)) == [4, 10]
    assert AuditEvent.objects.filter(action="need.create").count() == 1
    page = client.get(need.get_absolute_url()).content.decode()
    assert says("Criminal-record extract required") in page


def test_a_representative_publishes_for_the_actor(client, representative, actor):
    client.force_login(representative)
    client.post(reverse("needs:create"), need_form(f"actor:{actor.pk}", representative))
    assert Need.objects.get().actor == actor


def test_a_double_submit_publishes_once(client, official):
    client.force_login(official)
    data = need_form(f"office:{office_of(official).pk}", official)
    first = client.post(reverse("needs:create"), data)
    second = client.post(reverse("needs:create"), data)
    assert Need.objects.count() == 1
    assert first["Location"] == second["Location"]


@pytest.mark.parametrize(("field", "value", "message"), [
    ("closes_on", "2001-01-01", "The day has passed. Choose today or a later day."),
    ("people_needed", "0", "Write at least 1, or leave it empty."),
    ("people_needed", "-3", "Write at least 1, or leave it empty."),
    ("people_needed", "100001", "Write at most 10 000."),
    ("title", "x" * 151, None),
    ("summary", "x" * 201, None),
    ("description", "x" * 5001, None),
    ("title", "   ", None),
    ("ends_on", "2030-01-01", "The end must be on or after the start."),
])
def test_bad_input_gets_a_message_next_to_the_field(client, official, field, value, message):
    client.force_login(official)
    data = need_form(f"office:{office_of(official).pk}", official, **{field: value})
    if field == "ends_on":
        data["starts_on"] = "2030-02-01"
    response = client.post(reverse("needs:create"), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    if message:
        assert says(message) in response.content.decode()
    assert not Need.objects.exists()
    assert 'value="' in response.content.decode()


def test_the_contact_must_work_for_the_publisher(client, official, representative, actor):
    client.force_login(official)
    response = client.post(reverse("needs:create"), need_form(f"office:{office_of(official).pk}", representative))
    assert "contact" in response.context["form"].errors
    assert not Need.objects.exists()


def test_one_cannot_publish_for_someone_else(client, official, other_actor):
    client.force_login(official)
    response = client.post(reverse("needs:create"), need_form(f"actor:{other_actor.pk}", official))
    assert "publisher" in response.context["form"].errors
    assert not Need.objects.exists()


def test_a_resident_cannot_publish(client, resident):
    client.force_login(resident)
    assert client.get(reverse("needs:create")).status_code == 403
    response = client.post(reverse("needs:create"), need_form("office:1", resident))
    assert response.status_code == 403
    assert not Need.objects.exists()


def test_editing_keeps_a_past_closing_date_but_refuses_a_new_one(client, official):
    client.force_login(official)
    client.post(reverse("needs:create"), need_form(f"office:{office_of(official).pk}", official))
    need = Need.objects.get()
    Need.objects.filter(pk=need.pk).update(closes_on=timezone.localdate() - timedelta(days=2))
    data = need_form("", official, closes_on=(timezone.localdate() - timedelta(days=2)).isoformat(),
                     title="Nytt namn")
    data.pop("publisher")
    response = client.post(reverse("needs:edit", args=[need.slug]), data)
    assert response.status_code == 302
    need.refresh_from_db()
    assert need.title == "Nytt namn"
    data["closes_on"] = (timezone.localdate() - timedelta(days=5)).isoformat()
    response = client.post(reverse("needs:edit", args=[need.slug]), data)
    assert "closes_on" in response.context["form"].errors


def test_closing_with_an_outcome_and_opening_again(client, official):
    client.force_login(official)
    client.post(reverse("needs:create"), need_form(f"office:{office_of(official).pk}", official))
    need = Need.objects.get()
    response = client.post(reverse("needs:close", args=[need.slug]), {"outcome": "  "})
    assert "outcome" in response.context["form"].errors
    client.post(reverse("needs:close", args=[need.slug]), {"outcome": "Tre ledare <b>började</b> i mars."})
    need.refresh_from_db()
    assert need.is_closed and need.outcome == "Tre ledare <b>började</b> i mars."
    page = client.get(need.get_absolute_url()).content.decode()
    assert "Tre ledare &lt;b&gt;började&lt;/b&gt; i mars." in page
    # Closing twice changes nothing.
    client.post(reverse("needs:close", args=[need.slug]), {"outcome": "Annat"})
    need.refresh_from_db()
    assert need.outcome == "Tre ledare <b>började</b> i mars."
    client.post(reverse("needs:reopen", args=[need.slug]))
    need.refresh_from_db()
    assert need.status == Need.Status.OPEN
    assert list(AuditEvent.objects.filter(target_id=str(need.pk)).values_list("action", flat=True).order_by("pk")) == [
        "need.create", "need.close", "need.reopen"]


@pytest.mark.parametrize(("prefix", "word"), [("", "Välj"), ("/ar", "اختر"), ("/en", "- Select an option -")])
def test_the_contact_list_starts_with_a_word_in_the_pages_language(client, official, prefix, word):
    client.force_login(official)
    page = client.get(prefix + reverse("needs:create")).content.decode()
    contact = page[page.index('<select name="contact"'):]
    contact = contact[:contact.index("</select>")]
    assert f'<option value="">{word}</option>' in contact
