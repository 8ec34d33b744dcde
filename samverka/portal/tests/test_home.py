"""The home page, header and footer lead a resident to every way of taking part: the
dialogue, the idea lab, partnerships and the networks and groups, without typing an address."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from samverka.core.tests.helpers import says
from samverka.dialogue.models import Process
from samverka.dialogue.tests.factories import ProcessFactory
from samverka.networks.models import Group
from samverka.networks.tests.factories import GroupFactory
from samverka.partnerships.tests.factories import PartnershipFactory

pytestmark = pytest.mark.django_db


def home(client, language: str):
    with translation.override(language):
        url = reverse("home")
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def address(name: str, language: str) -> str:
    with translation.override(language):
        return reverse(name)


def counted(forms: tuple[str, str], counter: int, language: str) -> str:
    """A counted sentence as the page in `language` shows it (the template's blocktranslate count)."""
    with translation.override(language):
        return translation.ngettext(*forms, counter) % {"counter": counter}


def region(page: str, start: str, end: str) -> str:
    return page[page.index(start):page.index(end, page.index(start))]


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_header_leads_to_the_dialogue(client, language):
    page = home(client, language)

    header = region(page, '<header class="site-header">', "</header>")
    assert f'href="{address("dialogue:index", language)}"' in header
    assert says("Have your say", language) in header


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_footer_leads_to_every_way_of_taking_part(client, language):
    page = home(client, language)

    footer = region(page, '<footer class="site-footer">', "</footer>")
    assert says("Take part", language) in footer
    for name in ("dialogue:index", "ideas:gallery", "partnerships:index", "networks:index"):
        assert f'href="{address(name, language)}"' in footer, name
    for words in ("Have your say", "The idea lab", "Partnerships", "Networks and groups"):
        assert says(words, language) in footer, words


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_home_page_presents_the_ways_of_taking_part(client, language):
    ProcessFactory(title="Fritidsgårdarnas öppettider")
    PartnershipFactory.create_batch(2)
    GroupFactory()

    page = home(client, language)

    main = region(page, '<main', "</main>")
    section = region(main, 'id="take-part"', "</section>")
    assert says("Take part", language) in section
    for name, words in (("dialogue:index", "Have your say"), ("ideas:new", "Send an idea"),
                        ("partnerships:index", "Partnerships"), ("networks:index", "Networks and groups")):
        assert f'<a href="{address(name, language)}">{says(words, language)}</a>' in section, name
    assert counted(("%(counter)s dialogue is open now.", "%(counter)s dialogues are open now."), 1,
                   language) in section
    assert counted(("%(counter)s partnership.", "%(counter)s partnerships."), 2, language) in section
    assert "Fritidsgårdarnas öppettider" in section


def test_open_dialogues_come_first_and_drafts_stay_hidden(client):
    now = timezone.now()
    ProcessFactory(title="Stängd dialog om badplatser", status=Process.Status.CLOSED, created_at=now)
    ProcessFactory(title="Utkast om skolskjuts", status=Process.Status.DRAFT, created_at=now)
    for n in range(3):
        ProcessFactory(title=f"Öppen dialog {n}", created_at=now - timedelta(days=10 + n))

    section = region(home(client, "sv"), 'id="take-part"', "</section>")

    assert "Öppen dialog 0" in section and "Öppen dialog 2" in section
    assert "Stängd dialog om badplatser" not in section  # three open ones fill the list
    assert "Utkast om skolskjuts" not in section
    assert section.index("Öppen dialog 0") < section.index("Öppen dialog 1") < section.index("Öppen dialog 2")


def test_a_closed_dialogue_shows_when_few_are_open_and_no_list_when_there_are_none(client):
    section = region(home(client, "en"), 'id="take-part"', "</section>")
    assert "All dialogues" not in section
    assert "dialogue is open now" not in section

    ProcessFactory(title="Stängd dialog om badplatser", status=Process.Status.CLOSED)
    ProcessFactory(title="Öppen dialog om bibliotek", created_at=timezone.now() - timedelta(days=30))

    section = region(home(client, "en"), 'id="take-part"', "</section>")
    assert section.index("Öppen dialog om bibliotek") < section.index("Stängd dialog om badplatser")
    assert "1 dialogue is open now." in section


def test_closed_and_hidden_groups_and_partnerships_are_not_counted(client):
    GroupFactory()
    GroupFactory(is_public=False)
    GroupFactory(lifecycle=Group.Lifecycle.CLOSED)
    PartnershipFactory()
    PartnershipFactory(is_public=False)

    section = region(home(client, "en"), 'id="take-part"', "</section>")

    assert "1 group." in section
    assert "1 partnership." in section


def queries(client) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("home")).status_code == 200
    return len(captured)


def test_the_home_page_costs_the_same_with_more_dialogues_partnerships_and_groups(client, resident):
    def fill(count):
        for _ in range(count):
            ProcessFactory()
            ProcessFactory(status=Process.Status.CLOSED)
            PartnershipFactory()
            GroupFactory()

    fill(2)
    client.get(reverse("home"))  # the per-process caches (content types)
    few = queries(client)
    client.force_login(resident)
    few_logged_in = queries(client)
    client.logout()

    fill(20)
    many = queries(client)
    client.force_login(resident)

    assert many == few
    assert queries(client) == few_logged_in
