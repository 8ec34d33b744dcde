"""Demo partnerships (invented details around the documents' facts): the long-term cooperation
agreement with Brottsofferjouren Ekerö (84 000 kronor a year, inside the social committee's
operating support, so the money is counted there and not once more), the friend-family and
settlement network with the parish as an IOP, and the local compact with civil society, signed
by a few associations. `load_demo` calls `load(stdout=..., password=...)` after the grants and
networks; running it again adds nothing."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from samverka.actors.models import Actor, ActorMembership
from samverka.municipality.models import Area, Committee, District, Office, SdgGoal

from . import services
from .models import Compact, Partnership, Signature

HELPLINE = "Brottsofferjouren Ekerö"
PARISH = "Svenska kyrkan Ekerö församling"
NETWORK = "Vänfamiljs- och bosättningsnätverket"
SIGNERS = ["Parkinson Ekerö", "RSMH Ekerö", "Brottsofferjouren Ekerö", "Svenska kyrkan Ekerö församling",
           "Röda Korset Ekerö", "PRO Ekerö", "Öar utan gränser", "Studieförbundet Vuxenskolan Ekerö"]

PRINCIPLES = """Självständighet och oberoende
Den idéburna sektorns organisationer är självständiga. De bestämmer själva över sin verksamhet, och kan både samverka med kommunen och granska den.

Dialog
Kommunen och organisationerna möts regelbundet, tidigt i frågor som rör dem, och återkopplar till varandra vad som blev av det som sades.

Kvalitet
Parterna följer tillsammans upp det de gör, med mål som går att mäta och som de är överens om.

Långsiktighet
Stöd och samarbete planeras för flera år när det går, så att föreningarna kan bygga verksamhet som håller.

Öppenhet och insyn
Beslut, överenskommelser och pengar redovisas öppet, här på Samverka och i kommunens diarium.

