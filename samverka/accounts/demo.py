"""Demo ages and target groups (invented people). Elsa, 15, lives in Stenhamra and says she
is one of the young people; Omar, 12, has an account his mother confirmed; some grown-ups
said which target groups they belong to. `load_demo` calls `load(stdout=..., password=...)`;
running it again changes nothing."""

from __future__ import annotations

from datetime import date

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone

from samverka.municipality.models import TargetGroup

from .models import GuardianConsent, User

# e-mail, first, last, years old today, month and day of birth, target groups said
PEOPLE = [
    ("ungdom@samverka.example", "Elsa", "Lindqvist", 15, (3, 14), ["unga"]),
    ("omar.yusuf@samverka.example", "Omar", "Yusuf", 12, (9, 2), ["barn", "nyanlanda"]),
    ("invanare@samverka.example", "Lina", "Sandberg", 34, (6, 21), ["nyanlanda", "familjer"]),
    ("forening@samverka.example", "Eva", "Lindgren", 71, (1, 30), ["aldre", "funktionsnedsattning"]),
    ("redaktor@samverka.example", "Oskar", "Falk", 68, (11, 5), ["aldre"]),
]
GUARDIANS = {"omar.yusuf@samverka.example": ("Hodan Yusuf", "hodan.yusuf@example.org")}


def _born(years: int, month_day: tuple[int, int], today: date) -> date:
    """The birthday that makes the person `years` old today."""
    month, day = month_day
    year = today.year - years - (1 if (month, day) > (today.month, today.day) else 0)
    return date(year, month, day)


@transaction.atomic
def load(*, stdout, password: str) -> None:
    today = timezone.localdate()
    groups = {t.slug: t for t in TargetGroup.objects.all()}
    for email, first, last, years, month_day, said in PEOPLE:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email=email, password=password, first_name=first, last_name=last)
            EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        if user.birth_date is None:
            user.birth_date = _born(years, month_day, today)
            user.save(update_fields=["birth_date"])
            user.target_groups.set([groups[slug] for slug in said if slug in groups])
        if email in GUARDIANS:
            name, address = GUARDIANS[email]
            GuardianConsent.objects.get_or_create(user=user, defaults={
                "guardian_name": name, "guardian_email": address, "asked_at": timezone.now(),
                "confirmed_at": timezone.now(), "method": GuardianConsent.Method.EMAIL_LINK})
    stdout.write(f"Ages and target groups: {len(PEOPLE)} people, one guardian's consent.")
