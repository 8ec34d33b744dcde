"""Writes that span every app: erasing a person's account. Each app erases what it holds
in its own `privacy` module; this is the one list of them."""

from __future__ import annotations

from django.db import transaction

from samverka.accounts import privacy as accounts
from samverka.activities import privacy as activities
from samverka.actors import privacy as actors
from samverka.cases import privacy as cases
from samverka.communication import privacy as communication
from samverka.core import privacy as core
from samverka.municipality import privacy as municipality
from samverka.needs import privacy as needs
from samverka.volunteers import privacy as volunteers

# The apps that keep personal data besides the account itself. A new app that keeps
# personal data adds its `privacy` module here. `actors` comes first: it refuses when the
# person is the only owner of an actor (and the transaction erases nothing).
APPS = [actors, municipality, communication, activities, core, cases, volunteers, needs]


def personal_data(*, user) -> dict:
    """Everything the platform keeps about a person, for "download my data"."""
    data = accounts.personal_data(user)
    for module in APPS:
        data.update(module.personal_data(user))
    return data


@transaction.atomic
def delete_account(*, by) -> None:
    """Erase the person. The history of what they changed stays, without their name.
    Raises ActionError (nothing erased) when they are the only owner of an actor."""
    for module in APPS:
        module.erase(by)
    accounts.erase(by)  # last: it deletes the account
