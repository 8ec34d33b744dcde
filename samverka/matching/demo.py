"""Demo matching programmes: the befriending service (Väntjänsten, run by Socialkontoret, with
visiting friends from Lions, PRO, SPF and the Red Cross and some on their own), friend
families (Vänfamilj, with the parish network of Svenska kyrkan), association matching,
language friends and re-use (the parish's furniture flow). Each has a few dozen invented
participants over Ekerö's parts, some past and current matches with follow-ups, and the demo
coordinator Helena. `load_demo` calls `load(stdout=...)`; running it again adds nothing."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from samverka.accounts.models import User
from samverka.actors.models import Actor
from samverka.municipality.models import District, Language, Office
from samverka.volunteers.models import Availability

from .models import CheckIn, Choice, Coordinator, Match, Participant, Programme, RegionalPartner, RemoteOffer

COORDINATOR = "samordnare@samverka.example"

FIRST = ["Ingrid", "Gösta", "Margit", "Sven", "Elsa", "Bertil", "Greta", "Rune", "Astrid", "Holger", "Maj", "Evert",
         "Siv", "Arne", "Barbro", "Stig", "Inga", "Folke", "Gun", "Lennart", "Aina", "Tore", "Karin", "Bo"]
LAST = ["Andersson", "Lindqvist", "Sjögren", "Holmberg", "Eklund", "Nordström", "Wallin", "Berggren", "Hedman",
        "Lundin", "Forsell", "Engström"]
HELPERS = ["Anders", "Camilla", "Jonas", "Pia", "Mikael", "Susanne", "Peter", "Annika", "Fredrik", "Malin", "Ulf",
           "Therese", "Patrik", "Jenny", "Henrik", "Sara", "Magnus", "Linda", "Tobias", "Emma"]
NEWCOMERS = ["Ahmad", "Fatima", "Yonas", "Amina", "Oleksandr", "Olena", "Abdi", "Hodan", "Reza", "Maryam", "Tesfay",
             "Selam", "Mohammed", "Rania", "Dmytro", "Iryna", "Hussein", "Nasra", "Farid", "Leyla"]
NEWCOMER_LAST = ["Rahimi", "Haddad", "Tesfaye", "Yusuf", "Kovalenko", "Petrenko", "Omar", "Karimi", "Saleh",
                 "Ali", "Ahmadi", "Bondarenko"]
PARTS = ["ekero-centrum", "stenhamra", "trakvista", "ska", "farentuna", "munso", "adelso", "lovo", "helgo"]
ABOUT_OLD = ["Jag tycker om att prata om trädgård och gamla tider.", "Jag har svårt att gå ut själv men älskar "
             "promenader.", "Jag läser gärna men ser dåligt nu.", "Jag bor ensam sedan min man dog och saknar "
             "någon att fika med.", "Jag har jobbat som sjöman hela livet och har mycket att berätta."]
ABOUT_HELPER = ["Pensionerad lärare som gärna läser högt.", "Jobbar deltid och har tisdagar lediga.",
                "Tycker om långa promenader och korsord.", "Har själv haft en mormor som fick besök, och vill "
                "ge tillbaka.", "Student som gillar att lyssna på berättelser."]
ABOUT_FAMILY = ["Vi tycker om att vara ute i naturen och laga mat tillsammans.", "Barnen spelar fotboll och vi "
                "vill lära känna fler på ön.", "Vi har bott här i två år och vill öva svenska.", "Vi gillar musik "
                "och att fika med grannar."]

PROGRAMMES = {
    "vantjansten": dict(
        kind=Programme.Kind.BEFRIENDING, name="Väntjänsten",
        summary="Besöksvänner för dig som vill ha sällskap, följe till vården eller någon som läser högt.",
        description="Väntjänsten sammanför dig som känner dig ensam med en besöksvän nära dig. Besöksvännerna "
                    "kommer från Lions, PRO, SPF och Röda Korset, eller är privatpersoner som vill ge lite tid. "
                    "Alla besöksvänner visar utdrag ur belastningsregistret innan första besöket.",
        request_label="Jag vill ha sällskap", offer_label="Jag vill bli besöksvän",
        request_intro="Berätta lite om dig själv och vad du vill ha hjälp med. Det kostar ingenting.",
        offer_intro="Ge någon en timme i veckan. Du bestämmer själv hur ofta och vad du kan göra.",
        required_check=Programme.Check.RECORD_EXTRACT, availability_required=True, radius_km=12,
        office="socialkontoret"),
    "vanfamilj": dict(
        kind=Programme.Kind.FRIEND_FAMILY, name="Vänfamilj",
        summary="Nya familjer på ön möter familjer som bott här länge, genom nätverket Öar utan gränser.",
        description="Vänfamilj drivs av Socialkontoret tillsammans med Svenska kyrkan Ekerö församling och "
                    "nätverket Öar utan gränser. Ni träffas några gånger i månaden: fika, en promenad, en "
                    "fotbollsmatch.",
        request_label="Vi vill ha en vänfamilj", offer_label="Vi vill bli vänfamilj",
        required_check=Programme.Check.NONE, radius_km=20, office="socialkontoret"),
    "etablering-genom-forening": dict(
        kind=Programme.Kind.ASSOCIATION, name="Etablering genom förening",
        summary="Hitta en förening som passar dina intressen, och föreningar som vill ha nya medlemmar.",
        description="Föreningarna anger hur många nya de kan ta emot. Vi föreslår en förening efter dina "
                    "intressen och var du bor.",
        request_label="Jag vill hitta en förening", offer_label="Vår förening tar emot nya medlemmar",
        radius_km=25, default_capacity=5, same_zone=False, office="kultur-och-fritidskontoret"),
    "sprakvan": dict(
        kind=Programme.Kind.LANGUAGE_FRIEND, name="Språkvän",
        summary="Öva svenska med en språkvän som delar dina intressen.",
        request_label="Jag vill öva svenska", offer_label="Jag vill bli språkvän",
        language_required=False, radius_km=20, office="kultur-och-fritidskontoret"),
    "aterbruk": dict(
        kind=Programme.Kind.REUSE, name="Återbruk av möbler",
        summary="Skänkta möbler och husgeråd till nyanlända familjers tomma lägenheter, via församlingens "
                "möbelförråd.",
        description="Svenska kyrkan Ekerö församling tar emot möbler i förrådet i Stenhamra. Vi matchar det som "
                    "skänks med det som en lägenhet behöver, och hämtar på bestämda dagar.",
        request_label="Mitt hem behöver möbler", offer_label="Jag vill skänka möbler",
        radius_km=30, same_zone=False, default_capacity=1, trial_days=14, check_in_days=14, office="socialkontoret"),
}
CHOICES = {  # Swedish, English, Arabic
    "vantjansten": ("kind", [
        ("Sällskap", "Company", "صحبة"),
        ("Promenad", "A walk", "نزهة مشي"),
        ("Högläsning", "Reading aloud", "القراءة بصوت عالٍ"),
        ("Följe till vården", "An escort to appointments", "مرافقة إلى المواعيد"),
        ("Telefonvän", "A phone friend", "صديق عبر الهاتف"),
    ]),
    "vanfamilj": ("interest", [
        ("Friluftsliv", "Outdoor life", "الحياة في الطبيعة"),
        ("Matlagning", "Cooking", "الطبخ"),
        ("Fotboll", "Football", "كرة القدم"),
        ("Musik", "Music", "الموسيقى"),
        ("Trädgård", "Gardening", "البستنة"),
        ("Båtliv", "Boating", "ركوب القوارب"),
    ]),
    "etablering-genom-forening": ("interest", [
        ("Idrott", "Sports", "الرياضة"),
        ("Musik", "Music", "الموسيقى"),
        ("Natur och friluftsliv", "Nature and outdoor life", "الطبيعة والحياة في الهواء الطلق"),
        ("Kultur och hantverk", "Culture and crafts", "الثقافة والحِرف اليدوية"),
        ("Scouting", "Scouting", "الكشافة"),
        ("Schack", "Chess", "الشطرنج"),
    ]),
    "sprakvan": ("interest", [
        ("Böcker", "Books", "الكتب"),
        ("Fika och samtal", "Coffee and talk", "القهوة والحديث"),
        ("Promenader", "Walks", "نزهات المشي"),
        ("Matlagning", "Cooking", "الطبخ"),
        ("Teknik", "Technology", "التقنية"),
        ("Sport", "Sports", "الرياضة"),
    ]),
    "aterbruk": ("kind", [
        ("Säng", "Bed", "سرير"),
        ("Soffa", "Sofa", "أريكة"),
        ("Köksbord", "Kitchen table", "طاولة مطبخ"),
        ("Stolar", "Chairs", "كراسٍ"),
        ("Byrå", "Chest of drawers", "خزانة أدراج"),
        ("Lampor", "Lamps", "مصابيح"),
        ("Husgeråd", "Kitchenware", "أدوات منزلية"),
        ("Barnsäng", "Cot", "سرير أطفال"),
    ]),
}
# Agenda 2030: health and loneliness (3), equality and inclusion (10), language and learning (4),
# inclusive communities (16), poverty and re-use (1, 12).
SDG_GOALS = {"vantjansten": [3, 10], "vanfamilj": [10, 16], "etablering-genom-forening": [3, 10, 16],
             "sprakvan": [4, 10], "aterbruk": [1, 10, 12]}
# The organisations that send visiting friends, and the association matching's associations.
GIVING = ["Lions Club Ekerö", "PRO Ekerö", "SPF Seniorerna Ekerö", "Röda Korset Ekerö"]
PARISH = "Svenska kyrkan Ekerö församling"


@transaction.atomic
def load(*, stdout) -> None:
    offices = {o.slug: o for o in Office.objects.filter(slug__in=["socialkontoret", "kultur-och-fritidskontoret"])}
    parts = [d for slug in PARTS for d in District.objects.filter(slug=slug)]
    if len(offices) < 2 or not parts:
        return
    coordinator = User.objects.filter(email=COORDINATOR).first()
    languages = {lang.code: lang for lang in Language.objects.all()}
    actors = {a.name: a for a in Actor.objects.filter(name__in=[*GIVING, PARISH])}
    associations = list(Actor.objects.exclude(name__in=[*GIVING, PARISH]).order_by("name")[:8])
    created = 0
    for n, (slug, spec) in enumerate(PROGRAMMES.items()):
        if Programme.objects.filter(slug=slug).exists():
            continue
        spec = dict(spec)
        programme = Programme.objects.create(slug=slug, status=Programme.Status.OPEN,
                                             office=offices[spec.pop("office")], **spec)
        programme.sdg_goals.set(SDG_GOALS[slug])
        group, names = CHOICES[slug]
        choices = [Choice.objects.create(programme=programme, group=group, name=sv, name_en=en, name_ar=ar,
                                         position=i)
                   for i, (sv, en, ar) in enumerate(names)]
        if coordinator:
            Coordinator.objects.create(programme=programme, user=coordinator)
        builder = {Programme.Kind.BEFRIENDING: _befriending, Programme.Kind.FRIEND_FAMILY: _friend_families,
                   Programme.Kind.ASSOCIATION: _associations, Programme.Kind.LANGUAGE_FRIEND: _language_friends,
                   Programme.Kind.REUSE: _reuse}[programme.kind]
        requests, offers = builder(programme, choices, parts, languages, actors, associations, seed=n)
        _matches(programme, requests, offers, coordinator)
        created += 1
    stdout.write(f"Matching programmes: {Programme.objects.count()} ({created} new), "
                 f"{Participant.objects.count()} participants, {Match.objects.count()} matches.")
    _regional()


# ---------------------------------------------------------------- the regional programme

# The association matching is run together with Upplands-Bro as the region's VIDA programme;
# these are its open places as if just read from Upplands-Bro's feed (the demo's partner is
# not reachable, so its page also shows how a feed that is down looks).
BRO = "https://samverka.upplands-bro.example"
BRO_PUBLIC_KEY = "iEuIV/TqoWE8YVBNs01L6vNGUXoOMd483dTZtCAdnQs="
BRO_OFFERS = [  # id, association, org no, kind, area, lat, lon, languages, interests, places
    ("b1", "Bro IK", "813200-4411", "Idrottsförening", "Bro", "59.51200", "17.63600", ["sv", "en"], ["Idrott"], 4),
    ("b2", "Kungsängens schacksällskap", "802415-7720", "Förening", "Kungsängen", "59.47800", "17.75000",
     ["sv", "ar"], ["Schack"], 2),
    ("b3", "Bro scoutkår", "817601-3305", "Förening", "Bro", "59.51200", "17.63600", ["sv"], ["Scouting",
                                                                                            "Natur och friluftsliv"], 3),
    ("b4", "Brogårds hembygdsförening", "802011-9164", "Förening", "Bro", "59.51200", "17.63600", ["sv"],
     ["Kultur och hantverk"], 2),
    ("b5", "Kungsängens musikkår", "802477-2290", "Förening", "Kungsängen", "59.47800", "17.75000", ["sv", "en"],
     ["Musik"], 2),
]


def _regional() -> None:
    programme = Programme.objects.filter(slug="etablering-genom-forening").first()
    if programme is None or programme.shared_regionally:
        return
    with transaction.atomic():
        bro, _created = RegionalPartner.objects.get_or_create(base_url=BRO, defaults={
            "name": "Upplands-Bro kommun", "public_key": BRO_PUBLIC_KEY,
            "fetched_at": timezone.now() - timedelta(minutes=40), "checked_at": timezone.now() - timedelta(minutes=40)})
        programme.shared_regionally, programme.regional_code = True, "vida-stockholm-nordvast"
        programme.save(update_fields=["shared_regionally", "regional_code"])
        programme.partners.add(bro)
        RemoteOffer.objects.bulk_create([
            RemoteOffer(partner=bro, programme=programme, remote_id=ref, association=name, organisation_number=org,
                        association_kind=kind, area=area, latitude=lat, longitude=lon, languages=langs,
                        interests=interests, places=places, fetched_at=bro.fetched_at)
            for ref, name, org, kind, area, lat, lon, langs, interests, places in BRO_OFFERS])


# ---------------------------------------------------------------- participants


def _email(name: str, n: int) -> str:
    plain = name.lower().translate(str.maketrans({"å": "a", "ä": "a", "ö": "o", " ": ".", "-": ""}))
    return f"{plain}.{n}@example.org"


def _participant(programme, side, n, name, parts, *, kinds=(), interests=(), langs=(), about="", sensitive="",
                 details=None, availability=0, capacity=1, actor=None, refuses=()) -> Participant:
    now = timezone.now()
    district = parts[(n * 5 + (side == "offer")) % len(parts)]
    joined = now - timedelta(days=3 + (n * 37) % 220)
    participant = Participant.objects.create(
        programme=programme, side=side, status=Participant.Status.WAITING, name=name, email=_email(name, n),
        phone=f"+4670175{(n * 7 + (side == 'offer') * 500) % 10000:04d}", district=district,
        latitude=district.latitude, longitude=district.longitude, about=about, sensitive=sensitive,
        details=details or {}, availability=availability, capacity=capacity, actor=actor, joined_at=joined,
        confirmed_at=joined, created_at=joined, urgent=side == "request" and n % 11 == 3,
        check_seen_on=(now - timedelta(days=30)).date() if side == "offer" and programme.required_check else None,
    )
    participant.kinds.set(kinds)
    participant.interests.set(interests)
    participant.languages.set(langs)
    participant.refuses.set(refuses)
    return participant


def _slots(n: int, count: int = 3) -> int:
    return Availability.from_slots([f"{(n + i * 2) % 5}-{(n + i) % 3}" for i in range(count)])


def _pick(items, n, count):
    return [items[(n + i * 2) % len(items)] for i in range(min(count, len(items)))]


def _befriending(programme, kinds, parts, languages, actors, associations, seed):
    sv = [languages["sv"]] if "sv" in languages else []
    requests = [_participant(programme, "request", n, f"{FIRST[n % len(FIRST)]} {LAST[n % len(LAST)]}", parts,
                             kinds=_pick(kinds, n, 1 + n % 2), langs=sv, about=ABOUT_OLD[n % len(ABOUT_OLD)],
                             sensitive="Hör dåligt, ring hellre än skicka sms." if n % 4 == 0 else
                             ("Använder rullator." if n % 5 == 1 else ""), availability=_slots(n))
                for n in range(26)]
    givers = [actors.get(name) for name in GIVING] + [None]
    offers = []
    for n in range(22):
        actor = givers[n % len(givers)]
        offers.append(_participant(
            programme, "offer", n, f"{HELPERS[n % len(HELPERS)]} {LAST[(n + 5) % len(LAST)]}", parts,
            kinds=_pick(kinds, n, 2 + n % 2), refuses=[kinds[4]] if n % 6 == 0 else [],
            langs=sv + ([languages["en"]] if n % 3 == 0 and "en" in languages else []),
            about=ABOUT_HELPER[n % len(ABOUT_HELPER)], availability=_slots(n, 4), capacity=1 + (n % 5 == 0),
            actor=actor, details={"record_check_agreed": True}))
    return requests, offers


def _families(programme, interests, parts, languages, side, count, seed):
    result = []
    for n in range(count):
        if side == "request":
            name = f"Familjen {NEWCOMER_LAST[n % len(NEWCOMER_LAST)]}"
            langs = [languages[c] for c in (["ar", "sv"], ["ti"], ["uk", "en"], ["so", "sv"], ["fa"])[n % 5]
                     if c in languages]
        else:
            name = f"Familjen {LAST[(n + 3) % len(LAST)]}"
            langs = [languages[c] for c in ("sv", "en") if c in languages][: 1 + n % 2]
        children = [a for a in (2 + n % 7, 6 + n % 9, 11 + n % 5)[: n % 4]]
        result.append(_participant(
            programme, side, n + seed * 100, name, parts, interests=_pick(interests, n, 2 + n % 2), langs=langs,
            about=ABOUT_FAMILY[n % len(ABOUT_FAMILY)],
            sensitive="Pappan är sjukskriven efter flykten." if side == "request" and n % 5 == 2 else "",
            details={"household_size": 2 + len(children) + n % 2, "children_ages": children,
                     "work": ("Sjuksköterska", "Snickare", "Lärare", "Ingenjör", "Kock")[n % 5]}))
    return result


def _friend_families(programme, interests, parts, languages, actors, associations, seed):
    return (_families(programme, interests, parts, languages, "request", 16, seed),
            _families(programme, interests, parts, languages, "offer", 14, seed))


def _newcomers(programme, interests, parts, languages, count, seed, **extra):
    return [_participant(programme, "request", n + seed * 100,
                         f"{NEWCOMERS[n % len(NEWCOMERS)]} {NEWCOMER_LAST[(n + seed) % len(NEWCOMER_LAST)]}", parts,
                         interests=_pick(interests, n, 2), availability=_slots(n),
                         langs=[languages[c] for c in (("ar",), ("ti",), ("uk",), ("so",), ("fa",))[n % 5]
                                if c in languages],
                         about="Jag kom till Sverige för två år sedan och vill lära känna folk här.", **extra)
            for n in range(count)]


def _associations(programme, interests, parts, languages, actors, associations, seed):
    requests = _newcomers(programme, interests, parts, languages, 18, seed)
    offers = [_participant(programme, "offer", n + seed * 100, f"{a.name} (kontaktperson)", parts, actor=a,
                           interests=_pick(interests, n, 2), capacity=2 + n % 4,
                           about=(a.summary or "")[:300])
              for n, a in enumerate(associations)]
    return requests, offers


def _language_friends(programme, interests, parts, languages, actors, associations, seed):
    requests = _newcomers(programme, interests, parts, languages, 16, seed)
    sv = [languages["sv"]] if "sv" in languages else []
    offers = [_participant(programme, "offer", n + seed * 100, f"{HELPERS[(n + 7) % len(HELPERS)]} "
                           f"{LAST[(n + 1) % len(LAST)]}", parts, interests=_pick(interests, n + 1, 2), langs=sv,
                           availability=_slots(n + 1, 4), about=ABOUT_HELPER[n % len(ABOUT_HELPER)],
                           details={"work": ("Bibliotekarie", "Pensionär", "Elektriker", "Student")[n % 4]})
              for n in range(14)]
    return requests, offers


def _reuse(programme, kinds, parts, languages, actors, associations, seed):
    today = timezone.localdate()
    requests = []
    for n in range(14):
        wanted = _pick(kinds, n, 2 + n % 3)
        requests.append(_participant(
            programme, "request", n + seed * 100, f"Familjen {NEWCOMER_LAST[(n + 4) % len(NEWCOMER_LAST)]}", parts,
            kinds=wanted, details={"items": {str(k.pk): 1 + (i + n) % 3 for i, k in enumerate(wanted)},
                                   "household_size": 2 + n % 5},
            about="Vi har fått en lägenhet men har nästan inga möbler."))
    parish = actors.get(PARISH)
    offers = []
    for n in range(16):
        given = _pick(kinds, n + 1, 1 + n % 2)
        start = today + timedelta(days=n % 10)
        offers.append(_participant(
            programme, "offer", n + seed * 100,
            PARISH if n % 4 == 0 and parish else f"{FIRST[(n + 9) % len(FIRST)]} {LAST[(n + 2) % len(LAST)]}", parts,
            kinds=given, actor=parish if n % 4 == 0 else None,
            details={"items": {str(k.pk): 1 + n % 2 for k in given}, "pickup_from": start.isoformat(),
                     "pickup_until": (start + timedelta(days=21)).isoformat()},
            about="Hämtas i församlingens möbelförråd i Stenhamra." if n % 4 == 0 else "Hämtas hemma hos mig."))
    return requests, offers


# ---------------------------------------------------------------- matches and follow-ups


def _matches(programme, requests, offers, coordinator) -> None:
    """Past and current matches: some ended (with a reason), most active with answered
    follow-ups, one waiting for both to confirm. The rest wait."""
    now = timezone.now()
    today = timezone.localdate()
    pairs = min(len(requests) // 3, len(offers) // 2, 7)
    endings = [Match.EndReason.COMPLETED, Match.EndReason.MOVED, Match.EndReason.NOT_WORKING]
    for i in range(pairs):
        request, offer = requests[i * 2], offers[i]
        started = now - timedelta(days=150 - i * 17)
        if i < 2:
            status, ended = Match.Status.ENDED, started + timedelta(days=60 + i * 20)
        elif i == pairs - 1:
            status, ended = Match.Status.AWAITING, None
            started = now - timedelta(days=2)
        else:
            status, ended = Match.Status.ACTIVE, None
        both = status != Match.Status.AWAITING
        match = Match.objects.create(
            programme=programme, request=request, offer=offer, status=status, created_by=coordinator,
            created_at=started, request_confirmed_at=started + timedelta(days=1) if both else None,
            offer_confirmed_at=started + timedelta(days=2) if both else None,
            trial_ends_on=(started + timedelta(days=programme.trial_days)).date() if both else None,
            next_check_in_on=today + timedelta(days=3 + i) if status == Match.Status.ACTIVE else None,
            end_reason=endings[i % len(endings)] if ended else "", ended_at=ended,
            end_note="Flyttade till Stockholm." if ended and i == 1 else "",
        )
        if both:
            for k in range(1, 4):
                due = (started + timedelta(days=programme.check_in_days * k)).date()
                if due > today or (ended and due > ended.date()):
                    break
                answer = (CheckIn.Answer.PROBLEM if (i, k) == (2, 1)
                          else CheckIn.Answer.OK if (i + k) % 4 == 0 else CheckIn.Answer.GOOD)
                sent = timezone.make_aware(datetime.combine(due, time(9)))
                CheckIn.objects.create(match=match, due_on=due, sent_at=sent, side=Participant.Side.REQUEST,
                                       answer=answer, answered_at=sent + timedelta(hours=5),
                                       note={"good": "Vi ses varje vecka och det är trevligt.",
                                             "problem": "Vi har svårt att hitta tider som passar båda."}.get(answer, ""))
                CheckIn.objects.create(match=match, due_on=due, sent_at=sent, side=Participant.Side.OFFER,
                                       answer=CheckIn.Answer.GOOD, answered_at=sent + timedelta(hours=20))
        if status == Match.Status.ENDED:
            for person in (request, offer):
                person.status, person.left_at = Participant.Status.LEFT, ended
                person.leave_reason = match.get_end_reason_display()
                person.save(update_fields=["status", "left_at", "leave_reason"])
        else:
            for person in (request, offer):
                if person.side == Participant.Side.REQUEST or person.capacity <= 1:
                    person.status = Participant.Status.MATCHED
                    person.save(update_fields=["status"])
