"""A year of a city's cooperation for the benchmark (issue 16): on top of the bench's actors and
activities, 50 000 volunteers with their hours, 5 000 grants decided (half followed up), 10 000
feedback items, and the ties that make actors cooperate with offices (partnerships, answers to
needs, a cooperation body), all with bulk inserts; then the overview's figures are computed once
and timed. The bench's logged-in visitor (the demo association's owner) sits in the cooperation
body, so it may see the overview.

Measured: `/oversikt/` (issue 16: p95 under 300 ms, it reads only precomputed rows) and a goal
page `/agenda-2030/3/`; the computation's time is reported as `overview_compute_seconds`."""

from __future__ import annotations

import random
import time
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation

from .standing import VISITOR, _users

PREFIX = "bank-oversikt"


def _moment(rng: random.Random, first: date, days: int) -> datetime:
    day = first + timedelta(days=rng.randrange(days))
    return timezone.make_aware(datetime(day.year, day.month, day.day, rng.randrange(8, 20), rng.randrange(60)))


def fill_overview(*, volunteers: int = 50_000, grants: int = 5_000, feedback: int = 10_000, hours: int = 50_000,
                  partnerships: int = 300, answers: int = 3_000, seed: int = 2026) -> dict:
    from samverka.actors.models import Actor
    from samverka.dialogue.models import FeedbackItem
    from samverka.grants.models import Application, Decision, FollowUpReport, GrantProgramme
    from samverka.municipality.models import Area, Committee, District, Office
    from samverka.needs.models import Answer, Need
    from samverka.networks.models import Group, Membership
    from samverka.overview import services
    from samverka.partnerships.models import Partnership, Party
    from samverka.volunteers.models import HoursLog, Volunteer

    rng = random.Random(seed)
    today = timezone.localdate()
    first = today - timedelta(days=365)
    offices = list(Office.objects.order_by("pk"))
    committee = Committee.objects.order_by("pk").first()
    district_ids = list(District.objects.values_list("pk", flat=True))
    area_ids = list(Area.objects.values_list("pk", flat=True))
    actor_ids = list(Actor.objects.filter(status=Actor.Status.ACTIVE).order_by("pk").values_list("pk", flat=True))
    visitor = get_user_model().objects.get(email=VISITOR)
    people = _users(PREFIX, 200, rng)
    with transaction.atomic():
        # The register grew over two years: spread the actors' registration over 24 months.
        for month in range(24):
            Actor.objects.annotate(bucket=F("pk") % 24).filter(bucket=month).update(
                created_at=timezone.now() - timedelta(days=30 * month + 3))
        Volunteer.objects.filter(email__startswith=f"{PREFIX}-").delete()
        made = Volunteer.objects.bulk_create([
            Volunteer(name=f"Volontär {i}", email=f"{PREFIX}-{i}@example.org", created_at=_moment(rng, first, 365))
            for i in range(volunteers)], batch_size=5000)
        Volunteer.districts.through.objects.bulk_create([
            Volunteer.districts.through(volunteer_id=v.pk, district_id=rng.choice(district_ids)) for v in made],
            batch_size=5000)
        Volunteer.areas.through.objects.bulk_create([
            Volunteer.areas.through(volunteer_id=v.pk, area_id=rng.choice(area_ids)) for v in made], batch_size=5000)
        HoursLog.objects.bulk_create([
            HoursLog(volunteer=rng.choice(made), date=first + timedelta(days=rng.randrange(365)),
                     hours=Decimal(rng.choice(["1", "1.5", "2", "3", "4"]))) for _ in range(hours)], batch_size=5000)

        # Grants: one application per actor and programme, decided through the year; half followed up.
        for old in GrantProgramme.objects.filter(slug__startswith=f"{PREFIX}-"):
            FollowUpReport.objects.filter(application__programme=old).delete()
            Decision.objects.filter(application__programme=old).delete()
            old.applications.all().delete()
            old.delete()
        per = max(1, len(actor_ids))
        for n in range(0, grants, per):
            programme = GrantProgramme.objects.create(
                slug=f"{PREFIX}-{n // per}", name=f"Verksamhetsbidrag (översikt {n // per + 1})", committee=committee,
                kind=GrantProgramme.Kind.choices[0][0], year=today.year, opens_on=first, closes_on=today,
                pool=50_000_000)
            apps = Application.objects.bulk_create([
                Application(programme=programme, actor_id=actor, status=Application.Status.DECIDED,
                            title="Verksamhet", purpose="Vår verksamhet för alla.", amount_asked=20_000,
                            case_number=f"OV-{n + i}", submitted_at=_moment(rng, first, 300))
                for i, actor in enumerate(actor_ids[:min(per, grants - n)])], batch_size=2000)
            decisions = Decision.objects.bulk_create([
                Decision(application=a, outcome=Decision.Outcome.GRANTED, amount=10_000, reasons="Enligt riktlinjerna.",
                         meeting_date=a.submitted_at.date() + timedelta(days=30),
                         decided_at=a.submitted_at + timedelta(days=30)) for a in apps], batch_size=2000)
            FollowUpReport.objects.bulk_create([
                FollowUpReport(application_id=d.application_id, due_on=today, answers=[],
                               submitted_at=min(d.decided_at + timedelta(days=90), timezone.now()))
                for i, d in enumerate(decisions) if i % 2 == 0], batch_size=2000)

        # Feedback: four in five given, most of them by the deadline.
        FeedbackItem.objects.filter(title__startswith="Översikt (bänk)").delete()
        items = []
        for i in range(feedback):
            created = _moment(rng, first, 350)
            deadline = created.date() + timedelta(days=30)
            given = i % 5 != 0
            given_at = created + timedelta(days=rng.randrange(5, 45)) if given else None
            items.append(FeedbackItem(
                office=rng.choice(offices), title=f"Översikt (bänk) {i}", said="Fler bänkar vid bryggan.",
                deadline=deadline, created_at=created,
                status=FeedbackItem.Status.GIVEN if given else FeedbackItem.Status.OPEN,
                response="Vi satte upp bänkar." if given else "", given_at=min(given_at, timezone.now()) if given else None))
        FeedbackItem.objects.bulk_create(items, batch_size=5000)

        # Ties: partnerships with two or three associations, answers to offices' needs, a cooperation body.
        Partnership.objects.filter(slug__startswith=f"{PREFIX}-").delete()
        made_partnerships = Partnership.objects.bulk_create([
            Partnership(slug=f"{PREFIX}-{i}", title=f"Samverkan {i + 1}", summary="Vi gör det tillsammans.",
                        challenge="Fler behöver stöd.", why_partnership="Ingen klarar det ensam.",
                        office=rng.choice(offices), starts_on=first + timedelta(days=rng.randrange(300)),
                        status=Partnership.Status.ACTIVE, is_public=True) for i in range(partnerships)])
        Party.objects.bulk_create([Party(partnership=p, actor_id=a, role="Part")
                                   for p in made_partnerships for a in rng.sample(actor_ids, 3)])
        Need.objects.filter(slug__startswith=f"{PREFIX}-").delete()
        needs = Need.objects.bulk_create([
            Need(office=office, title=f"Behov hos {office.name}", slug=f"{PREFIX}-{office.pk}",
                 summary="Vi söker föreningar.", description="Vi söker föreningar som vill vara med.")
            for office in offices])
        pairs = [(need, person) for need in needs for person in people]  # one answer per need and person
        Answer.objects.bulk_create([
            Answer(need=need, user=person, actor_id=rng.choice(actor_ids), message="Vi kan hjälpa till.",
                   created_at=_moment(rng, first, 365)) for need, person in rng.sample(pairs, min(answers, len(pairs)))],
            batch_size=5000)
        Group.objects.filter(slug=f"{PREFIX}-samverkansrad").delete()
        body = Group.objects.create(slug=f"{PREFIX}-samverkansrad", name="Samverkansrådet (bänk)",
                                    kind=Group.Kind.COOPERATION_BODY, office=offices[0],
                                    purpose="Kommunens och civilsamhällets samverkansråd.", is_public=True,
                                    join_rule=Group.JoinRule.APPOINTED)
        Membership.objects.bulk_create(
            [Membership(group=body, user=visitor, role=Membership.Role.MEMBER)]
            + [Membership(group=body, user=u, actor_id=rng.choice(actor_ids), joined_at=_moment(rng, first, 365))
               for u in people[:40]])
    started = time.monotonic()
    services.compute_figures()
    seconds = time.monotonic() - started
    with translation.override("sv"):
        return {"overview": reverse("overview:index"), "sdg_goal": reverse("goals:goal", args=[3]),
                "overview_compute_seconds": round(seconds, 2)}
