"""A matching programme for the benchmark: `fill(participants=2000)` writes Väntjänsten's
bench twin ("bank-vantjansten") with that many invented participants (two in three ask,
one in three gives, spread over the parts of the municipality, with kinds, interests,
languages and times), makes the demo association owner (the bench's logged-in visitor) its
coordinator, and runs the engine once, so the coordinator's review page has a full run's
proposals and alternatives to show. Returns the review page's path."""

from __future__ import annotations

import random
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from samverka.matching import services
from samverka.matching.models import Choice, Coordinator, Participant, Programme
from samverka.municipality.models import District, Language, Office

SLUG = "bank-vantjansten"
FIRST = ["Greta", "Karin", "Nils", "Ali", "Sara", "Omar", "Lena", "Per", "Aisha", "Björn", "Maja", "Yusuf"]
LAST = ["Holm", "Ek", "Berg", "Lind", "Åberg", "Hassan", "Nyström", "Sandberg", "Haddad", "Falk"]
KINDS = ["Sällskap", "Promenad", "Högläsning", "Följe till vården", "Handla tillsammans"]
INTERESTS = ["Schack", "Trädgård", "Musik", "Fiske", "Bakning", "Historia", "Film", "Stickning"]


def fill(*, participants: int = 2000, coordinator_email: str = "forening@samverka.example", seed: int = 2027) -> str:
    rng = random.Random(seed)
    office = Office.objects.order_by("pk").first()
    with transaction.atomic():
        programme, _ = Programme.objects.update_or_create(slug=SLUG, defaults={
            "kind": Programme.Kind.BEFRIENDING, "office": office, "name": "Väntjänsten (bänk)",
            "summary": "Besöksvänner för dig som vill ha sällskap.", "status": Programme.Status.OPEN,
            "request_label": "Jag vill ha sällskap", "offer_label": "Jag vill bli besöksvän", "radius_km": 15})
        programme.participants.all().delete()
        programme.choices.all().delete()
        kinds = [Choice.objects.create(programme=programme, group=Choice.Group.KIND, name=n, position=i)
                 for i, n in enumerate(KINDS)]
        interests = [Choice.objects.create(programme=programme, group=Choice.Group.INTEREST, name=n, position=i)
                     for i, n in enumerate(INTERESTS)]
        districts = list(District.objects.all()) or [None]
        languages = list(Language.objects.all())
        now = timezone.now()
        people = Participant.objects.bulk_create([
            Participant(programme=programme, side=Participant.Side.OFFER if i % 3 == 0 else Participant.Side.REQUEST,
                        status=Participant.Status.WAITING, name=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                        email=f"bank-matchning-{i}@example.org", district=rng.choice(districts),
                        availability=rng.getrandbits(21), capacity=rng.choice([1, 1, 2]),
                        joined_at=now - timedelta(days=rng.randrange(400)), confirmed_at=now)
            for i in range(participants)])
        through = Participant.kinds.through
        through.objects.bulk_create([through(participant_id=p.pk, choice_id=c.pk) for p in people
                                     for c in rng.sample(kinds, rng.randint(1, 2))])
        through = Participant.interests.through
        through.objects.bulk_create([through(participant_id=p.pk, choice_id=c.pk) for p in people
                                     for c in rng.sample(interests, rng.randint(1, 3))])
        through = Participant.languages.through
        through.objects.bulk_create([through(participant_id=p.pk, language_id=x.pk) for p in people
                                     for x in rng.sample(languages, min(len(languages), rng.randint(1, 2)))])
        user = get_user_model().objects.filter(email=coordinator_email).first()
        if user is not None:
            Coordinator.objects.get_or_create(programme=programme, user=user)
    services.run_programme(programme=programme, by=None, inline=True)
    with translation.override("sv"):
        return reverse("matching:review", args=[programme.slug])
