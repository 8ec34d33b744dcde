"""The administrator edits topics and routing rules in /admin/ and looks cases up there;
cases themselves are changed only on the officials' pages (through the services)."""

import pytest
from django.urls import reverse

from samverka.cases.models import Case, RoutingRule, Topic
from samverka.cases.tests.helpers import case_form, new_url

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
