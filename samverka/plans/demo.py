"""Demo action plans (invented, from the policy's points 1, 1a and 9): where Kultur- och
fritidskontoret and Socialkontoret can cooperate with civil society (the inventory), and an
action plan 2026–2028 for each, with goals, indicators (typed by hand and computed), a year of
monthly values and actions linked to the demo's dialogues, groups, grants, partnerships,
needs and matching programmes where they exist. The forward look: the social committee's and
the culture and leisure committee's coming decisions for 2027–2028 (one moved and one
withdrawn each, a youth item), followers and a request to take part answered. `load_demo` calls `load(stdout=...)` after
the other apps; running it again adds nothing."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from samverka.municipality.models import Area, Office, SdgGoal

from . import services
from .models import Action, ActionPlan, ForwardItem, Indicator, IndicatorValue, Inventory, ParticipationRequest

S = Indicator.Source
U = Indicator.Unit

INVENTORY = {
    "kultur-och-fritidskontoret": [
        ("kultur", "Föreningar kan låna bibliotekens och kulturhusets lokaler för kulturkvällar, utställningar och "
                   "studiecirklar. Vi samarbetar om kulturskolans lovverksamhet och om Kulturnatten."),
        ("fritid", "Fritidsgårdarna tar emot föreningar som vill visa sin verksamhet för unga, och vi ordnar "
                   "lovaktiviteter tillsammans med idrotts- och friluftsföreningar."),
        ("natur", "Friluftsföreningar kan söka bidrag för leder och vindskydd, och vi planerar naturvandringar "
                  "och skärgårdsdagar tillsammans."),
        ("integration", "Språkcaféer och läxhjälp på biblioteken drivs tillsammans med studieförbund och "
                        "föreningar; vi står för lokal och marknadsföring."),
    ],
    "socialkontoret": [
        ("omsorg", "Besöksvänner, anhöriggrupper och träffpunkter för äldre görs tillsammans med "
                   "pensionärsföreningar, kyrkan och frivilligorganisationer."),
        ("trygghet", "Brottsofferjouren och kvinnojouren är våra partner i stöd till brottsutsatta; vi planerar "
                     "trygghetsvandringar med föreningar och boende."),
        ("integration", "Vänfamiljer och etablering genom förening: nyanlända matchas med föreningar och "
                        "familjer i kommunen."),
        ("folkhalsa", "Föreningar kan söka verksamhetsstöd för förebyggande arbete om psykisk hälsa, och vi "
                      "ordnar utbildningar för ideella tillsammans."),
    ],
}

PLANS = [
    {
        "office": "kultur-och-fritidskontoret", "slug": "kultur-och-fritid-2026-2028",
        "title": "Handlingsplan för samverkan med civilsamhället – kultur och fritid",
        "summary": "Hur Kultur- och fritidskontoret samverkar med föreningslivet 2026–2028: fler unga i "
                   "föreningarna, fler ideella ledare och en kultur- och fritidsverksamhet som når hela kommunen, "
                   "även öarna.",
        "sdg": [3, 4, 10, 11],
        "goals": [
            {"title": "Fler unga är aktiva i föreningslivet", "area": "fritid", "sdg": [3, 4],
             "description": "Barn och unga i alla delar av kommunen ska ha en meningsfull fritid i en förening.",
             "indicators": [
                 ("Unga 13–19 år som är med i en förening", U.PERCENT, S.MANUAL, 38, 45,
                  "Enkät till årskurs 8 och gymnasiets år 2, varje vår, och föreningarnas medlemsregister.",
                  Indicator.Frequency.MONTHLY, lambda m: 38 + m * 0.5),
                 ("Aktiviteter som hållits inom fritid", U.COUNT, S.ACTIVITIES, None, 400, "", None, None),
             ],
             "actions": [
                 ("Öppna fritidsgårdarna för föreningarnas prova-på-kvällar", "ongoing", 0, 20),
                 ("Lovaktiviteter tillsammans med idrottsföreningarna", "planned", 3, 12),
             ]},
            {"title": "Fler ideella ledare inom kultur och fritid", "area": "kultur", "sdg": [4, 11],
             "description": "Föreningarna ska få fler ledare, och ledarna ska få stöd och utbildning.",
             "indicators": [
                 ("Ideella ledartimmar i föreningar med aktivitetsbidrag", U.HOURS, S.MANUAL, 1200, 1500,
                  "Föreningarnas redovisning av aktivitetsbidrag, sammanställd varje månad.",
                  Indicator.Frequency.MONTHLY, lambda m: 1200 + m * 22),
                 ("Volontärer registrerade inom kultur", U.PEOPLE, S.VOLUNTEERS, None, 120, "", None, None),
             ],
             "actions": [
                 ("Ledarutbildning tillsammans med studieförbunden", "ongoing", 1, 24),
             ]},
            {"title": "Föreningarna får återkoppling i tid", "area": None, "sdg": [16],
             "description": "Det som föreningar och invånare säger i dialoger ska få svar inom utlovad tid.",
             "indicators": [
                 ("Återkoppling i tid", U.PERCENT, S.FEEDBACK_ON_TIME, None, 90, "", None, None),
             ],
             "actions": [
                 ("Uppföljning av dialogen Ungas Ekerö", "ongoing", 0, 10),
             ]},
        ],
    },
    {
        "office": "socialkontoret", "slug": "social-samverkan-2026-2028",
        "title": "Handlingsplan för samverkan med civilsamhället – socialtjänsten",
        "summary": "Hur Socialkontoret samverkar med idéburna organisationer 2026–2028: mindre ensamhet bland "
                   "äldre, tryggare stöd till brottsutsatta och en etablering där nyanlända blir en del av "
                   "föreningslivet.",
        "sdg": [1, 3, 5, 10, 16],
        "goals": [
            {"title": "Färre äldre känner sig ensamma", "area": "omsorg", "sdg": [3, 10],
             "description": "Fler äldre ska ha en besöksvän eller en träffpunkt nära sig.",
             "indicators": [
                 ("Matchningar i besöksvänstjänsten och vänfamiljerna", U.COUNT, S.MATCHES, None, 80, "", None,
                  None),
                 ("Äldre som deltar i träffpunkter varje vecka", U.PEOPLE, S.MANUAL, 140, 200,
                  "Träffpunkternas närvarolistor, sammanställda varje månad.", Indicator.Frequency.MONTHLY,
                  lambda m: 140 + m * 4),
             ],
             "actions": [
                 ("Besöksvänner tillsammans med pensionärsföreningarna", "ongoing", 0, 24),
             ]},
            {"title": "Bidragen följs upp och gör skillnad", "area": None, "sdg": [16],
             "description": "Varje verksamhetsstöd följs upp med en rapport, och uppföljningen används i nästa "
                            "års beslut.",
             "indicators": [
                 ("Bidrag som följts upp", U.PERCENT, S.GRANTS_FOLLOWED_UP, None, 95, "", None, None),
             ],
             "actions": [
                 ("Ny mall för uppföljning av verksamhetsstöd", "done", 0, 4),
             ]},
            {"title": "Nyanlända blir en del av föreningslivet", "area": "integration", "sdg": [10, 5],
             "description": "Etablering genom förening och vänfamiljer ska nå alla nyanlända som vill.",
             "indicators": [
                 ("Nyanlända som fått kontakt med en förening", U.PEOPLE, S.MANUAL, 25, 60,
                  "Etableringshandläggarnas uppföljning, varje månad.", Indicator.Frequency.MONTHLY,
                  lambda m: 25 + m * 2),
                 ("Partnerskap som pågår", U.COUNT, S.PARTNERSHIPS, None, 4, "", None, None),
             ],
             "actions": [
                 ("Vänfamiljer och bosättningsnätverket som IOP", "ongoing", 0, 36),
             ]},
        ],
    },
]


def _months_back(today: date, n: int) -> list[date]:
    """Today and the last day of each of the months before, `n` dates in all, oldest first."""
    days, day = [today], today.replace(day=1) - timedelta(days=1)
    while len(days) < n:
        days.append(day)
        day = day.replace(day=1) - timedelta(days=1)
    return days[::-1]


def _link(action: Action, office: Office) -> None:
    """The demo's existing work of the office, where it exists (looked up, skipped if missing)."""
    from samverka.dialogue.models import Process
    from samverka.grants.models import GrantProgramme
    from samverka.matching.models import Programme
    from samverka.needs.models import Need
    from samverka.networks.models import Group
    from samverka.partnerships.models import Partnership

    title = action.title.lower()
    if "dialog" in title:
        action.processes.set(Process.objects.filter(slug__in=["ungas-ekero", "seniorsamtalen"], office=office))
    if "besöksvän" in title or "vänfamilj" in title:
        action.programmes.set(Programme.objects.filter(office=office)[:2])
        action.groups.set(Group.objects.filter(slug="oar-utan-granser"))
    if "vänfamilj" in title or "iop" in title:
        action.partnerships.set(Partnership.objects.filter(office=office).exclude(status="draft")[:2])
    if "bidrag" in title or "uppföljning" in title or "lov" in title:
        action.grant_programmes.set(GrantProgramme.objects.filter(committee=office.committee_id).order_by("-year")[:1]
                                    if office.committee_id else [])
    if "fritidsgård" in title or "ledar" in title:
        action.needs.set(Need.objects.filter(office=office).order_by("-created_at")[:2])


