"""Demo cases for the one way in: fifteen questions, offers and matters from invented
residents and associations, in every state: new, being handled, answered, closed, two late,
one handed on from the culture and leisure office to the social services office. Sara
(handlaggare@…) at the culture and leisure office and Ali (socialkontoret@…) at the social
services office have cases in their inboxes. Ali also coordinates the carers' link
(Anhöriglänken): his work list (/vag-in/lank/anhoriglanken/samordna/) has a late case nobody
took and one that went to the coordinator without consent. `load_demo` calls
`load(stdout=...)`; running it again adds nothing."""

from __future__ import annotations

from datetime import timedelta

from django.apps import apps
from django.db import transaction
from django.utils import timezone

from samverka.accounts.models import User
from samverka.municipality.models import District, Office

from . import defaults, services
from .models import Case, Consent, Link, LinkParty, LinkRule, Topic

# (days ago, kind, topic, district, sender name, e-mail, phone, message, what happens)
CASES = [
    (9, "question", "foreningsliv-och-bidrag", "ekero-centrum", "Birgitta Holm", "birgitta.holm@example.org", "",
     "Hej! Vi är en liten förening för anhöriga till personer med demenssjukdom. Hur söker vi verksamhetsstöd, "
     "och när ska ansökan vara inne?", "reroute"),
    (6, "offer", "volontararbete", "stenhamra", "Lina Sandberg", "invanare@samverka.example", "",
     "Jag är pensionerad lärare och vill gärna läsa högt för äldre eller vara språkvän någon kväll i veckan.",
     "answer"),
    (13, "question", "lokaler", "trakvista", "Anders Lund", "anders.lund@example.org", "",
     "Finns det någon lokal i Träkvista där vår kör (ca 25 personer) kan öva på onsdagskvällar? Vi behöver ett piano.",
     "late"),
    (3, "matter", "natur-och-miljo", "munso", "Maria Öberg", "maria.oberg@example.org", "070-174 06 05",
     "Det ligger mycket skräp längs stranden vid Munsö badplats. Vi grannar vill ordna en skräpplockardag i maj. "
     "Kan kommunen hämta säckarna efteråt?", "take"),
    (15, "question", "integration-och-sprak", "ekero-centrum", "Fatima Ahmadi", "", "070-174 06 12",
     "Var finns språkcaféer för nyanlända på Ekerö? Jag vill öva svenska på kvällarna.", "answer_close"),
    (1, "offer", "kultur-och-fritid", None, "Studiecirkel Mälaröarna", "info@studiecirkel.example.org", "",
     "Vi är ett studieförbund och kan hålla en gratis kurs i att skriva släktforskning för seniorer i höst. "
     "Vem ska vi prata med om lokal och marknadsföring?", ""),
    (11, "question", "aldre", "ska", "Gustav Ek", "gustav.ek@example.org", "",
     "Min mamma är 86 år och sitter mycket ensam sedan pappa dog. Finns det någon väntjänst eller besöksvän på Skå?",
     "late"),
    (2, "question", "barn-och-unga", "stenhamra", "Sofia Berg", "sofia.berg@example.org", "",
     "Finns det läxhjälp för barn i mellanstadiet i Stenhamra? Vi kan också tänka oss att hjälpa till som föräldrar.",
     ""),
    (4, "matter", "trygghet", "ekero-centrum", "Karin Wikström", "karin.wikstrom@example.org", "",
     "Belysningen längs gångvägen mellan busshållplatsen och Ekebyhovshallen är trasig. Det känns otryggt för "
     "barnen som går hem från träningen.", "take"),
    (5, "offer", "volontararbete", None, "Återbruket Ekerö", "kontakt@aterbruket.example.org", "",
     "Vår förening har en släpvagn och kan hjälpa till att hämta möbler som skänks till nyanlända familjer.", ""),
    (8, "question", "foreningsliv-och-bidrag", None, "Per Sjöberg", "per.sjoberg@example.org", "",
     "Vi har bildat en ny förening för sportfiske. Hur kommer vi med i föreningsregistret?", "answer"),
    (0, "question", "annat", None, "Leila Nasser", "leila.nasser@example.org", "",
     "Jag vet inte vem jag ska fråga: jag vill starta en syjunta för kvinnor som är nya i Sverige. Kan kommunen hjälpa?",
     ""),
    (12, "question", "kultur-och-fritid", "adelso", "Eva Nordin", "eva.nordin@example.org", "",
     "Kan biblioteket ordna sagostund på Adelsö någon gång i månaden? Färjan gör det svårt för småbarnsfamiljer.",
     "take_late"),
    (20, "matter", "lokaler", "stenhamra", "Jonas Hedlund", "jonas.hedlund@example.org", "",
     "Idrottshallen i Stenhamra var låst när vår bokade tid började i lördags. Vem ska vi kontakta nästa gång?",
     "close"),
    (2, "offer", "integration-och-sprak", "farentuna", "Familjen Larsson", "larsson.farentuna@example.org", "",
     "Vi skulle gärna bli vänfamilj till en nyanländ familj. Vi har två barn i låg- och mellanstadiet.", ""),
]

