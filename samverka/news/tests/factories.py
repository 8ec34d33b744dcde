from datetime import timedelta

import factory
from django.utils import timezone

from samverka.news.models import Newsletter, Post, Subscriber


class PostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Post
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Nyhet nummer {n}")
    slug = factory.Sequence(lambda n: f"nyhet-{n}")
    lead = "Kommunen öppnar ansökan om aktivitetsbidrag för våren."
    body = "Föreningar kan söka bidrag fram till den 15 februari.\n\nSök här på Samverka."
    status = Post.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))


class SubscriberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Subscriber

    email = factory.Sequence(lambda n: f"prenumerant{n}@example.org")
    status = Subscriber.Status.CONFIRMED
    confirmed_at = factory.LazyFunction(timezone.now)


class NewsletterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Newsletter
        skip_postgeneration_save = True

    title = "Nyhetsbrev i december"
    intro = "Hej! Här är det senaste från kommunen och föreningarna."

    @factory.post_generation
    def posts(self, create, extracted, **kwargs):
        if create and extracted:
            self.posts.set(extracted)
