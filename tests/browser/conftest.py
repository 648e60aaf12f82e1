"""A live server on 127.0.0.1 and Debian's Chromium driven by Playwright.

The tests skip, saying why, where Chromium is not installed (make test installs
it when run as root on Debian). Playwright never downloads a browser here.
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator

import pytest
from werkzeug.serving import make_server

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SMALL_PHONE = {"width": 320, "height": 640}


@pytest.fixture(scope="module")
def browser() -> Iterator:
    if not shutil.which("chromium") and not shutil.which(CHROMIUM):
        pytest.skip("Debian chromium is not installed (run `make test` as root on Debian)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def live_server(app) -> Iterator[str]:
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.port}"
    finally:
        server.shutdown()
        thread.join()


@pytest.fixture
def phone(browser):
    """A small phone: 320 CSS pixels wide, JavaScript on."""
    context = browser.new_context(viewport=SMALL_PHONE, device_scale_factor=2, is_mobile=True)
    yield context.new_page()
    context.close()


# When Chromium drops a connection mid-download (it often abandons the favicon as
# it moves to the next page), the in-process dev server leaves that file to the
# garbage collector. That is the test server's artefact, not the app's, so only
# that one warning is let through, and only in the browser tests.
_DROPPED_FAVICON = (
    "ignore:unclosed file.*favicon:ResourceWarning",
    "ignore:Exception ignored in.*favicon:pytest.PytestUnraisableExceptionWarning",
)


def pytest_collection_modifyitems(items):  # type: ignore[no-untyped-def]
    for item in items:
        if "tests/browser/" in str(item.path).replace("\\", "/"):
            for rule in _DROPPED_FAVICON:
                item.add_marker(pytest.mark.filterwarnings(rule))
