"""The demo's news: posts from the municipality and lifted initiatives, subscribers and one
newsletter sent to them; the news list and the home page show them; loading again adds nothing."""

from django.core.management import call_command
from django.urls import reverse

from samverka.communication.models import OutboxMessage
from samverka.news.models import Delivery, Newsletter, Post, Subscriber


def test_the_demo_news_load_once_and_show(db, client, time_machine):
    time_machine.move_to("2026-05-04 09:00 +02:00")
    call_command("load_demo", stdout=open("/dev/null", "w"))
    assert 6 <= Post.objects.count() <= 8
    assert Post.objects.filter(kind="initiative", actor__isnull=False).count() >= 2
    assert Post.objects.filter(kind="initiative", activity__isnull=False).exists()
    letter = Newsletter.objects.get()
    assert letter.status == "sent" and Delivery.objects.count() == Subscriber.objects.confirmed().count() >= 5
    assert OutboxMessage.objects.filter(idempotency_key__startswith=f"newsletter:{letter.pk}:").count() == \
        Delivery.objects.count()
    listed = client.get(reverse("news:list")).content.decode()
    assert "Språkcaféet fyller biblioteket varje tisdag" in listed
    assert "Föreningsträff om den lokala överenskommelsen" not in listed  # scheduled for later
    assert "Nu kan föreningar söka aktivitetsbidrag för våren" in client.get(reverse("home")).content.decode()
    count = Post.objects.count()
    call_command("load_demo", stdout=open("/dev/null", "w"))
    assert Post.objects.count() == count
