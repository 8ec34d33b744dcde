"""Results: counts and shares per option as an SVG bar chart with the numbers in a table, the
scale's distribution and mean, the ranking's average place, free text for the office only, CSV of
every answer (spreadsheet-safe), and a fixed number of queries however many answered."""

import csv
import io
import random

import pytest
from django.urls import reverse

from samverka.accounts.tests.factories import UserFactory
from samverka.core.tests.helpers import h1_count, says
from samverka.dialogue import services_surveys
from samverka.dialogue.models import Survey

from .factories_surveys import five_kinds, open_survey_with_phase

pytestmark = pytest.mark.django_db


def fill(survey, questions, n, seed=1):
    """`n` people answer at random (the text only every other time); returns the scale values."""
    rnd = random.Random(seed)
    q = questions
    choice, multiple, ranking = (list(q[k].options.all()) for k in ("choice", "multiple", "ranking"))
    steps = []
    for i in range(n):
        step = rnd.randint(1, 5)
        steps.append(step)
        answers = {q["choice"]: rnd.choice(choice), q["multiple"]: rnd.sample(multiple, rnd.randint(1, 3)),
                   q["scale"]: step, q["ranking"]: rnd.sample(ranking, len(ranking))}
        if i % 2 == 0:
            answers[q["text"]] = f"Synpunkt nummer {i}"
        services_surveys.answer(by=UserFactory(), survey=survey, answers=answers)
    return steps


@pytest.fixture
def survey(official):
    survey = open_survey_with_phase(process__contact=official)
    return survey


@pytest.fixture
def questions(survey):
    return five_kinds(survey)


def results(client, survey):
    response = client.get(reverse("dialogue:survey_results", args=[survey.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_counts_shares_and_charts(client, official, survey, questions, django_user_model):
    people = [UserFactory() for _ in range(4)]
    yes, no, _unknown = questions["choice"].options.all()
    for person, option, step in zip(people, [yes, yes, yes, no], [5, 4, 4, 1], strict=True):
        services_surveys.answer(by=person, survey=survey, answers={questions["choice"]: option,
                                                                  questions["scale"]: step})
    client.force_login(official)
    page = results(client, survey)
    assert page.count('<svg class="survey-chart" role="img"') == 4  # choice, multiple, scale, ranking
    assert f'<title id="chart-{questions["choice"].pk}-title">' in page
    # Ja: 3 of 4 = 75 %, drawn 75 % long and said in the table.
    assert 'width="75.0%"' in page and "<td>3</td>" in page and "<td>75 %</td>" in page
    assert "<td>25 %</td>" in page
    # The scale: mean (5 + 4 + 4 + 1) / 4 = 3.5, in Swedish 3,5.
    assert "3,5" in page
    assert h1_count(page) == 1


def test_the_ranking_shows_the_average_place(client, official, survey, questions):
    first, second, third = questions["ranking"].options.all()
    for order in ([first, second, third], [first, third, second], [second, first, third]):
        services_surveys.answer(by=UserFactory(), survey=survey, answers={questions["ranking"]: order})
    client.force_login(official)
    page = results(client, survey)
    # Tidig dialog: places 1, 1, 2 → 1,3; Återkoppling: 2, 3, 1 → 2,0; En väg in: 3, 2, 3 → 2,7.
    page = page.replace("\u00ad", "")  # the column heads carry soft hyphens (narrow screens)
    assert "nom\u00adsnitt\u00adlig" in results(client, survey)
    table = page[page.index(says("Average place")):]
    assert table.index("1,3") < table.index("2,0") < table.index("2,7")
    assert table.index("Tidig dialog") < table.index("Återkoppling") < table.index("En väg in")


def test_free_text_for_the_office_only_and_results_public_when_closed(client, official, survey, questions):
    fill(survey, questions, 4)
    client.force_login(official)
    assert "Synpunkt nummer 2" in results(client, survey)
    client.logout()
    waiting = client.get(reverse("dialogue:survey_results", args=[survey.pk]))  # still open: log in to see
    assert waiting.status_code == 302 and waiting["Location"].startswith(reverse("account_login"))
    Survey.objects.filter(pk=survey.pk).update(status=Survey.Status.CLOSED)
    page = results(client, survey)
    assert "Synpunkt nummer" not in page
    assert says("Free text answers are read by the office and are not published.") in page
    assert client.get(reverse("dialogue:survey_csv", args=[survey.pk])).status_code == 302  # to log in


def test_the_csv_has_every_answer_as_given_and_is_spreadsheet_safe(client, official, survey, questions, resident):
    services_surveys.answer(by=resident, survey=survey, answers={
        questions["choice"]: questions["choice"].options.first(), questions["scale"]: 2,
        questions["text"]: "=HYPERLINK(\"http://example.com\")",
        questions["ranking"]: list(questions["ranking"].options.order_by("-position"))})
    questions["choice"].text = "Ny lydelse"
    questions["choice"].save()
    client.force_login(official)
    response = client.get(reverse("dialogue:survey_csv", args=[survey.pk]))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    header, row = rows
    assert header[2:4] == ["respondent", "actor"] and "Ny lydelse" in header
    assert row[2] == "Lina Sandberg"
    values = dict(zip(header, row, strict=True))
    assert values["Ny lydelse"] == "Ja"
    assert values["Hur nöjda är ni?"] == "2"
    assert values["Vad borde bli bättre?"].startswith("'=")
    assert values["Vad är viktigast?"] == "1. En väg in; 2. Återkoppling; 3. Tidig dialog"


def test_an_anonymous_surveys_csv_has_no_names(client, official, resident):
    survey = open_survey_with_phase(anonymous=True)
    questions = five_kinds(survey)
    services_surveys.answer(by=resident, survey=survey, answers={questions["scale"]: 3})
    client.force_login(official)
    content = b"".join(client.get(reverse("dialogue:survey_csv", args=[survey.pk])).streaming_content).decode()
    assert "respondent" not in content and "Lina" not in content


@pytest.mark.parametrize("n", [10, 200])
def test_the_results_take_the_same_queries_however_many_answered(client, official, survey, questions, n,
                                                                 django_assert_max_num_queries):
    fill(survey, questions, n)
    client.force_login(official)
    with django_assert_max_num_queries(16):
        page = results(client, survey)
    assert f'<p class="lead">{n} ' in page
