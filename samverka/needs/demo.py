"""Demo needs from the offices in the documents (and two associations): language café
leaders, befriending visitors, a furniture pick-up, a litter-picking day and more; some
answered (accepted volunteers with logged hours), some closed with what came of them.
`load_demo` calls `load(stdout=...)` after the volunteers; running it again adds nothing."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from samverka.accounts.models import User
from samverka.actors.models import Actor, ActorMembership
from samverka.municipality.models import Area, District, Office, OfficeMembership, SdgGoal
from samverka.volunteers import services as volunteer_services
from samverka.volunteers.models import HelpKind, HoursLog, Volunteer

from . import services
from .models import Answer, Need

# slug, publisher ("office:<slug>" or "actor:<name>"), title, summary, description, kind, district, place,
# (starts in days, lasts days) or None, when, people, requirements, record extract, areas, sdg goals, help kinds,
# closes in days
NEEDS = [
    ("ledare-sprakcafe", "office:kultur-och-fritidskontoret", "Ledare till språkcaféet på biblioteket",
     "Vi söker tre personer som vill leda samtal på enkel svenska en kväll i veckan.",
     "Språkcaféet på Ekerö bibliotek har vuxit: varje tisdag kommer över trettio personer som vill öva svenska. "
     "Vi behöver fler som leder samtalen vid borden. Du behöver inte vara lärare, bara tålmodig och nyfiken.\n\n"
     "Biblioteket bjuder på fika, och vi ses en gång per termin för att dela tips.",
     "volunteers", "ekero-centrum", "Ekerö bibliotek, Tappströmsvägen 1", (7, 120), "Tisdagar 18–20", 3,
     "Du talar svenska obehindrat.", False, ["integration", "kultur"], [4, 10], ["sprak"], 30),
    ("besoksvanner-vantjansten", "office:socialkontoret", "Besöksvänner till Väntjänsten",
     "Väntjänsten söker besöksvänner som vill träffa en äldre person varannan vecka.",
     "Många äldre på öarna är ensamma. Som besöksvän fikar du, tar en promenad eller läser högt för någon som "
     "uppskattar sällskap. Väntjänsten drivs tillsammans med Lions, PRO, SPF och Röda Korset. Du får en "
     "introduktion och träffar andra besöksvänner en gång i månaden.",
     "volunteers", None, "Hemma hos den du besöker, på hela Ekerö", None, "Ungefär två timmar varannan vecka", 6,
     "", False, ["omsorg", "folkhalsa"], [3, 10], ["telefonsamtal"], 45),
    ("mobelhamtning-nyanlanda", "office:socialkontoret", "Hämtning av möbler till nyanlända familjer",
     "Skänkta soffor, sängar och bord behöver hämtas i Skå och köras till två lägenheter i Stenhamra.",
     "Vänfamiljs- och bosättningsnätverket har fått möbler skänkta. Två familjer flyttar in i tomma lägenheter i "
     "Stenhamra nästa månad. Vi behöver någon med släpvagn eller skåpbil, och ett par starka armar.",
     "items", "ska", "Skå, hämtning vid Skå gamla skola", (10, 1), "En lördag förmiddag", 4,
     "Körkort och helst släpvagn eller skåpbil.", False, ["integration"], [1, 11], ["transport"], 9),
    ("skrapplockardag-ekero-strand", "office:teknik-och-exploateringskontoret", "Skräpplockardag vid Ekerö strand",
     "Följ med och städa stränder och naturområden en söndag i maj. Vi bjuder på handskar, påsar och korv.",
     "Teknik- och exploateringskontoret ordnar en skräpplockardag tillsammans med Naturskyddsföreningen. "
     "Vi samlas vid Ekerö strand och delar upp oss i lag. Passar barnfamiljer, föreningar och skolklasser.",
     "volunteers", "ekero-centrum", "Samling vid Ekerö strand", (20, 1), "Söndag 10–13", 40,
     "", False, ["natur", "folkhalsa"], [14, 15], [], 19),
    ("laxhjalpare-stenhamra", "office:barn-och-utbildningsforvaltningen", "Läxhjälpare till fritidsgården i Stenhamra",
     "Hjälp unga med matte, svenska och engelska på måndagseftermiddagar.",
     "På Stenhamra fritidsgård finns en läxhörna där unga 12–17 år kan få hjälp. Vi behöver fler vuxna som vill "
     "förklara, uppmuntra och ställa frågor. Läxhjälpsnätverket Öarna finns med och stöttar.",
     "volunteers", "stenhamra", "Stenhamra fritidsgård, Stenhamra torg 1", (3, 150), "Måndagar 16–17.30", 4,
     "Du har gått gymnasiet eller har motsvarande kunskaper.", True, ["utbildning"], [4], ["sprak"], 25),
    ("lokal-foraldragrupp", "office:barn-och-utbildningsforvaltningen", "Lokal för en föräldragrupp",
     "En föräldragrupp för nyanlända familjer behöver en lokal en kväll i månaden.",
     "Gruppen är ungefär femton vuxna och lika många barn. Det behövs ett kök eller möjlighet att fika, och "
     "gärna ett rum där barnen kan leka.",
     "premises", None, "", None, "En vardagskväll i månaden, 18–20", None,
     "", False, ["integration", "utbildning"], [4, 10], [], 40),
    ("birka-skolklasser", "office:kultur-och-fritidskontoret", "Berätta om världsarvet för skolklasser",
     "Vi söker någon som kan berätta om Birka och Hovgården för mellanstadiet.",
     "Under världsarvsveckan vill vi att alla femteklassare får lära sig mer om världsarvet på Adelsö och Björkö. "
     "Kan din förening eller du själv berätta, visa föremål eller guida en kort promenad?",
     "knowledge", "adelso", "Hovgården, Adelsö", (35, 5), "Världsarvsveckan, dagtid", 2,
     "Kunskap om vikingatiden och vana att prata inför barn.", True, ["varldsarv", "utbildning"], [4, 11], [], 28),
    ("sommarlovsaktivitet", "office:kultur-och-fritidskontoret", "Förening som ordnar sommarlovsaktivitet",
     "Kultur- och fritidskontoret söker föreningar som vill ordna gratis aktiviteter för barn under sommarlovet.",
     "Det kan vara prova-på-segling, friluftsdagar, teater eller något helt annat. Kommunen kan bidra med lokal, "
     "marknadsföring och ett mindre bidrag för material. Berätta vad ni vill göra!",
     "activity", None, "", (60, 60), "Sommarlovet, veckorna 25–32", None,
     "", False, ["fritid", "kultur"], [3, 10], [], 35),
    ("digitalhjalpare-kajutan", "office:socialkontoret", "Digitalhjälpare för seniorer på Kajutan",
     "Hjälp äldre att använda mobilen, Bank-id och videosamtal en förmiddag i veckan.",
     "Många seniorer på Kajutan vill lära sig att ringa videosamtal till barnbarnen och betala räkningar digitalt. "
     "Du sitter med en eller två personer åt gången och visar i deras egen takt.",
     "volunteers", "ekero-centrum", "Kajutan, Ekerövägen 93", (5, 90), "Torsdagar 10–12", 3,
     "Du är van vid smarta telefoner och är tålmodig.", False, ["omsorg", "innovation"], [3, 10], ["digitalt"], 30),
    ("gatur-stenhamra-centrum", "office:stadsarkitektkontoret", "Gåtur om Stenhamra centrum",
     "Vi vill höra vad du som bor eller verkar i Stenhamra tycker om centrum innan planarbetet börjar.",
     "Stadsarkitektkontoret bjuder in till en gåtur där vi tillsammans tittar på torget, gångvägarna och "
     "belysningen. Vi söker särskilt föreningar som använder centrum och kan berätta vad som fungerar och inte.",
     "knowledge", "stenhamra", "Samling vid Stenhamra torg", (14, 1), "En onsdagskväll, 18–19.30", 25,
     "", False, ["trygghet"], [11, 16], [], 13),
    ("chaufforer-parkinson", "actor:Parkinson Ekerö", "Chaufförer till våra träffar",
     "Parkinson Ekerö söker chaufförer som kan skjutsa medlemmar till träffarna på Kajutan.",
     "Flera av våra medlemmar kan inte längre köra själva. Vi träffas en onsdag i månaden. Vi ersätter milkostnaden.",
     "volunteers", None, "Hela Ekerö till Kajutan", (7, 180), "En onsdag i månaden 14–16", 3,
     "Körkort och egen bil.", False, ["omsorg", "folkhalsa"], [3], ["transport"], 50),
    ("vanfamiljer-oar-utan-granser", "actor:Öar utan gränser", "Vänfamiljer till nyanlända",
     "Öar utan gränser söker familjer som vill bli vänfamilj åt en nyanländ familj.",
     "Som vänfamilj ses ni någon gång i månaden: fika, promenader, en utflykt. Det viktiga är att ni finns där. "
     "Nätverket matchar er efter intressen, barnens åldrar och språk.",
     "volunteers", None, "", None, "Någon gång i månaden under ett år", 10,
     "", False, ["integration"], [10, 16], ["sprak"], 60),
]

# Who may sign up, by age (slug: youngest, oldest). Young people help seniors with their phones
# from 16 and pick litter from 13; driving, visiting and work with children need adults.
AGES = {
    "laxhjalpare-stenhamra": (18, None),  # work with children: an extract, so adults only
    "skrapplockardag-ekero-strand": (13, None),
    "digitalhjalpare-kajutan": (16, None),
    "chaufforer-parkinson": (18, None),
    "besoksvanner-vantjansten": (18, None),
    "vanfamiljer-oar-utan-granser": (18, None),
}

CLOSED = [
    ("besoksvanner-solrosen", "office:socialkontoret", "Besöksvänner till Solrosen",
     "Solrosen sökte besöksvänner till öppet hus på tisdagar.", "volunteers",
     "Åtta besöksvänner från Röda Korset och RSMH kommer nu varje tisdag. Öppet hus har fått dubbelt så många besökare."),
    ("julmarknad-foreningar", "office:kultur-och-fritidskontoret", "Föreningar till julmarknaden",
     "Vi sökte föreningar som ville ha ett bord på julmarknaden i Ekerö centrum.", "activity",
     "Tjugotvå föreningar deltog. Scouterna sålde granar och Lions kokade glögg till förmån för BRIS."),
    ("datorer-laxhjalp", "office:barn-och-utbildningsforvaltningen", "Begagnade datorer till läxhjälpen",
     "Läxhjälpen behövde bärbara datorer.", "items",
     "Ett företag i Träkvista skänkte tolv datorer som Makerspace Mälaröarna gjorde i ordning."),
]


@transaction.atomic
def load(*, stdout) -> None:
    offices = {o.slug: o for o in Office.objects.all()}
    districts = {d.slug: d for d in District.objects.all()}
    areas = {a.slug: a for a in Area.objects.all()}
    goals = {g.number: g for g in SdgGoal.objects.all()}
    kinds = {k.slug: k for k in HelpKind.objects.all()}
    today = timezone.localdate()
    created = 0
    for (slug, publisher, title, summary, description, kind, district, place, period, when, people, requirements,
         extract, tags, sdg, help_kinds, closes) in NEEDS:
        if Need.objects.filter(slug=slug).exists():
            continue
        owner, contact = _publisher(publisher, offices)
        if owner is None:
            continue
        data = {**owner, "title": title, "summary": summary, "description": description, "kind": kind,
                "district": districts.get(district), "place": place, "when_text": when, "people_needed": people,
                "requirements": requirements, "record_extract_required": extract, "contact": contact,
                "closes_on": today + timedelta(days=closes),
                "starts_on": today + timedelta(days=period[0]) if period else None,
                "ends_on": today + timedelta(days=period[0] + period[1] - 1) if period else None,
                "areas": [areas[a] for a in tags if a in areas], "sdg_goals": [goals[g] for g in sdg if g in goals],
                "help_kinds": [kinds[k] for k in help_kinds if k in kinds],
                "min_age": AGES.get(slug, (None, None))[0], "max_age": AGES.get(slug, (None, None))[1]}
        need = services.create_need(by=contact, data=data)
        Need.objects.filter(pk=need.pk).update(slug=slug, created_at=timezone.now() - timedelta(days=created * 3 + 1))
        created += 1
    for slug, publisher, title, summary, kind, outcome in CLOSED:
        if Need.objects.filter(slug=slug).exists():
            continue
        owner, contact = _publisher(publisher, offices)
        if owner is None:
            continue
        need = services.create_need(by=contact, data={**owner, "title": title, "summary": summary, "kind": kind,
                                                      "description": summary, "contact": contact})
        Need.objects.filter(pk=need.pk).update(slug=slug, created_at=timezone.now() - timedelta(days=120))
        services.close_need(by=contact, need=need, outcome=outcome)
        created += 1
    _answers()
    stdout.write(f"Needs: {Need.objects.count()} ({created} new).")


def _publisher(publisher: str, offices):
    kind, _sep, key = publisher.partition(":")
    if kind == "office":
        office = offices.get(key)
        if office is None:
            return None, None
        membership = OfficeMembership.objects.filter(office=office).select_related("user").order_by("pk").first()
        return {"office": office, "actor": None}, membership.user if membership else None
    actor = Actor.objects.filter(name=key).first()
    if actor is None:
        return None, None
    membership = ActorMembership.objects.filter(actor=actor).select_related("user").order_by("role", "pk").first()
    return {"office": None, "actor": actor}, membership.user if membership else None


def _answers() -> None:
    """Lina signed up for the language café (accepted, with hours) and asked about the
    litter-picking day; Parkinson Ekerö offers premises; a few volunteers are on needs."""
    if Answer.objects.exists():
        return
    needs = {n.slug: n for n in Need.objects.all()}
    lina = User.objects.filter(email="invanare@samverka.example").first()
    eva = User.objects.filter(email="forening@samverka.example").first()
    parkinson = Actor.objects.filter(name="Parkinson Ekerö").first()
    cafe, litter, premises = (needs.get(s) for s in ("ledare-sprakcafe", "skrapplockardag-ekero-strand",
                                                     "lokal-foraldragrupp"))
    today = timezone.localdate()
    if lina and cafe:
        answer, _created = services.answer_need(by=lina, need=cafe, kind=Answer.Kind.SIGN_UP,
                                                message="Hej! Jag har varit med på språkcaféet som besökare och vill gärna leda ett bord.")
        services.handle_answer(by=cafe.contact, answer=answer, decision="accept",
                               reply="Vad roligt! Kom på tisdag kl. 17.45 så visar vi hur det går till.")
        assignment = Volunteer.objects.get(user=lina).assignments.get(need=cafe)
        for week in (1, 2):
            HoursLog.objects.create(volunteer=assignment.volunteer, assignment=assignment,
                                    date=today - timedelta(days=7 * week), hours=2, note="Ledde ett samtalsbord.")
    if lina and litter:
        services.answer_need(by=lina, need=litter, kind=Answer.Kind.QUESTION,
                             message="Får barn följa med? Mina är sex och nio år.")
    if eva and parkinson and premises:
        services.answer_need(by=eva, need=premises, kind=Answer.Kind.OFFER, actor=parkinson,
                             message="Vi hyr en lokal i Ekerö centrum som står tom på torsdagskvällar. Den har kök.")
    helpers = list(Volunteer.objects.available().filter(email__endswith="@example.org").order_by("-pk")[:6])
    for n, volunteer in enumerate(helpers):
        need = needs.get(("besoksvanner-vantjansten", "digitalhjalpare-kajutan", "besoksvanner-solrosen")[n % 3])
        if need is None:
            continue
        assignment = volunteer_services.assign(by=need.contact, volunteer=volunteer, need=need)
        HoursLog.objects.create(volunteer=volunteer, assignment=assignment, date=today - timedelta(days=3 + n),
                                hours=1.5 + n % 3, note="Besök med fika och promenad.")
