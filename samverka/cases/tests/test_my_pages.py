"""What My pages shows of the one way in (the section the dashboard includes), and what
"download my data" takes from it."""

import pytest
from django.template import Context, Template
from django.utils import timezone

from samverka.cases.models import Case
from samverka.cases.privacy import personal_data
from samverka.cases.tests.factories import CaseFactory
from samverka.cases.tests.helpers import case_form, new_url

pytestmark = pytest.mark.django_db


def render_section(user) -> str:
    return Template("{% load cases %}{% my_cases %}").render(Context({"user": user}))


def test_lina_sees_how_many_messages_she_sent(client, offices, resident):
    client.force_login(resident)
    client.post(new_url(), case_form())
    html = render_section(resident)
    assert "/vag-in/mina/" in html and "(1)" in html
    assert "/vag-in/inkorg/" not in html


def test_sara_sees_her_inbox_with_the_late_cases(official, culture, social):
    CaseFactory(office=culture, answer_by=timezone.localdate() - timezone.timedelta(days=1))
    CaseFactory(office=culture)
    CaseFactory(office=social)
    html = render_section(official)
    assert "/vag-in/inkorg/" in html
    assert "2 " in html and "badge--warning" in html  # two waiting, one of them late


def test_download_my_data_includes_the_cases_and_answers(client, offices, resident, official):
    client.force_login(resident)
    client.post(new_url(), case_form(message="Min fråga"))
    case = Case.objects.get()
    client.force_login(official)
    client.post(f"/vag-in/inkorg/{case.reference}/svara/", {"text": "Mitt svar"})
    client.post(f"/vag-in/inkorg/{case.reference}/anteckning/", {"text": "Intern"})
    [row] = personal_data(resident)["cases"]
    assert (row["reference"], row["message"], row["answers"]) == (case.reference, "Min fråga", ["Mitt svar"])
    assert "Intern" not in str(row)