@transaction.atomic
def load(*, stdout=None) -> None:
    from django.contrib.auth import get_user_model

    User = get_user_model()
    offices = {o.slug: o for o in Office.objects.filter(slug__in=INVENTORY)}
    areas = {a.slug: a for a in Area.objects.all()}
    leader = User.objects.filter(is_process_leader=True, is_active=True).order_by("pk").first()
    today = timezone.localdate()
    made = 0
    for slug, rows in INVENTORY.items():
        office = offices.get(slug)
        if office is None:
            continue
        contact = User.objects.filter(office_memberships__office=office, is_active=True).order_by("pk").first()
        for area_slug, text in rows:
            area = areas.get(area_slug)
            if area and not Inventory.objects.filter(office=office, area=area).exists():
                services.save_inventory(by=None, office=office, area=area, description=text, contact=contact)
    for spec in PLANS:
        office = offices.get(spec["office"])
        if office is None or ActionPlan.objects.filter(slug=spec["slug"]).exists():
            continue
        official = User.objects.filter(office_memberships__office=office, is_active=True).order_by("pk").first()
        plan = services.create_plan(by=None, data={
            "office": office, "title": spec["title"], "first_year": 2026, "last_year": 2028,
            "summary": spec["summary"], "sdg_goals": list(SdgGoal.objects.filter(number__in=spec["sdg"]))})
        ActionPlan.objects.filter(pk=plan.pk).update(slug=spec["slug"])
        plan.slug = spec["slug"]
        for goal_spec in spec["goals"]:
            goal = services.save_goal(by=None, plan=plan, data={
                "title": goal_spec["title"], "description": goal_spec["description"],
                "area": areas.get(goal_spec["area"]) if goal_spec["area"] else None,
                "sdg_goals": list(SdgGoal.objects.filter(number__in=goal_spec["sdg"]))})
            for name, unit, source, baseline, target, method, frequency, series in goal_spec["indicators"]:
                indicator = services.save_indicator(by=None, goal=goal, data={
                    "name": name, "unit": unit, "source": source, "method": method,
                    "frequency": frequency or Indicator.Frequency.MONTHLY,
                    "baseline": Decimal(baseline) if baseline is not None else None,
                    "baseline_on": date(2026, 1, 1) if baseline is not None else None,
                    "target": Decimal(target), "target_on": date(2028, 12, 31)})
                months = _months_back(today, 12)
                if series:  # a year of monthly values typed by the office
                    IndicatorValue.objects.bulk_create(
                        IndicatorValue(indicator=indicator, measured_on=day, entered_by=official,
                                       value=Decimal(str(round(series(i), 1))))
                        for i, day in enumerate(months))
                else:  # computed: what the platform's data say, month by month
                    for day in months:
                        services.record_computed(indicator, day)
            for title, status, start_month, months_long in goal_spec["actions"]:
                starts = date(2026, 1 + start_month % 12, 1)
                ends = starts + timedelta(days=30 * months_long)
                action = services.save_action(by=None, plan=plan, data={
                    "title": title, "goal": goal, "status": status, "owner": official or leader,
                    "starts_on": starts, "ends_on": ends, "description": "",
                    "sdg_goals": list(goal.sdg_goals.all())})
                _link(action, office)
        services.publish_plan(by=None, plan=plan)
        made += 1
    coming = _forward(User)
    if stdout is not None:
        stdout.write(f"Action plans: {made} new, {Inventory.objects.count()} rows of the inventory, "
                     f"{coming} coming decisions.")


