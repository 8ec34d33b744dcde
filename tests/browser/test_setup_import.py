"""The import wizard in a real browser: Maja uploads the old register's Windows-1252 file with
semicolons, checks the columns and the first rows, starts the import and reads the refused rows.
axe-core finds nothing on any step, in Swedish and English, and no step scrolls sideways on a
320 px phone."""

import pytest
from django.core.files.storage import FileSystemStorage
from django.urls import reverse
from django.utils import translation
from stdnum import luhn

from samverka.actors.models import Actor
from samverka.core import storage
from samverka.setup.models import ImportJob

from .helpers import assert_no_violations, horizontal_overflow, log_in, save_screenshots

pytestmark = pytest.mark.browser


def orgnr(n: int) -> str:
    digits = f"802{n:06d}"
    return f"{digits[:6]}-{digits[6:]}{luhn.calc_check_digit(digits)}"


@pytest.fixture
def register_file(tmp_path, monkeypatch):
    monkeypatch.setattr(storage.private, "_wrapped", FileSystemStorage(location=tmp_path / "private"))
    rows = [["Föreningsnamn", "Organisationsnummer", "E-post", "Telefon", "Verksamhet"],
            ["Föreningen Ålö Båtklubb", orgnr(1), "info@alobatklubb.se", "08-560 123 45",
             "Segling och båtvård för alla åldrar i Ekerös skärgård, med en lång beskrivning som bryter rader"],
            ["Ekerö Schackklubb", orgnr(2), "schack@example.org", "", "Schack varje tisdag"],
            ["Skärgårdens Syförening", "123456-7890", "", "", ""],
            ["", orgnr(3), "namnlos@example.org", "", ""]]
    path = tmp_path / "föreningsregister.csv"
    path.write_bytes(("\r\n".join(";".join(row) for row in rows) + "\r\n").encode("cp1252"))
    return path


def check(page, name: str, language: str) -> None:
    assert page.evaluate("document.documentElement.lang") == language
    assert page.locator("h1").count() == 1
    assert_no_violations(page)
    size = page.viewport_size
    page.set_viewport_size({"width": 320, "height": 700})
    assert horizontal_overflow(page) == 0, f"{page.url} scrolls sideways at 320 px"
    page.set_viewport_size(size)
    if language == "sv":
        save_screenshots(page, f"setup-{name}-{language}")


@pytest.mark.parametrize("language", ["sv", "en"])
def test_maja_imports_the_register_through_the_wizard(page, context, live_server, administrator, register_file,
                                                      language):
    log_in(context, administrator, live_server)
    with translation.override(language):
        start = reverse("setup:index")
    page.goto(start)
    check(page, "start", language)

    page.set_input_files("#id_file", str(register_file))
    page.locator("main form[enctype] button[type=submit]").click()
    page.wait_for_url("**/import/*/")
    assert "Föreningen Ålö Båtklubb" in page.locator("main table").inner_text()
    assert page.locator("#id_name").input_value() == "0"
    check(page, "mapping", language)

    page.locator("button[value=start]").click()
    page.wait_for_load_state()
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.DONE
    assert Actor.objects.filter(name="Föreningen Ålö Båtklubb").exists()
    assert "123456-7890" in page.locator("main").inner_text()
    check(page, "result", language)


def test_a_wrong_column_choice_is_shown_next_to_the_field(page, context, live_server, administrator, register_file):
    log_in(context, administrator, live_server)
    page.goto(reverse("setup:index"))
    page.set_input_files("#id_file", str(register_file))
    page.locator("main form[enctype] button[type=submit]").click()
    page.wait_for_url("**/import/*/")
    page.select_option("#id_email", "0")
    page.locator("button[value=check]").click()
    assert page.locator(".error-summary").is_visible()
    assert page.locator("#id_email").get_attribute("aria-invalid") == "true"
    assert_no_violations(page)
