"""The one way in cannot be used to mail an address again and again: every message is
kept as a case, but one typed address gets one receipt a day."""

from samverka.cases.models import Case
from samverka.communication.models import OutboxMessage

from .helpers import case_form, new_url


def test_eleven_messages_to_one_typed_address_give_one_receipt(client, offices):
    for n in range(11):  # from eleven networks, past the form's limit per network
        response = client.post(new_url(), case_form(message=f"Meddelande {n}", email="offer@example.org"),
                               REMOTE_ADDR=f"192.0.2.{n + 1}")
        assert response.status_code == 302
    assert Case.objects.count() == 11
    assert OutboxMessage.objects.filter(to="offer@example.org").count() == 1
