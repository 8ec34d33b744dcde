"""Phone numbers are stored in E.164 (+46701234567) and shown the Swedish way
(070-123 45 67): on the officials' case page and in the form a logged-in person starts from."""

import pytest

from samverka.accounts.tests.factories import UserFactory
from samverka.cases.models import Case
from samverka.cases.tests.helpers import case_form, new_url

pytestmark = pytest.mark.django_db


def test_the_case_page_shows_the_senders_number_the_swedish_way(client, offices, official):
    client.post(new_url(), case_form(email="", phone="+46 70 123 45 67"))
    case = Case.objects.get()
    assert case.phone == "+46701234567"
    client.force_login(official)
    page = client.get(case.get_absolute_url()).content.decode()
    assert '<a href="tel:+46701234567">070-123 45 67</a>' in page


def test_the_form_starts_from_the_accounts_number_the_swedish_way(client, offices):
    client.force_login(UserFactory(email="lina@example.org", phone="+46701234567"))
    page = client.get(new_url()).content.decode()
    assert 'value="070-123 45 67"' in page
    assert "+46701234567" not in page
