"""Maja, the administrator, configures the municipality: its areas, offices, officials
and colours. A new installation starts with sensible defaults."""

import re

import pytest
from django.urls import reverse

from samverka.actors.tests.factories import ActorFactory
from samverka.municipality.models import (
    Area,
    District,
    Language,
    Municipality,
    Office,
    OfficeMembership,
    SdgGoal,
    SdgTarget,
    TargetGroup,
)


def test_a_new_installation_has_the_areas_target_groups_languages_and_goals(db):
    assert list(Area.objects.values_list("name_en", flat=True)) == [
        "Culture", "Leisure", "Education", "Integration", "Public health", "Labour market", "Nature",
        "World heritage", "Safety", "Care", "Innovation"]
    assert all(a.name and a.name_en and a.name_ar for a in Area.objects.all())
    assert TargetGroup.objects.count() >= 6
    assert set(Language.objects.values_list("code", flat=True)) >= {"sv", "en", "ar"}
    assert SdgGoal.objects.count() == 17
    assert SdgTarget.objects.count() == 169
    assert not SdgTarget.objects.filter(text_sv="").exists()
    assert not SdgTarget.objects.filter(text_en="").exists()
    assert SdgGoal.objects.get(number=3).title_en.startswith("Good health")
    assert SdgGoal.objects.get(number=3).targets.count() == 13


def test_names_follow_the_visitors_language(client, db):
    def filter_labels(url):
        body = client.get(url).content.decode()
        select = re.search(r'<select name="area".*?</select>', body, re.S).group(0)
        return re.findall(r"<option[^>]*>([^<]+)</option>", select)

    assert "Fritid" in filter_labels("/aktorer/")
    assert "Leisure" in filter_labels("/en/aktorer/")
    assert "أوقات الفراغ" in filter_labels("/ar/aktorer/")


def test_the_settings_row_is_created_once_and_read_once_per_request(db, rf, django_assert_num_queries):
    first = Municipality.current()
    assert Municipality.current().pk == first.pk
    assert Municipality.objects.count() == 1
    request = rf.get("/")
    with django_assert_num_queries(1):
        assert Municipality.of_request(request).pk == first.pk
        assert Municipality.of_request(request).pk == first.pk


@pytest.fixture
def maja(client, administrator):
    client.force_login(administrator)
    return client


def test_the_administrator_renames_an_area_and_the_directory_follows(maja, client):
    area = Area.objects.get(slug="natur")
    ActorFactory(name="Naturskyddsföreningen Ekerö").areas.set([area])
    assert "Natur" in client.get(reverse("actors:directory")).content.decode()

    response = maja.post(reverse("admin:municipality_area_change", args=[area.pk]), {
        "name": "Natur och miljö", "name_en": "Nature and environment", "name_ar": "الطبيعة", "slug": "natur",
        "position": 6,
    })
    assert response.status_code == 302
    body = client.get(reverse("actors:directory")).content.decode()
    assert "Natur och miljö" in body
    assert '<span class="tag">Natur</span>' not in body


def test_the_administrator_adds_a_part_of_the_municipality(maja):
    response = maja.post(reverse("admin:municipality_district_add"), {
        "name": "Adelsö", "name_en": "", "name_ar": "", "slug": "adelso", "position": 3,
    })
    assert response.status_code == 302
    assert District.objects.get(slug="adelso").label == "Adelsö"
    assert "Adelsö" in maja.get(reverse("actors:directory")).content.decode()
    assert "Adelsö" in maja.get(reverse("actors:create")).content.decode()


def test_the_administrator_makes_someone_an_official(maja, client, resident, actor):
    office = Office.objects.create(slug="socialkontoret", name="Socialkontoret")
    OfficeMembership.objects.create(office=office, user=resident, title="Handläggare")
    client.force_login(resident)
    response = client.post(reverse("actors:verify", args=[actor.slug]), {"verified": "1"})
    assert response.status_code == 302
    actor.refresh_from_db()
    assert actor.is_verified


