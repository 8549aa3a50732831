"""Screenshot of the web map for the README: the configured store, one event open with the
evidence of a field highlighted in its Arabic article.

Serves the store of RASD_DATABASE_URL (as ``make run`` fills it) from a thread, opens the
page in Debian's Chromium (Playwright, no browser download) at 1366x768, opens the event
with the most reports (or ``--event``), hovers ``--field`` and saves a PNG.

Usage: python scripts/web_screenshot.py [--out docs/web-map.png] [--event ID] [--lang ar]
"""

from __future__ import annotations

import argparse
import shutil
import socket
import threading
import time
from pathlib import Path

import httpx
import uvicorn

from rasd.api import create_app
from rasd.config import load_config
from rasd.store import open_store


def best_event(url: str) -> str:
    """The event reported by the most articles (ties: the newest)."""
    with httpx.Client(base_url=url, timeout=60) as client:
        events = client.get("/events", params={"limit": 1000}).json()["events"]
    chosen = max(events, key=lambda e: (len(e["articles"]), e.get("event_date") or ""))
    return str(chosen["event_id"])


def shoot(url: str, out: Path, event: str, field: str, lang: str, chromium: str) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        page.add_init_script(f"localStorage.setItem('rasd.lang', '{lang}')")
        page.goto(f"{url}/#event={event}")
        page.wait_for_selector("body[data-ready=true]", timeout=120_000)
        page.wait_for_selector("mark.ev")
        page.hover(f"tr.field[data-field={field}]")
        page.wait_for_timeout(600)
        out.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(out))
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=Path("docs/web-map.png"))
    parser.add_argument("--event", help="event id (default: the one with the most reports)")
    parser.add_argument("--field", default="location", help="field whose evidence to show")
    parser.add_argument("--lang", choices=("en", "ar"), default="en")
    parser.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    args = parser.parse_args()
    config = load_config()
    store = open_store(config)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    app = create_app(config, store=store)
    server = uvicorn.Server(uvicorn.Config(app, port=port, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    url = f"http://127.0.0.1:{port}"
    try:
        shoot(url, args.out, args.event or best_event(url), args.field, args.lang, args.chromium)
    finally:
        server.should_exit = True
        thread.join(10)
        store.close()
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
