"""Demo meeting places and activities for the coming three months (invented, but true to
the documents: open activities for older people at Kajutan and Stockbygården, language
cafés, study circles, sport, nature walks, BRIS support group, the integration network's
meetings). `load_demo` calls `load(stdout=...)`; running it again adds nothing.

No demo activity meets on a Swedish public holiday or on the eves that are days off
(midsommarafton, julafton, nyårsafton): a series skips them as an organiser would, with
the date in "Dates when it does not take place"."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from functools import lru_cache

import holidays
from django.db import transaction
from django.utils import timezone

from samverka.actors.models import Actor, ActorMembership
from samverka.municipality.models import Area, District, Language, Office, OfficeMembership, SdgGoal, TargetGroup

from . import recurrence, services
from .models import Activity, MeetingPlace, Registration

# slug, name, kind, address, district, offers, opening hours, (step-free, loop, toilet), target groups, owner
PLACES = [
    ("kajutan", "Kajutan", "day_centre", "Ekerövägen 93, Ekerö", "ekero-centrum",
     "Öppen mötesplats för seniorer: fika, gympa, föredrag och spelkvällar tillsammans med pensionärsföreningarna, Röda Korset och studieförbunden.",
     "Måndag–fredag 10–16", (True, True, True), ["aldre", "anhoriga"], None),
    ("stockbygarden", "Stockbygården", "day_centre", "Stockby gärde 2, Ekerö", "ekero-centrum",
     "Träffpunkt för äldre med lunch, musik, bingo och studiecirklar. Här träffas PRO och SPF.",
     "Måndag–torsdag 9–15", (True, True, True), ["aldre"], None),
    ("solrosen", "Solrosen", "day_centre", "Bryggavägen 2, Ekerö", "ekero-centrum",
     "Dagverksamhet som delar lokaler med RSMH Ekerö. Öppet hus med samtal, fika och skapande.",
     "Tisdag och torsdag 13–17", (True, False, True), ["vuxna", "funktionsnedsattning"], "RSMH Ekerö"),
    ("ekero-bibliotek", "Ekerö bibliotek", "library", "Tappströmsvägen 1, Ekerö", "ekero-centrum",
     "Böcker på många språk, datorer, läshörna för barn, språkcafé och läxhjälp.",
     "Måndag–torsdag 10–19, fredag 10–17, lördag 11–15", (True, True, True), ["barn", "unga", "vuxna", "nyanlanda"], None),
    ("stenhamra-bibliotek", "Stenhamra bibliotek", "library", "Tappvägen 2, Stenhamra", "stenhamra",
     "Litet bibliotek med sagostund, bokcirklar och studieplatser.", "Tisdag–torsdag 12–19, lördag 11–14",
     (True, False, True), ["barn", "familjer", "vuxna"], None),
    ("ska-bygdegard", "Skå bygdegård", "association", "Skå gamla skola, Skå", "ska",
     "Bygdegård att hyra för fester och möten. Här dansar, sjunger och stickar föreningarna.", "Efter bokning",
     (False, False, False), ["vuxna", "familjer"], "Skå bygdegårdsförening"),
    ("ekebyhovshallen", "Ekebyhovshallen", "sports_hall", "Ekebyhovsvägen 6, Ekerö", "ekero-centrum",
     "Idrottshall för bollsporter, parasport och prova-på-dagar.", "Alla dagar 8–22",
     (True, False, True), ["barn", "unga", "funktionsnedsattning"], None),
    ("ekero-kyrka-forsamlingshem", "Ekerö församlingshem", "church_hall", "Kyrkvägen 4, Ekerö", "ekero-centrum",
     "Församlingshem med babycafé, sorgegrupp, soppluncher och vänfamiljsträffar.", "Måndag–fredag 9–16",
     (True, True, True), ["familjer", "nyanlanda", "aldre"], "Svenska kyrkan Ekerö församling"),
    ("stenhamra-fritidsgard", "Stenhamra fritidsgård", "other", "Stenhamra torg 1, Stenhamra", "stenhamra",
     "Fritidsgård för unga 12–17 år med pingis, musikstudio och läxhjälp.", "Måndag–fredag 15–21",
     (True, False, True), ["unga"], None),
    ("kafe-brygga", "Café Bryggan", "cafe", "Ekerö strand 1, Ekerö", "ekero-centrum",
     "Café som lånar ut ett hörn till språkcafé och stickträffar.", "Alla dagar 9–18", (True, False, False),
     ["vuxna", "nyanlanda"], None),
    ("farentuna-bygdegard", "Färentuna bygdegård", "association", "Färentunavägen 10, Färentuna", "farentuna",
     "Bygdegård med scen och kök: teater, hembygdskvällar och loppis.", "Efter bokning", (False, False, True),
     ["familjer", "aldre"], "Färingsö hembygdsförening"),
    ("lovo-naturrum", "Lovö naturreservat, samlingsplats", "outdoor", "Parkeringen vid Lovö kyrka, Lovö", "lovo",
     "Samlingsplats för vandringar i naturreservatet.", "Alltid öppet", (False, False, False), ["familjer", "vuxna"], None),
]

# actor, title, summary, place, weekday (0 = Monday), start "HH:MM", minutes, repeat, areas, target groups,
# languages, cost ("" = free), capacity (None = drop in)
SERIES = [
    ("PRO Ekerö", "Seniorgympa på Kajutan", "Lugn gympa till musik, sittande eller stående.", "kajutan", 0, "10:00", 60, "weekly", ["folkhalsa"], ["aldre"], ["sv"], "", None),
    ("SPF Seniorerna Ekerö", "Bingo och fika", "Bingo med små vinster och kaffe med dopp.", "stockbygarden", 2, "13:00", 120, "weekly", ["fritid"], ["aldre"], ["sv"], "20 kronor", None),
    ("Röda Korset Ekerö", "Öppet hus på Kajutan", "Kom och prata, spela kort och fika med våra volontärer.", "kajutan", 3, "14:00", 120, "weekly", ["omsorg"], ["aldre", "vuxna"], ["sv"], "", None),
    ("Studieförbundet Vuxenskolan Ekerö", "Studiecirkel: Släktforskning för nybörjare", "Vi lär oss hitta våra förfäder i kyrkböcker och arkiv.", "stockbygarden", 1, "10:00", 120, "weekly", ["utbildning", "kultur"], ["aldre", "vuxna"], ["sv"], "300 kronor för hela cirkeln", 12),
    ("Studiefrämjandet Ekerö", "Studiecirkel: Fåglar på Mälaröarna", "Vi lär oss känna igen fåglar och går ut tillsammans.", "ekero-bibliotek", 2, "18:00", 90, "biweekly", ["natur", "utbildning"], ["vuxna", "aldre"], ["sv"], "", 15),
    ("Språkcaféet Ekerö", "Språkcafé på biblioteket", "Öva svenska i lugn takt tillsammans med volontärer. Fika ingår.", "ekero-bibliotek", 1, "18:00", 120, "weekly", ["integration"], ["nyanlanda", "vuxna"], ["sv", "ar", "fa", "ti", "uk"], "", None),
    ("Språkcaféet Ekerö", "Språkcafé i Stenhamra", "Prata svenska över en kopp kaffe.", "stenhamra-bibliotek", 3, "17:00", 90, "weekly", ["integration"], ["nyanlanda"], ["sv", "so", "ar"], "", None),
    ("Öar utan gränser", "Nätverksträff: Öar utan gränser", "Nätverket planerar kommande aktiviteter. Alla som vill engagera sig är välkomna.", "ekero-bibliotek", 0, "18:30", 90, "monthly", ["integration"], ["vuxna", "nyanlanda"], ["sv", "en"], "", None),
    ("Öar utan gränser", "Internationell matlagning", "Vi lagar mat från olika länder och äter tillsammans.", "ekero-kyrka-forsamlingshem", 5, "15:00", 180, "monthly", ["integration", "kultur"], ["familjer", "nyanlanda"], ["sv", "ar", "uk"], "", 30),
    ("Vänfamiljs- och bosättningsnätverket", "Vänfamiljsträff", "Vänfamiljer och nyanlända familjer träffas, leker och fikar.", "ekero-kyrka-forsamlingshem", 6, "14:00", 120, "monthly", ["integration"], ["familjer", "nyanlanda", "barn"], ["sv", "ar", "fa"], "", None),
    ("Läxhjälpsnätverket Öarna", "Läxhjälp på biblioteket", "Volontärer hjälper med läxor i alla ämnen.", "ekero-bibliotek", 2, "15:30", 120, "weekly", ["utbildning"], ["barn", "unga", "nyanlanda"], ["sv", "ar", "so", "en"], "", None),
    ("Läxhjälpsnätverket Öarna", "Läxhjälp i Stenhamra", "Läxhjälp för mellanstadiet och högstadiet.", "stenhamra-fritidsgard", 0, "16:00", 90, "weekly", ["utbildning"], ["barn", "unga"], ["sv"], "", None),
    ("BRIS – lokalt arbete på Ekerö", "Stödgrupp för barn som flytt", "En trygg grupp för barn 8–12 år som kommit till Sverige på flykt. Anmälan behövs.", "ekero-kyrka-forsamlingshem", 2, "16:00", 90, "weekly", ["omsorg", "integration"], ["barn", "nyanlanda"], ["sv", "ar", "uk"], "", 8),
    ("RSMH Ekerö", "Öppet hus på Solrosen", "Samtal, fika och skapande i lugn miljö.", "solrosen", 3, "13:00", 180, "weekly", ["folkhalsa", "omsorg"], ["vuxna", "funktionsnedsattning"], ["sv"], "", None),
    ("Synskadades riksförbund Ekerö (SRF)", "Ljudbokscirkel", "Vi lyssnar på samma ljudbok och samtalar om den.", "kajutan", 4, "11:00", 90, "biweekly", ["kultur"], ["aldre", "funktionsnedsattning"], ["sv"], "", 10),
    ("Hörselskadades förening Mälaröarna", "Hörselcafé", "Träffa andra med hörselnedsättning. Hörslinga finns.", "kajutan", 0, "14:00", 90, "monthly", ["folkhalsa"], ["aldre", "funktionsnedsattning"], ["sv", "swl"], "", None),
    ("Demensföreningen Mälaröarna", "Anhörigcafé", "För dig som är anhörig till någon med demenssjukdom.", "stockbygarden", 1, "14:00", 90, "biweekly", ["omsorg"], ["anhoriga"], ["sv"], "", None),
    ("Silviahemmet – anhöriggrupp Ekerö", "Anhöriggrupp", "Samtalsgrupp med handledare för anhöriga.", "ekero-kyrka-forsamlingshem", 3, "18:00", 90, "biweekly", ["omsorg"], ["anhoriga"], ["sv"], "", 12),
    ("Parkinson Ekerö", "Parkinsongympa", "Träning anpassad för dig med Parkinsons sjukdom, med fysioterapeut.", "ekebyhovshallen", 1, "11:00", 60, "weekly", ["folkhalsa"], ["aldre", "funktionsnedsattning"], ["sv"], "", 20),
    ("Parkinson Ekerö", "Medlemsträff med föredrag", "Föredrag och samtal om att leva med Parkinson.", "kajutan", 2, "14:00", 120, "monthly", ["folkhalsa"], ["aldre", "anhoriga"], ["sv"], "", 40),
    ("IF Öarna Parasport", "Parasport: prova på", "Boccia, bordtennis och rullstolsbasket för alla åldrar.", "ekebyhovshallen", 5, "10:00", 120, "biweekly", ["fritid", "folkhalsa"], ["barn", "unga", "funktionsnedsattning"], ["sv"], "", None),
    ("Ekerö IK", "Fotboll för nyfikna tjejer", "Prova på fotboll, inga förkunskaper behövs.", "ekebyhovshallen", 4, "17:00", 90, "weekly", ["fritid"], ["barn", "unga", "nyanlanda"], ["sv", "ar"], "", None),
    ("Stenhamra IF", "Innebandy för alla", "Blandade lag, alla nivåer.", "ekebyhovshallen", 6, "18:00", 90, "weekly", ["fritid"], ["unga", "vuxna"], ["sv"], "20 kronor", None),
    ("Friluftsfrämjandet Mälaröarna", "Naturvandring på Lovö", "Vandring i lugn takt, ca 6 km. Ta med fika och bra skor.", "lovo-naturrum", 6, "10:00", 180, "biweekly", ["natur", "folkhalsa"], ["familjer", "vuxna", "aldre"], ["sv"], "", None),
    ("Naturskyddsföreningen Ekerö", "Fågelskådning vid Mälaren", "Vi tittar på flyttfåglar. Kikare finns att låna.", "lovo-naturrum", 5, "08:00", 150, "monthly", ["natur"], ["familjer", "vuxna"], ["sv"], "", None),
    ("Mälaröarnas kammarkör", "Öppen körövning", "Sjung med oss! Noter finns på plats.", "ska-bygdegard", 0, "19:00", 120, "weekly", ["kultur"], ["vuxna"], ["sv"], "", None),
    ("Ekerö Schackklubb", "Schack för alla", "Lär dig schack eller utmana klubbens spelare.", "ekero-bibliotek", 3, "18:00", 150, "weekly", ["fritid"], ["barn", "unga", "vuxna"], ["sv", "en"], "", None),
    ("Makerspace Mälaröarna", "Laga-café", "Ta med något trasigt så lagar vi det tillsammans.", "stenhamra-fritidsgard", 5, "11:00", 180, "monthly", ["innovation", "natur"], ["vuxna", "unga"], ["sv"], "", None),
    ("Kvinnor på öarna", "Promenad och samtal för kvinnor", "Vi promenerar en timme och fikar sedan.", "ekero-bibliotek", 4, "10:00", 120, "weekly", ["folkhalsa", "integration"], ["vuxna", "nyanlanda"], ["sv", "ar", "so"], "", None),
    ("Ukrainska föreningen Mälaröarna", "Ukrainsk-svensk kulturkväll", "Musik, mat och samtal på svenska och ukrainska.", "farentuna-bygdegard", 5, "17:00", 180, "monthly", ["kultur", "integration"], ["familjer", "nyanlanda"], ["uk", "sv"], "", 60),
    ("Odla tillsammans Ekerö", "Odlingsträff", "Vi planerar odlingslotterna och förkultiverar tillsammans.", "stenhamra-bibliotek", 2, "17:30", 90, "biweekly", ["natur"], ["familjer", "vuxna", "nyanlanda"], ["sv"], "", None),
    ("Mälaröarnas finska förening", "Finskt kaffekalas", "Träffas, prata finska och fira finska högtider.", "kajutan", 1, "13:00", 120, "biweekly", ["kultur"], ["aldre"], ["fi", "sv"], "", None),
    ("Föreningen Unga Öar", "Spelkväll för unga", "Brädspel och rollspel för dig som är 13–19 år.", "stenhamra-fritidsgard", 4, "18:00", 180, "weekly", ["fritid"], ["unga"], ["sv"], "", None),
    ("Teaterföreningen Öscenen", "Teaterverkstad", "Improvisation och scenträning för vuxna.", "farentuna-bygdegard", 1, "19:00", 120, "weekly", ["kultur"], ["vuxna"], ["sv"], "400 kronor per termin", 16),
    ("Adelsö-Munsö hembygdsförening", "Berättarkväll om öarnas historia", "Hembygdsföreningen berättar om livet på öarna förr.", "ska-bygdegard", 3, "19:00", 90, "monthly", ["kultur", "varldsarv"], ["vuxna", "aldre"], ["sv"], "", None),
    ("Svenska kyrkan Ekerö församling", "Babycafé", "Träffa andra föräldrar och barn upp till ett år.", "ekero-kyrka-forsamlingshem", 2, "10:00", 120, "weekly", ["fritid"], ["familjer", "barn"], ["sv", "en"], "", None),
    ("Svenska kyrkan Ekerö församling", "Soppluncher", "Soppa, bröd och samtal.", "ekero-kyrka-forsamlingshem", 3, "12:00", 60, "weekly", ["omsorg"], ["aldre", "vuxna"], ["sv"], "40 kronor", None),
    ("Lions Club Ekerö", "Väntjänst: informationsträff", "Vill du bli besöksvän? Vi berättar om väntjänsten.", "kajutan", 1, "17:00", 60, "monthly", ["omsorg"], ["vuxna", "aldre"], ["sv"], "", None),
    ("Nattvandrarna Ekerö", "Nattvandring i Ekerö centrum", "Vuxna på stan fredagskvällar. Vi ses vid biblioteket.", "ekero-bibliotek", 4, "21:00", 180, "weekly", ["trygghet"], ["vuxna"], ["sv"], "", None),
    ("ABF Mälaröarna", "Studiecirkel: Svenska för nybörjare", "Grundläggande svenska i liten grupp.", "ekero-bibliotek", 0, "13:00", 120, "weekly", ["integration", "utbildning"], ["nyanlanda"], ["sv", "ar", "fa", "ti", "so"], "", 12),
    ("Islamiska kulturföreningen Mälaröarna", "Öppen moské och samtal", "Välkommen att ställa frågor och dricka te.", "kafe-brygga", 5, "14:00", 120, "monthly", ["kultur", "integration"], ["vuxna", "familjer"], ["sv", "ar", "so"], "", None),
    ("Somaliska familjeföreningen Ekerö", "Familjeträff", "Lek för barnen och samtal för föräldrarna.", "ekero-bibliotek", 6, "13:00", 120, "biweekly", ["integration"], ["familjer", "barn", "nyanlanda"], ["so", "sv"], "", None),
]

# Ages, where an activity is for some ages only (the page says so; registrations outside are refused).
AGES = {
    "Spelkväll för unga": (13, 19),
    "Läxhjälp i Stenhamra": (10, 16),
    "Stödgrupp för barn som flytt": (8, 12),
    "Fotboll för nyfikna tjejer": (10, 19),
    "Teaterverkstad": (18, None),
    "Nattvandring i Ekerö centrum": (18, None),
    "Scouting: prova på": (8, 12),
    "Segling för nybörjare: information": (12, None),
}

# One-off events: actor, title, summary, place, minutes, areas, target groups
ONE_OFFS = [
    ("Röda Korset Ekerö", "Första hjälpen för alla", "Lär dig grunderna i första hjälpen och hjärt-lungräddning.", "kajutan", 150, ["trygghet", "folkhalsa"], ["vuxna"]),
    ("Världsarvsvännerna Birka och Drottningholm", "Guidad vandring i Drottningholms slottspark", "Världsarvet berättat av våra guider.", "lovo-naturrum", 120, ["varldsarv", "kultur"], ["vuxna", "familjer"]),
    ("Ekerö Konstförening", "Vernissage: Öarnas konstnärer", "Utställning med lokala konstnärer.", "ekero-bibliotek", 180, ["kultur"], ["vuxna"]),
    ("Färingsö hembygdsförening", "Loppis i bygdegården", "Fynda och fika, överskottet går till föreningen.", "farentuna-bygdegard", 240, ["fritid", "natur"], ["familjer"]),
    ("Mälaröarnas scoutkår", "Scouting: prova på", "Eld, knopar och lekar i skogen för barn 8–12 år.", "lovo-naturrum", 180, ["fritid", "natur"], ["barn"]),
    ("Rädda Barnen Ekerö", "Föräldraträff om barns rättigheter", "Samtal om barnkonventionen i vardagen.", "stenhamra-bibliotek", 90, ["utbildning"], ["familjer"]),
    ("Ekerö Segelsällskap", "Segling för nybörjare: information", "Hur börjar man segla? Vi berättar om kurserna.", "kafe-brygga", 90, ["fritid"], ["unga", "vuxna"]),
    ("Mälaröarnas släktforskarförening", "Släktforskardag", "Rådgivning och föredrag om att hitta sina rötter.", "ekero-bibliotek", 240, ["kultur"], ["vuxna", "aldre"]),
    ("HjärtLung Mälaröarna", "Föredrag: Ett friskare hjärta", "En kardiolog berättar om livsstil och hjärta.", "kajutan", 90, ["folkhalsa"], ["aldre"]),
    ("Ekerö Ridklubb", "Öppen stalldag", "Klappa hästarna och prova att rida.", "lovo-naturrum", 180, ["fritid"], ["barn", "familjer"]),
]


def _at(day: date, hhmm: str) -> datetime:
    hour, minute = map(int, hhmm.split(":"))
    return recurrence.aware(datetime.combine(day, time(hour, minute)))


def _first(weekday: int, after: date) -> date:
    return after + timedelta(days=(weekday - after.weekday()) % 7)


@lru_cache(maxsize=8)
def _days_off(year: int) -> frozenset[date]:
    """The public holidays (the `holidays` package) and the eves that are days off in practice."""
    midsummer_eve = next(date(year, 6, d) for d in range(19, 26) if date(year, 6, d).weekday() == 4)
    return frozenset({*holidays.Sweden(years=year, include_sundays=False), midsummer_eve,
                      date(year, 12, 24), date(year, 12, 31)})


def _day_off(day: date) -> bool:
    return day in _days_off(day.year)


def _working(day: date, step: int = 1) -> date:
    """`day`, or the first day after it (in steps of `step` days) that is not a day off."""
    while _day_off(day):
        day += timedelta(days=step)
    return day


def _days_off_in(*, start: datetime, rule: str) -> list[str]:
    """The series' dates that fall on a day off (ISO dates, for the activity's exdates)."""
    return [slot.day.isoformat() for slot in recurrence.expand(start=start, end=start, rule=rule) if _day_off(slot.day)]


def _organiser_user(actor: Actor):
    membership = ActorMembership.objects.filter(actor=actor, role=ActorMembership.Role.OWNER).select_related("user").first()
    return membership.user if membership else None


@transaction.atomic
def load(*, stdout=None, today: date | None = None) -> tuple[int, int]:
    """Create the demo places and at least 150 activities; returns (places, activities) made."""
    if Activity.objects.exists():
        return 0, 0
    today = today or timezone.localdate()
    rng = random.Random(2026)
    districts = {d.slug: d for d in District.objects.all()}
    groups = {t.slug: t for t in TargetGroup.objects.all()}
    areas = {a.slug: a for a in Area.objects.all()}
    languages = {lang.code: lang for lang in Language.objects.all()}
    goals = {g.number: g for g in SdgGoal.objects.all()}
    actors = {a.name: a for a in Actor.objects.all()}
    official = OfficeMembership.objects.select_related("user", "office").order_by("pk").first()

    places = {}
    for slug, name, kind, address, district, offers, hours, (step, loop, toilet), tgs, owner in PLACES:
        place, created = MeetingPlace.objects.get_or_create(slug=slug, defaults=dict(
            name=name, kind=kind, address=address, district=districts.get(district), offers=offers,
            opening_hours=hours, step_free_entry=step, hearing_loop=loop, accessible_toilet=toilet,
            owner=actors.get(owner) if owner else None, status=MeetingPlace.Status.APPROVED,
            proposed_by=official.user if official else None))
        if created:
            place.target_groups.set([groups[t] for t in tgs if t in groups])
        places[slug] = place

    def data(title, summary, place, start, minutes, area_slugs, group_slugs, language_codes, cost, capacity, rule=""):
        sdg = {"folkhalsa": 3, "utbildning": 4, "integration": 10, "natur": 15, "trygghet": 16, "omsorg": 3,
               "kultur": 11, "innovation": 9}
        # The description adds to the summary (the page shows both), it does not repeat it.
        how = ("Anmäl dig här på sidan, så vet vi hur många som kommer." if capacity
               else "Du behöver inte anmäla dig. Kom när det passar dig.")
        return {
            "title": title, "summary": summary, "description": how + "\n\nVälkommen!",
            "start": start, "end": start + timedelta(minutes=minutes), "rrule": rule, "exdates": [],
            "place": place, "address": "", "district": place.district,
            "areas": [areas[a] for a in area_slugs if a in areas],
            "target_groups": [groups[t] for t in group_slugs if t in groups],
            "languages": [languages[c] for c in language_codes if c in languages],
            "sdg_goals": [goals[sdg[a]] for a in area_slugs if a in sdg and sdg[a] in goals][:2],
            "cost": cost, "is_free": not cost, "step_free_entry": place.step_free_entry,
            "hearing_loop": place.hearing_loop, "accessible_toilet": place.accessible_toilet,
            "registration_mode": Activity.Mode.REQUIRED if capacity else Activity.Mode.DROP_IN,
            "capacity": capacity, "registration_deadline": None, "status": Activity.Status.PUBLISHED,
            "min_age": AGES.get(title.split(" (")[0], (None, None))[0],
            "max_age": AGES.get(title.split(" (")[0], (None, None))[1],
        }

    made = 0
    end = today + timedelta(days=90)
    for term in range(2):  # this season's series, and a second round starting in six weeks
        for actor_name, title, summary, place, weekday, at, minutes, repeat, a, t, langs, cost, capacity in SERIES:
            actor = actors.get(actor_name)
            if actor is None:
                continue
            first = _working(_first(weekday, today + timedelta(days=1 + 42 * term)), step=7)
            until = min(first + timedelta(days=41 if term == 0 else 48), end)
            start = _at(first, at)
            rule = recurrence.simple_rule(repeat=repeat, start=start, until=until) if until > first else ""
            label = title if term == 0 else f"{title} (forts.)"
            values = data(label, summary, places[place], start, minutes, a, t, langs, cost, capacity, rule)
            values["exdates"] = _days_off_in(start=start, rule=rule)
            activity = services.create_activity(by=_organiser_user(actor), data={**values, "actor": actor, "office": None})
            made += 1
            if capacity and term == 0:
                for n, occurrence in enumerate(activity.occurrences.all()[:2]):
                    for p in range(min(capacity, 3 + n)):  # written directly: no e-mails to invented people
                        Registration.objects.create(occurrence=occurrence, name=f"Demodeltagare {p + 1}",
                                                    email=f"deltagare{p + 1}@demo.example", position=p + 1,
                                                    status=Registration.Status.CONFIRMED)
    for round_ in range(7):
        for actor_name, title, summary, place, minutes, a, t in ONE_OFFS:
            actor = actors.get(actor_name)
            if actor is None:
                continue
            day = _working(today + timedelta(days=3 + rng.randrange(85)))
            start = _at(day, rng.choice(["10:00", "13:00", "14:00", "18:00"]))
            label = title if round_ == 0 else f"{title} ({round_ + 1})"
            values = data(label, summary, places[place], start, minutes, a, t, ["sv"], "", None)
            services.create_activity(by=_organiser_user(actor), data={**values, "actor": actor, "office": None})
            made += 1
    culture = Office.objects.filter(slug="kultur-och-fritidskontoret").first()
    if culture and official:
        for n, (title, summary, place) in enumerate([
            ("Föreningsdialog: civilsamhället och kommunen", "Kommunen bjuder in föreningar till samtal om samverkan.", "ekero-bibliotek"),
            ("Föreningsutbildning: Söka bidrag", "Så söker ni verksamhetsstöd och aktivitetsbidrag.", "kajutan"),
            ("Prova-på-dag i Ekebyhovshallen", "Idrottsföreningar visar upp sig. Fri entré.", "ekebyhovshallen"),
        ]):
            start = _at(_working(today + timedelta(days=14 + 20 * n)), "18:00")
            values = data(title, summary, places[place], start, 120, ["fritid"], ["vuxna"], ["sv"], "", 50 if n < 2 else None)
            activity = services.create_activity(by=official.user, data={**values, "actor": None, "office": culture})
            made += 1
            if n == 2:
                services.feature_activity(by=official.user, activity=activity, starts_on=today,
                                          ends_on=today + timedelta(days=30))
    for title in ("Språkcafé på biblioteket", "Stödgrupp för barn som flytt"):
        activity = Activity.objects.filter(title=title).first()
        if activity and official:
            services.feature_activity(by=official.user, activity=activity, starts_on=today, ends_on=today + timedelta(days=21))
    if stdout is not None:
        stdout.write(f"Activities: {len(places)} meeting places, {made} activities over the coming three months.")
    return len(places), made
