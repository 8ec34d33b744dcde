"""The demo knowledge bank: a dozen guides in plain Swedish, drawn from the municipality's
investigation, memo and policy (facts only; the people are the demo accounts). Two have English
versions and one an Arabic version; Kultur- och fritidskontoret and Socialkontoret each have an
office guide; a few guides have changed, so their history has versions, one of them restored.
`load_demo` calls `load(stdout=..., password=...)`; running it again adds nothing."""

from __future__ import annotations

from django.db import transaction

from samverka.accounts.models import User
from samverka.municipality.models import Office

from . import services
from .models import Guide, Topic

SARA = "handlaggare@samverka.example"   # Kultur- och fritidskontoret
ALI = "socialkontoret@samverka.example"  # Socialkontoret
EVA = "forening@samverka.example"       # Parkinson Ekerö

CIVIL_SOCIETY_SV = """## Många sorters föreningar
I kommunen finns idrottsföreningar, pensionärsföreningar, kulturföreningar, studieförbund, församlingar och nätverk. En del är ideella föreningar med stadgar och styrelse. Andra är lösa nätverk där människor hjälps åt utan att vara medlemmar.

## Ideellt arbete
Ungefär hälften av alla i Sverige gör ideellt arbete regelbundet. Ungefär en av tio hjälper till i lösare nätverk, till exempel i en grannskapsgrupp eller på sociala medier.

## Så beslutar en förening
- Medlemmarna bestämmer på årsmötet.
- Styrelsen leder arbetet mellan årsmötena.
- Ett nätverk har ofta ingen styrelse. Fråga vem som kan föra nätverkets talan.

## Tänk på det här när du arbetar i kommunen
Föreningar arbetar ofta på fritiden. Ge dem god tid att svara. Fråga tidigt, innan allt är bestämt."""

CIVIL_SOCIETY_EN = """## Many kinds of organisations
In the municipality there are sports clubs, pensioners' associations, cultural associations, study associations, parishes and networks. Some are associations with statutes and a board. Others are loose networks where people help each other without being members.

## Volunteering
About half of everyone in Sweden volunteers regularly. About one in ten helps in looser networks.

## How an association decides
- The members decide at the annual meeting.
- The board leads the work between annual meetings.
- A network often has no board. Ask who may speak for it.

## Keep this in mind as an official
Associations often work in their free time. Give them time to answer. Ask early, before everything is decided."""

IOP_SV = """## Tre sätt att samarbeta om pengar
Kommunen kan stödja en förening på tre sätt: med bidrag, genom upphandling eller med ett idéburet offentligt partnerskap (IOP).

## Bidrag
Ett bidrag ger föreningen pengar till sin egen verksamhet. Föreningen bestämmer själv vad den gör. Kommunen följer upp att pengarna används som det var tänkt.

## Upphandling
Kommunen köper en tjänst och bestämmer vad som ska göras. Upphandling följer lagen om offentlig upphandling (LOU). Den passar när det finns en marknad med flera som kan utföra tjänsten.

## IOP
Ett IOP passar när kommunen och en förening ser samma samhällsutmaning, och föreningen bidrar med något som varken kommunen själv eller en marknad kan ge. Båda parter bidrar med resurser. Avtalet säger vem som gör vad och under hur lång tid.

- IOP är tillåtet där det inte finns en fungerande marknad.
- Kommunen måste pröva att avtalet följer kommunallagen och LOU.
- Ett samverkansavtal inom verksamhetsstödet är inte ett IOP. Räkna pengarna en gång.

## Vem frågar jag?
Fråga utvecklingsledaren på ditt kontor innan ni börjar skriva ett avtal."""

IOP_EN = """## Three ways to work together with money
The municipality can support an association in three ways: a grant, a procurement or an idea-based public partnership (IOP).

## Grant
A grant gives the association money for its own work. The association decides what it does.

## Procurement
The municipality buys a service and decides what is to be done, under the Public Procurement Act (LOU). It fits when there is a market with several who can do it.

## IOP
An IOP fits when the municipality and an association see the same challenge, and the association brings something neither the municipality nor a market can. Both parties contribute. The agreement says who does what, and for how long.

- An IOP is allowed where there is no working market.
- The municipality checks that the agreement follows the Local Government Act and LOU.
- A cooperation agreement inside operating support is not an IOP. Count the money once.

## Whom do I ask?
Ask your office's development lead before you start writing an agreement."""

