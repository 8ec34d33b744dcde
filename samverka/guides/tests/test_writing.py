"""Officials write guides and publish them; others cannot."""

import pytest
from django.urls import reverse
from django.utils import translation

from samverka.core.models import AuditEvent
from samverka.guides.models import Guide, GuideVersion, Topic
from samverka.municipality.models import Office

from .factories import make_guide

pytestmark = pytest.mark.django_db

NEW = {"topic": "apply_grant", "audience": "associations", "title_sv": "Så söker du bidrag",
       "summary_sv": "Här får du veta hur du söker föreningsbidrag.", "body_sv": "## Innan du söker\n\nLäs reglerna.",
       "title_en": "", "summary_en": "", "body_en": "", "title_ar": "", "summary_ar": "", "body_ar": "",
       "note": "Första utkastet"}


def test_an_official_writes_a_draft_then_publishes_it(client, official):
    client.force_login(official)
    response = client.post(reverse("guides:new"), NEW)
    guide = Guide.objects.get()
    assert response.url == guide.get_absolute_url()
    assert guide.status == Guide.Status.DRAFT and guide.version == 1 and guide.slug == "sa-soker-du-bidrag"
    version = guide.versions.get()
    assert version.created_by == official and version.note == "Första utkastet" and version.kind == "created"
    assert AuditEvent.objects.filter(action="guide.create").exists()
    client.logout()
    assert client.get(guide.get_absolute_url()).status_code == 404
    client.force_login(official)
    client.post(reverse("guides:publish", args=[guide.slug]))
    client.logout()
    page = client.get(guide.get_absolute_url())
    assert page.status_code == 200
    assert "<h2>Innan du söker</h2>" in page.content.decode()


def test_bad_input_keeps_the_text_and_says_what_to_do(client, official):
    client.force_login(official)
    with translation.override("en"):  # the messages in the source's words, whatever the catalogues say
        url = reverse("guides:new")
    response = client.post(url, {**NEW, "title_sv": "", "topic": "office",
                                                   "summary_en": "Only a summary"})
    html = response.content.decode()
    assert response.status_code == 200 and not Guide.objects.exists()
    assert "Write the guide&#x27;s title in Swedish." in html
    assert "Choose the office that the guide is about." in html
    assert "Write a title for this language too" in html
    assert "Här får du veta hur du söker föreningsbidrag." in html
    assert "error-summary" in html


def test_a_double_submit_creates_one_guide(client, official):
    client.force_login(official)
    page = client.get(reverse("guides:new")).content.decode()
    token = page.split('name="submission_token" value="')[1].split('"')[0]
    first = client.post(reverse("guides:new"), {**NEW, "submission_token": token})
    second = client.post(reverse("guides:new"), {**NEW, "submission_token": token})
    assert Guide.objects.count() == 1 and first.url == second.url


def test_the_text_is_escaped(client, official):
    guide = make_guide(body_sv="## <script>alert(1)</script>\n\n- <b>fet</b>")
    html = client.get(guide.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html and "&lt;script&gt;" in html and "<li>&lt;b&gt;fet&lt;/b&gt;</li>" in html


def test_publishing_needs_an_official_and_nothing_changes_for_others(client, resident, representative):
    guide = make_guide(published=False)
    for person in (resident, representative):
        client.force_login(person)
        assert client.post(reverse("guides:publish", args=[guide.slug])).status_code == 404
        assert client.get(reverse("guides:new")).status_code == 403
        assert client.post(reverse("guides:new"), NEW).status_code == 403
    client.logout()
    assert client.post(reverse("guides:publish", args=[guide.slug])).status_code == 302  # to the login
    guide.refresh_from_db()
    assert guide.status == Guide.Status.DRAFT and Guide.objects.count() == 1
    assert not AuditEvent.objects.filter(action="guide.publish").exists()


def test_an_office_guide_is_written_by_its_own_office(client, official, social_official):
    social = Office.objects.get(slug="socialkontoret")
    guide = make_guide(topic=Topic.OFFICE, office=social, title_sv="Socialkontoret: vad vi gör")
    client.force_login(official)
    form = {**NEW, "title_sv": "Ändrad", "topic": "office", "office": social.pk, "base": guide.version}
    assert client.get(reverse("guides:edit", args=[guide.slug])).status_code == 403
    assert client.post(reverse("guides:edit", args=[guide.slug]), form).status_code == 403
    assert client.post(reverse("guides:publish", args=[guide.slug]), {"action": "unpublish"}).status_code == 403
    guide.refresh_from_db()
    assert guide.title_sv == "Socialkontoret: vad vi gör" and guide.is_published and guide.version == 1
    client.force_login(social_official)
    assert client.post(reverse("guides:edit", args=[guide.slug]), form).status_code == 302
    guide.refresh_from_db()
    assert guide.title_sv == "Ändrad" and guide.version == 2
    assert GuideVersion.objects.filter(guide=guide).count() == 2


def test_taking_a_guide_back_to_draft_hides_it(client, official):
    guide = make_guide()
    client.force_login(official)
    client.post(reverse("guides:publish", args=[guide.slug]), {"action": "unpublish"})
    client.logout()
    assert client.get(guide.get_absolute_url()).status_code == 404
