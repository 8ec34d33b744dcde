"""A small regional programme for trying two installations side by side (and for the test
that does): the association matching programme VIDA shared under `--code`, three
associations with open places, and the other installation as its partner. Prints this
installation's public key, for the other one to enter. Safe to run again."""

from django.core.management.base import BaseCommand
from django.db import transaction

from samverka.matching import regional, signing
from samverka.matching.models import Choice, Participant, Programme, RegionalPartner
from samverka.municipality.models import District, Language, Office

ASSOCIATIONS = [  # name, part of the municipality, interests, languages, places
    ("Bro IK", "Bro", ["Fotboll"], ["sv", "en"], 2),
    ("Kungsängens schacksällskap", "Kungsängen", ["Schack"], ["sv", "ar"], 1),
    ("Brogårds hembygdsförening", "Bro", ["Historia", "Fotboll"], ["sv"], 1),
]


class Command(BaseCommand):
    help = "Create a small shared programme and a partner (two installations side by side)."

    def add_arguments(self, parser):
        parser.add_argument("--code", default="vida-nordvast")
        parser.add_argument("--partner-name", required=True)
        parser.add_argument("--partner-url", required=True)
        parser.add_argument("--partner-key", required=True)

    @transaction.atomic
    def handle(self, *args, code, partner_name, partner_url, partner_key, **options):
        office, _ = Office.objects.get_or_create(slug="kultur-och-fritid", defaults={"name": "Kultur och fritid"})
        programme, _ = Programme.objects.update_or_create(slug="vida", defaults={
            "kind": Programme.Kind.ASSOCIATION, "office": office, "name": "VIDA", "summary": "Nyanlända och föreningar.",
            "status": Programme.Status.OPEN, "request_label": "Jag vill hitta en förening",
            "offer_label": "Vi tar emot nya medlemmar", "shared_regionally": True, "regional_code": code})
        partner, _ = RegionalPartner.objects.update_or_create(base_url=regional.base(partner_url), defaults={
            "name": partner_name, "public_key": partner_key, "active": True})
        programme.partners.add(partner)
        languages = {c: Language.objects.get_or_create(code=c, defaults={"name": c})[0] for c in ("sv", "en", "ar")}
        for n, (name, area, interests, langs, places) in enumerate(ASSOCIATIONS):
            district, _ = District.objects.get_or_create(slug=area.lower().replace("ä", "a"), defaults={
                "name": area, "position": n, "latitude": "59.5" if area == "Bro" else "59.51",
                "longitude": "17.63" if area == "Bro" else "17.73"})
            offer, _ = Participant.objects.update_or_create(programme=programme, name=name, defaults={
                "side": Participant.Side.OFFER, "status": Participant.Status.WAITING, "district": district,
                "capacity": places, "email": f"kontakt{n}@example.org"})
            offer.languages.set([languages[c] for c in langs])
            offer.interests.set([Choice.objects.get_or_create(programme=programme, group=Choice.Group.INTEREST,
                                                              name=word)[0] for word in interests])
        self.stdout.write(signing.public_key_text())
