"""Browser tests: Samverka in headless Chromium against pytest-django's live server.

They are skipped when Chromium is not installed at /usr/bin/chromium (or CHROMIUM_PATH).
Every test gets a fresh browser context (no cookies), 1280 px wide unless it says otherwise.

The live server answers from another thread, so these tests commit for real and the database
is flushed after each one, taking with it what the migrations loaded (the municipality's
areas, target groups, languages and Agenda 2030 goals); each test loads that configuration
again. (Django's serialized rollback cannot do it here: once Playwright's event loop runs,
the test's thread gets a new database connection object without the serialized copy.)
"""

import os
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} is not installed: the browser tests are skipped", allow_module_level=True)

# Playwright's sync API runs an event loop in the test's thread; the test's own database
# calls (factories, assertions) are still ordinary synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from playwright.sync_api import sync_playwright  # noqa: E402

from .helpers import DESKTOP  # noqa: E402


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def _configuration(transactional_db):
    """The municipality's default configuration, as the migrations load it (see above)."""
    from django.apps import apps

    from samverka.municipality import defaults
    from samverka.municipality.models import Area

    if not Area.objects.exists():
        defaults.load(apps)


@pytest.fixture
def context(browser, live_server):
    context = browser.new_context(viewport=DESKTOP, base_url=live_server.url, locale="sv-SE")
    context.set_default_timeout(15_000)
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()
