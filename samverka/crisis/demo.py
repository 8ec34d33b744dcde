"""Demo data for crisis mode: the pandemic of 2020 as a closed crisis, with 1000 volunteers
and 300 closed help requests, so that the overview has something to show. No crisis is
under way: the demo administrator starts one on /kris/starta/.

All people are invented. Only 95 volunteers have a phone number, taken from the range the
Swedish regulator keeps for fiction (070-174 06 05 – 070-174 06 99); the others have an
example.org address. The requests' personal details were erased after the retention period,
as they would be, except a few kept for a case."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction

from samverka.municipality.models import District, Office
from samverka.volunteers.models import Availability, HelpKind, Volunteer

from .models import Crisis, CrisisVolunteer, HelpRequest, Task

NAME = "Pandemin 2020"
VOLUNTEERS = 1000
REQUESTS = 300
TZ = ZoneInfo("Europe/Stockholm")
STARTED = datetime(2020, 3, 16, 9, 0, tzinfo=TZ)
ENDED = datetime(2020, 9, 30, 16, 0, tzinfo=TZ)
FIRST = ["Anna", "Erik", "Maria", "Lars", "Karin", "Anders", "Sara", "Johan", "Eva", "Mikael", "Lena", "Per",
         "Emma", "Nils", "Ida", "Ahmed", "Fatima", "Omar", "Leila", "Jonas", "Elin", "Olof", "Maja", "Hassan",
         "Sofia", "Gustav", "Linnea", "Ali", "Ingrid", "Viktor", "Amina", "Henrik", "Klara", "Yusuf", "Astrid"]
LAST = ["Lindqvist", "Holm", "Sjöberg", "Ek", "Berg", "Strand", "Forsberg", "Nyberg", "Dahl", "Lund", "Åberg",
        "Wikström", "Hedlund", "Sandell", "Norén", "Haddad", "Karimi", "Öhman", "Björk", "Falk", "Mattsson",
        "Engström", "Rahimi", "Blom", "Granath", "Vik", "Lilja"]
STREETS = ["Bryggvägen", "Tappströmsvägen", "Skogsbacken", "Ängsvägen", "Kyrkvägen", "Sjövägen", "Hagvägen",
           "Bergsgatan", "Lövstigen", "Ekvägen", "Solgläntan", "Björkbacken"]
WHAT = [
    "Handla mat för veckan, listan finns hos mig.", "Hämta ut medicin på apoteket i Ekerö centrum.",
    "Posta ett brev och betala en räkning på banken.", "Någon att prata med i telefon en stund i veckan.",
    "Rasta hunden på eftermiddagen, jag får inte gå ut.", "Skjuts till vårdcentralen på torsdag.",
]
KINDS_BY_WHAT = ["matinkop", "apotek", "arenden", "telefonsamtal", "hundpromenad", "transport"]


def load(*, stdout) -> None:
    _pandemic(stdout=stdout)
    _snowstorm(stdout=stdout)


def _pandemic(*, stdout) -> None:
    if Crisis.objects.filter(name=NAME).exists():
        return
    office = Office.objects.filter(slug="socialkontoret").first()
    districts = list(District.objects.order_by("position", "pk"))
    kinds = {k.slug: k for k in HelpKind.objects.all()}
    if not districts or not kinds:
        return
    with transaction.atomic():
        crisis = Crisis.objects.create(
            name=NAME, message="Är du över 70 eller i en riskgrupp? Vi handlar och hämtar åt dig.",
            is_active=False, started_at=STARTED, ended_at=ENDED, erased_at=ENDED + timedelta(days=91))
        crisis.help_kinds.set([kinds[slug] for slug in KINDS_BY_WHAT if slug in kinds])
        if office is not None:
            crisis.triage_offices.set([office])
        volunteers = _volunteers(districts, list(kinds.values()))
        _links(crisis, volunteers)
        _requests(crisis, volunteers, districts, kinds)
    stdout.write(f"Crisis demo: {NAME} with {len(volunteers)} volunteers and {REQUESTS} closed help requests.")


def _volunteers(districts, kinds) -> list[Volunteer]:
    rows = []
    for n in range(VOLUNTEERS):
        signed_up = STARTED + timedelta(hours=n * 0.2 + (n % 7))
        rows.append(Volunteer(
            name=f"{FIRST[n % len(FIRST)]} {LAST[(n * 7) % len(LAST)]}",
            email=f"frivillig{n + 1:04d}@example.org",
            phone=f"+467017406{5 + n:02d}" if n < 95 else "",
            availability=_availability(n), consent_email=True, consent_sms=n < 95,
            status=Volunteer.Status.LEFT if n % 23 == 0 else Volunteer.Status.PAUSED if n % 17 == 0 else Volunteer.Status.ACTIVE,
            confirmed_at=None if n % 19 == 0 else signed_up + timedelta(minutes=5),
            created_at=signed_up,
        ))
    Volunteer.objects.bulk_create(rows, batch_size=500, ignore_conflicts=True)
    emails = [row.email for row in rows]
    volunteers = list(Volunteer.objects.filter(email__in=emails).order_by("email"))
    district_through, kinds_through = Volunteer.districts.through, Volunteer.help_kinds.through
    district_through.objects.bulk_create(
        [district_through(volunteer_id=v.pk, district_id=districts[n % len(districts)].pk)
         for n, v in enumerate(volunteers)], batch_size=1000, ignore_conflicts=True)
    kinds_through.objects.bulk_create(
        [kinds_through(volunteer_id=v.pk, helpkind_id=kinds[(n + step) % len(kinds)].pk)
         for n, v in enumerate(volunteers) for step in range(1 + n % 3)], batch_size=1000, ignore_conflicts=True)
    return volunteers


def _availability(n: int) -> int:
    slots = [f"{(n + d) % 7}-{(n + d) % 3}" for d in range(2 + n % 5)]
    return Availability.from_slots(slots)


def _links(crisis, volunteers) -> None:
    CrisisVolunteer.objects.bulk_create([
        CrisisVolunteer(crisis=crisis, volunteer=v, signed_up_at=v.created_at, confirmed_at=v.confirmed_at,
                        channel=CrisisVolunteer.Channel.SMS if v.phone else CrisisVolunteer.Channel.EMAIL)
        for v in volunteers], batch_size=500)


def _requests(crisis, volunteers, districts, kinds) -> None:
    helpers = [v for v in volunteers if v.confirmed_at is not None]
    rows, chosen_kinds = [], []
    days = (ENDED - STARTED).days - 10
    for n in range(REQUESTS):
        created = STARTED + timedelta(days=(n * n) % days * (0.4 if n % 2 else 0.8) % days, hours=8 + n % 9)
        kept = n % 60 == 0
        not_for_us = n % 25 == 3
        what = n % len(WHAT)
        rows.append(HelpRequest(
            crisis=crisis, reference=f"KH-P20{n + 1:03d}",
            for_whom=HelpRequest.ForWhom.OTHER if n % 4 == 0 else HelpRequest.ForWhom.SELF,
            name=f"{FIRST[(n * 3) % len(FIRST)]} {LAST[(n * 5) % len(LAST)]}" if kept else "",
            phone=f"+467017406{5 + n % 95:02d}" if kept else "",
            address=f"{STREETS[n % len(STREETS)]} {1 + n % 40}" if kept else "",
            what=WHAT[what] if kept else "", when="",
            district=districts[(n * 5) % len(districts)],
            priority=HelpRequest.Priority.NOT_FOR_US if not_for_us else
            HelpRequest.Priority.URGENT if n % 6 == 0 else HelpRequest.Priority.NORMAL,
            status=HelpRequest.Status.CLOSED if not_for_us else HelpRequest.Status.DONE,
            keep_for_case=kept, created_at=created, triaged_at=created + timedelta(minutes=20 + n % 90),
            closed_at=created + timedelta(days=1 + n % 3),
            erased_at=None if kept else ENDED + timedelta(days=91),
        ))
        chosen_kinds.append(kinds.get(KINDS_BY_WHAT[what]))
    HelpRequest.objects.bulk_create(rows, batch_size=500)
    saved = list(HelpRequest.objects.filter(crisis=crisis).order_by("reference"))
    through = HelpRequest.help_kinds.through
    through.objects.bulk_create([through(helprequest_id=r.pk, helpkind_id=k.pk)
                                 for r, k in zip(saved, chosen_kinds, strict=True) if k is not None])
    tasks = []
    for n, help_request in enumerate(saved):
        if help_request.status != HelpRequest.Status.DONE:
            continue
        volunteer = helpers[(n * 37) % len(helpers)]
        offered = help_request.triaged_at + timedelta(minutes=10)
        if n % 5 == 0:  # someone said no first
            tasks.append(Task(help_request=help_request, volunteer=helpers[(n * 37 + 1) % len(helpers)],
                              status=Task.Status.DECLINED, offered_at=offered - timedelta(minutes=5),
                              answered_at=offered))
        tasks.append(Task(help_request=help_request, volunteer=volunteer, status=Task.Status.DONE, offered_at=offered,
                          answered_at=offered + timedelta(minutes=15), done_at=help_request.closed_at))
    Task.objects.bulk_create(tasks, batch_size=500)


# ---------------------------------------------------------------- a snowstorm with help providers

STORM = "Snöstormen januari 2026"
STORM_STARTED = datetime(2026, 1, 12, 7, 30, tzinfo=TZ)
STORM_ENDED = datetime(2026, 1, 19, 18, 0, tzinfo=TZ)
STORM_KINDS = ["matinkop", "apotek", "transport", "telefonsamtal"]
STORM_WHAT = [
    ("matinkop", "Mat och mjölk, vägen är igensnöad och bussen går inte."),
    ("apotek", "Hämta min medicin på apoteket i Ekerö centrum, jag kommer inte ut."),
    ("transport", "Skjuts till dialysen på Karolinska på onsdag morgon."),
    ("telefonsamtal", "Min mamma bor ensam på Munsö, kan någon ringa henne varje dag?"),
]
STORM_HELPERS = ["Birgitta och Sven", "Hassan", "Maria", "Lennart", "Amira och Jonas", "Kerstin"]
STORM_VOLUNTEERS = 30


def _snowstorm(*, stdout) -> None:
    """A closed crisis in which Röda Korset Ekerö took errands from the triage (20 a day
    of shopping, 10 of medicine) and Lions Club Ekerö gave lifts; the volunteers who signed
    up and were not needed were told so: some kept their details for next time, the others
    were erased (by their own choice or after 30 days without an answer)."""
    from samverka.actors.models import Actor
    from samverka.core import audit

    from . import services
    from .models import HelpProvider, ProviderCapacity, ProviderTask

    if Crisis.objects.filter(name=STORM).exists():
        return
    office = Office.objects.filter(slug="socialkontoret").first()
    districts = list(District.objects.order_by("position", "pk"))
    kinds = {k.slug: k for k in HelpKind.objects.filter(slug__in=STORM_KINDS)}
    red_cross = Actor.objects.filter(name="Röda Korset Ekerö").first()
    lions = Actor.objects.filter(name="Lions Club Ekerö").first()
    if not districts or len(kinds) < len(STORM_KINDS) or red_cross is None:
        return
    with transaction.atomic():
        crisis = Crisis.objects.create(
            name=STORM, message="Vägarna på öarna är igensnöade. Behöver du mat eller medicin? Säg till.",
            is_active=False, started_at=STORM_STARTED, ended_at=STORM_ENDED, retention_days=365,
            release_started_at=STORM_ENDED)
        crisis.help_kinds.set(kinds.values())
        if office is not None:
            crisis.triage_offices.set([office])
        providers = [HelpProvider.objects.create(
            crisis=crisis, actor=red_cross, contact_name="Birgitta Sjöberg", contact_phone="+46701740690",
            hours="Alla dagar 8–20", joined_at=STORM_STARTED + timedelta(hours=3))]
        ProviderCapacity.objects.create(provider=providers[0], help_kind=kinds["matinkop"], per_day=20)
        ProviderCapacity.objects.create(provider=providers[0], help_kind=kinds["apotek"], per_day=10)
        if lions is not None:
            providers.append(HelpProvider.objects.create(
                crisis=crisis, actor=lions, contact_name="Lennart Forsberg", contact_phone="+46701740691",
                hours="Vardagar 7–18", joined_at=STORM_STARTED + timedelta(hours=26)))
            ProviderCapacity.objects.create(provider=providers[1], help_kind=kinds["transport"], per_day=6)
        for provider in providers:
            audit.record(by=None, action="crisis_provider.join", target=provider, changes={"actor": str(provider)})
        volunteers = _storm_volunteers(crisis, districts)
        requests = 0
        for n in range(36):
            slug, what = STORM_WHAT[n % len(STORM_WHAT)]
            created = STORM_STARTED + timedelta(hours=2 + n * 4.5)
            help_request = HelpRequest.objects.create(
                crisis=crisis, reference=f"KH-S26{n + 1:03d}", name=f"{FIRST[(n * 5) % len(FIRST)]} "
                f"{LAST[(n * 3) % len(LAST)]}", phone=f"+467017406{10 + n % 80:02d}",
                address=f"{STREETS[n % len(STREETS)]} {2 + n % 30}", what=what, district=districts[n % len(districts)],
                priority=HelpRequest.Priority.URGENT if slug in ("apotek", "transport") else HelpRequest.Priority.NORMAL,
                status=HelpRequest.Status.DONE, created_at=created, triaged_at=created + timedelta(minutes=15),
                closed_at=created + timedelta(hours=5))
            help_request.help_kinds.set([kinds[slug]])
            provider = providers[0] if slug in ("matinkop", "apotek") else providers[-1] if slug == "transport" \
                else None
            if provider is not None:
                ProviderTask.objects.create(
                    help_request=help_request, provider=provider, help_kind=kinds[slug],
                    status=ProviderTask.Status.DONE, handed_at=created + timedelta(minutes=20),
                    accepted_at=created + timedelta(minutes=50), helpers=STORM_HELPERS[n % len(STORM_HELPERS)],
                    done_at=help_request.closed_at)
            else:  # a phone call a day: one of the municipality's crisis volunteers
                Task.objects.create(help_request=help_request, volunteer=volunteers[n % 6], status=Task.Status.DONE,
                                    offered_at=created + timedelta(minutes=20),
                                    answered_at=created + timedelta(minutes=40), done_at=help_request.closed_at)
            requests += 1
        # The volunteers never given a task were told, once, when the storm was over.
        unneeded = list(services.unneeded_volunteers(crisis.pk).select_related("volunteer").order_by("pk"))
        kept, erased = 0, 0
        for n, link in enumerate(unneeded):
            link.released_at = STORM_ENDED + timedelta(minutes=5)
            if n % 3 == 2:  # chose "erase", or did not answer in 30 days: erased
                link.volunteer.delete()
                erased += 1
                audit.record(by=None, action="crisis.release_erase", target=crisis)
                continue
            link.choice, link.chosen_at = "keep", STORM_ENDED + timedelta(days=1, hours=n)
            link.save(update_fields=["released_at", "choice", "chosen_at"])
            Volunteer.objects.filter(pk=link.volunteer_id).update(crisis_help=True)
            kept += 1
        audit.record(by=None, action="crisis.release", target=crisis, changes={"volunteers": len(unneeded)})
    stdout.write(f"Crisis demo: {STORM} with {len(providers)} help providers, {requests} requests, "
                 f"{kept} volunteers not needed who kept their details and {erased} erased.")


def _storm_volunteers(crisis, districts) -> list[Volunteer]:
    rows = []
    for n in range(STORM_VOLUNTEERS):
        signed_up = STORM_STARTED + timedelta(hours=1 + n * 0.7)
        rows.append(Volunteer.objects.create(
            name=f"{FIRST[(n * 11 + 3) % len(FIRST)]} {LAST[(n * 13 + 5) % len(LAST)]}",
            email=f"snostorm{n + 1:02d}@example.org", availability=_availability(n), consent_email=True,
            confirmed_at=signed_up + timedelta(minutes=4), created_at=signed_up))
        rows[-1].districts.set([districts[n % len(districts)]])
    CrisisVolunteer.objects.bulk_create([
        CrisisVolunteer(crisis=crisis, volunteer=v, signed_up_at=v.created_at, confirmed_at=v.confirmed_at,
                        channel=CrisisVolunteer.Channel.EMAIL, language="sv") for v in rows])
    return rows
