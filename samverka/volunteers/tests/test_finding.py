"""Lina, a resident, finds her way to volunteering from the header of every page and
from the list of needs."""

import re

import pytest
from django.urls import reverse

from samverka.core.tests.helpers import says

pytestmark = pytest.mark.django_db


def header(html: str) -> str:
    return re.search(r'<nav class="site-nav".*?</nav>', html, re.S).group(0)


@pytest.mark.parametrize("url_name", ["home", "needs:index", "activities:calendar", "actors:directory",
                                      "cases:new", "privacy"])
@pytest.mark.parametrize("logged_in", [False, True])
def test_every_page_links_to_volunteering_in_its_header(client, resident, url_name, logged_in):
    if logged_in:
        client.force_login(resident)
    nav = header(client.get(reverse(url_name)).content.decode())
    assert f'href="{reverse("volunteers:index")}"' in nav
    assert says("Become a volunteer") in nav


def test_the_needs_list_asks_for_volunteers(client, db):
    html = client.get(reverse("needs:index")).content.decode()
    main = html[html.index("<main"):]
    assert re.search(rf'<a href="{reverse("volunteers:index")}">{says("Become a volunteer")}</a>', main)


def test_the_volunteering_page_is_marked_current_in_the_header(client, db):
    nav = header(client.get(reverse("volunteers:index")).content.decode())
    assert f'<a href="{reverse("volunteers:index")}" aria-current="page">' in nav
