"""The news as RSS and Atom: valid XML, published posts only, newest first."""

from datetime import timedelta
from xml.etree import ElementTree

import pytest
from django.urls import reverse
from django.utils import timezone

from samverka.news.models import Post

from .factories import PostFactory

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def posts(actor):
    return [PostFactory(title="Äldre nyhet", published_at=timezone.now() - timedelta(days=2)),
            PostFactory(title="Språkcaféet växer", kind=Post.Kind.INITIATIVE, actor=actor),
            PostFactory(title="Utkastet", status=Post.Status.DRAFT),
            PostFactory(title="Schemalagd", published_at=timezone.now() + timedelta(days=1))]


def test_rss_has_the_published_posts(client, posts):
    response = client.get(reverse("news:rss"))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/rss+xml")
    channel = ElementTree.fromstring(response.content).find("channel")  # noqa: S314 (our own feed)
    titles = [item.findtext("title") for item in channel.findall("item")]
    assert titles == ["Språkcaféet växer", "Äldre nyhet"]
    item = channel.find("item")
    assert item.findtext("link").endswith(posts[1].get_absolute_url())
    assert item.findtext("pubDate") and item.findtext("description") == posts[1].lead


def test_atom_has_the_published_posts(client, posts):
    response = client.get(reverse("news:atom"))
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(response.content)  # noqa: S314 (our own feed)
    assert feed.tag == f"{ATOM}feed"
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == ["Språkcaféet växer", "Äldre nyhet"]
    assert entries[0].find(f"{ATOM}author").findtext(f"{ATOM}name") == "Parkinson Ekerö"
    assert feed.find(f"{ATOM}link[@rel='self']").get("href").endswith(reverse("news:atom"))


def test_the_list_links_its_feeds(client, posts):
    page = client.get(reverse("news:list")).content.decode()
    assert 'rel="alternate" type="application/rss+xml" title="' in page
    assert f'href="{reverse("news:rss")}"' in page and f'href="{reverse("news:atom")}"' in page
