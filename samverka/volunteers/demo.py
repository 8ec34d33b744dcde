"""Demo volunteers: about thirty invented people around the islands with profiles (skills,
languages, parts of the municipality, availability, checks, consent), some on the demo
activities with logged hours, and the demo resident's own profile. `load_demo` calls
`load(stdout=...)`; running it again adds nothing."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from samverka.accounts.models import User
from samverka.activities.models import Activity
from samverka.municipality.models import Area, District, Language

from . import services
from .models import Availability, HelpKind, HoursLog, Volunteer

# name, districts, help kinds, areas, languages, skills, will not do, availability slots, record extract, sms
PEOPLE = [
    ("Karin Öberg", ["ekero-centrum"], ["telefonsamtal", "arenden"], ["omsorg"], ["sv"],
     "Pensionerad sjuksköterska. Tycker om att prata och lyssna.", "", ["0-0", "2-0", "4-0"], True, True),
    ("Ahmad Rahimi", ["stenhamra"], ["sprak", "transport"], ["integration"], ["sv", "fa", "en"],
     "Tolkar dari och persiska, har körkort och bil.", "Inga tunga lyft.", ["5-0", "5-1", "6-1"], False, True),
    ("Birgitta Lund", ["trakvista", "ekero-centrum"], ["matinkop", "apotek"], ["omsorg", "folkhalsa"], ["sv"],
     "Handlar gärna åt grannar.", "Ingen hundpromenad (allergisk).", ["1-0", "3-0"], False, True),
    ("Johan Ekberg", ["ska", "farentuna"], ["transport"], ["natur"], ["sv", "en"],
     "Har släpvagn och kan hämta möbler.", "", ["5-0", "5-1"], False, True),
    ("Fatima Ali", ["ekero-centrum"], ["sprak"], ["integration", "utbildning"], ["sv", "ar", "so"],
     "Lärarstudent, pratar arabiska och somaliska.", "", ["1-2", "3-2"], True, True),
    ("Olena Kovalenko", ["stenhamra"], ["sprak", "digitalt"], ["integration"], ["uk", "en", "sv"],
     "IT-konsult. Hjälper gärna till med datorer och telefoner.", "", ["2-2", "6-1"], False, False),
    ("Per Sandström", ["munso", "adelso"], ["transport", "arenden"], ["natur", "varldsarv"], ["sv"],
     "Guide på Birka om somrarna.", "", ["0-1", "1-1", "2-1"], False, True),
    ("Maria Holm", ["ekero-centrum", "trakvista"], ["hundpromenad", "matinkop"], ["folkhalsa"], ["sv", "fi"],
     "Går gärna långa promenader.", "", ["0-2", "2-2", "4-2"], False, True),
    ("Yonas Tesfaye", ["ekero-centrum"], ["sprak"], ["integration", "arbetsmarknad"], ["ti", "sv", "en"],
     "Pratar tigrinja, arbetar som undersköterska.", "", ["5-1", "6-0"], False, True),
    ("Gunilla Strand", ["stenhamra"], ["telefonsamtal"], ["omsorg", "kultur"], ["sv"],
     "Läser gärna högt och pratar om böcker.", "Vill inte köra bil.", ["0-1", "3-1"], True, False),
    ("Erik Nyberg", ["lovo"], ["transport", "digitalt"], ["trygghet"], ["sv", "en"],
     "Nattvandrare sedan många år.", "", ["4-2", "5-2"], True, True),
    ("Sofia Lindqvist", ["ekero-centrum"], ["digitalt"], ["utbildning", "innovation"], ["sv", "en"],
     "Gymnasieelev som gillar att lära ut.", "", ["2-1", "2-2"], False, True),
    ("Hassan Omar", ["ska"], ["matinkop", "transport"], ["integration"], ["so", "sv"],
     "Har bil, kan handla och skjutsa.", "", ["5-0", "6-0"], False, True),
    ("Ingrid Björk", ["farentuna"], ["telefonsamtal", "apotek"], ["omsorg"], ["sv"],
     "Före detta distriktssköterska.", "", ["1-0", "3-0"], True, True),
    ("Lars Wikström", ["helgo", "ekero-centrum"], ["arenden"], ["natur"], ["sv"],
     "Snickare, kan laga saker.", "", ["5-0"], False, False),
    ("Amina Yusuf", ["ekero-centrum"], ["sprak", "telefonsamtal"], ["integration", "folkhalsa"], ["so", "ar", "sv"],
     "Kulturtolk och mamma till tre.", "", ["0-2", "3-2"], False, True),
    ("Nils Hedlund", ["adelso"], ["hundpromenad"], ["natur"], ["sv"],
     "Har egen hund och går ut varje dag.", "", ["0-0", "1-0", "2-0", "3-0", "4-0"], False, True),
    ("Elin Forsberg", ["stenhamra", "ska"], ["matinkop"], ["fritid", "kultur"], ["sv", "en"],
     "Scoutledare.", "", ["6-0", "6-1"], True, True),
    ("Reza Karimi", ["trakvista"], ["digitalt", "sprak"], ["arbetsmarknad"], ["fa", "sv", "en"],
     "Programmerare, hjälper gärna nyanlända med CV.", "", ["1-2"], False, False),
    ("Anna-Lena Berg", ["munso"], ["apotek", "arenden"], ["omsorg"], ["sv"],
     "Bor nära Munsö affär.", "", ["0-1", "4-1"], False, True),
    ("Tomas Hagström", ["ekero-centrum"], ["transport"], ["fritid"], ["sv"],
     "Kör minibuss för idrottsföreningen.", "", ["5-0", "5-1", "6-0"], True, True),
    ("Leila Haddad", ["ekero-centrum"], ["sprak"], ["kultur", "integration"], ["ar", "sv", "en"],
     "Konstnär, leder gärna skapande verkstäder.", "", ["2-1"], False, True),
    ("Göran Ek", ["lovo", "helgo"], ["telefonsamtal"], ["varldsarv"], ["sv"],
     "Intresserad av lokalhistoria.", "", ["1-1"], False, False),
    ("Mira Johansson", ["stenhamra"], ["hundpromenad", "matinkop"], ["folkhalsa"], ["sv"],
     "Studerar till veterinär.", "", ["4-2", "6-2"], False, True),
    ("Kalle Nordin", ["farentuna", "ska"], ["transport", "arenden"], ["natur"], ["sv"],
     "Lantbrukare med traktor.", "", ["6-1"], False, True),
    ("Daria Petrenko", ["stenhamra"], ["sprak"], ["integration", "utbildning"], ["uk", "sv"],
     "Lärare i ukrainska.", "", ["3-2"], True, False),
    ("Hanna Sjöberg", ["ekero-centrum", "trakvista"], ["digitalt", "telefonsamtal"], ["omsorg", "innovation"],
     ["sv", "en"], "Jobbar med digital delaktighet för äldre.", "", ["0-2", "2-2"], False, True),
    ("Mohammed Saleh", ["ekero-centrum"], ["transport", "sprak"], ["integration"], ["ar", "sv"],
     "Taxichaufför, kan skjutsa på helger.", "", ["5-1", "6-1"], False, True),
    ("Ulla Granqvist", ["adelso", "munso"], ["telefonsamtal"], ["omsorg", "kultur"], ["sv"],
     "Pensionerad bibliotekarie.", "", ["0-0", "2-0"], True, True),
    ("Viktor Åström", ["ska"], ["hundpromenad", "transport"], ["fritid"], ["sv", "en"],
     "Student, fri på eftermiddagar.", "", ["0-1", "1-1", "2-1", "3-1"], False, True),
]


def email_of(name: str) -> str:
    plain = name.lower().translate(str.maketrans({"å": "a", "ä": "a", "ö": "o", " ": ".", "-": ""}))
    return f"{plain}@example.org"


def phone_of(n: int) -> str:
    return f"+467017400{n:02d}"  # 070-174 00 nn


@transaction.atomic
def load(*, stdout) -> None:
    districts = {d.slug: d for d in District.objects.all()}
    kinds = {k.slug: k for k in HelpKind.objects.all()}
    areas = {a.slug: a for a in Area.objects.all()}
    languages = {lang.code: lang for lang in Language.objects.all()}
    now = timezone.now()
    created = 0
    for n, (name, where, help_kinds, interests, speaks, skills, will_not, slots, extract, sms) in enumerate(PEOPLE):
        email = email_of(name)
        if Volunteer.objects.filter(email__iexact=email).exists():
            continue
        volunteer = Volunteer.objects.create(
            name=name, email=email, phone=phone_of(n + 1), skills=skills, will_not_do=will_not,
            availability=Availability.from_slots(slots), consent_email=True, consent_sms=sms, crisis_help=sms,
            record_checked_on=date(2025, 9, 1) + timedelta(days=17 * n) if extract else None,
            status=Volunteer.Status.PAUSED if n in (9, 22) else (Volunteer.Status.LEFT if n == 14 else Volunteer.Status.ACTIVE),
            confirmed_at=now - timedelta(days=200 - n), created_at=now - timedelta(days=200 - n),
        )
        volunteer.districts.set([districts[s] for s in where if s in districts])
        volunteer.help_kinds.set([kinds[s] for s in help_kinds if s in kinds])
        volunteer.areas.set([areas[s] for s in interests if s in areas])
        volunteer.languages.set([languages[s] for s in speaks if s in languages])
        created += 1
    _resident_profile(districts, kinds, areas)
    _activity_assignments()
    stdout.write(f"Volunteers: {Volunteer.objects.count()} ({created} new).")


def _resident_profile(districts, kinds, areas) -> None:
    """The demo resident Lina has her own profile, linked to her account."""
    lina = User.objects.filter(email="invanare@samverka.example").first()
    if lina is None or Volunteer.objects.filter(user=lina).exists():
        return
    services.save_profile(by=lina, data={
        "name": "Lina Sandberg", "phone": "+46701740099", "skills": "Van vid barn, har körkort.",
        "will_not_do": "", "availability": Availability.from_slots(["1-2", "3-2", "5-0"]),
        "record_checked_on": None, "consent_email": True, "consent_sms": False,
        "districts": [districts[s] for s in ("ekero-centrum", "trakvista") if s in districts],
        "help_kinds": [kinds[s] for s in ("sprak", "matinkop") if s in kinds],
        "areas": [areas[s] for s in ("integration", "kultur") if s in areas], "languages": [],
    })


def _activity_assignments() -> None:
    """A few volunteers help at the demo activities (language cafés, the senior meeting
    places) and have logged hours there."""
    activities = list(Activity.objects.filter(status=Activity.Status.PUBLISHED).order_by("pk")[:4])
    people = list(Volunteer.objects.available().filter(email__endswith="@example.org").order_by("pk")[:8])
    if not activities or not people:
        return
    today = timezone.localdate()
    for n, volunteer in enumerate(people):
        activity = activities[n % len(activities)]
        if volunteer.assignments.filter(activity=activity).exists():
            continue
        assignment = services.assign(by=None, volunteer=volunteer, activity=activity, role="Värd vid fikat")
        for week in range(1, 1 + n % 4):
            HoursLog.objects.create(volunteer=volunteer, assignment=assignment, date=today - timedelta(days=7 * week),
                                    hours=2, note="Dukade fram fika och tog emot nya besökare.")
