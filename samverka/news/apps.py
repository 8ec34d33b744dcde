from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "samverka.news"
    label = "news"
    verbose_name = _("News and newsletter")
    audit_labels = {
        "news.create_post": _("Wrote a news post"),
        "news.update_post": _("Changed a news post"),
        "news.delete_post": _("Deleted a news post"),
        "news.subscribe": _("Asked for the newsletter"),
        "news.confirm_subscription": _("Confirmed a newsletter subscription"),
        "news.unsubscribe": _("Unsubscribed from the newsletter"),
        "news.create_newsletter": _("Composed a newsletter"),
        "news.update_newsletter": _("Changed a newsletter"),
        "news.send_newsletter": _("Sent a newsletter"),
        "news.newsletter_sent": _("A newsletter reached every subscriber"),
    }