Mångfald
Kommunen välkomnar små och stora, formella och informella organisationer och nätverk, och gör det enkelt att vara med."""


def load(*, stdout, password: str) -> None:
    if Partnership.objects.exists() or Compact.objects.exists():
        return
    offices = {o.slug: o for o in Office.objects.all()}
    committees = {c.slug: c for c in Committee.objects.all()}
    actors = {a.name: a for a in Actor.objects.filter(name__in=[HELPLINE, PARISH, NETWORK, *SIGNERS])}
    social = offices.get("socialkontoret")
    if social is None or HELPLINE not in actors or PARISH not in actors:
        return
    with transaction.atomic():
        helpline = _helpline(social, committees.get("socialnamnden"), actors[HELPLINE])
        friends = _friend_families(social, committees.get("socialnamnden"), actors[PARISH], actors.get(NETWORK))
        compact = _compact(offices.get("kultur-och-fritidskontoret") or social, committees.get("kommunstyrelsen"),
                           [actors[name] for name in SIGNERS if name in actors])
    stdout.write(f"Partnerships: {helpline.title}, {friends.title}; local compact with "
                 f"{compact.signatures.count()} signatures.")


def _tags(partnership, areas, goals, districts=()):
    partnership.areas.set(Area.objects.filter(slug__in=areas))
    partnership.sdg_goals.set(SdgGoal.objects.filter(number__in=goals))
    partnership.districts.set(District.objects.filter(slug__in=districts) if districts else District.objects.all())


def _helpline(social, committee, actor):
    today = timezone.localdate()
    start = date(today.year - 3, 1, 1)
    partnership = services.create_partnership(by=None, data={
        "kind": Partnership.Kind.COOPERATION, "status": Partnership.Status.ACTIVE, "is_public": True,
        "title": "Samverkansöverenskommelse med Brottsofferjouren Ekerö",
        "summary": "Långsiktigt stöd till brottsutsatta, vittnen och anhöriga i kommunen, med ideella stödpersoner.",
        "challenge": "Den som har utsatts för ett brott, eller har sett ett, behöver ofta någon att prata med och hjälp "
                     "att förstå vad som händer sedan: polisanmälan, förhör, rättegång och ersättning. Socialtjänsten "
                     "kan inte ge det stödet ensam, och många vill hellre tala med en medmänniska än med en "
                     "myndighet.\n\nBrottsofferjouren har i över tjugo år gett det stödet med ideella stödpersoner. "
                     "Kommunen och jouren har kommit överens om att samarbeta på lång sikt.",
        "why_partnership": "Det här är en samverkansöverenskommelse, inte ett IOP. Pengarna, 84 000 kronor om året, "
                           "ryms i Socialnämndens verksamhetsstöd till föreningar (omkring 135 000 kronor om året) och "
                           "beslutas där. De räknas därför en gång: i verksamhetsstödet, inte här en gång till. "
                           "Överenskommelsen beskriver vad parterna gör tillsammans och hur det följs upp.",
        "office": social, "committee": committee, "case_number": f"SN {start.year - 1}/212",
        "decided_on": date(start.year - 1, 6, 14), "starts_on": start, "ends_on": None,
    })
    _tags(partnership, ["trygghet", "omsorg"], [5, 16])
    office_party = services.add_party(by=None, partnership=partnership, office=social,
                                      role="Finansierar och hänvisar brottsutsatta till jouren")
    jouren = services.add_party(by=None, partnership=partnership, actor=actor,
                                role="Stödpersoner, vittnesstöd och jourtelefon")
    services.add_contribution(by=None, party=office_party, data={
        "kind": "money", "amount": Decimal(84_000), "unit": "sek_year",
        "description": "Bidrag till jourens verksamhet på Ekerö",
        "counted_in": "Socialnämndens verksamhetsstöd"})
    services.add_contribution(by=None, party=office_party, data={
        "kind": "staff_hours", "amount": Decimal(4), "unit": "hours_month",
        "description": "Kontaktperson på socialkontoret och gemensamma genomgångar"})
    services.add_contribution(by=None, party=jouren, data={
        "kind": "volunteers", "amount": Decimal(14), "unit": "people",
        "description": "Utbildade ideella stödpersoner och vittnesstödjare"})
    services.add_contribution(by=None, party=jouren, data={
        "kind": "other", "description": "Jourtelefon vardagar och kontakt inom två arbetsdagar"})
    services.add_goal(by=None, partnership=partnership, text="Alla som hänvisas från socialtjänsten blir kontaktade "
                                                             "inom två arbetsdagar",
                      measure="Jourens statistik, redovisas varje halvår")
    services.add_goal(by=None, partnership=partnership, text="Fler unga brottsutsatta får stöd",
                      measure="Antal stödsamtal med personer under 25 år")
    first = services.add_milestone(by=None, partnership=partnership,
                                   title="Gemensam rutin för hänvisning från socialtjänsten",
                                   due_on=date(start.year, 4, 30))
    services.report_milestone(by=None, milestone=first, done_on=date(start.year, 4, 22),
                              note="Rutinen är antagen och finns på intranätet. Socialsekreterarna har fått en "
                                   "genomgång av jouren.")
    services.add_milestone(by=None, partnership=partnership, title="Årlig uppföljning med Socialnämnden",
                           due_on=today + timedelta(days=40), follow_up_on=today + timedelta(days=45))
    return partnership


def _friend_families(social, committee, parish, network):
    today = timezone.localdate()
    start, end = today - timedelta(days=300), today + timedelta(days=430)
    partnership = services.create_partnership(by=None, data={
        "kind": Partnership.Kind.IOP, "status": Partnership.Status.ACTIVE, "is_public": True,
        "title": "Vänfamiljer och bosättning för nyanlända",
        "summary": "Församlingen, nätverket och socialkontoret tar emot nyanlända familjer tillsammans: vänfamiljer, "
                   "möbler och en första tid i ett nytt hem.",
        "challenge": "Familjer som får uppehållstillstånd och bosätts på öarna kommer ofta till en tom lägenhet och "
                     "känner ingen. Kommunen ordnar bostad och ekonomiskt stöd, men det som gör att en familj "
                     "känner sig hemma – en granne att fråga, ett fikabord, en cykel till barnen – kan en "
                     "förvaltning inte ge.\n\nVänfamiljs- och bosättningsnätverket och församlingen har byggt upp "
                     "just det: vänfamiljer som möter de nya familjerna, och ett möbelåterbruk i Stenhamra.",
        "why_partnership": "Ett bidrag skulle göra kommunen till en finansiär på avstånd, och en upphandling passar "
                           "inte: verksamheten bygger på ideella vänfamiljer och församlingens egna lokaler, och "
                           "ingen kan köpa den. Parterna har ett gemensamt mål och bidrar var och en med sitt, "
                           "och de bestämmer tillsammans hur arbetet utvecklas.",
        "office": social, "committee": committee, "case_number": f"SN {start.year}/41",
        "decided_on": start - timedelta(days=45), "starts_on": start, "ends_on": end,
    })
    _tags(partnership, ["integration", "omsorg"], [1, 10, 11])
    church = services.add_party(by=None, partnership=partnership, actor=parish,
                                role="Samordnar vänfamiljerna och möbelåterbruket")
    office_party = services.add_party(by=None, partnership=partnership, office=social,
                                      role="Bosättningssamordning och kontakt med familjerna")
    services.add_contribution(by=None, party=church, data={
        "kind": "premises", "description": "Församlingshemmet för träffar varannan söndag och möbelförrådet i "
                                           "Stenhamra"})
    services.add_contribution(by=None, party=church, data={
        "kind": "staff_hours", "amount": Decimal(6), "unit": "hours_week",
        "description": "Diakonens tid för samordning av vänfamiljerna"})
    if network is not None:
        friends = services.add_party(by=None, partnership=partnership, actor=network,
                                     role="Vänfamiljerna och deras träffar")
        services.add_contribution(by=None, party=friends, data={
            "kind": "volunteers", "amount": Decimal(25), "unit": "people",
            "description": "Vänfamiljer som möter en nyanländ familj under minst ett år"})
    services.add_contribution(by=None, party=office_party, data={
        "kind": "money", "amount": Decimal(120_000), "unit": "sek_year",
        "description": "Hyra av möbelförrådet, transporter och fika vid träffarna"})
    services.add_contribution(by=None, party=office_party, data={
        "kind": "staff_hours", "amount": Decimal(8), "unit": "hours_week",
        "description": "Bosättningssamordnaren hänvisar familjer och följer upp"})
    services.add_goal(by=None, partnership=partnership,
                      text="Varje nyanländ familj som vill får en vänfamilj inom tre månader",
                      measure="Andel familjer med vänfamilj tre månader efter bosättning")
    services.add_goal(by=None, partnership=partnership, text="Möbler till 40 hushåll om året via återbruket",
                      measure="Församlingens lista över utlämnade möbler")
    done = services.add_milestone(by=None, partnership=partnership, title="Tio vänfamiljer utbildade",
                                  due_on=start + timedelta(days=90))
    services.report_milestone(by=None, milestone=done, done_on=start + timedelta(days=84),
                              note="Tolv familjer gick introduktionen i församlingshemmet.")
    services.add_milestone(by=None, partnership=partnership, title="Halvtidsuppföljning med alla parter",
                           due_on=today + timedelta(days=7), follow_up_on=today + timedelta(days=10))
    services.add_milestone(by=None, partnership=partnership, title="Slutrapport och beslut om fortsättning",
                           due_on=end - timedelta(days=60), follow_up_on=end - timedelta(days=30))
    return partnership


def _compact(office, committee, signers):
    today = timezone.localdate()
    compact = services.create_compact(by=None, data={
        "title": "Lokal överenskommelse mellan Ekerö kommun och civilsamhället",
        "summary": "Sex principer för hur kommunen och föreningar, nätverk och församlingar arbetar tillsammans.",
        "principles": PRINCIPLES, "office": office, "committee": committee,
        "adopted_on": date(today.year - 1, 3, 20), "open_for_signing": True,
    })
    for n, actor in enumerate(signers):
        owner = ActorMembership.objects.filter(actor=actor, role=ActorMembership.Role.OWNER).select_related("user")
        owner = owner.first()
        Signature.objects.create(compact=compact, actor=actor, signed_by=owner.user if owner else None,
                                 signed_on=date(today.year - 1, 4, 1) + timedelta(days=17 * n))
    return compact
