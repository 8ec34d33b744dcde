"""Eva's applications in "see my data"; deleting her account restricts the public records
(the application stays, without her) and removes the draft she alone started."""

from django.urls import reverse

from samverka.accounts.tests.factories import UserFactory
from samverka.actors.models import ActorMembership
from samverka.actors.tests.factories import MembershipFactory
from samverka.grants.models import Application

from .factories import ApplicationFactory, SubmittedApplicationFactory


def test_my_data_shows_the_applications_and_deleting_restricts_them(client, actor, representative):
    # Another owner stays, so Eva may leave.
    MembershipFactory(actor=actor, user=UserFactory(), role=ActorMembership.Role.OWNER)
    sent = SubmittedApplicationFactory(actor=actor, applicant=representative, title="Sittgympa för alla")
    draft = ApplicationFactory(actor=actor, applicant=representative)
    client.force_login(representative)
    download = client.get(reverse("accounts:my_data"), {"download": "1"}).content.decode()
    assert sent.case_number in download and "Sittgympa för alla" in download
    assert client.get(reverse("accounts:my_data")).status_code == 200
    response = client.post(reverse("accounts:delete"), {"confirm": "RADERA"})
    assert response.status_code == 302
    sent.refresh_from_db()
    assert sent.applicant is None and sent.title == "Sittgympa för alla"
    assert not Application.objects.filter(pk=draft.pk).exists()