ANSWERS = {
    "Lina Sandberg": "Hej Lina! Vad roligt att du vill hjälpa till. Väntjänsten söker just nu högläsare till "
                     "Stockbygården på tisdagar. Vi ringer dig i veckan och berättar mer.",
    "Fatima Ahmadi": "Hej Fatima! Språkcafé finns på Ekerö bibliotek varje tisdag kl. 18–20 och på Stenhamra "
                     "bibliotek varje torsdag kl. 17–18.30. Välkommen!",
    "Per Sjöberg": "Hej Per! Skapa ett konto på Samverka och välj \"Lägg till din förening\". Vi verifierar "
                   "organisationsnumret inom en vecka.",
    "Jonas Hedlund": "Hej Jonas! Ring fritidsjouren på 08-124 571 00 om hallen är låst. Vi har pratat med "
                     "vaktmästaren så att det inte händer igen.",
}


def load(*, stdout) -> None:
    defaults.load(apps)
    if Case.objects.filter(email="birgitta.holm@example.org").exists():
        return
    users = {u.email: u for u in User.objects.filter(email__in=[
        "handlaggare@samverka.example", "socialkontoret@samverka.example", "admin@samverka.example",
        "invanare@samverka.example"])}
    if len(users) < 4 or not Office.objects.filter(slug="socialkontoret").exists():
        stdout.write("One way in: the demo accounts or offices are missing; no demo cases.")
        return
    with transaction.atomic():
        _load(users)
    stdout.write(f"One way in: {len(CASES)} demo cases, {Case.objects.overdue().count()} late.")
    load_link(stdout=stdout)


def _handler(case: Case, users) -> User:
    """Who in the demo works at the case's office (the administrator where nobody does)."""
    member = case.office.memberships.select_related("user").first() if case.office_id else None
    return member.user if member else users["admin@samverka.example"]


def _load(users) -> None:
    topics = {t.slug: t for t in Topic.objects.all()}
    districts = {d.slug: d for d in District.objects.all()}
    social = Office.objects.get(slug="socialkontoret")
    now = timezone.now()
    for days_ago, kind, topic, district, name, email, phone, message, fate in CASES:
        received = now - timedelta(days=days_ago, hours=days_ago % 5)
        sender = users.get(email) if email == "invanare@samverka.example" else None
        case = services.submit_case(by=sender, kind=kind, topic=topics[topic], district=districts.get(district),
                                    message=message, name=name, email=email, phone=phone, language="sv", now=received)
        handler = _handler(case, users)
        if fate == "reroute":
            services.assign_case(by=handler, case=case)
            services.reroute_case(by=handler, case=case, office=social,
                                  note="Verksamhetsstödet beslutas av socialnämnden. Ali, kan du ta den? "
                                       "Föreningen finns inte i registret än.")
        elif fate in ("take", "take_late"):
            services.assign_case(by=handler, case=case)
            services.add_note(by=handler, case=case, text="Har ringt och lämnat meddelande. Återkommer.")
        elif fate in ("answer", "answer_close"):
            services.assign_case(by=handler, case=case)
            services.answer_case(by=handler, case=case, text=ANSWERS[name], close=fate == "answer_close")
        elif fate == "close":
            services.answer_case(by=handler, case=case, text=ANSWERS[name])
            services.close_case(by=handler, case=case, note="Vaktmästaren informerad.")
        # The steps happened over the days after the message came, not all now.
        for n, event in enumerate(case.events.order_by("pk")[2:], start=1):
            event.created_at = min(received + timedelta(hours=20 * n), now)
            event.save(update_fields=["created_at"])
        Case.objects.filter(pk=case.pk, answered_at__isnull=False).update(
            answered_at=min(received + timedelta(days=2), now))
        Case.objects.filter(pk=case.pk, closed_at__isnull=False).update(closed_at=min(received + timedelta(days=3), now))


