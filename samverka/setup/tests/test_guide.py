"""Maja, the administrator, sets up a new municipality step by step in the setup guide: each step
saves through the municipality's services, bad input comes back with its message next to the
field and the rest of her input kept, and a double click adds nothing twice."""

from __future__ import annotations

import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from samverka.communication import services as communication
from samverka.communication.models import OutboxMessage
from samverka.communication.sms import LocmemBackend
from samverka.core.models import AuditEvent
from samverka.core.tests.helpers import says
from samverka.municipality.models import Area, Committee, District, Municipality, Office, OfficeMembership, TargetGroup


def png(width=200, height=80, colour=(11, 79, 108)) -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(out, "PNG")
    return SimpleUploadedFile("logo.png", out.getvalue(), content_type="image/png")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {**settings.STORAGES,
                         "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}


@pytest.fixture
def client_maja(client, administrator):
    client.force_login(administrator)
    return client


def test_the_name_step_saves_and_goes_on_to_the_logo(client_maja, client):
    response = client_maja.post(reverse("setup:guide_name"), {
        "name": "Värmdö kommun", "short_name": "Värmdö", "contact_email": "kommun@varmdo.se",
        "phone": "08-570 470 00", "phone_hours": "vardagar 8–16"})
    assert response.status_code == 302 and response["Location"] == reverse("setup:guide_logo")
    row = Municipality.current()
    assert (row.name, row.short_name, row.contact_email, row.phone) == (
        "Värmdö kommun", "Värmdö", "kommun@varmdo.se", "+46857047000")
    assert AuditEvent.objects.filter(action="configuration.change").exists()
    client.logout()
    assert "Värmdö kommun" in client.get(reverse("home")).text  # the layout's cached page is rebuilt


def test_bad_input_on_the_name_step_is_kept_with_its_message(client_maja):
    response = client_maja.post(reverse("setup:guide_name"), {
        "name": "Värmdö kommun", "short_name": "", "contact_email": "inte-en-adress", "phone": ""})
    assert response.status_code == 400
    form = response.context["form"]
    assert set(form.errors) == {"short_name", "contact_email"}
    assert 'value="Värmdö kommun"' in response.text
    assert 'id="id_contact_email_error"' in response.text
    assert Municipality.current().name == "Ekerö kommun"


def test_save_keeps_her_on_the_step(client_maja):
    response = client_maja.post(reverse("setup:guide_name"), {
        "name": "Värmdö kommun", "short_name": "Värmdö", "contact_email": "kommun@varmdo.se", "then": "stay"})
    assert response["Location"] == reverse("setup:guide_name")


def test_the_logo_shows_in_every_pages_header_with_the_name_as_its_text(client_maja, client):
    response = client_maja.post(reverse("setup:guide_logo"), {"logo": png()})
    assert response.status_code == 302
    row = Municipality.current()
    assert row.logo and row.logo.name.startswith("municipality/")
    page = client.get(reverse("home")).text
    assert f'<img class="brand__logo" src="{row.logo.url}" alt="Ekerö kommun">' in page


def test_a_file_that_is_not_an_image_is_refused_as_a_logo(client_maja):
    response = client_maja.post(reverse("setup:guide_logo"), {
        "logo": SimpleUploadedFile("logo.png", b"<svg onload=alert(1)>", content_type="image/png")})
    assert response.status_code == 400
    assert "logo" in response.context["form"].errors
    assert not Municipality.current().logo


def test_the_logo_step_without_a_file_asks_for_one(client_maja):
    response = client_maja.post(reverse("setup:guide_logo"), {})
    assert response.status_code == 400
    assert response.context["form"].errors["logo"] == [says("Choose an image file with the logo.")]


def test_colours_with_enough_contrast_are_saved_and_drawn(client_maja, client):
    response = client_maja.post(reverse("setup:guide_colours"), {
        "colour_primary": "#1D4F91", "colour_primary_dark": "#0f2b52", "colour_accent": "#ffd200"})
    assert response.status_code == 302
    assert "--colour-primary:#1d4f91;" in client.get(reverse("theme_css")).text


def test_a_colour_below_4_5_to_1_is_refused_with_the_ratio_and_a_suggestion(client_maja):
    response = client_maja.post(reverse("setup:guide_colours"), {
        "colour_primary": "#9ad0ec", "colour_primary_dark": "#073447", "colour_accent": "#ffdd00"})
    assert response.status_code == 400
    message = response.context["form"].errors["colour_primary"][0]
    assert "1,4:1" in message and "4,5:1" in message and "#53707f" in message
    assert 'value="#9ad0ec"' in response.text and 'value="#073447"' in response.text
    assert Municipality.current().colour_primary == "#0b4f6c"


def test_the_suggested_colour_passes(client_maja):
    response = client_maja.post(reverse("setup:guide_colours"), {
        "colour_primary": "#53707f", "colour_primary_dark": "#073447", "colour_accent": "#ffdd00"})
    assert response.status_code == 302


def test_an_accent_dark_text_cannot_be_read_on_is_refused(client_maja):
    response = client_maja.post(reverse("setup:guide_colours"), {
        "colour_primary": "#0b4f6c", "colour_primary_dark": "#073447", "colour_accent": "#333333"})
    assert response.status_code == 400
    accent = says("The accent marks where the keyboard is, behind dark text and against the dark primary "
                  "colour. Its contrast is %(ratio)s:1 and at least %(needed)s:1 is needed. Try a lighter "
                  "shade, for example %(suggestion)s.")
    assert accent.split(".")[0] in response.context["form"].errors["colour_accent"][0]


def test_she_adds_a_committee_an_office_and_an_official(client_maja, resident):
    url = reverse("setup:guide_offices")
    client_maja.post(url, {"add": "committee", "committee-name": "Kultur- och fritidsnämnden",
                           "committee-name_en": "Culture and Leisure Committee"})
    committee = Committee.objects.get()
    assert committee.slug == "kultur-och-fritidsnamnden"
    client_maja.post(url, {"add": "office", "office-name": "Kultur- och fritidsförvaltningen",
                           "office-committee": committee.pk, "office-email": "kultur@varmdo.se"})
    office = Office.objects.get()
    assert (office.slug, office.committee) == ("kultur-och-fritidsforvaltningen", committee)
    response = client_maja.post(url, {"add": "official", "official-email": "LINA@example.org",
                                      "official-office": office.pk, "official-title": "Föreningskonsulent"})
    assert response.status_code == 302
    membership = OfficeMembership.objects.get()
    assert (membership.user, membership.office, membership.title) == (resident, office, "Föreningskonsulent")
    page = client_maja.get(url).text
    assert "Lina Sandberg" in page and "Föreningskonsulent" in page


def test_an_official_needs_an_account(client_maja):
    office = Office.objects.create(name="Socialförvaltningen", slug="social")
    response = client_maja.post(reverse("setup:guide_offices"), {
        "add": "official", "official-email": "okand@example.org", "official-office": office.pk,
        "official-title": "Samordnare"})
    assert response.status_code == 400
    assert response.context["forms"]["official"].errors["email"][0] == says(
        "No one has an account with this address. Ask them to create one first.")
    assert 'value="Samordnare"' in response.text
    assert not OfficeMembership.objects.exists()


def test_a_double_click_adds_one_office(client_maja):
    page = client_maja.get(reverse("setup:guide_offices")).text
    token = page.split('name="submission_token" value="')[1].split('"')[0]
    data = {"add": "office", "office-name": "Miljöförvaltningen", "submission_token": token}
    first = client_maja.post(reverse("setup:guide_offices"), data)
    second = client_maja.post(reverse("setup:guide_offices"), data)
    assert first.status_code == second.status_code == 302
    assert Office.objects.filter(name="Miljöförvaltningen").count() == 1


def test_she_adds_parts_of_the_municipality_areas_and_target_groups(client_maja):
    url = reverse("setup:guide_places")
    client_maja.post(url, {"add": "district", "district-name": "Gustavsberg", "district-zone": ""})
    client_maja.post(url, {"add": "district", "district-name": "Djurö", "district-zone": "Skärgården"})
    client_maja.post(url, {"add": "area", "area-name": "Skärgårdsliv", "area-name_ar": "الحياة في الأرخبيل"})
    client_maja.post(url, {"add": "target_group", "target_group-name": "Sommarboende"})
    assert list(District.objects.values_list("slug", "zone")) == [("djuro", "Skärgården"), ("gustavsberg", "")]
    assert Area.objects.filter(slug="skargardsliv", name_ar="الحياة في الأرخبيل").exists()
    assert TargetGroup.objects.filter(slug="sommarboende").exists()
    page = client_maja.get(url).text
    assert "Gustavsberg" in page and "Skärgårdsliv" in page


def test_a_part_without_a_name_is_refused_next_to_the_field(client_maja):
    response = client_maja.post(reverse("setup:guide_places"), {"add": "district", "district-name": "",
                                                                "district-zone": "Skärgården"})
    assert response.status_code == 400
    assert "name" in response.context["forms"]["district"].errors
    assert 'value="Skärgården"' in response.text
    assert not District.objects.exists()


def test_the_programmes_step_links_to_their_setup_pages(client_maja):
    page = client_maja.get(reverse("setup:guide_programmes")).text
    assert reverse("grants:new_programme") in page
    assert reverse("admin:matching_programme_add") in page


def test_her_own_texts_replace_the_standard_privacy_notice_and_accessibility_statement(client_maja, client):
    response = client_maja.post(reverse("setup:guide_texts"), {
        "privacy_notice": "Värmdö kommun är personuppgiftsansvarig.\n\n## Vad vi sparar\n- Ditt namn\n- <script>x</script>",
        "privacy_notice_en": "Värmdö municipality is the controller.",
        "privacy_contact": "dataskydd@varmdo.se",
        "accessibility_statement": "Vi granskade webbplatsen i november.",
        "accessibility_contact": "tillganglighet@varmdo.se", "accessibility_assessed_on": "2026-11-20"})
    assert response.status_code == 302
    statement = client.get(reverse("accessibility")).text
    assert "Vi granskade webbplatsen i november." in statement and "20 november 2026" in statement
    assert "23 november 2026" not in statement
    page = client.get(reverse("privacy")).text
    assert "<p>Värmdö kommun är personuppgiftsansvarig.</p>" in page
    assert "<h2>Vad vi sparar</h2>" in page and "<li>&lt;script&gt;x&lt;/script&gt;</li>" in page
    assert "<script>x" not in page
    assert "dataskydd@varmdo.se" in page
    assert "Värmdö municipality is the controller." in client.get("/en/personuppgifter/").text
    # Arabic falls back to English
    assert "Värmdö municipality is the controller." in client.get("/ar/personuppgifter/").text


def test_without_texts_of_her_own_the_standard_pages_show(client, db):
    assert "Cookies" in client.get("/en/personuppgifter/").text


def test_a_date_that_is_no_date_is_refused_and_the_texts_kept(client_maja):
    response = client_maja.post(reverse("setup:guide_texts"), {
        "privacy_notice": "Vår egen text.", "privacy_contact": "dataskydd@varmdo.se",
        "accessibility_contact": "tillganglighet@varmdo.se", "accessibility_assessed_on": "i höstas"})
    assert response.status_code == 400
    assert "accessibility_assessed_on" in response.context["form"].errors
    assert "Vår egen text." in response.text


def test_the_sender_settings_are_used_for_every_email(client_maja, resident):
    response = client_maja.post(reverse("setup:guide_messages"), {
        "email_sender_name": "Samverka Värmdö", "email_sender_address": "samverka@varmdo.se",
        "email_reply_to": "kontakt@varmdo.se", "sms_sender": "VarmdoKom"})
    assert response.status_code == 302
    communication.queue_email(to="lina@example.org", template="setup/email/test_message",
                              context={"sender_name": "x", "guide_url": "/"})
    communication.queue_sms(to="+46701234567", body="Hej")
    communication.deliver_due()
    assert mail.outbox[-1].from_email == "Samverka Värmdö <samverka@varmdo.se>"
    assert mail.outbox[-1].extra_headers["Reply-To"] == "kontakt@varmdo.se"
    assert LocmemBackend.outbox[-1]["to"] == "+46701234567"


def test_an_sms_sender_with_swedish_letters_is_refused(client_maja):
    response = client_maja.post(reverse("setup:guide_messages"), {
        "email_sender_name": "Samverka Värmdö", "email_sender_address": "samverka@varmdo.se",
        "sms_sender": "Värmdö kommun"})
    assert response.status_code == 400
    assert "sms_sender" in response.context["form"].errors
    assert 'value="Samverka Värmdö"' in response.text


def test_the_test_email_goes_to_her_own_verified_address_only(client_maja, administrator):
    Municipality.current()
    Municipality.objects.update(email_sender_address="samverka@varmdo.se")
    page = client_maja.get(reverse("setup:guide_messages")).text
    token = page.split('name="submission_token" value="')[1].split('"')[0]
    for _twice in range(2):
        response = client_maja.post(reverse("setup:guide_messages"), {
            "test": "email", "to": "someone@else.example", "submission_token": token})
        assert response.status_code == 302
    message = OutboxMessage.objects.get()
    assert message.to == "maja@example.org"
    assert message.idempotency_key.startswith("setup.test-email:samverka@varmdo.se:")
    communication.deliver_due()
    page = client_maja.get(reverse("setup:guide_messages")).text
    assert "Delivered" in page or "Levererat" in page
    assert AuditEvent.objects.filter(action="setup.test_message").count() == 1


def test_a_test_email_needs_a_sender_first(client_maja):
    response = client_maja.post(reverse("setup:guide_messages"), {"test": "email"}, follow=True)
    assert not OutboxMessage.objects.exists()
    assert "sender address first" in response.text or "avsändaradress" in response.text


def test_the_test_sms_goes_to_her_own_verified_number(client_maja, administrator):
    from django.utils import timezone

    administrator.phone, administrator.phone_verified_at = "+46701112233", timezone.now()
    administrator.save()
    client_maja.post(reverse("setup:guide_messages"), {"test": "sms"})
    assert OutboxMessage.objects.get().to == "+46701112233"


def test_no_test_sms_goes_to_a_number_she_has_not_verified(client_maja, administrator):
    administrator.phone = "+46701112233"
    administrator.save()
    page = client_maja.get(reverse("setup:guide_messages")).text
    assert 'value="sms"' not in page and reverse("accounts:phone") in page
    response = client_maja.post(reverse("setup:guide_messages"), {"test": "sms"}, follow=True)
    assert not OutboxMessage.objects.exists()
    assert says("Your account has no verified mobile number to send the test to. Add and verify your number "
                "under My pages first.") in response.text


def test_the_page_says_which_provider_settings_are_set_without_showing_them(client_maja, monkeypatch):
    monkeypatch.setenv("EMAIL_HOST_PASSWORD", "hemligt-losenord-123")
    monkeypatch.delenv("SMS_API_PASSWORD", raising=False)
    response = client_maja.get(reverse("setup:guide_messages"))
    assert dict(response.context["provider"]["email"])["EMAIL_HOST_PASSWORD"] is True
    assert dict(response.context["provider"]["sms"])["SMS_API_PASSWORD"] is False
    assert "hemligt-losenord-123" not in response.text


@pytest.mark.parametrize("url_name", ["setup:guide_offices", "setup:guide_places", "setup:guide_programmes"])
def test_the_lists_of_the_guide_ask_the_same_number_of_queries_whatever_their_size(
        client_maja, url_name, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from samverka.grants.tests.factories import ProgrammeFactory as GrantProgrammeFactory
    from samverka.matching.tests.factories import ProgrammeFactory
    from samverka.municipality.tests.factories import OfficeMembershipFactory

    def grow(n):
        for i in range(n):
            OfficeMembershipFactory(office__committee=Committee.objects.create(name=f"Nämnd {n}-{i}",
                                                                              slug=f"n-{n}-{i}"))
            District.objects.create(name=f"Del {n}-{i}", slug=f"del-{n}-{i}")
            ProgrammeFactory()
            GrantProgrammeFactory()

    grow(2)
    client_maja.get(reverse(url_name))
    with CaptureQueriesContext(connection) as small:
        client_maja.get(reverse(url_name))
    grow(15)
    with django_assert_max_num_queries(len(small)):
        assert client_maja.get(reverse(url_name)).status_code == 200