# ---------------------------------------------------------------- the forward look (invented)

FORWARD = {
    ("socialkontoret", "socialnamnden"): [
        {"title": "Ny plan för stöd till anhöriga 2028–2031", "year": 2027, "quarter": 2,
         "stage": "drafting", "level": "dialogue", "areas": ["omsorg"], "sdg": [3, 10],
         "group": "kommunala-pensionarsradet", "process": "seniorsamtalen",
         "why": "Var femte vuxen i kommunen hjälper en närstående. Den nuvarande planen löper ut 2027, och "
                "anhörigföreningarna säger att stödet är svårt att hitta och inte räcker på öarna.",
         "to_decide": "Vilket stöd kommunen ger anhöriga 2028–2031: avlösning, samtalsgrupper, anhöriglänken "
                      "tillsammans med föreningarna och hur den som hjälper en närstående hittar rätt.",
         "take_part": "Seniorsamtalen under våren 2027, pensionärsrådets möten och ett öppet dialogmöte i Ekerö "
                      "centrum. Föreningar kan också be om att få delta i arbetsgruppen."},
        {"title": "Riktlinjer för idéburet offentligt partnerskap (IOP) inom socialtjänsten", "year": 2027,
         "quarter": 4, "stage": "decision", "level": "partnership", "areas": ["trygghet", "integration"],
         "sdg": [16, 17],
         "why": "Fler föreningar vill samverka långsiktigt med socialtjänsten, och kommunen behöver tydliga regler "
                "för när ett IOP passar och när bidrag eller upphandling är rätt väg.",
         "to_decide": "Riktlinjer för hur socialtjänsten ingår, följer upp och avslutar IOP med idéburna "
                      "organisationer.",
         "take_part": "Ett utkast skickas på remiss till föreningsrådet och de föreningar som redan har IOP."},
        {"title": "Förebyggande arbete mot psykisk ohälsa bland unga 2028", "year": 2028, "quarter": 1,
         "stage": "agenda_setting", "level": "consultation", "areas": ["folkhalsa"], "sdg": [3],
         "why": "Allt fler unga i kommunen berättar i Lupp-enkäten att de mår dåligt. Skolan, fritidsgårdarna och "
                "föreningarna ser det också.",
         "to_decide": "Vilka förebyggande insatser nämnden prioriterar för unga 13–19 år, och hur de görs "
                      "tillsammans med föreningar, skolor och fritidsgårdar.",
         "take_part": "En enkät till unga via skolorna och fritidsgårdarna, och en workshop med ungdomsrådet. "
                      "Föreningar som möter unga kan be om att få delta."},
        {"title": "Ny modell för mottagande av nyanlända", "year": 2027, "quarter": 1, "stage": "drafting",
         "level": "dialogue", "areas": ["integration"], "sdg": [10],
         "move": (2027, 3, "Migrationsverkets nya prognos kom i oktober och ändrar planeringen. Vi vill hinna "
                           "prata med föreningarna och vänfamiljerna innan förslaget skrivs."),
         "why": "Vänfamiljer och etablering genom förening fungerar, men samordningen mellan kommunen och "
                "föreningarna behöver bli tydligare.",
         "to_decide": "Hur kommunen tar emot nyanlända de första två åren, och vilken roll föreningarna har.",
         "take_part": "Dialogmöten med föreningar och vänfamiljer under våren."},
        {"title": "Samlokalisering av träffpunkterna för äldre", "year": 2027, "quarter": 2,
         "stage": "agenda_setting", "level": "consultation", "areas": ["omsorg"], "sdg": [3, 11],
         "withdraw": "Nämnden beslutade i budgeten att träffpunkterna finns kvar där de är. Frågan tas inte upp "
                     "under mandatperioden.",
         "why": "Träffpunkterna i Stenhamra och Ekerö centrum har lokaler som behöver renoveras.",
         "to_decide": "Om träffpunkterna ska flytta till gemensamma lokaler.",
         "take_part": "Pensionärsrådet och pensionärsföreningarna rådfrågas."},
    ],
    ("kultur-och-fritidskontoret", "kultur-och-fritidsnamnden"): [
        {"title": "Ny modell för lokalbidrag och föreningsbidrag från 2028", "year": 2027, "quarter": 3,
         "stage": "drafting", "level": "dialogue", "areas": ["fritid", "kultur"], "sdg": [10, 11],
         "group": "samverkansorganet",
         "why": "Dagens modell gynnar de största föreningarna. Mindre föreningar och föreningar på öarna får för "
                "lite, och bidraget tar inte hänsyn till ideella timmar.",
         "to_decide": "Hur lokalbidraget och verksamhetsbidraget till föreningar fördelas från 2028.",
         "take_part": "Samverkansorganet tar upp frågan på sina möten. Två öppna dialogmöten för föreningar "
                      "under hösten 2027, och ett utkast på konsultation innan nämnden beslutar."},
        {"title": "Kulturstrategi för Ekerö 2028–2032", "year": 2028, "quarter": 2, "stage": "agenda_setting",
         "level": "dialogue", "areas": ["kultur"], "sdg": [4, 11],
         "why": "Den nuvarande kulturstrategin gäller till 2027.",
         "to_decide": "Mål och inriktning för kulturen i kommunen 2028–2032: bibliotek, kulturskola, "
                      "kulturarv och stöd till det fria kulturlivet.",
         "take_part": "Dialogmöten i alla kommundelar och en enkät till invånarna. Kulturföreningar kan be om "
                      "att få delta i arbetsgruppen."},
        {"title": "Fritidsgårdarnas öppettider och ungas inflytande", "year": 2027, "quarter": 1,
         "stage": "drafting", "level": "dialogue", "areas": ["fritid"], "sdg": [4, 16],
         "process": "ungas-ekero",
         "why": "Unga har i dialogen Ungas Ekerö sagt att fritidsgårdarna stänger för tidigt och att de vill vara "
                "med och bestämma om verksamheten.",
         "to_decide": "Fritidsgårdarnas öppettider från hösten 2027 och hur ungas råd på varje gård får inflytande "
                      "över verksamheten.",
         "take_part": "Dialogen Ungas Ekerö, och ett möte på varje fritidsgård. Föreningar som vill visa sin "
                      "verksamhet på gårdarna kan be om att få delta."},
        {"title": "Skötsel av vandringsleder och vindskydd på öarna", "year": 2027, "quarter": 2,
         "stage": "implementation", "level": "partnership", "areas": ["natur"], "sdg": [11, 15],
         "move": (2028, 1, "Inventeringen av lederna blev klar senare än planerat. Friluftsföreningarna får mer tid "
                           "att lämna synpunkter."),
         "why": "Flera leder sköts i dag av föreningar utan avtal. Ansvaret behöver bli tydligt.",
         "to_decide": "Vem som sköter lederna och vindskydden, och om det görs i ett partnerskap med "
                      "friluftsföreningarna.",
         "take_part": "Friluftsföreningarna bjuds in till en gemensam vandring och ett möte."},
        {"title": "Ny idrottshall i Stenhamra – placering", "year": 2027, "quarter": 4, "stage": "agenda_setting",
         "level": "information", "areas": ["fritid"], "sdg": [3],
         "withdraw": "Kommunfullmäktige flyttade investeringen till efter 2030 i budgeten. Frågan kommer tillbaka "
                     "när den nya investeringsplanen tas fram.",
         "why": "Idrottsföreningarna i Stenhamra har för få halltider.",
         "to_decide": "Var en ny idrottshall i Stenhamra ska ligga.",
         "take_part": "Information till idrottsföreningarna."},
    ],
}


