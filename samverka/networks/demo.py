"""Demo standing groups (invented people): Öar utan gränser with its working groups and a year
of network meetings, the friend-family network run by the parish, the pensioners' council and
the disability council with appointed seats and published minutes, the reference group for the
senior talks, the cooperation body and its steering group; follow-up points done on time,
overdue and turned into needs. `load_demo` calls `load(stdout=..., password=...)` after the
needs and matching programmes; running it again adds nothing."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from samverka.accounts.models import User
from samverka.activities.recurrence import TZ
from samverka.actors.models import Actor
from samverka.municipality.models import Area, Committee, District, Office, SdgGoal

from . import services
from .models import AgendaItem, FollowUpPoint, Group, Meeting, Membership, Minutes

# (e-mail name, first, last): invented people.
PEOPLE = [
    ("marie.holmgren", "Marie", "Holmgren"), ("yusuf.abdi", "Yusuf", "Abdi"), ("karin.lund", "Karin", "Lund"),
    ("nadia.rahimi", "Nadia", "Rahimi"), ("goran.wik", "Göran", "Wik"), ("elsa.bergqvist", "Elsa", "Bergqvist"),
    ("samir.khalil", "Samir", "Khalil"), ("ingrid.palm", "Ingrid", "Palm"), ("per.olsson", "Per", "Olsson"),
    ("birgitta.ek", "Birgitta", "Ek"), ("leif.sandin", "Leif", "Sandin"), ("anita.forsberg", "Anita", "Forsberg"),
    ("rolf.hedman", "Rolf", "Hedman"), ("maria.sjoberg", "Maria", "Sjöberg"), ("johan.kvist", "Johan", "Kvist"),
    ("lena.brandt", "Lena", "Brandt"), ("ahmed.noor", "Ahmed", "Noor"), ("sofia.rask", "Sofia", "Rask"),
    ("mats.eklund", "Mats", "Eklund"), ("eva.norling", "Eva", "Norling"), ("tove.arvidsson", "Tove", "Arvidsson"),
    ("henrik.dahl", "Henrik", "Dahl"), ("ulla.grahn", "Ulla", "Grahn"), ("bo.lindqvist", "Bo", "Lindqvist"),
]


def load(*, stdout, password: str) -> None:
    if Group.objects.filter(slug="oar-utan-granser").exists():
        return
    with transaction.atomic():
        made = _load(password)
    stdout.write(f"Standing groups: {made} groups with members, meetings, minutes and follow-up points.")


def _people(password):
    found = {}
    for name, first, last in PEOPLE:
        email = f"{name}@samverka.example"
        user = User.objects.filter(email=email).first()
        if user is None:
            from allauth.account.models import EmailAddress

            user = User.objects.create_user(email=email, password=password, first_name=first, last_name=last)
            EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        found[name] = user
    return found


def _at(days: int, hour: int = 18) -> datetime:
    return datetime.combine(timezone.localdate() + timedelta(days=days), time(hour), tzinfo=TZ)


def _group(**data) -> Group:
    areas, districts, goals = data.pop("areas", []), data.pop("districts", []), data.pop("sdg_goals", [])
    data["areas"] = list(Area.objects.filter(slug__in=areas))
    data["districts"] = list(District.objects.filter(slug__in=districts))
    data["sdg_goals"] = list(SdgGoal.objects.filter(number__in=goals))
    return services.create_group(by=None, data=data)


def _members(group, people, role=Membership.Role.MEMBER, actor=None):
    for person in people:
        Membership.objects.update_or_create(group=group, user=person, defaults={
            "role": role, "actor": actor, "status": Membership.Status.ACTIVE})


# The frame of every agenda; a meeting's own items go between "Val av justerare" and "Övriga frågor".
OPENING = ["Mötets öppnande", "Val av justerare"]
CLOSING = ["Övriga frågor", "Nästa möte"]


def _meeting(group, title, days, *, minutes="", decisions=(), approve=True, attendees=(), hour=18, place="",
             agenda=()):
    meeting = Meeting.objects.create(group=group, title=title, start=_at(days, hour), end=_at(days, hour) + timedelta(hours=2),
                                     place=place or "Ekerö kommunhus, Tappströmsvägen 2",
                                     series=f"{group.name} {_at(days).year}")
    if minutes or agenda:
        AgendaItem.objects.bulk_create([
            AgendaItem(meeting=meeting, title=title, created_at=meeting.start - timedelta(days=14, minutes=-n))
            for n, title in enumerate([*OPENING, *(agenda or _items_of(minutes)), *CLOSING])])
    if attendees:
        meeting.attendees.set(attendees)
    if minutes:
        saved = services.save_minutes(by=None, meeting=meeting, text=minutes, decisions=list(decisions), revision=0)
        if approve:
            services.approve_minutes(by=None, meeting=meeting, revision=saved.revision)
            # Past minutes were approved a week after their meeting, not on the day the demo loads.
            Minutes.objects.filter(meeting=meeting).update(approved_at=min(meeting.end + timedelta(days=7), timezone.now()))
    return meeting


def _items_of(minutes: str) -> list[str]:
    """The items a meeting's minutes speak of ("§2 Budgeten för nästa år. Rådet …" → "Budgeten för
    nästa år"), without the opening and closing paragraphs."""
    items = []
    for line in minutes.splitlines():
        text = line.split(" ", 1)[1] if line.startswith("§") and " " in line else line
        text = text.split(":")[0].split(". ")[0].rstrip(".").strip()
        if text and text not in ("Mötet öppnas", "Nästa träff"):
            items.append(text[:200])
    return items


