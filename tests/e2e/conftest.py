"""Browser journeys: one headless Debian Chromium, driven by Playwright against live_server.

- The whole directory is skipped, with the reason, only when /usr/bin/chromium is missing
  (CI installs it: ``make test`` runs scripts/ensure-apt.sh chromium).
- ``page`` is a phone-sized tab (412×900, vi-VN) that refuses every request to a host other
  than the live server's: a test whose page tried to load anything from elsewhere (a CDN,
  a font service, analytics) fails, listing the URLs. Uncaught JavaScript errors fail too.
- Playwright's sync API keeps an asyncio loop "running" in the main thread while it is
  started, and Django then refuses ORM calls from the test body (SynchronousOnlyOperation).
  DJANGO_ALLOW_ASYNC_UNSAFE is therefore set while the browser runs, and only then: it is
  stopped, and the variable restored, as soon as the last browser test of the run ends, so
  the rest of the suite keeps Django's check and sees no running loop.
- live_server means a transactional database, flushed after each test: the root conftest's
  ``_reference_data`` loads the administrative units again before each test that needs them.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.e2e.support import DEMO_PASSWORD

CHROMIUM = Path("/usr/bin/chromium")
NO_CHROMIUM = (
    "browser journeys need Debian's Chromium at /usr/bin/chromium "
    "(apt-get install chromium fonts-noto-core; `make test` installs it)"
)
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
]
PHONE = {"width": 412, "height": 900}  # a cheap Android phone
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
PROVINCE = "04"  # Cao Bằng, the demo province
TIMEOUT_MS = 10_000
ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"
HERE = Path(__file__).resolve().parent

_WATCH = pytest.StashKey["_PageWatch"]()


class _Chromium:
    """One Playwright + Chromium for the whole run of browser tests (started on first use)."""

    def __init__(self) -> None:
        self._playwright = None
        self._browser = None
        self._saved_env: str | None = None

    def browser(self):
        if self._browser is None:
            from playwright.sync_api import sync_playwright

            self._saved_env = os.environ.get(ASYNC_UNSAFE)
            os.environ[ASYNC_UNSAFE] = "true"
            self._playwright = sync_playwright().start()
            self._browser = self._playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_FLAGS
            )
        return self._browser

    def stop(self) -> None:
        if self._playwright is None:
            return
        try:
            if self._browser is not None:
                self._browser.close()
            self._playwright.stop()
        finally:
            self._browser = self._playwright = None
            if self._saved_env is None:
                os.environ.pop(ASYNC_UNSAFE, None)
            else:
                os.environ[ASYNC_UNSAFE] = self._saved_env


_CHROMIUM = _Chromium()


class _PageWatch:
    def __init__(self) -> None:
        self.blocked: list[str] = []
        self.errors: list[str] = []


def _in_this_directory(item: pytest.Item | None) -> bool:
    return item is not None and HERE in Path(item.path).resolve().parents


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if CHROMIUM.exists():
        return
    skip = pytest.mark.skip(reason=NO_CHROMIUM)
    for item in items:
        if _in_this_directory(item):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser():
    """The run's headless Chromium (launched once, on first use)."""
    if not CHROMIUM.exists():
        pytest.skip(NO_CHROMIUM)
    return _CHROMIUM.browser()


def _phone_page(browser, live_server, request, **options):
    """A phone-sized Vietnamese tab on the live server that may not reach any other host."""
    if not browser.is_connected():  # stopped after an earlier batch of browser tests
        browser = _CHROMIUM.browser()
    watch = _PageWatch()
    request.node.stash[_WATCH] = watch
    context = browser.new_context(
        viewport=PHONE,
        is_mobile=True,
        has_touch=True,
        locale="vi-VN",
        base_url=live_server.url,
        **options,
    )
    context.set_default_timeout(TIMEOUT_MS)

    def local_only(route) -> None:
        if urlsplit(route.request.url).hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            watch.blocked.append(route.request.url)
            route.abort("blockedbyclient")

    context.route("**/*", local_only)
    tab = context.new_page()
    tab.on("pageerror", lambda error: watch.errors.append(f"{tab.url}: {error}"))
    return context, tab


@pytest.fixture
def page(browser, live_server, request):
    """A phone-sized (412×900, touch) vi-VN tab; requests to other hosts are blocked and fail the test."""
    context, tab = _phone_page(browser, live_server, request)
    yield tab
    context.close()


@pytest.fixture
def page_without_js(browser, live_server, request):
    """The same phone with JavaScript turned off (citizen pages must work without it)."""
    context, tab = _phone_page(browser, live_server, request, java_script_enabled=False)
    yield tab
    context.close()


@pytest.fixture
def hoa_province(transactional_db, live_server):
    """The citizen journeys' province: Cao Bằng, its catalog, Nông Thị Hoa (tests/e2e/citizen.py)."""
    from tests.e2e.citizen import hoa_in_the_demo_province

    with hoa_in_the_demo_province(live_server):
        yield


@pytest.fixture
def demo_province(transactional_db):
    """seed_demo for Cao Bằng (its SeedReport), every demo login with DEMO_PASSWORD.

    Agencies and officials only: the catalog journeys bring the procedures they need.
    """
    from motcua.demo import services

    return services.seed_demo(province_code=PROVINCE, password=DEMO_PASSWORD, with_catalog=False)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item):
    result = yield
    watch = item.stash.get(_WATCH, None)
    if watch is not None:
        problems = [f"request to another host (blocked): {url}" for url in watch.blocked]
        problems += [f"uncaught JavaScript error: {error}" for error in watch.errors]
        if problems:
            pytest.fail("the page misbehaved:\n" + "\n".join(problems), pytrace=False)
    return result


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None):
    result = yield
    if not _in_this_directory(nextitem):
        _CHROMIUM.stop()  # the last browser test of this batch: give the main thread back
    return result


def pytest_sessionfinish(session: pytest.Session) -> None:
    _CHROMIUM.stop()
