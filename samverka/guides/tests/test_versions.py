"""Every save keeps a version; a save on top of someone else's is refused with the text kept."""

import pytest
from django.urls import reverse
from django.utils import translation

from samverka.core.models import AuditEvent
from samverka.guides.models import Guide

from .factories import make_guide

pytestmark = pytest.mark.django_db


def _form(guide, **changes):
    data = {f"{n}_{lang}": getattr(guide, f"{n}_{lang}") for lang in ("sv", "en", "ar")
            for n in ("title", "summary", "body")}
    return {**data, "topic": guide.topic, "audience": guide.audience, "office": guide.office_id or "",
            "invited_actor": "", "base": guide.version, "note": "", **changes}


def test_two_people_edit_at_once_and_the_second_is_told(client, official, administrator):
    guide = make_guide(body_sv="Öppet måndag till fredag.")
    sara, maja = client, client.__class__()
    sara.force_login(official)
    maja.force_login(administrator)
    # Both open the edit form on version 1.
    assert 'name="base" value="1"' in sara.get(reverse("guides:edit", args=[guide.slug])).content.decode()
    assert 'name="base" value="1"' in maja.get(reverse("guides:edit", args=[guide.slug])).content.decode()
    assert sara.post(reverse("guides:edit", args=[guide.slug]),
                     _form(guide, body_sv="Öppet måndag till torsdag.", note="Nya tider")).status_code == 302
    with translation.override("en"):  # the message in the source's words, whatever the catalogues say
        edit, history = reverse("guides:edit", args=[guide.slug]), reverse("guides:history", args=[guide.slug])
    response = maja.post(edit, _form(guide, body_sv="Maja skrev detta."))
    html = response.content.decode()
    assert response.status_code == 409
    assert "Someone else saved this guide while you were writing." in html
    assert "Maja skrev detta." in html  # her text is kept in the form
    assert f"{history}?fran=1&amp;till=2" in html
    assert "Sara Nyström" in html
    guide.refresh_from_db()
    assert guide.body_sv == "Öppet måndag till torsdag." and guide.version == 2
    assert AuditEvent.objects.filter(action="guide.edit").count() == 1
    # Having seen it, she saves again on top of version 2, knowingly.
    assert 'name="base" value="2"' in html
    again = maja.post(edit, _form(guide, body_sv="Maja skrev detta.", base=2))
    assert again.status_code == 302
    guide.refresh_from_db()
    assert guide.body_sv == "Maja skrev detta." and guide.version == 3


def test_the_history_lists_who_changed_what_and_shows_the_difference(client, official):
    guide = make_guide(by=official, body_sv="Rad ett.\nRad två.")
    client.force_login(official)
    client.post(reverse("guides:edit", args=[guide.slug]), _form(guide, body_sv="Rad ett.\nRad tre.", note="Rättelse"))
    page = client.get(reverse("guides:history", args=[guide.slug]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Rättelse" in html and html.count("Sara Nyström") >= 2
    assert "Rad två.</del>" in html
    assert "Rad tre.</ins>" in html


def test_nothing_saved_when_nothing_changed(client, official):
    guide = make_guide()
    client.force_login(official)
    client.post(reverse("guides:edit", args=[guide.slug]), _form(guide))
    guide.refresh_from_db()
    assert guide.version == 1


def test_restoring_an_old_version_makes_a_new_one(client, official):
    guide = make_guide(title_sv="Första titeln")
    client.force_login(official)
    client.post(reverse("guides:edit", args=[guide.slug]), _form(guide, title_sv="Andra titeln"))
    response = client.post(reverse("guides:restore", args=[guide.slug, 1]))
    assert response.status_code == 302
    guide.refresh_from_db()
    assert guide.title_sv == "Första titeln" and guide.version == 3
    latest = guide.versions.get(number=3)
    assert latest.kind == "restored" and latest.restored_from == 1 and latest.changed == ["title_sv"]
    assert list(guide.versions.values_list("number", flat=True)) == [3, 2, 1]


def test_others_cannot_see_the_history_or_restore(client, resident, official):
    guide = make_guide(title_sv="Första titeln")
    client.force_login(official)
    client.post(reverse("guides:edit", args=[guide.slug]), _form(guide, title_sv="Andra titeln"))
    client.force_login(resident)
    assert client.get(reverse("guides:history", args=[guide.slug])).status_code == 403
    assert client.post(reverse("guides:restore", args=[guide.slug, 1])).status_code == 403
    assert Guide.objects.get().version == 2


def test_the_history_names_the_facts_that_changed(client, official):
    office = official.office_memberships.get().office
    guide = make_guide(by=official)
    client.force_login(official)
    client.post(reverse("guides:edit", args=[guide.slug]), _form(guide, topic="office", office=office.pk))
    with translation.override("en"):
        html = client.get(reverse("guides:history", args=[guide.slug])).content.decode()
    assert "Kultur- och fritidskontoret</ins>" in html
    assert "An office: what it does, what it can and cannot do, whom to ask</ins>" in html