GRANT_SV = """## Innan du söker
Läs reglerna för bidraget. Där står vem som kan söka, vad pengarna får användas till och när du senast ska söka.

## Det här behöver du
- Föreningens organisationsnummer.
- Ett bankgiro eller plusgiro i föreningens namn.
- Den senaste årsberättelsen och ekonomiska redovisningen.

## Så söker du
Logga in och välj bidraget. Ditt utkast sparas varje gång du trycker på en knapp. Skicka ansökan när den är klar. Du får ett diarienummer direkt.

## Verksamhetsstöd från socialnämnden
Socialnämnden delar ut ungefär 135 000 kronor om året i verksamhetsstöd. Nämnden beslutar på sitt möte i juni. Föreningar utanför kommunen kan få stöd för verksamhet som når kommunens invånare.

## Efter beslutet
Du får ett beslutsbrev. Om du fått bidrag skickar du en redovisning när året är slut."""

GRANT_AR = """## قبل أن تتقدم بطلب
اقرأ قواعد المنحة. فيها من يمكنه التقدم، وفيمَ يمكن استخدام المال، وآخر موعد للتقديم.

## ما تحتاجه
- رقم تسجيل الجمعية.
- حساب بنكي باسم الجمعية.
- آخر تقرير سنوي وتقرير مالي.

## كيف تتقدم
سجّل الدخول واختر المنحة. تُحفظ مسودتك كلما ضغطت على زر. أرسل الطلب عندما يكون جاهزاً. تحصل على رقم القضية فوراً.

## بعد القرار
تحصل على رسالة بالقرار. إذا حصلت على منحة، ترسل تقريراً عند نهاية السنة."""

START_SV = """## Ni behöver vara några stycken
En förening bildas av minst tre personer som vill samma sak. Bestäm vad föreningen ska göra: det är föreningens ändamål.

## Det första mötet
- Kalla till ett möte och skriv ett förslag till stadgar.
- Besluta att bilda föreningen och anta stadgarna.
- Välj en styrelse och någon som granskar ekonomin.
- Skriv protokoll och justera det.

## Efter mötet
Ansök om organisationsnummer hos Skatteverket och öppna ett konto i föreningens namn. Registrera föreningen i kommunens föreningsregister, så hittar andra er och ni kan söka bidrag.

## Hjälp på vägen
Studieförbunden och Idélabbet hjälper nya föreningar att komma i gång."""

KOF_SV = """## Det här gör vi
Kultur- och fritidskontoret arbetar för kultur, idrott och fritid i hela kommunen. Vi fördelar föreningsbidrag, bokar lokaler och hallar, driver biblioteken och fritidsgårdarna och samordnar kommunens arbete med civilsamhället.

## Det här kan vi hjälpa till med
- Frågor om föreningsbidrag och hur du söker.
- Lokaler för föreningar och mötesplatser.
- Kontakt med andra föreningar och med Idélabbet.

## Det här kan vi inte göra
- Vi kan inte ge bidrag till enskilda personer.
- Vi beslutar inte om bistånd eller stöd till enskilda. Det gör Socialkontoret.
- Vi kan inte lova pengar innan nämnden har beslutat.

## Vem frågar jag?
Ring kommunens växel och fråga efter föreningshandläggaren på Kultur- och fritidskontoret. Du kan också skriva till oss genom En väg in."""

SOC_SV = """## Det här gör vi
Socialkontoret ger stöd till barn, unga, vuxna och äldre som behöver det. Vi samarbetar med föreningar i bland annat Anhöriglänken, Väntjänsten och integrationsnätverken.

## Det här kan vi hjälpa till med
- Verksamhetsstöd till föreningar som arbetar med människor som behöver stöd.
- Kommunens årliga pris på 10 000 kronor till en förening eller organisation.
- Seniorsamtal för dig som fyller 80 år.

## Det här kan vi inte göra
- Vi kan inte berätta om enskilda personer. Vi har tystnadsplikt.
- Vi ger inte föreningsbidrag till idrott och kultur. Det gör Kultur- och fritidskontoret.

## Vem frågar jag?
Ring kommunens växel vardagar 8–16.30 och fråga efter utvecklingsledaren på Socialkontoret."""

