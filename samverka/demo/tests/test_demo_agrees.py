"""The demo tells one story: what an association's page, a need and an answer to a case
say about a recurring activity agrees with the calendar (day, time and place)."""

from datetime import datetime, timedelta

import pytest

from samverka.activities.demo import PLACES, SERIES
from samverka.cases.demo import ANSWERS
from samverka.demo.actors_data import ACTORS
from samverka.needs.demo import NEEDS

DAYS = ["måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"]


def series(title: str) -> dict:
    row = next(r for r in SERIES if r[1] == title)
    start = datetime.strptime(row[5], "%H:%M")
    end = start + timedelta(minutes=row[6])

    def clock(moment):
        return f"{moment.hour}" if not moment.minute else f"{moment.hour}.{moment.minute:02d}"

    place = next(p for p in PLACES if p[0] == row[3])
    return {"actor": row[0], "day": DAYS[row[4]], "hours": f"{clock(start)}–{clock(end)}", "place": place[1]}


def description(actor: str) -> str:
    data = next(a for a in ACTORS if a["name"] == actor)
    return data["summary"] + " " + data["description"]


def test_the_language_cafe_meets_when_the_calendar_says():
    library, stenhamra = series("Språkcafé på biblioteket"), series("Språkcafé i Stenhamra")
    answer = ANSWERS["Fatima Ahmadi"]
    assert f"varje {library['day']} kl. {library['hours']}" in answer
    assert f"varje {stenhamra['day']} kl. {stenhamra['hours']}" in answer
    assert f"på {library['day']}ar klockan {library['hours']}" in description(library["actor"])
    assert f"I Stenhamra träffas vi på {stenhamra['day']}ar" in description(library["actor"])
    need = next(n for n in NEEDS if n[0] == "ledare-sprakcafe")
    assert need[9] == f"{library['day'].capitalize()}ar {library['hours']}"


@pytest.mark.parametrize(("title", "says"), [
    ("Öppet hus på Solrosen", "På {day}ar har vi öppet hus"),
    ("Finskt kaffekalas", "Varannan {day} har vi kaffeträff på {place}"),
    ("Öppen körövning", "Vi repeterar på {day}skvällar i {place}"),
    ("Promenad och samtal för kvinnor", "Vi träffas på {day}ar förmiddag"),
    ("Spelkväll för unga", "Vi träffas på {day}ar på fritidsgården i Stenhamra"),
    ("Teaterverkstad", "Kurserna är på {day}ar"),
    ("Läxhjälp i Stenhamra", "på Stenhamra fritidsgård på {day}ar klockan {hours}"),
    ("Läxhjälp på biblioteket", "på Ekerö bibliotek på {day}ar klockan {hours}"),
])
def test_an_associations_page_agrees_with_its_activity_in_the_calendar(title, says):
    activity = series(title)
    place = activity["place"].split(",")[0]
    assert says.format(day=activity["day"], hours=activity["hours"], place=place) in description(activity["actor"])


def test_a_need_agrees_with_the_activity_it_drives_people_to():
    meeting = series("Medlemsträff med föredrag")
    need = next(n for n in NEEDS if n[0] == "chaufforer-parkinson")
    assert f"en {meeting['day']} i månaden" in need[4].lower() and need[9].endswith(meeting["hours"])
