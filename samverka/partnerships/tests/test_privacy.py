"""What partnerships keep about a person, for "see my data" and "delete my account": the
links to their account; erasing them keeps the partnership's record (the lead joins this module
to samverka/portal, which tests it through the front door)."""

import pytest

from samverka.partnerships import privacy, services
from samverka.partnerships.models import Milestone, Signature

from .factories import CompactFactory, MilestoneFactory


@pytest.mark.django_db
def test_a_persons_links_are_shown_and_erased_without_losing_the_record(partnership, representative, actor):
    milestone = MilestoneFactory(partnership=partnership, title="Terminsstart")
    services.report_milestone(by=representative, milestone=milestone, note="Tjugo kom.")
    compact = CompactFactory(title="Överenskommelsen")
    services.sign_compact(by=representative, compact=compact, actor=actor)

    data = privacy.personal_data(representative)
    assert data["milestones_reported"][0]["milestone"] == "Terminsstart"
    assert data["compacts_signed"][0] == {"compact": "Överenskommelsen", "for": actor.name,
                                          "signed_on": Signature.objects.get().signed_on.isoformat()}

    privacy.erase(representative)
    milestone = Milestone.objects.get()
    assert (milestone.done_note, milestone.done_by) == ("Tjugo kom.", None)
    assert Signature.objects.get().signed_by is None and Signature.objects.get().actor == actor
    assert privacy.personal_data(representative) == {"partnerships_created": [], "partnership_documents_uploaded": [],
                                                     "milestones_reported": [], "compacts_signed": []}
