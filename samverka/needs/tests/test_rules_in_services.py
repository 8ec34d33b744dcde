"""The services hold the rules themselves: whatever calls them (the page, the API, the
admin, a command) cannot publish for someone else or change someone else's need."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from samverka.core.models import AuditEvent
from samverka.core.tests.helpers import says
from samverka.needs import services
from samverka.needs.models import Answer, Need
from samverka.needs.tests.factories import AnswerFactory, NeedFactory
from samverka.needs.tests.test_publish import need_form

pytestmark = pytest.mark.django_db


def need_data(**publisher) -> dict:
    return {"title": "Ledare till språkcafé", "summary": "Vi söker två ledare.", "kind": Need.Kind.VOLUNTEERS,
            "place": "Ekerö bibliotek", **publisher}


@pytest.mark.parametrize("who", ["resident", "representative", "official"])
def test_nobody_publishes_for_an_actor_they_do_not_act_for(request, who, other_actor):
    person = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        services.create_need(by=person, data=need_data(actor=other_actor, office=None))
    assert not Need.objects.exists() and not AuditEvent.objects.exists()


def test_eva_publishes_for_her_association_but_not_for_an_office(representative, actor, official):
    office = official.office_memberships.get().office
    with pytest.raises(PermissionDenied):
        services.create_need(by=representative, data=need_data(actor=None, office=office))
    need = services.create_need(by=representative, data=need_data(actor=actor, office=None))
    assert Need.objects.get() == need and need.actor == actor


def test_an_official_publishes_for_the_office_and_the_administrator_for_anyone(official, administrator, actor):
    office = official.office_memberships.get().office
    services.create_need(by=official, data=need_data(actor=None, office=office))
    services.create_need(by=administrator, data=need_data(actor=actor, office=None))
    assert Need.objects.count() == 2


def test_someone_elses_need_cannot_be_changed_closed_or_its_answers_handled(resident, representative, other_actor):
    need = NeedFactory(actor=other_actor, office=None, title="Deras behov")
    answer = AnswerFactory(need=need, user=resident)
    for change in (lambda: services.update_need(by=representative, need=need, data={"title": "Kapad"}),
                   lambda: services.close_need(by=representative, need=need, outcome="Stängd"),
                   lambda: services.handle_answer(by=representative, answer=answer, decision="accept", reply="Ja")):
        with pytest.raises(PermissionDenied):
            change()
    need.refresh_from_db()
    answer.refresh_from_db()
    assert need.title == "Deras behov" and not need.is_closed and answer.status == Answer.Status.NEW
    assert not AuditEvent.objects.exists()


def test_the_publisher_cannot_answer_their_own_need(representative, actor):
    need = NeedFactory(actor=actor, office=None)
    with pytest.raises(PermissionDenied):
        services.answer_need(by=representative, need=need, kind=Answer.Kind.SIGN_UP, message="Jag!")
    assert not Answer.objects.exists()


def test_the_form_refuses_a_publisher_one_does_not_act_for(client, representative, other_actor):
    client.force_login(representative)
    response = client.post(reverse("needs:create"), need_form(f"actor:{other_actor.pk}", representative))
    assert response.status_code == 200
    assert response.context["form"].errors["publisher"] == [
        says("You cannot publish for this organiser. Choose an association or office you act for.")]
    assert not Need.objects.exists()
