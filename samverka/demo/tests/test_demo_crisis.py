"""Maja starts a crisis in the demo municipality, someone on Adelsö asks for help, and Ali
at Socialkontoret triages it: the demo's own volunteers who may be asked in a crisis are
suggested, not only those who sign up for it."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from samverka.crisis.models import HelpRequest
from samverka.municipality.models import District, Office
from samverka.volunteers.models import HelpKind

pytestmark = pytest.mark.django_db
User = get_user_model()


def test_the_demo_volunteers_are_suggested_in_a_crisis(client, time_machine):
    time_machine.move_to("2026-12-01 09:00 +01:00")
    call_command("load_demo", stdout=open("/dev/null", "w"))
    adelso = District.objects.get(name="Adelsö")
    client.force_login(User.objects.get(email="admin@samverka.example"))
    client.post(reverse("crisis:start"), {
        "name": "Storm på öarna", "message": "", "retention_days": "90",
        "triage_offices": [Office.objects.get(name="Socialkontoret").pk]})
    client.logout()
    client.post(reverse("crisis:request"), {
        "for_whom": "self", "name": "Greta Öhman", "phone": "070-123 45 67", "district": adelso.pk,
        "help_kinds": [HelpKind.objects.get(slug="telefonsamtal").pk], "what": "Någon att prata med."})
    help_request = HelpRequest.objects.get(name="Greta Öhman")

    client.force_login(User.objects.get(email="socialkontoret@samverka.example"))
    page = client.get(reverse("crisis:request_detail", args=[help_request.pk])).content.decode()

    assert "Ulla Granqvist" in page  # Adelsö, telephone calls, may be asked in a crisis
    assert "Per Sandström" in page  # Adelsö too
