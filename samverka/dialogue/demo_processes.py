"""Demo proposals, comments, workshops and feedback (invented people) for the three demo processes:
the 2017 dialogue's five focus groups and open workshop (40 participants) with what they brought
up answered, the youth dialogue's proposals and threaded comments with feedback (most on time, one
overdue) and one comment hidden with its reason, and a comment on the senior talks. Running it
again adds nothing."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone

from samverka.accounts.models import User
from samverka.activities.models import Activity
from samverka.activities.recurrence import TZ
from samverka.actors.models import Actor

from . import demo
from .models import Comment, FeedbackItem, Follow, Moderated, Process, Proposal, Workshop

# (e-mail name, first, last): invented residents and young people.
PEOPLE = [
    ("alva.nyberg", "Alva", "Nyberg"), ("omar.hassan", "Omar", "Hassan"), ("linnea.strom", "Linnéa", "Ström"),
    ("viktor.aberg", "Viktor", "Åberg"), ("hanna.lof", "Hanna", "Löf"), ("ibrahim.jama", "Ibrahim", "Jama"),
    ("greta.moller", "Greta", "Möller"), ("kent.svard", "Kent", "Svärd"),
]


def _people(password) -> dict[str, User]:
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


def _at(day, hour=18) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=TZ)


def _given(item: FeedbackItem, *, by, response: str, outcome: str, days_after: int) -> None:
    """Feedback given `days_after` days after the item was opened (the deadline decides if on time)."""
    item.response, item.outcome, item.status = response, outcome, FeedbackItem.Status.GIVEN
    item.given_by, item.given_at = by, item.created_at + timedelta(days=days_after)
    item.save(update_fields=["response", "outcome", "status", "given_by", "given_at"])


def _item(process: Process, *, title, said, created, owner=None, **subject) -> FeedbackItem:
    return FeedbackItem.objects.create(
        process=process, office=process.office, owner=owner or process.contact, title=title[:200], said=said,
        deadline=timezone.localtime(created).date() + timedelta(days=process.feedback_days), created_at=created,
        **subject)


def _dialogue_2017(process: Process) -> int:
    """Five focus groups and an open workshop with 40 participants, all in the past, each point answered."""
    if process.workshops.exists():
        return 0
    start = timezone.localtime(process.phases.order_by("starts_at").first().starts_at).date()
    sara = process.contact
    groups = [
        ("Fokusgrupp: idrottsföreningar", 8, "Föreningarna vill ha längre framförhållning om lokaler och bidrag.",
         "Lokalbokningen öppnar nu ett halvår i förväg, och bidragsreglerna beslutas före årsskiftet."),
        ("Fokusgrupp: trossamfund", 6, "Trossamfunden vill bjudas in tidigt när kommunen planerar krisberedskap.",
         "Trossamfunden ingår nu i kommunens krisberedskapsråd."),
        ("Fokusgrupp: sociala föreningar", 9, "Det är svårt att veta vem på kommunen man ska vända sig till.",
         "Policyns punkt 6: en öppen och tillgänglig beslutsprocess, med en väg in och en kontaktperson på "
         "varje förvaltning."),
        ("Fokusgrupp: kulturföreningar", 7, "Kommunen berättar sällan vad som hände med föreningarnas synpunkter.",
         "Policyns punkter 2 och 7: återkoppling inom 30 dagar på varje synpunkt i en dialog."),
        ("Fokusgrupp: pensionärsföreningar", 8, "Dialogen börjar ofta när besluten redan är fattade.",
         "Policyns punkt 2: tidig dialog, innan ett ärende går till nämnden."),
        ("Öppen workshop om samverkan", 40, "Ett gemensamt forum där kommunen och föreningarna träffas varje år.",
         "Samverkansforum hålls varje höst sedan 2018."),
    ]
    made = 0
    for n, (title, participants, said, did) in enumerate(groups):
        day = start + timedelta(days=32 + 8 * n)
        activity, _ = Activity.objects.get_or_create(
            slug=f"dialogen-2017-{n + 1}",
            defaults={"office": process.office, "title": title, "summary": "En del av dialogen om samverkan 2017.",
                      "description": "Vi samtalar om hur kommunen och civilsamhället kan samverka bättre.",
                      "start": _at(day), "end": _at(day, 20), "address": "Ekerö kommunhus, Tappströmsvägen 2",
                      "status": Activity.Status.PUBLISHED, "created_at": _at(day - timedelta(days=20))})
        kind = Workshop.Kind.WORKSHOP if participants == 40 else Workshop.Kind.FOCUS_GROUP
        workshop = Workshop.objects.create(
            process=process, kind=kind, activity=activity, participants=participants,
            agenda="1. Vad fungerar i samverkan i dag?\n2. Vad saknas?\n3. Vad ska policyn innehålla?",
            notes=f"{participants} deltagare. Viktigaste synpunkten: {said}")
        item = _item(process, title=said[:80], said=said, created=_at(day, 20), workshop=workshop)
        _given(item, by=sara, response=did, outcome=FeedbackItem.Outcome.ADOPTED, days_after=20 + n)
        made += 1
    return made


def _youth(process: Process, people: dict[str, User]) -> int:
    if process.proposals.exists():
        return 0
    now = timezone.now()
    sara = process.contact
    actor = Actor.objects.filter(name__startswith="Röda Korset").first()
    proposals = [
        ("alva.nyberg", None, "Öppna fritidsgården på lördagar",
         "På helgerna finns inget ställe att vara på i Stenhamra. Öppna gården på lördagskvällar, gärna med "
         "musikrummet öppet.", 9),
        ("omar.hassan", None, "Ett e-sportrum på Ekebyhovs fritidsgård",
         "Många av oss spelar, men hemma blir det ensamt. Ett rum med några datorer där man kan spela "
         "tillsammans och lära sig mer.", 8),
        ("linnea.strom", actor, "Läxhjälp med fika",
         "Vi kan ordna läxhjälp två kvällar i veckan om vi får vara i fritidsgårdens lokal.", 7),
        ("viktor.aberg", None, "Bättre busstider på kvällen",
         "Sista bussen från Ekerö centrum går för tidigt för att hinna hem efter träningen.", 6),
        ("hanna.lof", None, "Skatepark vid Tappström",
         "En enkel skatepark nära bussen, där det är ljust på kvällen.", 2),
    ]
    made = {}
    for name, on_behalf, title, body, days_ago in proposals:
        created = now - timedelta(days=days_ago)
        proposal = Proposal.objects.create(process=process, phase=process.current_phase(), title=title, body=body,
                                           author=people[name], actor=on_behalf, created_at=created)
        Follow.objects.get_or_create(user=people[name], proposal=proposal)
        made[title] = (proposal, _item(process, title=title, said=body, created=created, proposal=proposal))

    # Feedback: two on time, the rest waiting (one of them overdue, below).
    _given(made["Öppna fritidsgården på lördagar"][1], by=sara, outcome=FeedbackItem.Outcome.PARTLY, days_after=6,
           response="Från januari har Stenhamra fritidsgård öppet varannan lördag till kl. 23. Musikrummet öppnar "
                    "när vi har en ledare som kan ansvara för det.")
    _given(made["Läxhjälp med fika"][1], by=sara, outcome=FeedbackItem.Outcome.ADOPTED, days_after=3,
           response="Ja! Ni får låna lokalen tisdagar och torsdagar kl. 16–18. Hör av er till fritidsgården.")
    # The buses are the region's: overdue, waiting for an answer from the transport office.
    late = made["Bättre busstider på kvällen"][1]
    late.deadline = timezone.localdate() - timedelta(days=2)
    late.save(update_fields=["deadline"])

    saturday = made["Öppna fritidsgården på lördagar"][0]
    root = Comment.objects.create(process=process, proposal=saturday, author=people["ibrahim.jama"],
                                  body="Ja! Och gärna på Ekebyhov också, inte bara i Stenhamra.",
                                  created_at=now - timedelta(days=8))
    Comment.objects.create(process=process, proposal=saturday, parent=root, author=people["alva.nyberg"],
                           body="Bra idé, då kan man välja den som ligger närmast.", created_at=now - timedelta(days=7))
    Comment.objects.create(process=process, proposal=made["Ett e-sportrum på Ekebyhovs fritidsgård"][0],
                           author=people["greta.moller"],
                           body="Jag spelar inte själv, men ett rum för brädspel vore också kul.",
                           created_at=now - timedelta(days=5))
    thread = Comment.objects.create(process=process, author=people["viktor.aberg"],
                                    body="Kan fritidsgårdarna ha samma öppettider på sommaren?",
                                    created_at=now - timedelta(days=6))
    _item(process, title=thread.body[:80], said=thread.body, created=thread.created_at, comment=thread)
    Comment.objects.create(process=process, parent=thread, author=people["omar.hassan"],
                           body="Håller med, på sommaren har man mest tid.", created_at=now - timedelta(days=5))
    Comment.objects.create(process=process, parent=thread, author=people["kent.svard"],
                           body="Ring mig på 070-000 00 00 så förklarar jag vad som är fel med ungdomen i dag.",
                           created_at=now - timedelta(days=4), visibility=Moderated.Visibility.HIDDEN,
                           hidden_reason="Dold: kommentaren innehöll ett telefonnummer och handlade inte om frågan.",
                           hidden_by=sara, hidden_at=now - timedelta(days=3))
    return len(made)


def _senior_talks(process: Process, people: dict[str, User]) -> int:
    if process.comments.exists():
        return 0
    created = timezone.now() - timedelta(days=10)
    thread = Comment.objects.create(
        process=process, author=people["greta.moller"], created_at=created,
        body="Min mamma fick ett seniorsamtal och blev mycket glad. Men ring innan ni kommer, ett brev är lätt att missa.")
    item = _item(process, title="Ring innan hembesöket", said=thread.body, created=created, comment=thread)
    _given(item, by=process.contact, outcome=FeedbackItem.Outcome.ADOPTED, days_after=5,
           response="Tack! I förslaget ringer vi nu alla innan vi skickar brevet om hembesöket.")
    return 1


def load(*, stdout, password: str) -> None:
    people = _people(password)
    made = 0
    if (found := demo.process(demo.DIALOGUE_2017)) is not None:
        made += _dialogue_2017(found)
    if (found := demo.process(demo.YOUTH)) is not None:
        made += _youth(found, people)
    if (found := demo.process(demo.SENIOR_TALKS)) is not None:
        made += _senior_talks(found, people)
    stdout.write(f"Dialogue processes: {made} workshops, proposals and threads with feedback.")