# ---------------------------------------------------------------- the carers' link (Anhöriglänken)

PARTNERS = ["Röda Korset Ekerö", "SPF Seniorerna Ekerö", "PRO Ekerö", "RSMH Ekerö",
            "Silviahemmet – anhöriggrupp Ekerö", "Svenska kyrkan Ekerö församling"]

LINK_DESCRIPTION = (
    "Anhöriglänken är för dig som hjälper, vårdar eller stöttar någon i din närhet: en partner, en förälder, "
    "ett barn eller en vän. Kommunens anhörigstöd och sex föreningar och organisationer på Ekerö samarbetar. "
    "Vem av oss du än kontaktar, ringer rätt part upp dig.")
LINK_DESCRIPTION_EN = (
    "The carers' link is for you who help, care for or support someone close to you. The municipality's carer "
    "support and six associations and organisations on Ekerö work together: whoever of us you contact, the right "
    "one of us calls you back.")
LINK_DESCRIPTION_AR = (
    "رابط مقدمي الرعاية مخصّص لك إن كنت تساعد شخصًا قريبًا منك أو تعتني به أو تسانده: شريك حياة، أو أحد "
    "الوالدين، أو طفل، أو صديق. يتعاون دعم مقدمي الرعاية في البلدية مع ست جمعيات ومنظمات في Ekerö. أيًّا منا "
    "تواصلت معه، يتصل بك الطرف المناسب.")

# (days ago, district, name, e-mail, phone, message, consent, what happens)
LINK_CASES = [
    (4, "ekero-centrum", "Karin Olsson", "karin.olsson@example.org", "",
     "Min man har fått en demensdiagnos och jag är med honom dygnet runt. Finns det någon som kan sitta hos honom "
     "ett par timmar i veckan så att jag kan handla och träffa vänner?", True, "answer"),
    (3, "stenhamra", "Bengt Lindqvist", "", "070-174 06 31",
     "Jag tar hand om min fru som har Alzheimers. Jag skulle vilja träffa andra i samma situation.", True,
     "hand_over"),
    (2, None, "Marianne Holm", "", "070-174 06 32",
     "Min son är 34 år och mår psykiskt dåligt. Jag vet inte hur jag ska orka, och inte vem jag ska prata med.",
     True, "phone"),
    (5, "ekero-centrum", "Yusuf Karimi", "yusuf.karimi@example.org", "",
     "Jag hjälper min pappa som är 81 år med allt hemma. Jag vill veta vilket stöd som finns för oss båda.",
     True, "withdrawn"),
    (1, "munso", "Annika Berg", "annika.berg@example.org", "",
     "Jag är anhörig till en person med funktionsnedsättning och vill veta mer om avlösning.", False, ""),
    (9, "ekero-centrum", "Gunnel Åkesson", "gunnel.akesson@example.org", "",
     "Min syster har MS och jag hjälper henne varje dag. Jag skulle behöva någon att prata med ibland.", True,
     "late"),
    (2, "munso", "Lars Nyberg", "", "070-174 06 33",
     "Jag är med i PRO och hjälper min granne som har blivit sämre. Kan någon från PRO ringa mig om stödet till "
     "anhöriga?", True, "chose"),
]


def load_link(*, stdout) -> None:
    if Link.objects.filter(slug="anhoriglanken").exists():
        return
    from samverka.actors.models import Actor

    social = Office.objects.filter(slug="socialkontoret").first()
    ali = User.objects.filter(email="socialkontoret@samverka.example").first()
    actors = {a.name: a for a in Actor.objects.filter(name__in=PARTNERS)}
    if social is None or ali is None or len(actors) < len(PARTNERS):
        stdout.write("Carers' link: the demo office, accounts or associations are missing; no link.")
        return
    with transaction.atomic():
        _load_link(social, ali, actors)
    stdout.write(f"Carers' link: {len(PARTNERS)} partners, {len(LINK_CASES)} cases.")


