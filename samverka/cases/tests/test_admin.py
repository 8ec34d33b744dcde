"""The administrator edits topics and routing rules in /admin/ and looks cases up there;
cases themselves are changed only on the officials' pages (through the services)."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from samverka.accounts.tests.factories import UserFactory
from samverka.cases.models import Case, RoutingRule, Topic
from samverka.cases.tests.helpers import case_form, new_url
from samverka.core.models import AuditEvent
from samverka.core.tests.admin_forms import admin_form
from samverka.core.tests.helpers import says

pytestmark = pytest.mark.django_db


def test_the_admin_pages_open(client, offices, administrator):
    client.post(new_url(), case_form())
    case = Case.objects.get()
    client.force_login(administrator)
    for url in (reverse("admin:cases_topic_changelist"), reverse("admin:cases_routingrule_changelist"),
                reverse("admin:cases_case_changelist"), reverse("admin:cases_case_change", args=[case.pk]),
                reverse("admin:cases_routingrule_add"), reverse("admin:cases_topic_change",
                                                               args=[Topic.objects.first().pk])):
        assert client.get(url).status_code == 200, url
    assert client.get(reverse("admin:cases_case_add")).status_code == 403
    assert client.get(reverse("admin:cases_case_delete", args=[case.pk])).status_code == 403


def test_the_administrator_adds_a_rule_for_a_part_of_the_municipality(client, offices, administrator, stenhamra):
    client.force_login(administrator)
    nature = Topic.objects.get(slug="natur-och-miljo")
    response = client.post(reverse("admin:cases_routingrule_add"), {
        "topic": nature.pk, "district": stenhamra.pk, "office": offices["stadsarkitektkontoret"].pk})
    assert response.status_code == 302
    client.logout()
    client.post(new_url(), case_form(topic="natur-och-miljo", district=stenhamra.pk))
    assert Case.objects.get().office.slug == "stadsarkitektkontoret"


def test_a_second_catch_all_rule_is_refused_with_a_message(client, offices, administrator):
    client.force_login(administrator)
    response = client.post(reverse("admin:cases_routingrule_add"), {"office": offices["socialkontoret"].pk})
    assert response.status_code == 200
    assert RoutingRule.objects.filter(topic=None, district=None).count() == 1


def test_a_rule_with_a_coordinator_gives_them_the_new_cases_at_once(client, offices, administrator, official,
                                                                    stenhamra):
    client.force_login(administrator)
    culture = offices["kultur-och-fritidskontoret"]
    response = client.post(reverse("admin:cases_routingrule_add"), {
        "topic": Topic.objects.get(slug="lokaler").pk, "district": stenhamra.pk, "office": culture.pk,
        "coordinator": official.pk})
    assert response.status_code == 302
    client.logout()
    client.post(new_url(), case_form(topic="lokaler", district=stenhamra.pk))
    case = Case.objects.get()
    assert (case.office, case.assigned_to, case.status) == (culture, official, Case.Status.RECEIVED)
    client.post(new_url(), case_form(topic="lokaler"))  # another rule (the topic's own): the shared inbox
    assert Case.objects.latest("pk").assigned_to is None
    client.force_login(official)
    inbox = client.get(reverse("cases:inbox")).content.decode()
    assert case.reference in inbox and "Sara Nyström" in inbox


def test_a_coordinator_from_another_office_is_refused_next_to_the_field(client, offices, administrator, official):
    client.force_login(administrator)
    response = client.post(reverse("admin:cases_routingrule_add"), {
        "topic": Topic.objects.get(slug="lokaler").pk, "office": offices["socialkontoret"].pk,
        "coordinator": official.pk, "district": ""})
    assert response.status_code == 200
    assert says("The coordinator must be an official of the office.") in response.content.decode()
    assert not RoutingRule.objects.filter(coordinator=official).exists()


def test_a_coordinator_who_has_left_the_office_no_longer_gets_cases(client, offices, official):
    culture = offices["kultur-och-fritidskontoret"]
    RoutingRule.objects.filter(topic__slug="lokaler", district=None).update(office=culture, coordinator=official)
    official.office_memberships.all().delete()
    client.post(new_url(), case_form(topic="lokaler"))
    case = Case.objects.get()
    assert case.office == culture and case.assigned_to is None


def test_routing_changes_in_the_admin_are_in_the_history(client, offices, administrator, stenhamra):
    client.force_login(administrator)
    topic = Topic.objects.get(slug="lokaler")
    response = client.post(reverse("admin:cases_routingrule_add"), {
        "topic": topic.pk, "office": offices["socialkontoret"].pk, "district": stenhamra.pk, "coordinator": ""})
    assert response.status_code == 302
    assert AuditEvent.objects.get(action="routing.save").user == administrator
    rule = RoutingRule.objects.latest("pk")
    assert client.post(reverse("admin:cases_routingrule_delete", args=[rule.pk]), {"post": "yes"}).status_code == 302
    assert AuditEvent.objects.get(action="routing.delete").target_id == str(rule.pk)


def test_staff_without_the_right_to_edit_routing_get_403_and_nothing_changes(client, offices, stenhamra):
    kim = UserFactory(first_name="Kim", last_name="Ek", email="kim@example.org", is_staff=True)
    kim.user_permissions.add(*Permission.objects.filter(
        content_type__app_label="cases", codename__in=["view_topic", "change_topic", "add_routingrule"]))
    client.force_login(kim)
    topic = Topic.objects.get(slug="lokaler")
    rules_before = RoutingRule.objects.count()
    response = client.post(reverse("admin:cases_routingrule_add"), {
        "topic": topic.pk, "office": offices["socialkontoret"].pk, "district": stenhamra.pk, "coordinator": ""})
    assert response.status_code == 403
    url = reverse("admin:cases_topic_change", args=[topic.pk])
    response = client.post(url, admin_form(client, url, name="Kapad"))
    assert response.status_code == 403
    assert RoutingRule.objects.count() == rules_before
    assert Topic.objects.get(pk=topic.pk).name != "Kapad"
    assert not AuditEvent.objects.exists()
