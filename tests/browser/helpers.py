"""Helpers for the browser tests."""

from pathlib import Path

from django.conf import settings
from django.test import Client

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
DESKTOP = {"width": 1280, "height": 900}
MOBILE = {"width": 360, "height": 780}


def log_in(context, user, live_server) -> None:
    """Give the browser a session for `user` without going through the log-in form."""
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def save_screenshots(page, name: str) -> None:
    """Save the page as it looks on a desktop (1280 px) and a phone (360 px) into ./screenshots."""
    SCREENSHOTS.mkdir(exist_ok=True)
    size = page.viewport_size
    page.set_viewport_size(DESKTOP)
    page.screenshot(path=SCREENSHOTS / f"{name}-desktop.png", full_page=True)
    page.set_viewport_size(MOBILE)
    page.screenshot(path=SCREENSHOTS / f"{name}-mobile.png", full_page=True)
    page.set_viewport_size(size)


def assert_no_violations(page) -> None:
    """axe-core finds nothing on the page as it is now."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def check_page(page, path: str, name: str, language: str) -> None:
    """Open `path` and check it: answered 200 in `language`, one h1, nothing axe-core finds,
    no sideways scrolling on a 320 px phone; in Swedish, screenshots named `name`-sv."""
    response = page.goto(path)
    assert response.status == 200, path
    assert page.evaluate("document.documentElement.lang") == language
    assert page.locator("h1").count() == 1
    assert_no_violations(page)
    size = page.viewport_size
    page.set_viewport_size({"width": 320, "height": 700})
    assert horizontal_overflow(page) == 0, f"{path} scrolls sideways at 320 px"
    page.set_viewport_size(size)
    if language == "sv":
        save_screenshots(page, f"{name}-{language}")


def horizontal_overflow(page) -> int:
    """How many CSS pixels the page is wider than the window (0: no sideways scrolling)."""
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


def tab_to(page, selector: str, limit: int = 150):
    """Press Tab until the element matching `selector` has focus; fail if it never does.

    Only the keyboard moves focus; the selector is used to check where focus is.
    """
    target = page.locator(selector)
    assert target.count() == 1, f"{selector} matches {target.count()} elements"
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return target
    raise AssertionError(f"Tab never reached {selector}")


def focused(page) -> dict:
    """What has focus: tag, id, name, type, value, text."""
    return page.evaluate(
        """() => { const e = document.activeElement;
            return {tag: e.tagName.toLowerCase(), id: e.id, name: e.name || "", type: e.type || "",
                    value: e.value || "", checked: !!e.checked, text: (e.innerText || "").trim()}; }"""
    )


def submit_with_enter(page) -> None:
    """Send the page's main form with the keyboard and wait for the answer. A form with errors
    comes back at the same address, so waiting for the address would not wait at all."""
    with page.expect_navigation():
        page.locator("main form button[type=submit]").press("Enter")
