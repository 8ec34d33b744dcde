"""The process's audience (everyone, associations and other actors, only those invited, young
people) decides who may post proposals and comments and answer a per-person survey: someone
outside it is told why instead of getting the form, and nothing is saved."""

import pytest
from django.urls import reverse

from samverka.accounts.tests.factories import UserFactory
from samverka.core.tests.helpers import flash, says
from samverka.dialogue.models import Comment, Process, Proposal, Response
from samverka.networks.tests.factories import GroupFactory
from samverka.networks.tests.factories import MembershipFactory as GroupMembershipFactory

from .factories import ProcessFactory
from .factories_surveys import five_kinds, open_survey_with_phase, post_for

pytestmark = pytest.mark.django_db

PROPOSAL = {"title": "Öppna gården på lördagar", "body": "Många unga har ingenstans att vara på helgen."}
OUTSIDE = {
    Process.Audience.ACTORS: "This dialogue is for associations and other actors: sign in as a representative of "
                             "an association, or as a member of a council or network, to take part. You can still "
                             "read everything here.",
    Process.Audience.INVITED: "This dialogue is only for those invited: the representatives of the invited "
                              "associations and the members of the invited councils and groups. You can still "
                              "read everything here.",
    Process.Audience.YOUTH: "This dialogue is for young people: the members of the invited youth and pupils' "
                            "councils and youth associations take part. You can still read everything here.",
}


@pytest.fixture
def council_member(db):
    user = UserFactory(first_name="Alva", last_name="Berg", email="alva@example.org")
    GroupMembershipFactory(user=user, group=GroupFactory(name="Ungdomsrådet"))
    return user


def _invite(process, actor, council_member):
    process.invited_actors.add(actor)
    process.invited_groups.add(council_member.group_memberships.get().group)


def _refused(client, process, user, text):
    client.force_login(user)
    url = reverse("dialogue:propose", args=[process.slug])
    page = client.get(url)
    assert page.status_code == 403 and 'name="title"' not in page.content.decode()
    posted = client.post(url, {**PROPOSAL, "submission_token": f"r{user.pk}"})
    comment = client.post(reverse("dialogue:comment", args=[process.slug]),
                          {"body": "Bra idé", "submission_token": f"c{user.pk}"})
    for response in (page, posted, comment):
        assert response.status_code == 403 and text in response.content.decode()
    assert text in client.get(process.get_absolute_url()).content.decode()


def _allowed(client, process, user, n):
    client.force_login(user)
    response = client.post(reverse("dialogue:propose", args=[process.slug]),
                           {**PROPOSAL, "submission_token": f"a{user.pk}-{process.pk}"})
    assert response.status_code == 302
    assert Proposal.objects.filter(process=process, author=user).count() == 1


def test_everyone_may_take_part_in_an_open_dialogue(client, office, resident, representative):
    process = ProcessFactory(office=office, audience=Process.Audience.EVERYONE)
    _allowed(client, process, resident, 1)
    _allowed(client, process, representative, 2)


def test_a_dialogue_for_actors_refuses_a_resident(client, office, resident, representative, council_member):
    process = ProcessFactory(office=office, audience=Process.Audience.ACTORS)
    _refused(client, process, resident, says(OUTSIDE[process.audience]).split(":")[0])
    assert not Proposal.objects.exists() and not Comment.objects.exists()
    _allowed(client, process, representative, 1)
    _allowed(client, process, council_member, 2)


def test_an_invited_only_dialogue_takes_the_invited_only(client, office, resident, representative, actor,
                                                         council_member, other_actor):
    from samverka.actors.models import ActorMembership
    from samverka.actors.tests.factories import MembershipFactory

    process = ProcessFactory(office=office, audience=Process.Audience.INVITED)
    _invite(process, actor, council_member)
    not_invited = UserFactory(email="ali@example.org")
    MembershipFactory(actor=other_actor, user=not_invited, role=ActorMembership.Role.OWNER)
    text = says(OUTSIDE[process.audience]).split(":")[0]
    _refused(client, process, resident, text)
    _refused(client, process, not_invited, text)
    assert not Proposal.objects.exists()
    _allowed(client, process, representative, 1)
    _allowed(client, process, council_member, 2)


def test_a_youth_dialogue_takes_its_invited_councils_or_everyone_when_none(client, office, resident, actor,
                                                                           council_member):
    process = ProcessFactory(office=office, audience=Process.Audience.YOUTH)
    _allowed(client, process, resident, 1)
    invited = ProcessFactory(office=office, audience=Process.Audience.YOUTH)
    invited.invited_groups.add(council_member.group_memberships.get().group)
    _refused(client, invited, resident, says(OUTSIDE[invited.audience]).split(":")[0])
    _allowed(client, invited, council_member, 1)


def test_a_per_person_survey_of_a_dialogue_for_actors(client, resident, representative):
    survey = open_survey_with_phase()
    survey.process.audience = Process.Audience.ACTORS
    survey.process.save()
    questions = five_kinds(survey)
    url = reverse("dialogue:survey_answer", args=[survey.pk])
    client.force_login(resident)
    response = client.get(url)
    assert response.status_code == 302 and response.url == survey.get_absolute_url()
    assert flash(response)[0].startswith(says(OUTSIDE[Process.Audience.ACTORS]).split(":")[0])
    client.post(url, post_for(questions, submission_token="s1"))
    assert not Response.objects.exists()
    client.force_login(representative)
    assert 'name="submission_token"' in client.get(url).content.decode()
    client.post(url, post_for(questions, submission_token="s2"))
    assert Response.objects.get().respondent == representative


def test_a_youth_dialogue_takes_those_who_said_they_are_young_and_not_those_who_said_they_are_older(
        client, office, resident, council_member):
    import datetime as dt

    from django.utils import timezone

    today = timezone.localdate()
    process = ProcessFactory(office=office, audience=Process.Audience.YOUTH)
    young = UserFactory(email="elsa@example.org", birth_date=today.replace(year=today.year - 15) - dt.timedelta(days=1))
    older = UserFactory(email="bo@example.org", birth_date=today.replace(year=today.year - 40))
    _allowed(client, process, young, 1)
    _refused(client, process, older, says(OUTSIDE[process.audience]).split(":")[0])
    # Invited councils: a young person who said their age still takes part; one who did not, not.
    invited = ProcessFactory(office=office, audience=Process.Audience.YOUTH)
    invited.invited_groups.add(council_member.group_memberships.get().group)
    _allowed(client, invited, young, 1)
    _refused(client, invited, resident, says(OUTSIDE[invited.audience]).split(":")[0])
