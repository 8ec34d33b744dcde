"""Demo ideas in the idea lab (invented people): a language café, a repair café, a youth sports
evening, a reading hour for seniors and a shared garden, at different steps of the process map,
coached by two invented coaches of the culture and leisure office, with the support they gave;
the sports evening has become a need. `load_demo` calls `load(stdout=..., password=...)` after
the activities and needs; running it again adds nothing."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from samverka.accounts.models import User
from samverka.activities.models import Activity
from samverka.municipality.models import Area, District, Office, OfficeMembership, SdgGoal
from samverka.needs.models import Need

from . import services
from .models import Idea, Step, StepNote

COACHES = [("annika.berg", "Annika", "Berg"), ("dawit.tesfaye", "Dawit", "Tesfaye")]

# title, what, for whom, place, districts, areas, goals, help wanted, (author name, e-mail or None for
# the demo resident's account), public, days ago sent, coach (index or None), steps [(step, days ago, note)],
# support [(kind, days ago, hours, text)], activity title to link
IDEAS = [
    ("Språkcafé på Ekerö bibliotek",
     "Ett språkcafé varje tisdag där nyanlända och ekeröbor pratar svenska över en kopp kaffe. Volontärer leder "
     "samtalen i små grupper, och biblioteket visar böcker på lätt svenska.",
     "Nyanlända som vill öva svenska, och alla som vill lära känna nya grannar.",
     "Ekerö bibliotek", ["ekero-centrum"], ["integration", "kultur"], [4, 10],
     "En lokal på tisdagskvällar och hjälp att hitta fler volontärer.",
     ("Amina Yusuf", "amina.yusuf@samverka.example"), True, 120, 0,
     [(Step.INFORMATION, 110, "Första samtal med Amina. Vi gick igenom hur andra kommuner driver språkcaféer."),
      (Step.COORDINATING, 95, "Möte med biblioteket och Svenska kyrkan. Biblioteket lånar ut lilla salen."),
      (Step.PROJECT, 70, "Första språkcaféet hölls med 14 deltagare och 3 volontärer.")],
     [("coaching", 110, "1.5", ""), ("premises", 95, None, "Lilla salen på Ekerö bibliotek, tisdagar 17–19"),
      ("contacts", 95, None, "Kontakt med Svenska kyrkans volontärsamordnare")],
     "Språkcafé i Stenhamra"),
    ("Reparationskafé i Stenhamra",
     "En lördag i månaden lagar vi saker tillsammans: cyklar, kläder, lampor och småelektronik. Den som kan "
     "lär ut, den som har något trasigt tar med det. Mindre som slängs, mer som delas.",
     "Alla i Stenhamra, särskilt unga och pensionärer som vill dela med sig av sitt kunnande.",
     "Stenhamra fritidsgård", ["stenhamra"], ["natur", "innovation"], [12, 11],
     "Hjälp att söka bidrag för verktyg, och kontakt med fritidsgården.",
     ("Kjell Åström", "kjell.astrom@samverka.example"), True, 200, 1,
     [(Step.INFORMATION, 190, "Kjell berättade om reparationskaféer i Stockholm. Vi tog fram en enkel plan."),
      (Step.COORDINATING, 170, "Fritidsgården och Makerspace Mälaröarna vill vara med."),
      (Step.PROJECT, 140, "Första lagningsdagen: 23 saker lagade på fyra timmar."),
      (Step.NEW_NEEDS, 100, "Många vill laga cyklar. Vi behöver fler som kan cykelreparationer."),
      (Step.DEVELOPMENT, 60, "Makerspace tar ansvar för verktygen; fritidsgården bokar lokal för ett år.")],
     [("coaching", 190, "2", ""), ("application", 150, None, "Hjälp med ansökan om aktivitetsbidrag för verktyg"),
      ("premises", 170, None, "Stenhamra fritidsgård, första lördagen i månaden")],
     "Laga-café"),
    ("Idrottskväll för unga i Ekerö sporthall",
     "Öppen hall på fredagskvällar för unga mellan 13 och 17 år: fotboll, basket och innebandy utan krav på "
     "medlemskap. Vuxna ledare från föreningarna finns på plats.",
     "Unga som inte är med i någon förening, och föräldrar som vill ha en trygg fredagskväll.",
     "Ekerö sporthall", ["ekero-centrum", "trakvista"], ["fritid", "folkhalsa", "trygghet"], [3, 16],
     "Ledare från föreningarna och en hall på fredagar.",
     None, True, 60, 0,
     [(Step.INFORMATION, 50, "Lina och två föräldrar träffade fältassistenterna om hur kvällarna kan läggas upp."),
      (Step.COORDINATING, 30, "Ekerö IK och Ekerö Basket vill dela på ledarskapet. Vi behöver fler vuxna.")],
     [("coaching", 50, "1", ""), ("contacts", 30, None, "Ekerö IK, Ekerö Basket och fältassistenterna")],
     None),
    ("Högläsning för äldre på Färentuna",
     "En läsestund i veckan på äldreboendet i Färentuna, där frivilliga läser högt ur böcker och tidningar "
     "och pratar om det de läst.",
     "Äldre som inte längre kan läsa själva, och som saknar sällskap.",
     "", ["farentuna"], ["omsorg", "kultur"], [3],
     "Vet inte riktigt var jag ska börja.",
     ("Greta Nordin", "greta.nordin@samverka.example"), False, 3, None, [], [], None),
    ("Gemensam odling i Skå",
     "Odlingslotter bakom bygdegården där grannar odlar grönsaker tillsammans och delar skörden.",
     "Grannar i Skå, barnfamiljer och den som saknar egen trädgård.",
     "Skå bygdegård", ["ska"], ["natur", "folkhalsa"], [2, 11, 15],
     "Hjälp med markfrågan och kontakt med bygdegårdsföreningen.",
     ("Per Lindholm", "per.lindholm@samverka.example"), True, 400, 1,
     [(Step.INFORMATION, 390, "Vi gick igenom vem som äger marken och vad som krävs."),
      (Step.COORDINATING, 360, "Bygdegårdsföreningen upplåter marken; kommunen bidrar med jord."),
      (Step.PROJECT, 320, "Tolv lotter anlagda, alla tagna första veckan."),
      (Step.NEW_NEEDS, 250, "Behov av vattenförsörjning under sommaren."),
      (Step.DEVELOPMENT, 200, "Regnvattentunnor och ett schema för vattning på plats."),
      (Step.ANCHORING, 150, "Bygdegårdsföreningen driver odlingen vidare som en del av sin verksamhet.")],
     [("coaching", 390, "3", ""), ("contacts", 360, None, "Skå bygdegårdsförening")],
     None),
]


def load(*, stdout, password: str) -> None:
    if Idea.objects.filter(title="Språkcafé på Ekerö bibliotek").exists():
        return
    with transaction.atomic():
        made = _load(password)
    stdout.write(f"Idea lab: {made} ideas with two coaches.")


def _person(name, first, last, password):
    email = f"{name}@samverka.example"
    user = User.objects.filter(email=email).first()
    if user is None:
        from allauth.account.models import EmailAddress

        user = User.objects.create_user(email=email, password=password, first_name=first, last_name=last)
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def _load(password) -> int:
    culture = Office.objects.filter(slug="kultur-och-fritidskontoret").first()
    coaches = []
    for name, first, last in COACHES:
        user = _person(name, first, last, password)
        if culture is not None:
            OfficeMembership.objects.get_or_create(office=culture, user=user, defaults={"title": "Idécoach"})
        services.appoint_coach(by=None, user=user)
        coaches.append(User.objects.get(pk=user.pk))
    resident = User.objects.filter(email="invanare@samverka.example").first()
    now = timezone.now()
    for (title, what, for_whom, place, districts, areas, goals, help_wanted, author, public, sent, coach_index,
         steps, support, activity_title) in IDEAS:
        data = {"title": title, "what": what, "for_whom": for_whom, "place": place, "help_wanted": help_wanted,
                "is_public": public, "districts": list(District.objects.filter(slug__in=districts)),
                "areas": list(Area.objects.filter(slug__in=areas)),
                "sdg_goals": list(SdgGoal.objects.filter(number__in=goals))}
        if author is None and resident is not None:
            idea = services.submit_idea(by=resident, data=data)
        else:
            name, email = author or ("Lina Sandberg", "invanare@samverka.example")
            idea = services.submit_idea(by=None, data=data, name=name, email=email)
        sent_at = now - timedelta(days=sent)
        Idea.objects.filter(pk=idea.pk).update(created_at=sent_at, step_since=sent_at,
                                                email_confirmed_at=sent_at if not idea.author_id else None)
        idea.refresh_from_db()
        if coach_index is None:
            continue
        coach = coaches[coach_index]
        services.take_idea(by=coach, idea=idea)
        for step, days, note in steps:
            if step in (Step.CLOSURE, Step.CONTINUATION, Step.ANCHORING):
                services.move_forward(by=coach, idea=idea, note=note, on=(now - timedelta(days=days)).date(),
                                      outcome=step)
            else:
                services.move_forward(by=coach, idea=idea, note=note, on=(now - timedelta(days=days)).date())
            idea.refresh_from_db()
        for kind, days, hours, text in support:
            services.record_support(by=coach, idea=idea, kind=kind, on=(now - timedelta(days=days)).date(),
                                    hours=Decimal(hours) if hours else None, text=text)
        if activity_title and (activity := Activity.objects.filter(title=activity_title).first()):
            services.link_activity(by=coach, idea=idea, activity=activity)
        last = steps[-1][1] if steps else sent
        Idea.objects.filter(pk=idea.pk).update(step_since=now - timedelta(days=last),
                                                taken_at=now - timedelta(days=sent - 2))
        StepNote.objects.filter(idea=idea).update(created_at=now)
    _sports_need(coaches[0], culture)
    return len(IDEAS)


def _sports_need(coach, culture) -> None:
    """The youth sports evening needs adult leaders: the coach publishes the need."""
    idea = Idea.objects.filter(title="Idrottskväll för unga i Ekerö sporthall").first()
    if idea is None or culture is None or idea.need_id:
        return
    services.idea_to_need(by=coach, idea=idea, data={
        "office": culture, "title": "Vuxna ledare till idrottskvällar för unga",
        "summary": "Vi söker vuxna som vill vara med en fredagskväll i månaden i Ekerö sporthall.",
        "description": "Idrottskvällarna för unga startar i vår. Föreningarna leder aktiviteterna, men vi behöver "
                       "fler vuxna på plats: ingen förkunskap krävs, bara att du tycker om att vara med unga.",
        "kind": Need.Kind.VOLUNTEERS, "place": "Ekerö sporthall", "people_needed": 6,
        "record_extract_required": True, "contact": coach,
        "areas": list(idea.areas.all())})
