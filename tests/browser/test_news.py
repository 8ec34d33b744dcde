"""News in a real browser: axe-core finds nothing on the news list, a post, the subscription
form and the unsubscribe page, in Swedish, English and Arabic, and none scrolls sideways on a
320 px phone. Karin subscribes with the keyboard only. Screenshots go to ./screenshots (and
the phone-sized ones of the list and a post to /tmp/shots-news for a person to look at)."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from samverka.communication.models import OutboxMessage
from samverka.news import services
from samverka.news.models import Post, Subscriber
from samverka.news.tests.factories import PostFactory, SubscriberFactory

from .helpers import assert_no_violations, check_page, focused, tab_to

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/shots-news")  # noqa: S108 (screenshots for a person to look at)


@pytest.fixture
def news(actor, official):
    office = official.office_memberships.get().office
    PostFactory(title="Nu kan föreningar söka aktivitetsbidrag för våren", office=office,
                lead="Föreningar som ordnar aktiviteter för barn, unga och äldre kan söka bidrag till 15 februari.",
                published_at=timezone.now() - timedelta(days=3))
    post = PostFactory(
        kind=Post.Kind.INITIATIVE, actor=actor, title="Parkinsongympa ger styrka och gemenskap",
        lead="Parkinson Ekerö tränar varje tisdag med fysioterapeut i Ekebyhovshallen.",
        body="Träningen är anpassad för dig med Parkinsons sjukdom.\n\nEfteråt fikar gruppen tillsammans, och nya "
             "deltagare är alltid välkomna. En mycket lång rad utan mellanslag: Ekebyhovshallensomhetersåhär.")
    post.sdg_goals.set([3])
    return post


def path_of(name, language, post, subscriber=None):
    with translation.override(language):
        return {"list": reverse("news:list"), "post": post.get_absolute_url(),
                "subscribe": reverse("news:subscribe"),
                "unsubscribe": reverse("news:unsubscribe", args=[services.unsubscribe_token(subscriber)])}[name]


@pytest.mark.parametrize("language", ["sv", "en", "ar"])
@pytest.mark.parametrize("name", ["list", "post", "subscribe", "unsubscribe"])
def test_news_pages_have_no_accessibility_problems(page, live_server, news, name, language):
    subscriber = SubscriberFactory(email="karin@example.org")
    check_page(page, path_of(name, language, news, subscriber), f"news-{name}", language)
    if language == "ar":
        assert page.evaluate("document.documentElement.dir") == "rtl"
    if name in ("list", "post") and language in ("sv", "ar"):
        SHOTS.mkdir(exist_ok=True)
        for width in (1280, 320):
            page.set_viewport_size({"width": width, "height": 800})
            page.screenshot(path=SHOTS / f"{name}-{language}-{width}.png", full_page=True)


def test_karin_subscribes_with_the_keyboard_only(page, live_server, news):
    page.goto(reverse("news:list"))
    tab_to(page, f"main a[href='{reverse('news:subscribe')}']")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{reverse('news:subscribe')}")

    tab_to(page, "#id_email")
    page.keyboard.type("inte en adress")
    tab_to(page, "main form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator(".error-summary").is_visible()
    assert page.locator("#id_email").get_attribute("aria-invalid") == "true"
    assert_no_violations(page)

    tab_to(page, "#id_email")
    page.keyboard.press("Control+A")
    page.keyboard.type("karin@example.org")
    assert focused(page)["id"] == "id_email"
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{reverse('news:subscribe_sent')}")
    assert Subscriber.objects.get().email == "karin@example.org"
    assert OutboxMessage.objects.filter(to="karin@example.org").count() == 1
    assert_no_violations(page)
