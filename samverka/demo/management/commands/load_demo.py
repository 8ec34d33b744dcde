"""Load the demo municipality (Ekerö-like): offices, committees, parts of the
municipality, at least 40 actors with invented representatives, and one account per role.
Running it again changes nothing."""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from samverka.accounts.models import User
from samverka.actors.models import Actor, ActorMembership
from samverka.core import audit
from samverka.demo.actors_data import ACTORS
from samverka.municipality import services as municipality_services
from samverka.municipality.models import (
    Area,
    Committee,
    District,
    Language,
    Municipality,
    Office,
    OfficeMembership,
    SdgGoal,
    TargetGroup,
)

PASSWORD = "samverka-demo"

COMMITTEES = [
    ("kultur-och-fritidsnamnden", "Kultur- och fritidsnämnden", "Culture and Leisure Committee", "لجنة الثقافة والترفيه"),
    ("socialnamnden", "Socialnämnden", "Social Services Committee", "لجنة الخدمات الاجتماعية"),
    ("barn-och-utbildningsnamnden", "Barn- och utbildningsnämnden", "Children and Education Committee", "لجنة الأطفال والتعليم"),
    ("kommunstyrelsen", "Kommunstyrelsen", "Municipal Executive Board", "المجلس التنفيذي للبلدية"),
]
OFFICES = [
    ("kultur-och-fritidskontoret", "Kultur- och fritidskontoret", "Culture and Leisure Office", "مكتب الثقافة والترفيه",
     "kultur-och-fritidsnamnden"),
    ("socialkontoret", "Socialkontoret", "Social Services Office", "مكتب الخدمات الاجتماعية", "socialnamnden"),
    ("barn-och-utbildningsforvaltningen", "Barn- och utbildningsförvaltningen", "Children and Education Office",
     "إدارة الأطفال والتعليم", "barn-och-utbildningsnamnden"),
    ("stadsarkitektkontoret", "Stadsarkitektkontoret", "Town Architect's Office", "مكتب مهندس المدينة", "kommunstyrelsen"),
    ("teknik-och-exploateringskontoret", "Teknik- och exploateringskontoret", "Technical and Development Office",
     "مكتب التقنية والتطوير", "kommunstyrelsen"),
]
DISTRICTS = [  # (slug, name, latitude, longitude of its centre, zone: parts reached only by ferry have their own)
    ("ekero-centrum", "Ekerö centrum", "59.29090", "17.81110", ""), ("trakvista", "Träkvista", "59.30050", "17.75880", ""),
    ("stenhamra", "Stenhamra", "59.33580", "17.68650", ""), ("ska", "Skå", "59.37520", "17.65210", ""),
    ("farentuna", "Färentuna", "59.39440", "17.64690", ""), ("munso", "Munsö", "59.41360", "17.56090", ""),
    ("adelso", "Adelsö", "59.35710", "17.52340", "Adelsö"), ("lovo", "Lovö", "59.32580", "17.88000", ""),
    ("helgo", "Helgö", "59.24340", "17.79930", ""),
]
# (e-mail, first, last, role description); all invented people.
ACCOUNTS = [
    ("admin@samverka.example", "Maja", "Ekström", "administrator"),
    ("processledare@samverka.example", "Jonas", "Berglund", "process leader"),
    ("handlaggare@samverka.example", "Sara", "Nyström", "official, Kultur- och fritidskontoret"),
    ("socialkontoret@samverka.example", "Ali", "Hassan", "official, Socialkontoret"),
    ("forening@samverka.example", "Eva", "Lindgren", "owner of Parkinson Ekerö"),
    ("redaktor@samverka.example", "Oskar", "Falk", "editor of Parkinson Ekerö"),
    ("invanare@samverka.example", "Lina", "Sandberg", "resident"),
    ("samordnare@samverka.example", "Helena", "Åkesson", "coordinator of the matching programmes, Socialkontoret"),
    ("ungdom@samverka.example", "Elsa", "Lindqvist", "resident, 15 years old"),
]