def _forward(User, stdout=None) -> int:
    from samverka.actors.models import Actor
    from samverka.dialogue import services_feedback
    from samverka.dialogue.models import Process
    from samverka.municipality.models import Committee
    from samverka.networks.models import Group

    areas = {a.slug: a for a in Area.objects.all()}
    made = 0
    for (office_slug, committee_slug), specs in FORWARD.items():
        office = Office.objects.filter(slug=office_slug).first()
        committee = Committee.objects.filter(slug=committee_slug).first()
        if office is None or committee is None:
            continue
        official = User.objects.filter(office_memberships__office=office, is_active=True).order_by("pk").first()
        for spec in specs:
            if ForwardItem.objects.filter(title=spec["title"]).exists():
                continue
            item = services.create_forward_item(by=None, data={
                "office": office, "committee": committee, "title": spec["title"], "why": spec["why"],
                "to_decide": spec["to_decide"], "year": spec["year"], "quarter": spec["quarter"],
                "level": spec["level"], "stage": spec["stage"], "take_part": spec["take_part"],
                "areas": [areas[s] for s in spec["areas"] if s in areas],
                "sdg_goals": list(SdgGoal.objects.filter(number__in=spec["sdg"])),
                "group": Group.objects.filter(slug=spec.get("group", "")).first(),
                "process": Process.objects.filter(slug=spec.get("process", ""), office=office).first(),
                "contact": official})
            services.publish_forward_item(by=None, item=item)
            if "move" in spec:
                year, quarter, reason = spec["move"]
                services.move_forward_item(by=None, item=item, year=year, quarter=quarter, reason=reason)
            if "withdraw" in spec:
                services.withdraw_forward_item(by=None, item=item, reason=spec["withdraw"])
            made += 1
    _followers_and_requests(User, Actor, services_feedback)
    return made


