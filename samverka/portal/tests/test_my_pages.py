"""My pages: what each person finds after logging in, and changing one's name."""

from django.urls import reverse

from samverka.core.models import AuditEvent
from samverka.core.tests.helpers import flash, says

DASHBOARD = reverse("accounts:dashboard")
PROFILE = reverse("accounts:profile")


def test_a_resident_is_shown_how_to_add_an_association(client, resident):
    client.force_login(resident)
    body = client.get(DASHBOARD).content.decode()
    assert "Lina Sandberg" in body
    assert reverse("actors:create") in body
    assert says("Associations waiting for verification") not in body


def test_a_representative_finds_the_association(client, actor, representative):
    client.force_login(representative)
    body = client.get(DASHBOARD).content.decode()
    assert actor.get_absolute_url() in body
    assert says("Owner") in body


def test_an_official_finds_the_associations_to_verify(client, actor, official):
    client.force_login(official)
    body = client.get(DASHBOARD).content.decode()
    assert says("Associations waiting for verification") in body
    assert actor.get_absolute_url() in body


def test_a_person_changes_their_name(client, resident):
    client.force_login(resident)
    assert 'value="Lina"' in client.get(PROFILE).content.decode()
    response = client.post(PROFILE, {"first_name": "Lina Maria", "last_name": "Sandberg"})
    assert response.status_code == 302
    assert flash(response) == [says("Your details are saved.")]
    resident.refresh_from_db()
    assert resident.first_name == "Lina Maria"
    event = AuditEvent.objects.get()
    assert (event.action, event.changes) == ("account.update", {"first_name": ["Lina", "Lina Maria"]})


def test_a_name_cannot_be_empty_or_too_long(client, resident):
    client.force_login(resident)
    for data in ({"first_name": "", "last_name": "Sandberg"}, {"first_name": "L" * 101, "last_name": "Sandberg"}):
        response = client.post(PROFILE, data)
        assert response.status_code == 200
        assert 'class="field__error"' in response.content.decode()
    resident.refresh_from_db()
    assert resident.first_name == "Lina"
    assert not AuditEvent.objects.exists()


def test_officials_and_the_administrator_find_crisis_mode_but_residents_do_not(client, resident, official, administrator):
    crisis_url = reverse("crisis:index")
    for person, finds in [(resident, False), (official, True), (administrator, True)]:
        client.force_login(person)
        assert (f'href="{crisis_url}"' in client.get(DASHBOARD).content.decode()) is finds
