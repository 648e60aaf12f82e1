"""Benchmark: the bytes a resident's phone downloads on a first visit to the form.

Loads the demo data into a fresh SQLite file, serves the app on 127.0.0.1 and opens
/f/FD in Debian's Chromium with an empty cache, as a resident scanning a card would.
Prints every response with the bytes it took on the wire (body as transferred, so
compressed where the server compressed it, and headers), and the totals. The
favicon is fetched too when headless Chromium does not ask for it by itself.

This is a benchmark, not a test: it prints figures. tests/browser/test_first_visit.py
uses first_visit() below to keep the total under its budget.

    .venv/bin/python bench/first_visit.py
    .venv/bin/python bench/first_visit.py --path /f/FD-B12-0173
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from werkzeug.serving import WSGIRequestHandler

REPO = Path(__file__).resolve().parent.parent
# Run as a script, this folder comes first on the path, and bench/reports.py would
# hide the project's reports package: the repository comes first instead.
if sys.path and Path(sys.path[0]).resolve() == REPO / "bench":
    sys.path[0] = str(REPO)

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic"]
FAVICON_SELECTOR = "link[rel~='icon']"


@dataclass(frozen=True)
class Transfer:
    url: str
    content_type: str
    encoding: str
    body_bytes: int
    header_bytes: int


def first_visit(browser, url: str) -> list[Transfer]:  # type: ignore[no-untyped-def]
    """Open url in a new, empty browser context; every response it took, in order."""
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    responses = []
    page.on("requestfinished", lambda request: responses.append(request))
    try:
        page.goto(url, wait_until="networkidle")
        favicon = page.locator(FAVICON_SELECTOR).first.get_attribute("href")
        if favicon and not any(urlsplit(r.url).path == urlsplit(favicon).path for r in responses):
            # Headless Chromium skips the favicon; a phone's browser fetches it.
            page.evaluate("href => fetch(href).then(r => r.blob())", favicon)
            page.wait_for_load_state("networkidle")
        transfers = []
        for request in responses:
            response = request.response()
            if response is None:
                continue
            sizes = request.sizes()
            headers = response.headers
            transfers.append(
                Transfer(
                    url=request.url,
                    content_type=headers.get("content-type", "").split(";")[0],
                    encoding=headers.get("content-encoding", "identity"),
                    body_bytes=sizes["responseBodySize"],
                    header_bytes=sizes["responseHeadersSize"],
                )
            )
        return transfers
    finally:
        context.close()


class _Quiet(WSGIRequestHandler):
    def log_request(self, *args: object) -> None:
        pass


@contextmanager
def demo_server() -> Iterator[str]:
    """The app on a fresh SQLite file with the demo data, on a free 127.0.0.1 port."""
    from werkzeug.serving import make_server

    from feedback import create_app
    from feedback.analysis_setup import analysis_setup
    from feedback.db import get_session
    from feedback.demo import load
    from feedback.migrations import upgrade

    with tempfile.TemporaryDirectory() as workdir:
        url = f"sqlite:///{Path(workdir) / 'bench.sqlite3'}"
        upgrade(url)
        app = create_app({"FEEDBACK_DATABASE_URL": url, "FEEDBACK_SECRET_KEY": "bench-only"})
        with app.app_context():
            load(get_session(), analysis_setup())
        server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=_Quiet)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.port}"
        finally:
            server.shutdown()
            thread.join()
            app.extensions["feedback.engine"].dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--path", default="/f/FD", help="the page to open (default /f/FD)")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    with demo_server() as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            transfers = first_visit(browser, base + args.path)
        finally:
            browser.close()

    print(f"First visit to {args.path} (empty cache, Chromium)\n")
    print(f"| {'resource':<34} | {'type':<16} | {'encoding':<8} |   body | headers |")
    print(f"|{'-' * 36}|{'-' * 18}|{'-' * 10}|-------:|--------:|")
    for transfer in transfers:
        name = urlsplit(transfer.url).path
        print(
            f"| {name:<34} | {transfer.content_type:<16} | {transfer.encoding:<8} "
            f"| {transfer.body_bytes:>6,} | {transfer.header_bytes:>7,} |"
        )
    body = sum(t.body_bytes for t in transfers)
    headers = sum(t.header_bytes for t in transfers)
    print(
        f"\nTotal: {body:,} bytes of bodies + {headers:,} bytes of headers = "
        f"{body + headers:,} bytes ({(body + headers) / 1024:.1f} KiB), "
        f"{len(transfers)} responses"
    )


if __name__ == "__main__":
    main()