def _followers_and_requests(User, Actor, services_feedback) -> None:
    lina = User.objects.filter(email="invanare@samverka.example").first()
    eva = User.objects.filter(email="forening@samverka.example").first()
    culture = Office.objects.filter(slug="kultur-och-fritidskontoret").first()
    if lina and culture and culture.committee_id:
        services.follow(by=lina, kind="committee", target=culture.committee, email=True)
    if eva and (omsorg := Area.objects.filter(slug="omsorg").first()):
        services.follow(by=eva, kind="area", target=omsorg)
    if lina and (goal := SdgGoal.objects.filter(number=3).first()):
        services.follow(by=lina, kind="sdg_goal", target=goal)
    carers = ForwardItem.objects.filter(title="Ny plan för stöd till anhöriga 2028–2031").first()
    parkinson = Actor.objects.filter(slug="parkinson-ekero").first()
    if eva and carers and parkinson and not ParticipationRequest.objects.filter(item=carers, user=eva).exists():
        request = services.ask_to_take_part(
            by=eva, item=carers, actor=parkinson,
            text="Många av våra medlemmar vårdar en närstående med Parkinson. Vi vill vara med i arbetsgruppen "
                 "och berätta vad anhöriga behöver, särskilt avlösning på kvällar och helger.")
        if carers.contact is not None:
            services_feedback.give(
                by=carers.contact, item=request.feedback_item, outcome="adopted",
                response="Välkomna! Parkinson Ekerö får en plats i arbetsgruppen för anhörigplanen, som träffas "
                         "första gången i mars 2027. Vi skickar en inbjudan till Eva Lindgren.")
    fritid = ForwardItem.objects.filter(title="Ny modell för lokalbidrag och föreningsbidrag från 2028").first()
    if lina and fritid and not ParticipationRequest.objects.filter(item=fritid, user=lina).exists():
        services.ask_to_take_part(by=lina, item=fritid,
                                  text="Jag leder en liten körförening på Adelsö och vill berätta hur lokalbidraget "
                                       "slår mot oss som har få medlemmar men övar varje vecka.")