GUIDES = [
    # title, topic, office slug, audience, summary, body, english (title, summary, body), arabic, invited, published
    ("Så är civilsamhället organiserat", Topic.CIVIL_SOCIETY, None, "officials",
     "Föreningar, nätverk, församlingar och studieförbund: vilka de är, hur de beslutar och vad du tänker på när "
     "du samarbetar med dem.", CIVIL_SOCIETY_SV,
     ("How civil society is organised", "Associations, networks, parishes and study associations: who they are, how "
      "they decide, and what to keep in mind when you work with them.", CIVIL_SOCIETY_EN), None, False, True),
    ("Europeiska koden för medverkan och matrisen", Topic.COE_CODE, None, "everyone",
     "En enkel modell för hur föreningar kan vara med i kommunens beslut, från information till partnerskap.",
     """## Vad är koden?
Den europeiska koden för idéburna organisationers medverkan i beslutsprocessen togs fram av Europarådets INGO-konferens 2007. Den gör det lättare för föreningar att vara med när politiker beslutar.

## Matrisen
Koden har en matris. De vågräta raderna visar hur mycket föreningarna deltar: information, konsultation, dialog och partnerskap. De lodräta kolumnerna visar när i beslutsprocessen det sker: från att en fråga väcks till att ett beslut följs upp.

## Så använder du den
- Välj nivå efter frågan. Alla frågor behöver inte ett partnerskap.
- Bestäm tidigt när föreningarna kan vara med.
- Berätta efteråt vad ni gjorde med det som föreningarna sa.""", None, None, False, True),
    ("SKL:s modell för medborgardialog", Topic.CITIZEN_DIALOGUE, None, "officials",
     "Hur du planerar en dialog med invånare och föreningar: syfte, vem som deltar, och återkoppling.",
     """## Börja med syftet
Bestäm vad dialogen ska påverka och vad som redan är bestämt. Säg det tydligt till dem som deltar.

## Bjud in brett
Tänk på dem som sällan hörs: unga, äldre, nyanlända och personer med funktionsnedsättning. Välj tider och platser som passar dem.

## Ge återkoppling
Berätta vad ni gjorde med det som kom fram: "Ni sa, vi gjorde". Även ett nej ska förklaras.""",
     None, None, False, True),
    ("När passar IOP – och när passar bidrag eller upphandling?", Topic.IOP, None, "everyone",
     "Tre sätt för kommunen att samarbeta med föreningar om pengar, och hur du väljer rätt.", IOP_SV,
     ("When an IOP fits, and when a grant or procurement does", "Three ways for the municipality to work with "
      "associations with money, and how to choose.", IOP_EN), None, False, True),
    ("Så söker du bidrag", Topic.APPLY_GRANT, None, "associations",
     "Vad du behöver, hur du söker och vad som händer efter beslutet.", GRANT_SV, None,
     ("كيف تتقدم بطلب منحة", "ما تحتاجه، وكيف تتقدم، وما يحدث بعد القرار.", GRANT_AR), False, True),
    ("Så startar du en förening", Topic.START_ASSOCIATION, None, "everyone",
     "Från idé till förening: det första mötet, stadgar, styrelse och organisationsnummer.", START_SV,
     None, None, True, True),
    ("Kultur- och fritidskontoret: vad vi gör och vem du frågar", Topic.OFFICE, "kultur-och-fritidskontoret",
     "everyone", "Vad kontoret ansvarar för, vad vi kan och inte kan göra, och vem du frågar.", KOF_SV,
     None, None, False, True),
    ("Socialkontoret: vad vi gör och vem du frågar", Topic.OFFICE, "socialkontoret", "everyone",
     "Vad kontoret ansvarar för, vad vi kan och inte kan göra, och vem du frågar.", SOC_SV, None, None, False, True),
    ("Anhöriglänken: så samarbetar vi", Topic.CIVIL_SOCIETY, "socialkontoret", "everyone",
     "Kommunen och sex föreningar och organisationer stödjer anhöriga tillsammans.",
     """## Vilka är med?
Anhöriglänken är ett samarbete mellan kommunen, Röda Korset, SPF, PRO, RSMH, Silviahemmet och Svenska kyrkan.

## Hur det fungerar
Den som vårdar en närstående kan kontakta vem som helst av parterna. Rätt part hör av sig. Dina uppgifter lämnas bara vidare till en förening om du säger ja.""",
     None, None, False, True),
    ("Pensionärsrådet och funktionshinderrådet", Topic.CIVIL_SOCIETY, None, "everyone",
     "Två råd där föreningar och politiker möts. Råden ger råd, de beslutar inte.",
     """## Vilka sitter i råden?
I det kommunala pensionärsrådet sitter PRO och SPF. I funktionshinderrådet sitter bland andra RSMH, SRF och FUB. Politiker från kommunstyrelsen sitter i båda.

## Vad gör råden?
Råden svarar på remisser och är referensgrupper. PRO och SPF är med i gruppen som ser över seniorsamtalen. Råden beslutar inte.""",
     None, None, False, True),
    ("Samverkansorganet: så arbetar det", Topic.CIVIL_SOCIETY, None, "officials",
     "Utvecklingsledare från kontoren som träffas regelbundet för att driva samverkan med civilsamhället framåt.",
     """## Vilka är med?
Samverkansorganet består av utvecklingsledare från Barn- och utbildningsförvaltningen, Kultur- och fritidskontoret och Socialkontoret. Processledaren leder arbetet. Organet rapporterar till en styrgrupp med kontorens chefer.

## Vad gör det?
Det träffas regelbundet, planerar konferenser för tjänstepersoner och bygger vidare på nätverksmötena i integrationsarbetet.""",
     None, None, False, True),
    ("Så håller ni årsmöte", Topic.START_ASSOCIATION, None, "associations",
     "Kallelse, dagordning, val och protokoll: så går ett årsmöte till.",
     """## Kallelse
Skicka kallelsen i så god tid som stadgarna säger.

## Dagordning
- Mötets öppnande och val av ordförande.
- Styrelsens berättelse och revisorernas berättelse.
- Ansvarsfrihet för styrelsen.
- Val av styrelse.""", None, None, True, False),
]


