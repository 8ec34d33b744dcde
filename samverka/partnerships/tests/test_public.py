"""The public pages: the list shows public partnerships that are active or ended, filtered by
office, area and goal (a value that makes no sense is an error next to its field, not a server
error); a partnership's page shows the challenge, the parties and what each contributes, the
period, goals, milestones done and coming and the public documents; the cached page shows a
change at once."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from samverka.municipality.models import Area, SdgGoal
from samverka.partnerships import services
from samverka.partnerships.models import Partnership

from .factories import ContributionFactory, DocumentFactory, GoalFactory, MilestoneFactory, PartnershipFactory

TODAY = timezone.localdate()


@pytest.fixture
def listed(partnership, social_official):
    social = social_official.office_memberships.get().office
    partnership.areas.set(Area.objects.filter(slug="folkhalsa"))
    partnership.sdg_goals.set([3])
    helpline = PartnershipFactory(office=social, title="Stöd till brottsutsatta", kind="cooperation")
    helpline.areas.set(Area.objects.filter(slug="trygghet"))
    helpline.sdg_goals.set([16])
    PartnershipFactory(office=social, title="Ett utkast", status=Partnership.Status.DRAFT)
    PartnershipFactory(office=social, title="Inte offentligt", is_public=False)
    PartnershipFactory(office=social, title="Avslutat samarbete", status=Partnership.Status.ENDED)
    return social


def titles(client, **params) -> set[str]:
    page = client.get(reverse("partnerships:index"), params).content.decode()
    return {t for t in ("Dans för Parkinson", "Stöd till brottsutsatta", "Ett utkast", "Inte offentligt",
                        "Avslutat samarbete") if t in page}


@pytest.mark.django_db
def test_the_list_and_its_filters(client, listed, office):
    assert titles(client) == {"Dans för Parkinson", "Stöd till brottsutsatta", "Avslutat samarbete"}
    assert titles(client, office=office.slug) == {"Dans för Parkinson"}
    assert titles(client, area="trygghet") == {"Stöd till brottsutsatta"}
    assert titles(client, goal="3") == {"Dans för Parkinson"}
    assert titles(client, kind="cooperation") == {"Stöd till brottsutsatta"}
    assert titles(client, status="ended") == {"Avslutat samarbete"}
    response = client.get(reverse("partnerships:index"), {"goal": "99", "office": "finns-inte"})
    assert response.status_code == 200
    assert titles(client, goal="nonsense") == {"Dans för Parkinson", "Stöd till brottsutsatta", "Avslutat samarbete"}


@pytest.mark.django_db
def test_the_page_shows_what_each_party_contributes(client, partnership, actor, office):
    party = partnership.parties.get()
    ContributionFactory(party=party, kind="volunteers", amount=12, unit="people", description="Dansledare")
    GoalFactory(partnership=partnership, text="Fler rör på sig varje vecka")
    MilestoneFactory(partnership=partnership, title="Terminsstart", due_on=TODAY - timedelta(days=10),
                     done_on=TODAY - timedelta(days=9), done_note="Tjugo kom första gången.")
    MilestoneFactory(partnership=partnership, title="Uppvisning", due_on=TODAY + timedelta(days=30))
    DocumentFactory(partnership=partnership, title="Beslutet i nämnden", visibility="public")
    DocumentFactory(partnership=partnership, title="Budgetutkast", visibility="parties")
    partnership.sdg_goals.set(SdgGoal.objects.filter(number=3))

    response = client.get(partnership.get_absolute_url())
    page = response.content.decode()
    assert response.status_code == 200
    for text in ("Dans för Parkinson", partnership.challenge, actor.name, "Dansledare", "Fler rör på sig varje vecka",
                 "Terminsstart", "Tjugo kom första gången.", "Uppvisning", "Beslutet i nämnden", office.name):
        assert text in page, text
    assert "Budgetutkast" not in page
    assert page.count("<h1") == 1


@pytest.mark.django_db
def test_the_cached_page_shows_a_change_at_once(client, partnership, official, django_assert_num_queries,
                                                django_capture_on_commit_callbacks):
    url = partnership.get_absolute_url()
    client.get(url)
    with django_assert_num_queries(0):
        client.get(url)
    client.get(reverse("partnerships:index"))
    with django_capture_on_commit_callbacks(execute=True):
        services.add_goal(by=official, partnership=partnership, text="Dans på alla öar")
        services.update_partnership(by=official, partnership=partnership, data={"title": "Dans för alla"})
    assert "Dans på alla öar" in client.get(url).content.decode()
    assert "Dans för alla" in client.get(reverse("partnerships:index")).content.decode()


@pytest.mark.django_db
def test_your_partnerships(client, partnership, representative, official, resident):
    MilestoneFactory(partnership=partnership, title="Uppvisning")
    for user in (representative, official):
        client.force_login(user)
        page = client.get(reverse("partnerships:mine")).content.decode()
        assert "Dans för Parkinson" in page and "Uppvisning" in page
    client.force_login(resident)
    assert "Dans för Parkinson" not in client.get(reverse("partnerships:mine")).content.decode()


@pytest.mark.django_db
def test_cards_list_parties_with_commas_between_and_goals_by_title(client, listed, partnership, office):
    from django.utils import translation

    from .factories import PartyFactory

    PartyFactory(partnership=partnership, actor=None, office=office, role="Lokal och samordning")
    with translation.override("en"):
        page = client.get(reverse("partnerships:index")).content.decode()
    parties = page.split("Parties:", 1)[1].split("</p>", 1)[0]
    assert parties == f" <bdi>Parkinson Ekerö</bdi>, <bdi>{office.label}</bdi>"
    goal = SdgGoal.objects.get(number=3)
    assert f'<span class="tag">3. {goal.title_en}</span>' in page and "Goal 3<" not in page


@pytest.mark.django_db
def test_a_coming_milestone_is_to_be_followed_up(client, partnership):
    from django.utils import translation

    MilestoneFactory(partnership=partnership, title="Halvtidsavstämning", due_on=TODAY + timedelta(days=30),
                     follow_up_on=TODAY + timedelta(days=35))
    with translation.override("en"):
        page = client.get(partnership.get_absolute_url()).content.decode()
    day = (TODAY + timedelta(days=35)).strftime("%-d %B %Y")
    assert f"to be followed up on {day}" in page
