"""Names typed into a decision's reasons: the public decisions page, its CSV and the open data
remove the names of the people the platform knows in the case (the association's contact
persons, who applied, the reviewers); the page says what is removed automatically and what an
official must check. The disclosure export marks the contact persons' names too."""

import io
import zipfile

import pytest
from django.urls import reverse

from samverka.accounts.tests.factories import UserFactory
from samverka.actors.tests.factories import MembershipFactory
from samverka.core.tests.helpers import says
from samverka.grants import disclosure

from .factories import ProgrammeFactory, SubmittedApplicationFactory, decided, review

pytestmark = pytest.mark.django_db

REASONS = ("Gunilla Strand och hennes volontärer når många; Strand leder arbetet. Bedömd av Nils Ek. "
           "Kontakt: Kalle Anka.")


@pytest.fixture
def case(db):
    application = SubmittedApplicationFactory(programme=ProgrammeFactory(), actor__name="Anhörigföreningen")
    gunilla = UserFactory(first_name="Gunilla", last_name="Strand")
    MembershipFactory(actor=application.actor, user=gunilla)
    review(application, UserFactory(first_name="Nils", last_name="Ek"))
    decided(application, amount=5_000, reasons=REASONS)
    return application


def test_the_public_page_removes_the_known_names_and_says_what_it_does_not_find(client, case):
    page = client.get(reverse("grants:decisions")).content.decode()
    removed = says("[name removed]")
    assert "Gunilla" not in page and "Strand" not in page and "Nils Ek" not in page
    assert f"{removed} och hennes volontärer når många; {removed} leder arbetet. Bedömd av {removed}." in page
    assert "Kalle Anka" in page  # a name the platform does not know is left for the official
    assert says("Names of the people the platform knows in a case (the association's contact persons, the one "
                "who applied and the reviewers) are removed from the reasons automatically. Other personal details "
                "written in the reasons are not found automatically: the official who records the decision checks "
                "the text before it is published.") in page


def test_the_csv_and_the_open_data_remove_them_too(client, case):
    csv = client.get(reverse("grants:decisions"), {"format": "csv"}).content.decode()
    assert "Gunilla" not in csv and "Kalle Anka" in csv
    data = client.get("/api/v1/grant-decisions/", HTTP_ACCEPT="application/json").json()
    rows = data["results"] if isinstance(data, dict) else data
    assert "Gunilla" not in rows[0]["reasons"] and "Nils Ek" not in rows[0]["reasons"]


def test_the_disclosure_export_marks_the_contact_persons_name(case):
    archive = zipfile.ZipFile(io.BytesIO(disclosure.export(case)))
    text = archive.read("01-ansokan.txt").decode()
    assert "⟦Gunilla Strand⟧" in text and "⟦Strand⟧" in text and "⟦Nils Ek⟧" in text
