"""Age where it matters: a person's age on a day, the age span of what people sign up for
(an activity, a need, a matching programme) and the one refusal every sign-up asks.

A person's age is known only when they said it (their date of birth on the account, or an
age typed into a sign-up form); it is never guessed. Everything with no limits takes
everyone and asks nobody's age."""

from __future__ import annotations

from datetime import date

from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samverka.core.errors import ActionError

ADULT = 18
ALONE = 13  # a child younger than this does not create an account without a guardian's consent
OLDEST = 120


def age_on(birth_date: date, day: date) -> int:
    """Whole years on `day`: a person born on 2010-05-04 is 16 on 2026-05-04, 15 the day before.
    Someone born on 29 February has their birthday on 1 March in other years."""
    years = day.year - birth_date.year
    if (day.month, day.day) < (birth_date.month, birth_date.day):
        years -= 1
    return years


def age_of(user, day: date | None = None) -> int | None:
    """A signed-in person's age, if they gave their date of birth; else None."""
    birth_date = getattr(user, "birth_date", None) if getattr(user, "is_authenticated", False) else None
    if birth_date is None:
        return None
    return age_on(birth_date, day or timezone.localdate())


def is_minor(age: int | None) -> bool:
    return age is not None and age < ADULT


class AgeRange(models.Model):
    """Who may sign up, by age: both ends included, either left empty for no limit."""

    min_age = models.PositiveSmallIntegerField(
        gettext_lazy("youngest age"), null=True, blank=True, validators=[MaxValueValidator(OLDEST)],
        help_text=gettext_lazy("Leave empty if there is no lower limit. Write 18 if it is not for minors."))
    max_age = models.PositiveSmallIntegerField(
        gettext_lazy("oldest age"), null=True, blank=True, validators=[MaxValueValidator(OLDEST)],
        help_text=gettext_lazy("Leave empty if there is no upper limit, for example 19 for young people."))

    class Meta:
        abstract = True

    @property
    def has_age_limits(self) -> bool:
        return self.min_age is not None or self.max_age is not None

    @property
    def accepts_minors(self) -> bool:
        return self.min_age is None or self.min_age < ADULT

    @property
    def age_text(self) -> str:
        """The span in words for the page ("For you who are 13 to 19 years old")."""
        if self.min_age is not None and self.max_age is not None:
            return _("For you who are %(min)s to %(max)s years old.") % {"min": self.min_age, "max": self.max_age}
        if self.min_age is not None:
            return _("For you who are %(min)s years or older.") % {"min": self.min_age}
        if self.max_age is not None:
            return _("For you who are %(max)s years or younger.") % {"max": self.max_age}
        return _("Open to all ages.")

    @property
    def minors_text(self) -> str:
        return _("Minors are welcome.") if self.accepts_minors else _("Not for minors (under 18).")


def needs_age(limits: AgeRange | None, *, record_extract: bool = False) -> bool:
    """Must a sign-up say the person's age? Only when something depends on it."""
    return record_extract or (limits is not None and limits.has_age_limits)


def refusal(limits: AgeRange | None, age: int | None, *, record_extract: bool = False) -> str | None:
    """Why a person of `age` may not sign up (a sentence for the page), or None. An unknown
    age is refused only where it matters, with a request to give it."""
    if not needs_age(limits, record_extract=record_extract):
        return None
    if age is None:
        return _("Write your age, so that we can see that this is open to you.")
    if record_extract and age < ADULT:
        return _("This asks for an extract from the criminal-record register, which is never asked of anyone "
                 "under 18. Look for something else that is open to your age.")
    if limits is not None and limits.min_age is not None and age < limits.min_age:
        return _("This is for you who are %(min)s years or older.") % {"min": limits.min_age}
    if limits is not None and limits.max_age is not None and age > limits.max_age:
        return _("This is for you who are %(max)s years or younger.") % {"max": limits.max_age}
    return None


def waits_for_guardian(user) -> bool:
    """A child's account whose guardian has not yet confirmed it: it may not take part yet."""
    if not getattr(user, "is_authenticated", False) or user.birth_date is None:
        return False
    if age_on(user.birth_date, timezone.localdate()) >= ALONE:
        return False
    from .models import GuardianConsent

    return not GuardianConsent.objects.filter(user=user, confirmed_at__isnull=False).exists()


def guardian_refusal(user) -> str | None:
    """Why a child's account may not take part yet (a sentence for the page), or None: the one
    message every part shows while the guardian has not confirmed the account."""
    if waits_for_guardian(user):
        return _("Your guardian has not yet confirmed your account. When they have opened the link we sent "
                 "them, you can sign up.")
    return None


class WaitsForGuardian(ActionError):
    """A service refused a child's account whose guardian has not yet confirmed it. The views
    show the form again with the reason (and the link to My pages), the input kept."""


def require_guardian(user) -> None:
    """For every service where a person takes part (a proposal, a comment, an answer, an idea,
    joining a group): raise WaitsForGuardian while a child's account waits for the consent."""
    if (refused := guardian_refusal(user)) is not None:
        raise WaitsForGuardian(refused)


def participation_refusal(user, limits: AgeRange | None, *, age: int | None = None,
                          record_extract: bool = False) -> str | None:
    """`refusal` for a signed-in person (their own date of birth first, else the age they
    typed), and a child's account waiting for its guardian's consent."""
    if (refused := guardian_refusal(user)) is not None:
        return refused
    known = age_of(user)
    return refusal(limits, known if known is not None else age, record_extract=record_extract)
