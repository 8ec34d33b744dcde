"""Writes that span every app: erasing a person's account, and erasing what has passed
its retention. Each app says what it keeps in its own `privacy` module (what each field
is, how long it is kept, a person's data, how to erase it); this is the one list of them."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from samverka.accounts import privacy as accounts
from samverka.activities import privacy as activities
from samverka.actors import privacy as actors
from samverka.cases import privacy as cases
from samverka.communication import privacy as communication
from samverka.core import audit
from samverka.core import privacy as core
from samverka.crisis import privacy as crisis
from samverka.dialogue import privacy as dialogue
from samverka.grants import privacy as grants
from samverka.guides import privacy as guides
from samverka.ideas import privacy as ideas
from samverka.matching import privacy as matching
from samverka.municipality import privacy as municipality
from samverka.needs import privacy as needs
from samverka.networks import privacy as networks
from samverka.news import privacy as news
from samverka.overview import privacy as overview
from samverka.partnerships import privacy as partnerships
from samverka.plans import privacy as plans
from samverka.setup import privacy as setup
from samverka.volunteers import privacy as volunteers

# The apps that keep personal data besides the account itself. A new app that keeps
# personal data adds its `privacy` module here. `actors` comes first: it refuses when the
# person is the only owner of an actor (and the transaction erases nothing). The outbox
# and the audit history come last: erasing elsewhere (a cancelled registration) may still
# write a message or an event about the person.
APPS = [actors, municipality, activities, cases, crisis, matching, volunteers, needs, grants, networks,
        ideas, partnerships, plans, dialogue, overview, news, guides, setup, communication, core]


def personal_data(*, user) -> dict:
    """Everything the platform keeps about a person, for "download my data"."""
    data = accounts.personal_data(user)
    for module in APPS:
        data.update(module.personal_data(user))
    return data


@transaction.atomic
def delete_account(*, by) -> None:
    """Erase the person. The history of what they changed stays, without their name;
    public records are restricted instead. Raises ActionError (nothing erased) when they
    are the only owner of an actor."""
    for module in APPS:
        module.erase(by)
    accounts.erase(by)  # last: it deletes the account


def apply_retention(*, now=None) -> dict[str, int]:
    """The daily job: every app erases what has passed its retention rule (its privacy
    module's `expire`). Each app in its own transaction, so one that fails leaves the
    others' work done; returns how many rows each erased or anonymised."""
    now = now or timezone.now()
    erased = {}
    for module in [accounts, *APPS]:
        if hasattr(module, "expire"):
            with transaction.atomic():
                erased[module.__name__.split(".")[1]] = module.expire(now=now)
    audit.record(by=None, action="privacy.retention", changes=erased)
    return erased
