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
