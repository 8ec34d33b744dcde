"""Karin's newsletter subscription is in her data, and goes with her account; unconfirmed and
unsubscribed addresses go by themselves after their time."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from samverka.communication.models import Notification
from samverka.communication.notifications import notify
from samverka.news import privacy
from samverka.news.models import Delivery, Subscriber

from .factories import NewsletterFactory, SubscriberFactory

pytestmark = pytest.mark.django_db


def test_the_subscription_is_in_my_data_and_goes_with_the_account(resident):
    lina = SubscriberFactory(email="Lina@example.org")
    other = SubscriberFactory(email="bo@example.org")
    letter = NewsletterFactory()
    Delivery.objects.create(newsletter=letter, subscriber=lina)
    notify([resident.pk], "Något hände", key="k")
    browser = Client()
    browser.force_login(resident)
    data = browser.get(reverse("accounts:my_data") + "?download=1").json()
    assert [s["email"] for s in data["newsletter_subscriptions"]] == ["Lina@example.org"]
    assert data["newsletters_received"][0]["newsletter"] == letter.title
    assert data["notifications"][0]["text"] == "Något hände"
    page = browser.get(reverse("accounts:my_data")).content.decode()
    assert "Lina@example.org" in page
    assert browser.post(reverse("accounts:delete"), {"confirm": "RADERA"}).status_code == 302
    assert list(Subscriber.objects.all()) == [other]
    assert not Delivery.objects.exists() and not Notification.objects.exists()


def test_unconfirmed_and_unsubscribed_addresses_expire():
    now = timezone.now()
    old_pending = SubscriberFactory(status="pending", confirmed_at=None)
    Subscriber.objects.filter(pk=old_pending.pk).update(created_at=now - timedelta(days=8))
    SubscriberFactory(status="pending", confirmed_at=None)
    SubscriberFactory(status="unsubscribed", unsubscribed_at=now - timedelta(days=31))
    recent = SubscriberFactory(status="unsubscribed", unsubscribed_at=now - timedelta(days=2))
    confirmed = SubscriberFactory()
    assert privacy.expire(now=now) == 2
    assert set(Subscriber.objects.values_list("pk", flat=True)) >= {recent.pk, confirmed.pk}
    assert Subscriber.objects.count() == 3
