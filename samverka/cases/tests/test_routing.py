"""Routing: the most specific rule wins (topic and part of the municipality, then topic,
then part of the municipality, then the catch-all). With no rule at all the case is still
taken in, and the municipality's contact address is told to route it by hand."""

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError

from samverka.cases import defaults
from samverka.cases.models import Case, RoutingRule, Topic
from samverka.cases.services import route
from samverka.cases.tests.factories import RoutingRuleFactory, topic
from samverka.cases.tests.helpers import case_form, new_url
from samverka.communication.models import OutboxMessage
from samverka.municipality.models import District, Municipality

pytestmark = pytest.mark.django_db


def test_the_default_rules_route_every_topic_and_have_a_catch_all(offices):
    assert RoutingRule.objects.count() == len(defaults.RULES)
    assert RoutingRule.objects.filter(topic=None, district=None, office__slug="kultur-och-fritidskontoret").exists()
    for t in Topic.objects.all():
        assert route(topic=t, district=None) is not None
    assert route(topic=topic("barn-och-unga"), district=None).slug == "barn-och-utbildningsforvaltningen"
    assert route(topic=topic("annat"), district=None).slug == "kultur-och-fritidskontoret"


def test_loading_the_default_rules_again_adds_nothing(offices):
    assert defaults.load_rules(apps) == 0
    defaults.load_topics(apps)
    assert Topic.objects.count() == len(defaults.TOPICS)


def test_the_most_specific_rule_wins(offices, stenhamra):
    nature = topic("natur-och-miljo")
    architect, social = offices["stadsarkitektkontoret"], offices["socialkontoret"]
    adelso = District.objects.create(slug="adelso", name="Adelsö")
    RoutingRuleFactory(topic=nature, district=stenhamra, office=architect)
    RoutingRuleFactory(topic=None, district=adelso, office=social)
    assert route(topic=nature, district=stenhamra) == architect            # topic and district
    assert route(topic=nature, district=adelso).slug == "teknik-och-exploateringskontoret"  # topic beats district
    assert route(topic=topic("annat"), district=adelso) == social           # district beats catch-all
    assert route(topic=topic("annat"), district=stenhamra).slug == "kultur-och-fritidskontoret"  # catch-all


def test_a_case_from_stenhamra_follows_the_district_rule(client, offices, stenhamra):
    RoutingRuleFactory(topic=topic("lokaler"), district=stenhamra, office=offices["stadsarkitektkontoret"])
    client.post(new_url(), case_form(topic="lokaler", district=stenhamra.pk))
    assert Case.objects.get().office.slug == "stadsarkitektkontoret"


def test_two_rules_for_the_same_topic_and_district_are_refused(offices):
    rule = RoutingRule(topic=None, district=None, office=offices["socialkontoret"])
    with pytest.raises(ValidationError):
        rule.full_clean()
    rule = RoutingRule(topic=topic("aldre"), district=None, office=offices["kultur-och-fritidskontoret"])
    with pytest.raises(ValidationError):
        rule.full_clean()


def test_without_any_rule_the_case_is_kept_and_the_municipality_is_told(client, db):
    assert not RoutingRule.objects.exists()  # no offices: the default rules had nothing to point at
    response = client.post(new_url(), case_form())
    case = Case.objects.get()
    assert response.status_code == 302
    assert case.office is None
    assert [e.kind for e in case.events.all()] == ["received"]
    told = OutboxMessage.objects.get(to=Municipality.current().contact_email)
    assert case.reference in told.subject
    assert OutboxMessage.objects.filter(to="lina@example.org").exists()


def test_the_administrator_routes_a_case_no_rule_matched(client, db, administrator, official):
    client.post(new_url(), case_form())
    case = Case.objects.get()
    client.force_login(administrator)
    inbox = client.get("/vag-in/inkorg/").content.decode()
    assert case.reference in inbox
    office = official.office_memberships.get().office
    response = client.post(f"/vag-in/inkorg/{case.reference}/skicka-vidare/",
                           {"office": office.pk, "note": "Handlar om föreningslokaler."})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.office == office
    assert OutboxMessage.objects.filter(to=official.email).count() == 1
