"""Fill the register with many invented actors for the benchmark (`python -m bench`).

The actors look like a real municipality's register: Swedish names, a summary and a
description, areas, target groups, parts of the municipality, languages and Agenda 2030
goals. Rows are written with bulk_create, so the derived columns that Actor.save() keeps
(name_key, sort_name, search_text) are computed here with the same helpers."""

from __future__ import annotations

import random
from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from samverka.actors.models import Actor
from samverka.actors.services import RESERVED_SLUGS
from samverka.core.text import fold, search_document, sort_key
from samverka.demo.actors_data import PEOPLE
from samverka.municipality.models import Area, District, Language, SdgGoal, TargetGroup

BATCH = 500

PLACES = [
    "Ekerö", "Träkvista", "Stenhamra", "Skå", "Färentuna", "Munsö", "Adelsö", "Lovö", "Helgö",
    "Tappström", "Älvnäs", "Kaggeholm", "Sandudden", "Väsby", "Gällstaö", "Kärsö", "Rastaholm",
    "Söderby", "Ölsta", "Hilleshög", "Svartsjö", "Asknäs", "Kungsberga", "Enhörna", "Jungfrusund",
    "Närlunda", "Knalleborg", "Lundhagen", "Skytteholm", "Kanton",
]
# (name pattern, kind, areas, target groups, summary); {p} is a place, {s} a surname.
PATTERNS = [
    ("{p} bridgeklubb", "association", ["fritid"], ["vuxna", "aldre"],
     "Vi spelar bridge varje vecka och tar gärna emot nybörjare."),
    ("Föreningen {p} hembygdsgård", "association", ["kultur", "varldsarv"], ["vuxna", "aldre", "familjer"],
     "Hembygdsföreningen vårdar gården, berättar ortens historia och ordnar midsommarfirande."),
    ("{p} pensionärsförening", "association", ["omsorg", "folkhalsa"], ["aldre", "anhoriga"],
     "Gemenskap, studiecirklar och resor för dig som är pensionär."),
    ("{p} idrottsförening", "association", ["fritid", "folkhalsa"], ["barn", "unga", "familjer"],
     "Fotboll, friidrott och skidor för barn och unga, med ledare som är ideella."),
    ("{p} föräldraförening", "association", ["utbildning", "trygghet"], ["familjer", "barn"],
     "Föräldrar som ordnar nattvandring, läxhjälp och aktiviteter för barnen."),
    ("{p} anhörigförening", "association", ["omsorg"], ["anhoriga", "aldre"],
     "Stöd och samtalsgrupper för dig som tar hand om en närstående."),
    ("{p} seglarsällskap", "association", ["fritid", "natur"], ["unga", "vuxna"],
     "Seglarskola på sommaren och båtvård på vintern, för alla åldrar."),
    ("{p} naturskyddsförening", "association", ["natur", "innovation"], ["vuxna", "familjer"],
     "Vi guidar i skog och strandängar och arbetar för en levande natur på öarna."),
    ("{p} språkcafé", "network", ["integration", "utbildning"], ["nyanlanda", "vuxna"],
     "Öva svenska över en kopp kaffe tillsammans med grannar och nya vänner."),
    ("Nätverket Grannar i {p}", "network", ["trygghet", "integration"], ["vuxna", "familjer", "aldre"],
     "Grannar som håller koll på varandra, delar verktyg och hjälper till när någon behöver."),
    ("{p} läxhjälp", "network", ["utbildning", "integration"], ["barn", "unga", "nyanlanda"],
     "Frivilliga hjälper elever med läxor två eftermiddagar i veckan."),
    ("{p} församling", "faith", ["omsorg", "integration", "kultur"], ["familjer", "aldre", "nyanlanda"],
     "Gudstjänster, körer, barngrupper och öppet hus för alla i bygden."),
    ("{p} moské och kulturförening", "faith", ["kultur", "integration"], ["familjer", "unga", "nyanlanda"],
     "Bön, läxhjälp och kulturkvällar, och ett öppet hus där alla är välkomna."),
    ("Studiecirkelförbundet {p}", "study", ["utbildning", "kultur"], ["vuxna", "aldre"],
     "Studiecirklar i språk, hantverk, musik och data för vuxna."),
    ("Stiftelsen {s}s minne", "foundation", ["utbildning", "omsorg"], ["unga", "funktionsnedsattning"],
     "Stipendier till unga och bidrag till föreningar som arbetar med omsorg."),
    ("{p} kör", "association", ["kultur"], ["vuxna", "unga"],
     "Vi sjunger allt från folkmusik till pop och har konsert i kyrkan varje jul."),
    ("{p} teaterförening", "association", ["kultur", "fritid"], ["barn", "unga"],
     "Teatergrupper för barn och unga med en föreställning varje vår."),
    ("{p} brukshundklubb", "association", ["fritid", "natur"], ["vuxna", "familjer"],
     "Kurser i lydnad och agility, och promenadgrupper för hundägare."),
    ("Föreningen Tillgängliga {p}", "association", ["omsorg", "trygghet"], ["funktionsnedsattning", "anhoriga"],
     "Vi arbetar för att lokaler, stigar och bryggor ska gå att använda för alla."),
    ("{p} odlarnätverk", "network", ["natur", "folkhalsa"], ["familjer", "aldre"],
     "Vi odlar tillsammans i pallkragar och delar fröer, plantor och råd."),
    ("{p} ungdomsråd", "network", ["utbildning", "trygghet"], ["unga"],
     "Unga som tar upp frågor om fritid och trygghet med kommunen."),
    ("Kvinnojouren {p}", "association", ["trygghet", "omsorg"], ["vuxna", "barn"],
     "Stöd till kvinnor och barn som utsatts för våld, dygnet runt."),
    ("{p} företagarförening", "association", ["arbetsmarknad", "innovation"], ["vuxna", "nyanlanda"],
     "Nätverk för små företag som vill anställa lokalt och ta emot praktikanter."),
    ("{s}s vänner i {p}", "network", ["omsorg", "folkhalsa"], ["aldre"],
     "Frivilliga som besöker, promenerar med och läser högt för äldre."),
]
DESCRIPTIONS = [
    "Vi träffas varje vecka i {p} och är öppna för alla som vill vara med.",
    "Föreningen drivs av ideella krafter och har funnits sedan {year}.",
    "Du behöver inte anmäla dig i förväg, kom som du är.",
    "Vi samarbetar med kommunen, studieförbunden och andra föreningar på öarna.",
    "Medlemsavgiften är låg och den som inte kan betala är välkommen ändå.",
    "På sommaren håller vi till utomhus och på vintern i bygdegården.",
    "Vi söker fler frivilliga, hör av dig om du vill hjälpa till.",
]
LANGUAGE_MIX = [["sv"], ["sv"], ["sv", "en"], ["sv", "ar"], ["sv", "fa", "ti"], ["sv", "so"], ["sv", "uk"],
                ["sv", "fi"], ["sv", "en", "de"], ["sv", "swl"], ["sv", "es"]]
