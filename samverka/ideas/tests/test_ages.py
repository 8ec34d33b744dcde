"""A child under 13 sends an idea from her account once a guardian has confirmed it: Elsa
(12, her mother has not yet opened the link) sees why in place of the form, and a post is
refused with her words kept; once her mother confirms, or on her 13th birthday, the idea is
taken in. An idea sent without an account asks nobody's age."""

import pytest
import time_machine

from samverka.accounts.tests.children import CASE_IDS, CASES, WAITING, elsa, shows_waiting
from samverka.core.tests.helpers import says
from samverka.ideas.models import Idea

from .helpers import idea_form, new_url

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("day", "confirmed", "allowed"), CASES, ids=CASE_IDS)
def test_an_idea_from_a_childs_account(client, day, confirmed, allowed):
    with time_machine.travel(day, tick=False):
        child = elsa(confirmed=confirmed)
        client.force_login(child)
        form = client.get(new_url()).content.decode()
        assert ('name="title"' in form) is allowed
        assert shows_waiting(form) is not allowed
        response = client.post(new_url(), idea_form(name="", email="", title="Skatepark vid skolan"))
    assert Idea.objects.filter(author=child).exists() is allowed
    if not allowed:
        page = response.content.decode()
        assert response.status_code == 200 and says(WAITING) in page
        assert 'value="Skatepark vid skolan"' in page  # her words are kept


def test_an_idea_without_an_account_asks_no_age(client):
    with time_machine.travel(CASES[0][0], tick=False):
        response = client.post(new_url(), idea_form())
    assert response.status_code == 302
    assert Idea.objects.filter(author=None, email="ali@example.org").exists()