# The network meets once a month but July; each meeting's topic fits its month.
TOPICS = {1: "Vårens program", 2: "Läxhjälpen i Stenhamra", 3: "Rykten och hur vi bemöter dem",
          4: "Sommarlovet för barn och unga", 5: "Midsommar för alla", 6: "Årets uppföljning",
          8: "Språkcaféerna i höst", 9: "Mottagandet av nya familjer", 10: "Arbetsmarknaden och praktikplatser",
          11: "Kulturveckan", 12: "Föreningarnas behov av lokaler"}


def _monthly(months: int = 12) -> list[tuple[int, str]]:
    """(days from today, topic) of the network's meetings in the past `months` months: the tenth
    of each month (the 20th of the current one has not come), oldest first."""
    today = timezone.localdate()
    found = []
    for back in range(months, 0, -1):
        year, month = today.year, today.month - back
        while month < 1:
            year, month = year - 1, month + 12
        if month in TOPICS:
            found.append(((date(year, month, 10) - today).days, TOPICS[month]))
    return found


def _point(meeting, title, owner, due_days, *, done_days=None):
    point = FollowUpPoint(group=meeting.group, meeting=meeting, title=title, due_on=timezone.localdate() + timedelta(days=due_days))
    services._set_owner(point, owner)
    point.save()
    if done_days is not None:
        point.status, point.done_at = FollowUpPoint.Status.DONE, timezone.now() + timedelta(days=done_days)
        point.save(update_fields=["status", "done_at"])
    return point


