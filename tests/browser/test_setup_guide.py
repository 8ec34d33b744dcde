"""The setup guide in a real browser: the go-live checklist in Swedish, English and Arabic, the
colours step with the keyboard alone (a colour below 4.5:1 refused next to its field, then a
good one saved) and the logo step, after which every page's header shows the logo. axe-core finds
nothing, no page scrolls sideways on a 320 px phone."""

import io

import pytest
from django.urls import reverse
from django.utils import translation
from PIL import Image, ImageDraw

from samverka.municipality.models import Municipality

from .helpers import SCREENSHOTS, assert_no_violations, check_page, focused, log_in, tab_to

pytestmark = pytest.mark.browser


@pytest.fixture
def media(settings, tmp_path, page):
    """Uploads in a folder of the test's own, served to the browser from there (the test server
    serves no uploads, as in production, where the web server does)."""
    settings.MEDIA_ROOT = tmp_path / "media"

    def serve(route):
        path = settings.MEDIA_ROOT / route.request.url.split("/media/", 1)[1]
        route.fulfill(path=str(path)) if path.is_file() else route.fulfill(status=404)

    page.route("**/media/**", serve)
    return settings.MEDIA_ROOT


def logo_file(tmp_path):
    image = Image.new("RGBA", (360, 120), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((8, 8, 112, 112), fill=(29, 79, 145, 255))
    draw.rectangle((130, 40, 350, 80), fill=(29, 79, 145, 255))
    path = tmp_path / "varmdo-logotyp.png"
    out = io.BytesIO()
    image.save(out, "PNG")
    path.write_bytes(out.getvalue())
    return path


@pytest.mark.parametrize("language", ["sv", "en", "ar"])
def test_the_checklist_in_each_language(page, context, live_server, administrator, language):
    log_in(context, administrator, live_server)
    with translation.override(language):
        url = reverse("setup:checklist")
    check_page(page, url, "setup-checklist", language)
    assert page.locator(".notice--warning").is_visible()
    assert page.locator("#item-logo a").count() == 1


def test_maja_chooses_colours_with_the_keyboard(page, context, live_server, administrator):
    log_in(context, administrator, live_server)
    check_page(page, reverse("setup:guide_colours"), "setup-colours", "sv")
    field = tab_to(page, "#id_colour_primary")
    field.fill("")
    page.keyboard.type("#9ad0ec")
    with page.expect_navigation():
        page.keyboard.press("Enter")  # in a field: the form's first button, "Save and continue"
    assert page.locator(".error-summary").is_visible()
    assert page.locator("#id_colour_primary").get_attribute("aria-invalid") == "true"
    assert "4,5:1" in page.locator("#id_colour_primary_error").inner_text()
    assert page.locator("#id_colour_primary").input_value() == "#9ad0ec"
    assert_no_violations(page)
    page.locator("#id_colour_primary").fill("#1d4f91")
    button = tab_to(page, "main form button.button:not(.button--secondary)")
    assert focused(page)["tag"] == "button"
    with page.expect_navigation():
        button.press("Enter")
    assert Municipality.current().colour_primary == "#1d4f91"
    assert page.url.endswith(reverse("setup:guide_offices"))


def test_the_logo_shows_in_the_header(page, context, live_server, administrator, media, tmp_path):
    log_in(context, administrator, live_server)
    page.goto(reverse("setup:guide_logo"))
    page.set_input_files("#id_logo", str(logo_file(tmp_path)))
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()
    row = Municipality.current()
    assert row.logo
    check_page(page, reverse("home"), "setup-logo-header", "sv")
    logo = page.locator(".site-header img.brand__logo")
    assert logo.get_attribute("alt") == row.name
    assert logo.evaluate("img => img.naturalWidth") > 0
    SCREENSHOTS.mkdir(exist_ok=True)
    page.locator(".site-header").screenshot(path=SCREENSHOTS / "setup-logo-header.png")
    page.set_viewport_size({"width": 320, "height": 700})
    page.locator(".site-header").screenshot(path=SCREENSHOTS / "setup-logo-header-320.png")
