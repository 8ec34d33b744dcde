"""Elsa, for the age tests of every part where a person takes part (dialogue, ideas, groups):
born on 4 May 2013, she created her account at 12 and named her mother Maria Lind, who has
not yet opened the link. On 3 May 2026 she is 12 and waits; once Maria confirms she takes
part; on 4 May 2026 she is 13 and takes part alone.

`CASES` is (the day, whether Maria confirmed, whether Elsa may take part)."""

from __future__ import annotations

from datetime import date

from django.test import Client
from django.urls import reverse

from samverka.accounts.models import GuardianConsent
from samverka.accounts.services import guardian_token
from samverka.core.tests.helpers import says

from .factories import UserFactory

BIRTH_DATE = date(2013, 5, 4)
DAY_BEFORE = "2026-05-03 12:00+02:00"  # 12 years old
BIRTHDAY = "2026-05-04 12:00+02:00"  # 13 years old
CASES = [(DAY_BEFORE, False, False), (DAY_BEFORE, True, True), (BIRTHDAY, False, True)]
CASE_IDS = ["12-waiting-for-the-guardian", "12-guardian-confirmed", "13-alone"]
WAITING = ("Your guardian has not yet confirmed your account. When they have opened the link we sent them, you "
           "can sign up.")
GUARDIAN_PAGE = reverse("accounts:about_me")


def elsa(*, confirmed: bool = False, email: str = "elsa.lind@example.org"):
    """Elsa's account with her mother named; `confirmed`: Maria opened the link and said yes
    (through the guardian's page, as she would)."""
    child = UserFactory(first_name="Elsa", last_name="Lind", email=email, birth_date=BIRTH_DATE)
    consent = GuardianConsent.objects.create(user=child, guardian_name="Maria Lind",
                                             guardian_email="maria.lind@example.org")
    if confirmed:
        response = Client().post(reverse("accounts:guardian", args=[guardian_token(consent)]))
        assert response.status_code == 302
        consent.refresh_from_db()
        assert consent.is_confirmed
    return child


def shows_waiting(page: str) -> bool:
    """The page says why Elsa cannot take part yet, with the way to My pages."""
    return says(WAITING) in page and f'href="{GUARDIAN_PAGE}"' in page