def _load(password) -> int:
    p = _people(password)
    office = {o.slug: o for o in Office.objects.all()}
    actor = {a.name: a for a in Actor.objects.all()}
    culture, social, school = (office.get("kultur-och-fritidskontoret"), office.get("socialkontoret"),
                               office.get("barn-och-utbildningsforvaltningen"))
    if culture is None or social is None or school is None:
        return 0
    sara = User.objects.filter(email="handlaggare@samverka.example").first()
    ali = User.objects.filter(email="socialkontoret@samverka.example").first()
    jonas = User.objects.filter(email="processledare@samverka.example").first()
    lina = User.objects.filter(email="invanare@samverka.example").first()
    made = 0

    # Öar utan gränser and its working groups.
    oar = _group(name="Öar utan gränser", kind=Group.Kind.NETWORK, office=culture, join_rule=Group.JoinRule.OPEN,
                 purpose="Ett nätverk för alla som vill bidra till ett bra mottagande av nya Ekeröbor: föreningar, "
                         "kyrkor, kommunens förvaltningar och enskilda. Omkring 300 personer och över 30 aktiviteter, "
                         "från språkcaféer till läxhjälp. Vi ses på nätverksträffar ungefär en gång i månaden.",
                 areas=["integration"], districts=["ekero-centrum", "stenhamra"], sdg_goals=[10, 16, 17])
    made += 1
    _members(oar, [sara], Membership.Role.CHAIR)
    _members(oar, [p["marie.holmgren"]], Membership.Role.SECRETARY)
    _members(oar, [p["yusuf.abdi"], p["nadia.rahimi"], p["samir.khalil"], p["elsa.bergqvist"], p["ahmed.noor"],
                   p["sofia.rask"], p["tove.arvidsson"], *([lina] if lina else [])])
    # Two members get the network's announcements by SMS, to numbers they verified (from the
    # range PTS keeps for fiction, 070-174 06 05–99).
    for person, number in ((p["yusuf.abdi"], "+46701740698"), (p["nadia.rahimi"], "+46701740699")):
        User.objects.filter(pk=person.pk, phone__in=("", number)).update(phone=number, phone_verified_at=timezone.now())
        Membership.objects.filter(group=oar, user=person).update(channel=Membership.Channel.SMS)
    if "Röda Korset Ekerö" in actor:
        Membership.objects.filter(group=oar, user=p["elsa.bergqvist"]).update(actor=actor["Röda Korset Ekerö"])
    meetings = []
    for days, topic in _monthly():
        meetings.append(_meeting(
            oar, f"Nätverksträff: {topic}", days, attendees=[sara, p["marie.holmgren"], p["yusuf.abdi"], p["nadia.rahimi"]],
            minutes=f"§1 Mötet öppnas.\n§2 {topic}: nätverket delade erfarenheter och idéer.\n§3 Nästa träff.",
            decisions=[f"Marie sammanfattar {topic.lower()} till nästa träff."]))
    first, last = meetings[0], meetings[-1]
    _point(first, "Ta fram en gemensam folder om språkcaféerna", p["marie.holmgren"], -300, done_days=-310)
    _point(meetings[4], "Kontakta Arbetsförmedlingen om praktikplatser", p["yusuf.abdi"], -200, done_days=-205)
    _point(meetings[-3], "Sammanställ föreningarnas behov av lokaler", sara, -20)
    _point(meetings[-2], "Boka Ekebyhovs slott till nätverkets stora träff", p["nadia.rahimi"], -5)
    _point(last, "Ordna tolkar till nästa öppna nätverksträff", p["samir.khalil"], 14)
    need_point = _point(meetings[-4], "Fler ledare till språkcaféet i Stenhamra", culture, 30)
    services.point_to_need(by=None, point=need_point, data={
        "office": culture, "title": "Ledare till språkcaféet i Stenhamra",
        "summary": "Nätverket Öar utan gränser söker två ledare till ett nytt språkcafé i Stenhamra.",
        "description": "Språkcaféet i Ekerö centrum är fullt varje vecka. Nätverket vill öppna ett i Stenhamra "
                       "och söker två personer som vill leda samtalen en kväll i veckan.",
        "kind": "volunteers", "place": "Stenhamra bibliotek"})
    start = _at(21)
    services.plan_meeting(by=None, group=oar, data={
        "title": "Öppen nätverksträff: välkommen till Öar utan gränser", "start": start,
        "end": start + timedelta(hours=2), "place": "Ekerö bibliotek, Tappströmsvägen 1", "is_open": True,
        "capacity": 60, "agenda_deadline": start - timedelta(days=7), "series": "Nätverksträffar"})
    services.plan_meeting(by=None, group=oar, data={
        "title": "Planeringsmöte inför nästa termin", "start": _at(40), "end": _at(40) + timedelta(hours=2),
        "place": "Ekerö kommunhus", "is_open": False, "agenda_deadline": _at(33)})

    working = [
        ("Språkcafé", Group.Lifecycle.ANCHORED, "Språkcaféerna på biblioteken: ledare, material och schema. "
         "Arbetet är nu en del av bibliotekens ordinarie verksamhet.", [p["nadia.rahimi"], p["elsa.bergqvist"]]),
        ("Arbetsmarknad", Group.Lifecycle.ACTIVE, "Praktikplatser, mentorer och kontakter med företag på öarna.",
         [p["yusuf.abdi"], p["ahmed.noor"]]),
        ("Kultur", Group.Lifecycle.ACTIVE, "Kulturveckan, gemensamma konserter och en berättarkväll varje termin.",
         [p["sofia.rask"], p["tove.arvidsson"]]),
        ("Motverka rykten", Group.Lifecycle.FORMING, "Hur vi bemöter rykten och fördomar: samtal, fakta och "
         "en kurs för föreningarnas ledare.", [p["samir.khalil"], p["marie.holmgren"]]),
    ]
    for name, stage, purpose, people in working:
        wg = _group(name=f"Arbetsgrupp {name.lower()} – Öar utan gränser", kind=Group.Kind.WORKING_GROUP, office=culture,
                    join_rule=Group.JoinRule.REQUEST, purpose=purpose, parent=oar, lifecycle=stage, areas=["integration"])
        _members(wg, people[:1], Membership.Role.CHAIR)
        _members(wg, people[1:])
        made += 1

    # The friend-family network, run by the parish.
    parish = actor.get("Svenska kyrkan Ekerö församling")
    if parish is not None:
        from samverka.matching.models import Programme

        friends = _group(name="Vänfamiljsnätverket", kind=Group.Kind.NETWORK, actor=parish,
                         join_rule=Group.JoinRule.REQUEST, areas=["integration"],
                         programme=Programme.objects.filter(kind=Programme.Kind.FRIEND_FAMILY).first(),
                         purpose="Familjer på öarna som blir vänfamiljer till nyanlända familjer. Församlingen "
                                 "håller i nätverket tillsammans med Socialkontoret.")
        _members(friends, [p["ingrid.palm"]], Membership.Role.CHAIR)
        _members(friends, [p["per.olsson"], p["maria.sjoberg"], *([ali] if ali else [])])
        m = _meeting(friends, "Vänfamiljsträff i församlingshemmet", -45, place="Ekerö församlingshem",
                     minutes="§1 Nya vänfamiljer presenterar sig.\n§2 Erfarenheter från våren.",
                     decisions=["Nästa träff blir en gemensam utflykt till Drottningholm."])
        _point(m, "Planera utflykten till Drottningholm", p["per.olsson"], 10)
        made += 1

    # The councils: appointed seats, published minutes. Politicians of Kommunstyrelsen sit in both.
    social_committee = Committee.objects.filter(slug="socialnamnden").first()
    politicians = [p["leif.sandin"], p["anita.forsberg"]]
    today = timezone.localdate()
    term = (today.replace(month=1, day=1), today.replace(month=12, day=31) + timedelta(days=365 * 2))
    councils = [
        ("Kommunala pensionärsrådet", ["PRO Ekerö", "SPF Seniorerna Ekerö"],
         "Rådet där kommunen och pensionärsorganisationerna möts. Nämnderna rådfrågar rådet och använder det som "
         "referensgrupp i frågor som rör äldre. Rådet beslutar inte, men dess synpunkter följer med ärendena.",
         [("goran.wik", "birgitta.ek"), ("rolf.hedman", "ulla.grahn")]),
        ("Kommunala rådet för funktionshinderfrågor", ["RSMH Ekerö", "Synskadades riksförbund Ekerö (SRF)", "FUB Ekerö"],
         "Rådet där kommunen och funktionsrättsorganisationerna möts. Nämnderna rådfrågar rådet om tillgänglighet "
         "och delaktighet. Rådet beslutar inte, men dess synpunkter följer med ärendena.",
         [("karin.lund", "johan.kvist"), ("lena.brandt", "mats.eklund"), ("eva.norling", "bo.lindqvist")]),
    ]
    for name, actor_names, purpose, delegates in councils:
        council = _group(name=name, kind=Group.Kind.COUNCIL, office=social, committee=social_committee,
                         purpose=purpose, areas=["omsorg"], sdg_goals=[3, 10])
        _members(council, politicians[:1], Membership.Role.CHAIR)
        _members(council, politicians[1:])
        _members(council, [ali] if ali else [], Membership.Role.SECRETARY)
        for actor_name, (delegate, substitute) in zip(actor_names, delegates, strict=False):
            if actor_name in actor:
                services.appoint_seat(by=None, group=council, actor=actor[actor_name], delegate=p[delegate],
                                      substitute=p[substitute], term_starts=term[0], term_ends=term[1])
        for days, topic in ((-120, "Budgeten för nästa år"), (-30, "Tillgängligheten i Ekerö centrum")):
            m = _meeting(council, f"Rådsmöte: {topic}", days, hour=13, attendees=[p[d] for d, _s in delegates],
                         minutes=f"§1 Mötet öppnas.\n§2 {topic}. Rådet lämnade synpunkter till nämnden.\n"
                                 "§3 Frågor från föreningarna.",
                         decisions=[f"Rådets synpunkter om {topic.lower()} skickas till socialnämnden."])
        _point(m, "Svara rådet om ramperna vid busstorget", social, -10)
        _meeting(council, "Rådsmöte", 45, hour=13)
        made += 1

    seniors = _group(name="Referensgruppen för seniorsamtalen", kind=Group.Kind.REFERENCE_GROUP, office=social,
                     join_rule=Group.JoinRule.REQUEST, areas=["omsorg"],
                     purpose="Seniorer och föreningar som läser och förbättrar frågorna i seniorsamtalen, "
                             "kommunens samtal med äldre om hälsa, trygghet och gemenskap.")
    _members(seniors, [p["birgitta.ek"]], Membership.Role.CHAIR)
    _members(seniors, [p["goran.wik"], p["ulla.grahn"]])
    m = _meeting(seniors, "Genomgång av frågorna", -60, minutes="§1 Frågorna om ensamhet skrivs om.", approve=True)
    _point(m, "Skriv om frågorna om ensamhet", p["goran.wik"], -30, done_days=-32)
    made += 1

    # The cooperation body and its steering group.
    body = _group(name="Samverkansorganet", kind=Group.Kind.COOPERATION_BODY, office=culture,
                  join_rule=Group.JoinRule.APPOINTED, sdg_goals=[17],
                  purpose="Utvecklingsledare från Barn- och utbildningsförvaltningen, Kultur- och fritidskontoret och "
                          "Socialkontoret som träffas regelbundet, leds av processledaren och rapporterar till "
                          "styrgruppen. Bygger Ekerömodellen på nätverken.")
    _members(body, [jonas] if jonas else [], Membership.Role.CHAIR)
    _members(body, [p["henrik.dahl"], sara, *([ali] if ali else [])])
    for days in (-90, -30):
        m = _meeting(body, "Samverkansorganets möte", days, hour=9,
                     minutes="§1 Läget i nätverken.\n§2 Förslag till styrgruppen om gemensamma lokaler.",
                     decisions=["Förslaget om gemensamma lokaler lämnas till styrgruppen."])
    _point(m, "Ta fram underlag om föreningarnas lokaler", school, 20)
    # The next meeting, planned as the process leader plans it: the standing items come with it.
    services.plan_meeting(by=None, group=body, data={
        "title": "Samverkansorganets möte", "start": _at(30, 9), "end": _at(30, 9) + timedelta(hours=2),
        "place": "Ekerö kommunhus, Tappströmsvägen 2", "series": f"{body.name} {_at(30).year}"})
    steering = _group(name="Styrgruppen för samverkan", kind=Group.Kind.STEERING_GROUP, office=culture,
                      join_rule=Group.JoinRule.APPOINTED, is_public=False,
                      purpose="Förvaltningscheferna som tar emot samverkansorganets rapporter och beslutar om förslagen.")
    _members(steering, [p["lena.brandt"]], Membership.Role.CHAIR)
    _members(steering, [jonas] if jonas else [], Membership.Role.SECRETARY)
    _meeting(steering, "Styrgruppens möte", -14, hour=10, minutes="§1 Samverkansorganets förslag om lokaler.",
             decisions=["Styrgruppen ställer sig bakom förslaget."])
    made += 2

    # Pupils' councils: the schools' own, with a page young people find from /unga/.
    for name, purpose in (
        ("Elevrådet på Ekebyhovskolan", "Elever från varje klass i årskurs 7–9 som driver elevernas frågor: "
                                        "skolmaten, rasterna och en tryggare skolgård."),
        ("Elevrådet på Stenhamraskolan", "Elevrådet samlar klassrepresentanter och träffar rektor och "
                                         "fritidsgården en gång i månaden."),
    ):
        elevrad = _group(name=name, kind=Group.Kind.PUPILS_COUNCIL, office=school, join_rule=Group.JoinRule.APPOINTED,
                         purpose=purpose, areas=["utbildning"], sdg_goals=[4, 16])
        _meeting(elevrad, "Elevrådsmöte", 14, hour=12, place=name.replace("Elevrådet på ", ""))
        made += 1
    return made