AREA_SDGS = {"kultur": [4, 11], "fritid": [3], "utbildning": [4], "integration": [10, 16], "folkhalsa": [3],
             "arbetsmarknad": [8], "natur": [14, 15], "varldsarv": [11], "trygghet": [16, 5], "omsorg": [3, 10],
             "innovation": [9, 17]}


def luhn_digit(digits: str) -> int:
    total = 0
    for i, ch in enumerate(digits):
        n = int(ch) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return (10 - total % 10) % 10


class Command(BaseCommand):
    help = "Add many invented actors to the register for the benchmark (bulk insert)."

    def add_arguments(self, parser):
        parser.add_argument("--actors", type=int, default=5000, help="how many actors to add (default 5000)")
        parser.add_argument("--seed", type=int, default=2030, help="random seed, for repeatable data")
        parser.add_argument("--activities", type=int, default=0, help="how many activities to add (half weekly)")
        parser.add_argument("--survey-answers", type=int, default=0,
                            help="how many answers to add to the demo's 2017 survey (bench/surveys.py)")

    @transaction.atomic
    def handle(self, *args, actors: int, seed: int, activities: int = 0, survey_answers: int = 0, **options):
        if actors < 0:
            raise CommandError("--actors must be 0 or more")
        rng = random.Random(seed)
        vocab = {
            "areas": {a.slug: a.pk for a in Area.objects.all()},
            "target_groups": {t.slug: t.pk for t in TargetGroup.objects.all()},
            "districts": [d.pk for d in District.objects.all()],
            "district_names": {fold(d.name): d.pk for d in District.objects.all()},
            "languages": {lang.code: lang.pk for lang in Language.objects.all()},
            "sdg_goals": set(SdgGoal.objects.values_list("pk", flat=True)),
        }
        if not vocab["areas"] or not vocab["districts"]:
            raise CommandError("The vocabularies are empty: run migrate (and load_demo) first.")
        taken_keys = set(Actor.objects.values_list("name_key", flat=True))
        taken_slugs = set(Actor.objects.values_list("slug", flat=True)) | RESERVED_SLUGS
        taken_numbers = set(Actor.objects.exclude(organisation_number=None).values_list("organisation_number", flat=True))
        surnames = [last for _first, last in PEOPLE]
        now = timezone.now()

        rows: list[tuple[Actor, dict[str, list]]] = []
        for i in range(actors):
            pattern, kind, areas, groups, summary = PATTERNS[i % len(PATTERNS)]
            place = rng.choice(PLACES)
            name = pattern.format(p=place, s=rng.choice(surnames))
            name = self._unique(name, taken_keys)
            slug = self._unique_slug(name, taken_slugs)
            extra_area = rng.choice(list(vocab["areas"]))
            area_slugs = sorted(set(areas) | ({extra_area} if rng.random() < 0.3 else set()))
            district_ids = {vocab["district_names"].get(fold(place)) or rng.choice(vocab["districts"])}
            district_ids |= set(rng.sample(vocab["districts"], rng.randint(0, 2)))
            sdgs = sorted({g for a in area_slugs for g in AREA_SDGS.get(a, [])} & vocab["sdg_goals"])
            description = " ".join(
                s.format(p=place, year=rng.randint(1920, 2022)) for s in rng.sample(DESCRIPTIONS, rng.randint(2, 4)))
            number = self._org_number(rng, taken_numbers) if kind != "network" else None
            actor = Actor(
                name=name, slug=slug, kind=kind, organisation_number=number, summary=summary,
                description=description,
                email=f"kontakt@{slug[:40]}.example" if rng.random() < 0.7 else "",
                website=f"https://{slug[:40]}.example" if rng.random() < 0.5 else "",
                meeting_place=f"Bygdegården i {place}" if rng.random() < 0.5 else "",
                status=Actor.Status.ARCHIVED if rng.random() < 0.03 else Actor.Status.ACTIVE,
                verified_at=now - timedelta(days=rng.randint(1, 700)) if number and rng.random() < 0.6 else None,
                last_confirmed_at=now - timedelta(days=rng.randint(0, 500)),
            )
            # What Actor.save() computes; bulk_create does not call save().
            actor.name_key = fold(" ".join(actor.name.split()))[:150]
            actor.sort_name = sort_key(actor.name)
            actor.search_text = search_document(actor.name, actor.summary, actor.description,
                                                actor.organisation_number or "")
            related = {
                "areas": [vocab["areas"][a] for a in area_slugs if a in vocab["areas"]],
                "target_groups": [vocab["target_groups"][g] for g in groups if g in vocab["target_groups"]],
                "districts": sorted(district_ids),
                "languages": [vocab["languages"][c] for c in rng.choice(LANGUAGE_MIX) if c in vocab["languages"]],
                "sdg_goals": sdgs,
            }
            rows.append((actor, related))

        for start in range(0, len(rows), BATCH):
            batch = rows[start:start + BATCH]
            created = Actor.objects.bulk_create([actor for actor, _ in batch])
            for field in ("areas", "target_groups", "districts", "languages", "sdg_goals"):
                descriptor = getattr(Actor, field)
                through = descriptor.through
                source = descriptor.field.m2m_field_name() + "_id"
                target = descriptor.field.m2m_reverse_field_name() + "_id"
                links = [through(**{source: actor.pk, target: pk})
                         for actor, (_, related) in zip(created, batch, strict=True) for pk in related[field]]
                through.objects.bulk_create(links)
        self.stdout.write(f"Added {len(rows)} bench actors; {Actor.objects.count()} actors in the register.")
        if activities:
            from bench import activities as activities_bench

            activities_bench.fill(count=activities, stdout=self.stdout)
        if survey_answers:
            from bench import surveys as surveys_bench

            surveys_bench.fill(count=survey_answers, stdout=self.stdout)

    @staticmethod
    def _unique(name: str, taken: set[str]) -> str:
        candidate, n = name, 2
        while fold(" ".join(candidate.split()))[:150] in taken:
            candidate, n = f"{name} {n}", n + 1
        taken.add(fold(" ".join(candidate.split()))[:150])
        return candidate

    @staticmethod
    def _unique_slug(name: str, taken: set[str]) -> str:
        base = slugify(name)[:150] or "aktor"
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        return slug

    @staticmethod
    def _org_number(rng: random.Random, taken: set[str]) -> str:
        while True:
            digits = "80" + "".join(str(rng.randint(0, 9)) for _ in range(7))
            number = f"{digits[:6]}-{digits[6:]}{luhn_digit(digits)}"
            if number not in taken:
                taken.add(number)
                return number