def _load_link(social, ali, actors) -> None:
    topic, _created = Topic.objects.get_or_create(
        slug="anhorigstod", defaults={"name": "Anhörigstöd", "name_en": "Support for carers",
                                      "name_ar": "دعم مقدمي الرعاية", "position": 55})
    joined = timezone.localdate() - timedelta(days=400)
    link = Link.objects.create(name="Anhöriglänken", name_en="The carers' link", name_ar="رابط مقدمي الرعاية",
                               slug="anhoriglanken", description=LINK_DESCRIPTION,
                               description_en=LINK_DESCRIPTION_EN, description_ar=LINK_DESCRIPTION_AR,
                               coordinator_office=social, answer_days=5,
                               take_within_days=2)
    link.coordinators.add(ali)
    link.topics.add(topic)
    coordinator = services.coordinator_party(link)
    LinkParty.objects.filter(pk=coordinator.pk).update(joined_at=joined)
    parties, handlers = {}, {}
    for name in PARTNERS:
        actor = actors[name]
        party = LinkParty.objects.create(link=link, actor=actor, joined_at=joined)
        member = actor.memberships.select_related("user").order_by("pk").first()
        if member is not None:
            party.handlers.add(member.user)
            handlers[name] = member.user
        parties[name] = party
    districts = {d.slug: d for d in District.objects.all()}
    LinkRule.objects.create(link=link, topic=topic, party=coordinator)
    for district, name in (("ekero-centrum", "Röda Korset Ekerö"), ("stenhamra", "SPF Seniorerna Ekerö")):
        if district in districts:
            LinkRule.objects.create(link=link, topic=topic, district=districts[district], party=parties[name])
    now = timezone.now()
    for days_ago, district, name, email, phone, message, consent, fate in LINK_CASES:
        received = now - timedelta(days=days_ago, hours=2)
        common = {"kind": "question", "topic": topic, "district": districts.get(district), "message": message,
                  "name": name, "email": email, "phone": phone, "language": "sv", "now": received}
        if fate == "phone":
            pro = handlers.get("PRO Ekerö")
            case = services.submit_case(by=pro, registered_at=parties["PRO Ekerö"], **common)
            services.hand_over(by=pro, case=case, party=parties["RSMH Ekerö"], now=received + timedelta(hours=3),
                               note="Hon ringde till oss men sonens mående är RSMH:s område. Hon vill bli uppringd "
                                    "på eftermiddagen.")
            rsmh = Case.objects.get(pk=case.pk)
            services.assign_case(by=handlers["RSMH Ekerö"], case=rsmh)
            continue
        if fate == "chose":  # through the one way in, choosing PRO Ekerö by name
            services.submit_case(by=None, consent=consent, to_party=parties["PRO Ekerö"], **common)
            continue
        case = services.submit_case(by=None, link=link, consent=consent, **common)
        holder = case.party.label
        if fate == "answer":
            services.assign_case(by=handlers[holder], case=case)
            services.answer_case(by=handlers[holder], case=case,
                                 text="Hej Karin! Tack för att du hörde av dig. Vi har besöksvänner som kan komma på "
                                      "tisdagar. Jag ringer dig i morgon förmiddag så bestämmer vi en tid.")
        elif fate == "hand_over":
            services.hand_over(by=handlers[holder], case=case, party=parties["Silviahemmet – anhöriggrupp Ekerö"],
                               now=received + timedelta(days=1),
                               note="Bengt vill träffa andra anhöriga till personer med demens: er anhöriggrupp passar "
                                    "bättre än vår. Han ringer helst på kvällen.")
        elif fate == "withdrawn":
            services.hand_over(by=handlers[holder], case=case, party=parties["Svenska kyrkan Ekerö församling"],
                               now=received + timedelta(days=1),
                               note="Församlingen har en samtalsgrupp för vuxna barn som hjälper sina föräldrar.")
            consent_given = Consent.objects.filter(case=case).first()
            services.withdraw_consent(by=None, consent=consent_given, through_private_link=True,
                                      now=received + timedelta(days=2))
