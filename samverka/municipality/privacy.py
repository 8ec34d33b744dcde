"""The offices a person works in, for "see my data" (samverka.portal calls every app's
`privacy` module). The memberships go with the account (`OfficeMembership.user` cascades)."""

from __future__ import annotations


def personal_data(user) -> dict:
    return {
        "offices": [
            {"office": m.office.name, "title": m.title} for m in user.office_memberships.select_related("office")
        ],
    }


def erase(user) -> None:
    user.office_memberships.all().delete()