def test_the_brand_colours_come_from_the_settings(maja, client):
    municipality = Municipality.current()
    response = maja.post(reverse("admin:municipality_municipality_change", args=[municipality.pk]), {
        "name": "Ekerö kommun", "short_name": "Ekerö", "contact_email": "kommun@example.org",
        "colour_primary": "#123456", "colour_primary_dark": "#0a1b2c", "colour_accent": "#ffcc00",
        "accessibility_contact": "a11y@example.org", "privacy_contact": "dpo@example.org",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    css = client.get(reverse("theme_css")).content.decode()
    assert "--colour-primary:#123456" in css
    assert "--colour-accent:#ffcc00" in css


def test_a_colour_that_is_not_a_colour_is_refused(maja):
    municipality = Municipality.current()
    response = maja.post(reverse("admin:municipality_municipality_change", args=[municipality.pk]), {
        "name": "Ekerö kommun", "short_name": "Ekerö", "contact_email": "kommun@example.org",
        "colour_primary": "red;}body{display:none", "colour_primary_dark": "#0a1b2c", "colour_accent": "#ffcc00",
        "accessibility_contact": "a11y@example.org", "privacy_contact": "dpo@example.org",
    })
    assert response.status_code == 200
    assert Municipality.objects.get().colour_primary == "#0b4f6c"
    assert "display:none" not in maja.get(reverse("theme_css")).content.decode()


def test_there_is_one_settings_row(maja):
    Municipality.current()
    assert maja.get(reverse("admin:municipality_municipality_add")).status_code == 403


@pytest.mark.parametrize("who", ["resident", "official", "representative"])
def test_only_the_administrator_reaches_the_configuration(client, who, request):
    client.force_login(request.getfixturevalue(who))
    response = client.get(reverse("admin:municipality_area_changelist"))
    assert response.status_code in (302, 403)
    response = client.post(reverse("admin:municipality_area_add"), {"name": "Kapad", "slug": "kapad", "position": 1})
    assert response.status_code in (302, 403)
    assert not Area.objects.filter(slug="kapad").exists()


def test_the_administrator_cannot_choose_a_brand_colour_that_makes_text_unreadable(client, administrator):
    from samverka.municipality.models import Municipality

    settings_row = Municipality.current()
    client.force_login(administrator)
    url = f"/admin/municipality/municipality/{settings_row.pk}/change/"
    form = client.get(url).context["adminform"].form
    data = {name: form.initial.get(name, "") for name in form.fields if name != "logo"}  # no file sent
    data.update(colour_primary="#9ad0ec", require_two_factor_for_officials="")
    data = {k: ("" if v is None else v) for k, v in data.items()}
    response = client.post(url, data)
    assert response.status_code == 200
    assert "colour_primary" in response.context["adminform"].form.errors
    settings_row.refresh_from_db()
    assert settings_row.colour_primary == "#0b4f6c"


def test_a_change_in_the_admin_shows_at_once_on_the_pages_cached_for_visitors(maja, resident):
    """The admin saves through the municipality's services, which renew its version stamp:
    the cached public pages (the directory's tags, every page's name) are rebuilt."""
    from django.test import Client

    visitor = Client()
    area = Area.objects.get(slug="natur")
    ActorFactory(name="Naturskyddsföreningen Ekerö").areas.set([area])
    assert '<span class="tag">Natur</span>' in visitor.get(reverse("actors:directory")).content.decode()

    data = {"name": "Natur och miljö", "name_en": "Nature", "name_ar": "الطبيعة", "slug": "natur", "position": 6}
    other = Client()
    other.force_login(resident)  # not staff: sent to the log-in page, and nothing changes
    assert other.post(reverse("admin:municipality_area_change", args=[area.pk]), data).status_code == 302
    assert Area.objects.get(pk=area.pk).name == "Natur"
    assert '<span class="tag">Natur</span>' in visitor.get(reverse("actors:directory")).content.decode()

    assert maja.post(reverse("admin:municipality_area_change", args=[area.pk]), data).status_code == 302
    assert "Natur och miljö" in visitor.get(reverse("actors:directory")).content.decode()

    municipality = Municipality.current()
    response = maja.post(reverse("admin:municipality_municipality_change", args=[municipality.pk]), {
        "name": "Lovö kommun", "short_name": "Lovö", "contact_email": "kommun@example.org",
        "colour_primary": "#0b4f6c", "colour_primary_dark": "#073447", "colour_accent": "#ffdd00",
        "accessibility_contact": "a11y@example.org", "privacy_contact": "dpo@example.org",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    assert "Lovö kommun" in visitor.get(reverse("actors:directory")).content.decode()
