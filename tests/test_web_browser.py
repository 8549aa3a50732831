"""The web map in a real browser: Debian's headless Chromium driven by Playwright (no browser
download: ``executable_path``), over the app serving a seeded store from a thread.

Each test loads the page on its own copy of the store, acts as an analyst would, and saves a
screenshot under ``test-artifacts/``. The module skips, saying why, when Chromium or the
``playwright`` package is absent (CI installs Chromium: ``apt-get install chromium``).
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from rasd.api import create_app
from rasd.config import Config
from rasd.resources import Resources
from rasd.store.sqlite import SQLiteStore

pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")

from playwright.sync_api import (
    Browser,
    ConsoleMessage,
    Page,
    ViewportSize,
    sync_playwright,
)

REPO = Path(__file__).resolve().parents[1]
ARTIFACTS = REPO / "test-artifacts"
VIEWPORT: ViewportSize = {"width": 1366, "height": 768}
CHROMIUM_NAMES = ("chromium", "chromium-browser")
EXPECTED_HTTP_ERROR = re.compile(r"Failed to load resource: .* status of (409|422)")
"""Chromium logs every refused request; the tests provoke 409 and 422 on purpose."""


def chromium_path() -> str | None:
    """RASD_CHROMIUM, or Debian's chromium on the PATH."""
    configured = os.environ.get("RASD_CHROMIUM")
    if configured:
        return configured if Path(configured).is_file() else None
    return next((found for n in CHROMIUM_NAMES if (found := shutil.which(n))), None)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    path = chromium_path()
    if path is None:
        reason = "Chromium is not installed (apt-get install chromium, or set RASD_CHROMIUM)"
        if os.environ.get("RASD_TEST_STRICT"):  # CI: a missing browser is a failure, not a skip
            pytest.fail(reason)
        pytest.skip(reason)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=path, args=["--no-sandbox"])
        yield launched
        launched.close()


@dataclass
class Server:
    """The app serving one store copy on a local port."""

    url: str
    store: SQLiteStore

    def api(self) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=30)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture()
def server(web_store_path: Path, config: Config, resources: Resources) -> Iterator[Server]:
    import uvicorn

    store = SQLiteStore(web_store_path)
    app = create_app(config, resources=resources, store=store)
    port = free_port()
    running = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    )
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not running.started and time.monotonic() < deadline:
        time.sleep(0.02)
    assert running.started, "the test server did not start"
    yield Server(f"http://127.0.0.1:{port}", store)
    running.should_exit = True
    thread.join(timeout=10)
    store.close()


@pytest.fixture()
def page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    context = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
    opened = context.new_page()
    problems: list[str] = []
    opened.on("pageerror", lambda error: problems.append(f"page error: {error}"))

    def console(message: ConsoleMessage) -> None:
        if message.type == "error" and not EXPECTED_HTTP_ERROR.search(message.text):
            problems.append(f"console: {message.text}")

    opened.on("console", console)
    yield opened
    ARTIFACTS.mkdir(exist_ok=True)
    opened.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"))
    context.close()
    assert problems == [], problems


