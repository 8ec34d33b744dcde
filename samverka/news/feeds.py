"""The news as RSS 2.0 and Atom 1.0 (Django's syndication framework): published posts only."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from samverka.municipality.models import Municipality

from . import selectors

FEED_SIZE = 20


class NewsRss(Feed):
    description = _("News from the municipality and from civil society")

    def title(self):
        return str(_("News from %(name)s") % {"name": Municipality.current().name})

    def link(self):
        return reverse("news:list")

    def feed_url(self):
        return reverse("news:rss")

    def items(self):
        return selectors.public_list()[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.lead

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return max(item.updated_at, item.published_at)

    def item_author_name(self, item):
        return item.actor.name if item.actor_id else (item.office.name if item.office_id else None)

    def item_guid(self, item):
        return f"{settings.SITE_URL}/nyheter/{item.pk}"

    item_guid_is_permalink = False


class NewsAtom(NewsRss):
    feed_type = Atom1Feed
    subtitle = NewsRss.description

    def feed_url(self):
        return reverse("news:atom")