@transaction.atomic
def load(*, stdout=None, password: str | None = None) -> None:
    if Guide.objects.exists():
        return
    users = {u.email: u for u in User.objects.filter(email__in=[SARA, ALI, EVA])}
    sara, ali, eva = users.get(SARA), users.get(ALI), users.get(EVA)
    offices = {o.slug: o for o in Office.objects.all()}
    parkinson = Guide._meta.get_field("invited_actor").related_model.objects.filter(name="Parkinson Ekerö").first()
    made = {}
    for title, topic, office, audience, summary, body, english, arabic, invited, published in GUIDES:
        office_obj = offices.get(office) if office else None
        writer = ali if office == "socialkontoret" else sara
        data = {"title_sv": title, "topic": topic, "audience": audience, "summary_sv": summary,
                "body_sv": body if not invited else body.split("\n\n")[0], "office": office_obj,
                "invited_actor": parkinson if invited else None}
        if english:
            data.update(title_en=english[0], summary_en=english[1], body_en=english[2])
        if arabic:
            data.update(title_ar=arabic[0], summary_ar=arabic[1], body_ar=arabic[2])
        guide = services.create_guide(by=writer, data=data, note="Första versionen")
        if invited:
            # Parkinson Ekerö's representative writes the rest of the draft.
            services.edit_guide(by=eva if eva and parkinson else None, guide=guide, data={"body_sv": body},
                                base=guide.version, note="Skrev färdigt texten")
            guide.refresh_from_db()
        if published:
            services.publish_guide(by=writer, guide=guide)
        made[title] = guide
    # A few changes, so the history has something to show.
    soc = made["Socialkontoret: vad vi gör och vem du frågar"]
    services.edit_guide(by=ali, guide=soc, base=soc.version, note="Nya telefontider",
                        data={"body_sv": SOC_SV.replace("vardagar 8–16.30", "vardagar 8–16")})
    soc.refresh_from_db()
    services.edit_guide(by=ali, guide=soc, base=soc.version, note="Felaktiga telefontider",
                        data={"body_sv": SOC_SV.replace("vardagar 8–16.30", "måndag–torsdag 9–12")})
    soc.refresh_from_db()
    services.restore_version(by=ali, guide=soc, number=2)
    grant = made["Så söker du bidrag"]
    services.edit_guide(by=sara, guide=grant, base=grant.version, note="Tydligare om redovisningen",
                        data={"body_sv": GRANT_SV.replace("när året är slut.", "senast tre månader efter att "
                                                          "året är slut.")})
    if stdout:
        stdout.write(f"Knowledge bank: {len(made)} guides.")