def load(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("body[data-ready=true]", timeout=30_000)


def merged_event(server: Server) -> dict[str, Any]:
    with server.api() as api:
        events = api.get("/events", params={"admin1": "Idlib"}).json()["events"]
    return next(e for e in events if e["articles"] == ["sky-1", "bbc-1"])


def event_of_article(server: Server, article_id: str) -> dict[str, Any]:
    with server.api() as api:
        events = api.get("/events", params={"limit": 1000}).json()["events"]
    return next(e for e in events if e["articles"] == [article_id])


def set_reviewer(page: Page, name: str) -> None:
    page.fill("#reviewer", name)
    page.dispatch_event("#reviewer", "change")
    page.keyboard.press("Escape")  # leave the field, so that keys are shortcuts again


def edit_field(page: Page, name: str, value: str) -> None:
    page.fill(f"[data-edit={name}]", value)
    page.dispatch_event(f"[data-edit={name}]", "change")


# ------------------------------------------------------------------ tests


def test_browser_filter_open_see_evidence_edit_confirm_and_reload(
    page: Page, server: Server
) -> None:
    load(page, server.url)
    with server.api() as api:
        total = api.get("/events").json()["total"]
        idlib = api.get("/events", params={"admin1": "Idlib"}).json()["total"]
    assert page.inner_text("#counts [data-count='0']") == f"{total} of {total} events"
    page.select_option("#f-admin1", "Idlib")
    page.wait_for_function(
        f"document.querySelector('#counts').textContent.startsWith('{idlib} of')"
    )
    places = page.locator(".row .row-place").all_inner_texts()
    assert places and all(p.endswith("Idlib") for p in places)
    assert "admin1=Idlib" in page.url
    assert "admin1=Idlib" in (page.get_attribute("#export-csv", "href") or "")

    page.locator(".row", has_text="2×").first.click()
    page.wait_for_selector("mark.ev")
    assert page.locator(".tab").count() == 2
    page.hover("tr.field[data-field=location]")
    active = page.locator("mark.ev.active")
    assert active.count() >= 1 and "النعمان" in " ".join(active.all_inner_texts())
    assert page.get_attribute(".article", "dir") == "rtl"
    page.screenshot(path=str(ARTIFACTS / "evidence.png"))

    set_reviewer(page, "amal")
    page.keyboard.press("e")
    edit_field(page, "fatalities", "4")
    page.keyboard.press("Control+Enter")
    page.wait_for_selector(".detail-title [data-status=edited]")
    page.click("[data-action=confirm]")
    page.wait_for_selector(".detail-title [data-status=confirmed]")

    page.reload()
    page.wait_for_selector(".detail-title [data-status=confirmed]", timeout=30_000)
    assert "4 fatalities" in page.inner_text(".detail-sub")
    assert page.inner_text(".detail-title .version") == "version 2"
    page.click("[data-action=history]")
    page.wait_for_selector(".history-panel li")
    history = page.inner_text(".history-panel")
    assert "amal · review.confirmed" in history and "fatalities: 3 → 4" in history


def test_browser_conflicting_edit_is_kept_and_saved_on_the_new_version(
    page: Page, server: Server
) -> None:
    event = merged_event(server)
    load(page, f"{server.url}/#event={event['event_id']}")
    page.wait_for_selector(".detail-title")
    set_reviewer(page, "amal")
    page.keyboard.press("e")
    edit_field(page, "fatalities", "6")
    with server.api() as api:
        body = {"reviewer": "omar", "version": 0, "changes": {"notes": "Omar's note."}}
        assert api.patch(f"/events/{event['event_id']}", json=body).status_code == 200
    page.keyboard.press("Control+Enter")
    banner = page.wait_for_selector(".banner.conflict")
    assert banner is not None and "omar" in banner.inner_text()
    page.click("[data-action=reload]")
    page.wait_for_selector("[data-edit=fatalities]")
    assert page.input_value("[data-edit=fatalities]") == "6"
    page.keyboard.press("Control+Enter")
    page.wait_for_function(
        "document.querySelector('.detail-title .version').textContent === 'version 2'"
    )
    with server.api() as api:
        saved = api.get(f"/events/{event['event_id']}").json()["event"]
    assert saved["fatalities"] == 6 and saved["notes"] == "Omar's note."
    assert saved["review_version"] == 2


def test_browser_edit_breaking_the_schema_is_shown_and_not_saved(
    page: Page, server: Server
) -> None:
    event = merged_event(server)
    load(page, f"{server.url}/#event={event['event_id']}")
    page.wait_for_selector(".detail-title")
    set_reviewer(page, "amal")
    page.keyboard.press("e")
    edit_field(page, "event_date", "1990-01-01")
    page.keyboard.press("Control+Enter")
    banner = page.wait_for_selector(".banner.invalid")
    assert banner is not None and "1997-01-01" in banner.inner_text()
    assert page.locator("tr[data-field=event_date] .problem").count() == 1
    with server.api() as api:
        assert api.get(f"/events/{event['event_id']}").json()["event"]["review_version"] == 0


def test_browser_arabic_interface_unmapped_events_and_a_long_article(
    page: Page, server: Server
) -> None:
    load(page, server.url)
    page.click("#lang-toggle")
    assert page.get_attribute("html", "dir") == "rtl"
    assert "حدثًا" in page.inner_text("#counts")
    assert "بلا إحداثيات" in page.inner_text("#counts")
    page.select_option("#f-review_status", "any")
    assert page.locator(".row .badge.unmapped").count() >= 1
    event = event_of_article(server, "long-1")
    started = time.monotonic()
    page.goto(f"{server.url}/#event={event['event_id']}")
    page.wait_for_selector("mark.ev")
    elapsed = time.monotonic() - started
    length = page.locator(".article").evaluate("element => element.textContent.length")
    assert length > 80_000 and elapsed < 10
    assert page.inner_text(".detail-view .action-confirm") == "تأكيد"
    page.screenshot(path=str(ARTIFACTS / "arabic-long-article.png"))


def test_browser_review_queue_by_keyboard(page: Page, server: Server) -> None:
    load(page, server.url)
    set_reviewer(page, "amal")
    page.click("body")
    page.keyboard.press("?")
    assert page.is_visible(".help-box")
    page.keyboard.press("Escape")
    page.keyboard.press("j")
    page.keyboard.press("Enter")
    page.wait_for_selector(".detail-title")
    first = page.inner_text(".event-id")
    page.keyboard.press("c")
    page.wait_for_function(f"document.querySelector('.event-id')?.textContent !== '{first}'")
    with server.api() as api:
        assert api.get(f"/events/{first}").json()["event"]["review_status"] == "confirmed"
    second = page.inner_text(".event-id")
    page.wait_for_selector(".detail-title h2")
    page.keyboard.press("x")
    page.wait_for_function(f"document.querySelector('.event-id')?.textContent !== '{second}'")
    with server.api() as api:
        assert api.get(f"/events/{second}").json()["event"]["review_status"] == "rejected"


def test_browser_timeline_brush_sets_the_dates(page: Page, server: Server) -> None:
    load(page, server.url)
    box = page.locator(".timeline-canvas").bounding_box()
    assert box is not None
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.5, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.99, y, steps=5)
    page.mouse.up()
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", page.input_value("#f-date_from"))
    assert "date_from=" in page.url and "date_to=" in page.url
    page.mouse.click(box["x"] + 5, y)
    assert page.input_value("#f-date_from") == ""