class Command(BaseCommand):
    help = "Load the demo municipality and print the demo accounts."

    @transaction.atomic
    def handle(self, *args, **options):
        m = Municipality.current()
        m.name, m.short_name = "Ekerö kommun", "Ekerö"
        # An invented switchboard (08-124 570 00), stored as every phone number is: E.164.
        m.phone, m.phone_hours = "+46812457000", "vardagar 8–16.30"
        m.phone_hours_en, m.phone_hours_ar = "weekdays 8–16.30", "أيام العمل 8–16:30"
        # Through the service: pages that show the configuration below are rebuilt on commit.
        municipality_services.save_configuration(by=None, obj=m)
        committees = {}
        for slug, sv, en, ar in COMMITTEES:
            committees[slug], _ = Committee.objects.update_or_create(
                slug=slug, defaults={"name": sv, "name_en": en, "name_ar": ar})
        offices = {}
        for slug, sv, en, ar, committee in OFFICES:
            offices[slug], _ = Office.objects.update_or_create(
                slug=slug, defaults={"name": sv, "name_en": en, "name_ar": ar, "committee": committees[committee],
                                     "email": f"{slug.split('-')[0]}@samverka.example"})
        for position, (slug, name, latitude, longitude, zone) in enumerate(DISTRICTS):
            District.objects.update_or_create(slug=slug, defaults={
                "name": name, "name_en": name, "position": position, "latitude": latitude, "longitude": longitude,
                "zone": zone})

        users = {}
        for email, first, last, _role in ACCOUNTS:
            users[email] = self._user(email, first, last)
        admin = users["admin@samverka.example"]
        admin.is_staff = admin.is_superuser = True
        admin.save(update_fields=["is_staff", "is_superuser"])
        leader = users["processledare@samverka.example"]
        leader.is_process_leader = True
        leader.save(update_fields=["is_process_leader"])
        OfficeMembership.objects.get_or_create(office=offices["kultur-och-fritidskontoret"],
                                               user=users["handlaggare@samverka.example"],
                                               defaults={"title": "Föreningssamordnare"})
        OfficeMembership.objects.get_or_create(office=offices["socialkontoret"],
                                               user=users["socialkontoret@samverka.example"],
                                               defaults={"title": "Utvecklingsledare"})
        OfficeMembership.objects.get_or_create(office=offices["socialkontoret"],
                                               user=users["samordnare@samverka.example"],
                                               defaults={"title": "Samordnare för Väntjänsten och Vänfamilj"})

        vocab = {
            "areas": {a.slug: a for a in Area.objects.all()},
            "target_groups": {t.slug: t for t in TargetGroup.objects.all()},
            "districts": {d.slug: d for d in District.objects.all()},
            "languages": {lang.code: lang for lang in Language.objects.all()},
            "sdg_goals": {g.number: g for g in SdgGoal.objects.all()},
        }
        official = users["handlaggare@samverka.example"]
        now = timezone.now()
        created = 0
        for i, data in enumerate(ACTORS):
            if Actor.objects.filter(name=data["name"]).exists():
                continue
            actor = Actor(
                name=data["name"], slug=self._slug(data["name"]), kind=data["kind"],
                organisation_number=data["organisation_number"], summary=data["summary"],
                description=data["description"], email=data["email"], website=data["website"],
                phone=data["phone"], accessibility=data["accessibility"],
                last_confirmed_at=now - timedelta(days=30 * (i % 15)),
            )
            if data["verified"]:
                actor.verified_at, actor.verified_by = now - timedelta(days=20 + i), official
            actor.save()
            for field, lookup in vocab.items():
                getattr(actor, field).set([lookup[key] for key in data[field] if key in lookup])
            for n, (first, last) in enumerate(data["representatives"]):
                email = f"{self._ascii(first)}.{self._ascii(last)}@{self._ascii(data['name'])[:20]}.example"
                person = self._user(email, first, last)
                ActorMembership.objects.get_or_create(
                    actor=actor, user=person, defaults={"role": "owner" if n == 0 else "editor"})
                if n == 0:
                    audit.record(by=person, action="actor.create", target=actor, changes={"name": actor.name})
            if data["verified"]:
                audit.record(by=official, action="actor.verify", target=actor)
            created += 1
        parkinson = Actor.objects.filter(name="Parkinson Ekerö").first()
        if parkinson:
            ActorMembership.objects.get_or_create(actor=parkinson, user=users["forening@samverka.example"],
                                                  defaults={"role": "owner"})
            ActorMembership.objects.get_or_create(actor=parkinson, user=users["redaktor@samverka.example"],
                                                  defaults={"role": "editor"})
        from samverka.accounts import demo as accounts_demo

        accounts_demo.load(stdout=self.stdout, password=PASSWORD)
        from samverka.activities import demo as activities_demo
        from samverka.cases import demo as cases_demo
        from samverka.crisis import demo as crisis_demo
        from samverka.matching import demo as matching_demo
        from samverka.needs import demo as needs_demo
        from samverka.volunteers import demo as volunteers_demo

        for demo in (activities_demo, volunteers_demo, needs_demo, cases_demo, crisis_demo, matching_demo):
            demo.load(stdout=self.stdout)
        from samverka.grants import demo as grants_demo

        grants_demo.load(stdout=self.stdout, password=PASSWORD)
        from samverka.networks import demo as networks_demo

        networks_demo.load(stdout=self.stdout, password=PASSWORD)
        from samverka.ideas import demo as ideas_demo
        from samverka.partnerships import demo as partnerships_demo

        ideas_demo.load(stdout=self.stdout, password=PASSWORD)
        partnerships_demo.load(stdout=self.stdout, password=PASSWORD)
        from samverka.dialogue import demo as dialogue_demo

        dialogue_demo.load(stdout=self.stdout, password=PASSWORD)
        from samverka.plans import demo as plans_demo

        plans_demo.load(stdout=self.stdout)
        from samverka.news import demo as news_demo

        news_demo.load(stdout=self.stdout, password=PASSWORD)
        from samverka.setup import demo as setup_demo

        setup_demo.load(stdout=self.stdout)
        from samverka.guides import demo as guides_demo

        guides_demo.load(stdout=self.stdout, password=PASSWORD)
        from samverka.overview import demo as overview_demo

        overview_demo.load(stdout=self.stdout)  # last: its figures count what the others loaded
        self.stdout.write(f"Demo municipality ready: {Actor.objects.count()} actors ({created} new).")
        self.stdout.write(f"Demo accounts (password for all: {PASSWORD}):")
        for email, first, last, role in ACCOUNTS:
            self.stdout.write(f"  {email:36} {first} {last}, {role}")

    def _user(self, email, first, last):
        from allauth.account.models import EmailAddress

        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email=email, password=PASSWORD, first_name=first, last_name=last)
            EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        return user

    @staticmethod
    def _ascii(text):
        from django.utils.text import slugify

        return slugify(text.replace("å", "a").replace("ä", "a").replace("ö", "o")).replace("-", "")

    @staticmethod
    def _slug(name):
        from samverka.actors.services import _unique_slug

        return _unique_slug(name)
