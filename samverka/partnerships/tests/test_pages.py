"""Every page of partnerships, with its object, passes the site's checks (one h1, the language,
the footer, no inline script or style, no maxlength), for the office, a party and a visitor, in
Swedish and English. (tests/test_site.py walks the pages without arguments.)"""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.test_site import check_page

from .factories import (
    CompactFactory,
    ContributionFactory,
    DocumentFactory,
    GoalFactory,
    MilestoneFactory,
    SignatureFactory,
)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["sv", "en"])
def test_object_pages_pass_the_site_checks(client, partnership, official, representative, office, actor, language):
    party = partnership.parties.get()
    ContributionFactory(party=party)
    GoalFactory(partnership=partnership)
    milestone = MilestoneFactory(partnership=partnership)
    DocumentFactory(partnership=partnership, visibility="public")
    compact = CompactFactory(office=office, slug="ekero")
    signature = SignatureFactory(compact=compact, actor=actor)
    with translation.override(language):
        slug = [partnership.slug]
        for_office = {"detail": slug, "edit": slug, "add_party": slug, "add_contribution": slug, "add_goal": slug,
                      "add_milestone": slug, "add_document": slug, "edit_milestone": [*slug, milestone.pk],
                      "compact": [compact.slug], "edit_compact": [compact.slug], "create": [], "mine": [],
                      "create_compact": [], "index": [], "compacts": []}
        for_party = {"detail": slug, "report_milestone": [*slug, milestone.pk], "compact": [compact.slug],
                     "mine": [], "withdraw": [compact.slug, signature.pk]}
        for_visitor = {"detail": slug, "index": [], "compacts": [], "compact": [compact.slug]}
        problems = []
        for user, pages in ((official, for_office), (representative, for_party), (None, for_visitor)):
            client.logout()
            if user:
                client.force_login(user)
            for name, args in pages.items():
                url = reverse(f"partnerships:{name}", args=args)
                response = client.get(url)
                assert response.status_code == 200, url
                problems += check_page(name, url, response, language=language)
    assert not problems, "\n".join(problems)