def test_browser_exports_of_the_current_view(page: Page, server: Server) -> None:
    load(page, server.url)
    page.select_option("#f-admin1", "Idlib")
    csv_url = page.get_attribute("#export-csv", "href")
    assert csv_url is not None
    with server.api() as api:
        lines = api.get(csv_url).text.splitlines()
    assert len(lines[0].split(",")) == 31 and len(lines) >= 2
    assert all("Idlib" in line for line in lines[1:])
    for kind, signature in (("png", b"\x89PNG"), ("pdf", b"%PDF-1.4")):
        page.click("#export-button")
        with page.expect_download() as caught:
            page.click(f"#export-{kind}")
        path = caught.value.path()
        data = Path(path).read_bytes()
        assert data.startswith(signature), kind
        if kind == "pdf":
            assert_pdf_xref(data)
            shutil.copyfile(path, ARTIFACTS / "briefing.pdf")
        else:
            shutil.copyfile(path, ARTIFACTS / "snapshot.png")


def assert_pdf_xref(data: bytes) -> None:
    """Every object the cross-reference table lists starts where it says."""
    start = int(data.rsplit(b"startxref\n", 1)[1].split(b"\n", 1)[0])
    table = data[start:].split(b"trailer", 1)[0].splitlines()
    assert table[0] == b"xref"
    offsets = [int(line[:10]) for line in table[3:]]
    assert len(offsets) == 6
    for number, offset in enumerate(offsets, start=1):
        assert data[offset:].startswith(f"{number} 0 obj".encode())
