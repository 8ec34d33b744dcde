"""What each kind of import takes: its fields, the column headers that name them (Swedish and
English, as register systems write them), and the check of one row. A row's check gives the
fields to write and the reasons it is refused, in words the administrator can act on."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from stdnum.exceptions import ValidationError as NumberError
from stdnum.se import orgnr

from samverka.activities.models import MeetingPlace
from samverka.actors.models import Actor
from samverka.core.text import fold


@dataclass(frozen=True)
class Field:
    name: str
    label: Promise
    headers: tuple[str, ...]  # folded: lower case, no accents
    kind: str = "text"  # text | orgnr | email | url | phone | date | actor_kind | place_kind
    max_length: int = 200
    required: bool = False


ACTOR_FIELDS = (
    Field("name", gettext_lazy("Name"), ("foreningsnamn", "foreningens namn", "namn", "name", "organisation",
                                         "organisationsnamn", "forening", "association", "association name"),
          max_length=150, required=True),
    Field("organisation_number", gettext_lazy("Organisation number"),
          ("organisationsnummer", "orgnr", "org nr", "orgnummer", "org nummer", "organisation number",
           "organization number", "corporate identity number"), kind="orgnr"),
    Field("kind", gettext_lazy("Kind of actor"), ("typ", "organisationsform", "foreningstyp", "form", "kind", "type"),
          kind="actor_kind"),
    Field("summary", gettext_lazy("In one sentence"), ("kort beskrivning", "sammanfattning", "ingress", "summary"),
          max_length=200),
    Field("description", gettext_lazy("About us"), ("beskrivning", "verksamhet", "om foreningen", "om oss",
                                                    "description", "about"), max_length=5000),
    Field("email", gettext_lazy("E-mail"), ("e-post", "epost", "e-postadress", "mejl", "email", "e-mail",
                                            "mail"), kind="email", max_length=254),
    Field("phone", gettext_lazy("Phone"), ("telefon", "telefonnummer", "tel", "mobil", "phone"), kind="phone",
          max_length=20),
    Field("website", gettext_lazy("Website"), ("webbplats", "hemsida", "webb", "webbadress", "website", "url",
                                               "homepage"), kind="url"),
    Field("meeting_place", gettext_lazy("Where we meet"), ("lokal", "motesplats", "traffpunkt", "meeting place"),
          max_length=200),
    Field("last_confirmed_at", gettext_lazy("Details last confirmed"),
          ("senast uppdaterad", "uppdaterad", "senast bekraftad", "uppgifter bekraftade", "last updated",
           "updated", "last confirmed"), kind="date"),
)

PLACE_FIELDS = (
    Field("name", gettext_lazy("Name"), ("namn", "motesplats", "lokal", "lokalnamn", "name", "place"),
          max_length=150, required=True),
    Field("address", gettext_lazy("Address"), ("adress", "gatuadress", "besoksadress", "address"), max_length=300,
          required=True),
    Field("kind", gettext_lazy("Kind of place"), ("typ", "kategori", "lokaltyp", "kind", "type", "category"),
          kind="place_kind"),
    Field("opening_hours", gettext_lazy("Opening hours"), ("oppettider", "oppet", "opening hours", "hours"),
          max_length=1000),
    Field("offers", gettext_lazy("What it offers and to whom"), ("erbjuder", "beskrivning", "verksamhet",
                                                                 "description", "offers"), max_length=3000),
    Field("website", gettext_lazy("Website"), ("webbplats", "hemsida", "webb", "website", "url"), kind="url"),
)

FIELDS = {"actors": ACTOR_FIELDS, "places": PLACE_FIELDS}

ACTOR_KINDS = {
    Actor.Kind.ASSOCIATION: ("ideell forening", "forening", "association", "ekonomisk forening",
                             "registered association", "ideell"),
    Actor.Kind.NETWORK: ("natverk", "grupp", "natverk eller grupp", "network", "group", "informal"),
    Actor.Kind.FAITH: ("trossamfund", "forsamling", "faith community", "faith", "church"),
    Actor.Kind.STUDY: ("studieforbund", "study association", "study"),
    Actor.Kind.FOUNDATION: ("stiftelse", "foundation"),
}
PLACE_KINDS = {
    MeetingPlace.Kind.LIBRARY: ("bibliotek", "library"),
    MeetingPlace.Kind.DAY_CENTRE: ("traffpunkt", "motesplats", "dagverksamhet", "day centre", "day center"),
    MeetingPlace.Kind.ASSOCIATION: ("foreningslokal", "samlingslokal", "bygdegard", "folkets hus",
                                    "association premises"),
    MeetingPlace.Kind.CAFE: ("cafe", "kafe", "kafé"),
    MeetingPlace.Kind.SPORTS_HALL: ("idrottshall", "sporthall", "gymnastiksal", "sports hall"),
    MeetingPlace.Kind.CHURCH_HALL: ("forsamlingshem", "kyrka", "kyrksal", "church", "parish hall"),
    MeetingPlace.Kind.OUTDOOR: ("utomhus", "park", "outdoors", "outdoor"),
    MeetingPlace.Kind.OTHER: ("annat", "ovrigt", "other"),
}

EXCEL_EPOCH = date(1899, 12, 30)


def _folded(text: str) -> str:
    return " ".join(re.sub(r"[^\w@-]+", " ", fold(text)).replace("_", " ").split())


def guess_mapping(kind: str, headers: list[str]) -> dict[str, int]:
    """{field: column} from the header row: an exact name first, then a header that contains one."""
    folded = [_folded(h) for h in headers]
    mapping: dict[str, int] = {}
    used: set[int] = set()
    for exact in (True, False):
        for field in FIELDS[kind]:
            if field.name in mapping:
                continue
            for index, header in enumerate(folded):
                if index in used or not header:
                    continue
                if (header in field.headers) if exact else any(name in header for name in field.headers
                                                               if len(name) > 3):
                    mapping[field.name] = index
                    used.add(index)
                    break
    return mapping


def _choice(value: str, table: dict) -> str | None:
    folded = _folded(value)
    for choice, names in table.items():
        if folded == choice or folded in names:
            return str(choice)
    return None


def parse_date(value: str) -> date | None:
    """ISO dates, Swedish ones (2024-03-01, 20240301, 1.3.2024, 1/3/2024: day first) and Excel's
    day numbers (45352) when a date column was saved as a number."""
    value = value.strip()
    if re.fullmatch(r"\d{4,5}(\.0)?", value) and 20000 < float(value) < 80000:
        return EXCEL_EPOCH + timedelta(days=int(float(value)))
    for pattern in ("%Y-%m-%d", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y%m%d", "%d.%m.%Y",
                    "%d/%m/%Y"):
        try:
            return datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    return None


def check_value(field: Field, value: str) -> tuple[Any, str | None]:
    """(the value to write, or the reason it is refused)."""
    if len(value) > field.max_length and field.kind in ("text", "url", "email", "phone"):
        return None, _("%(field)s is longer than %(limit)s characters.") % {"field": field.label,
                                                                           "limit": field.max_length}
    if field.kind == "orgnr":
        try:
            return orgnr.format(orgnr.validate(value)), None
        except NumberError:
            return None, _("%(value)s is not a valid organisation number (ten digits, for example 802400-1235).") \
                % {"value": value}
    if field.kind == "email":
        try:
            validate_email(value)
        except ValidationError:
            return None, _("%(value)s is not an e-mail address.") % {"value": value}
        return value.lower(), None
    if field.kind == "url":
        url = value if "://" in value else f"https://{value}"
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            return None, _("%(value)s is not a web address.") % {"value": value}
        return url, None
    if field.kind == "date":
        found = parse_date(value)
        if found is None:
            return None, _("%(value)s is not a date. Write it as 2026-03-01.") % {"value": value}
        return timezone.make_aware(datetime.combine(found, datetime.min.time())), None
    if field.kind in ("actor_kind", "place_kind"):
        found = _choice(value, ACTOR_KINDS if field.kind == "actor_kind" else PLACE_KINDS)
        if found is None:
            return None, _("%(value)s is not a kind we know.") % {"value": value}
        return found, None
    return " ".join(value.split()) if field.kind == "phone" or field.max_length <= 300 else value, None


def check_row(kind: str, mapping: dict[str, int], row: list[str]) -> tuple[dict[str, Any], list[str]]:
    """(the fields with a value, the reasons the row is refused)."""
    data: dict[str, Any] = {}
    errors: list[str] = []
    for field in FIELDS[kind]:
        column = mapping.get(field.name)
        value = row[column].strip() if column is not None and column < len(row) else ""
        if not value:
            if field.required:
                errors.append(_("%(field)s is missing.") % {"field": field.label})
            continue
        checked, error = check_value(field, value)
        if error:
            errors.append(error)
        else:
            data[field.name] = checked
    return data, errors


class Duplicates:
    """Rows of one file that name the same actor or place twice: the second is refused."""

    def __init__(self, kind: str):
        self.kind = kind
        self.numbers: dict[str, int] = {}
        self.names: dict[str, int] = {}

    def check(self, line: int, data: dict[str, Any]) -> str | None:
        number = data.get("organisation_number")
        if number:
            first = self.numbers.setdefault(number, line)
            if first != line:
                return _("The same organisation number as row %(row)s.") % {"row": first}
        if "name" in data:
            key = Actor.key_of(data["name"])
            if self.kind == "places":
                key = f"{key}|{Actor.key_of(data.get('address', ''))}"
            first = self.names.setdefault(key, line)
            if first != line:
                return _("The same name as row %(row)s.") % {"row": first}
        return None
