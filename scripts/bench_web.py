"""Benchmark: the web map with 50,000 events in view, in headless Chromium.

Builds (once, then reuses) a synthetic SQLite store of ``--events`` merged events spread over
Syria, Iraq and Yemen (3 % without coordinates, reports of 10 events per article), serves it
from a thread, opens the page in Debian's Chromium through Playwright and measures what an
analyst waits for:

- /map/points: server time and size on the wire (gzip);
- page ready: navigation to the first drawn map, list and timeline;
- a filter change (event type), a date range (timeline brush), clearing them;
- redrawing the map after a pan or zoom; scrolling the list; opening an event.

Each interaction is timed to the next painted frame, median of ``--repeat`` runs. A
measurement of this machine (2 shared cores), not a test.

Usage: python scripts/bench_web.py [--events 50000] [--database PATH] [--chromium PATH]
"""

from __future__ import annotations

import argparse
import random
import shutil
import socket
import statistics
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx
import uvicorn

from rasd.api import create_app
from rasd.config import load_config
from rasd.store.base import Provenance
from rasd.store.sqlite import SQLiteStore
from rasd.types import ActorType, Article, Event, Evidence

AREAS = (
    ("Syria", "Idlib", 35.2, 36.0, 36.3, 37.0, 760),
    ("Syria", "Aleppo", 35.9, 36.9, 36.6, 38.2, 760),
    ("Syria", "Deir ez-Zor", 34.4, 36.0, 35.6, 41.0, 760),
    ("Iraq", "Nineveh", 35.6, 41.8, 36.8, 43.6, 368),
    ("Iraq", "Al-Anbar", 32.4, 40.5, 34.5, 43.5, 368),
    ("Yemen", "Taizz", 13.2, 43.5, 13.9, 44.3, 887),
    ("Yemen", "Al Hudaydah", 14.0, 42.8, 15.5, 43.5, 887),
)
TYPES = (
    ("Battles", "Armed clash", 0.32),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack", 0.22),
    ("Explosions/Remote violence", "Air/drone strike", 0.14),
    ("Violence against civilians", "Attack", 0.12),
    ("Strategic developments", "Arrests", 0.08),
    ("Protests", "Peaceful protest", 0.07),
    ("Riots", "Violent demonstration", 0.05),
)
ACTORS = tuple(f"Armed group {n}" for n in range(60))
TEXT = "قتل ثلاثة مدنيين وأصيب خمسة آخرون في قصف مدفعي استهدف البلدة، بحسب مصادر محلية. "


def synthetic_event(rng: random.Random, article_id: str, n: int, day: date) -> Event:
    """One plausible event of an article (the evidence points into ``TEXT``)."""
    country, admin1, south, west, north, east, iso = rng.choice(AREAS)
    event_type, sub, _ = rng.choices(TYPES, weights=[w for *_, w in TYPES])[0]
    mapped = rng.random() > 0.03
    return Event(
        article_id=article_id,
        event_id=f"{article_id}-{n}",
        event_date=day,
        time_precision=1,
        disorder_type="Political violence",
        event_type=event_type,
        sub_event_type=sub,
        actor1=rng.choice(ACTORS),
        assoc_actor_1="",
        inter1=ActorType.REBEL_GROUP,
        actor2=rng.choice(("", *ACTORS)),
        assoc_actor_2="",
        inter2=ActorType.CIVILIANS,
        civilian_targeting="",
        iso=iso,
        region="Middle East",
        country=country,
        admin1=admin1,
        admin2=f"{admin1} district {rng.randrange(6)}",
        admin3="",
        location=f"{admin1} village {rng.randrange(400)}",
        latitude=round(rng.uniform(south, north), 5) if mapped else None,
        longitude=round(rng.uniform(west, east), 5) if mapped else None,
        geo_precision=1,
        source=rng.choice(("SANA", "Enab Baladi", "Al-Waqt", "BBC Arabic")),
        source_scale="National",
        notes="Synthetic event for the web map benchmark.",
        fatalities=int(rng.expovariate(0.4)) if rng.random() < 0.5 else 0,
        tags="",
        timestamp=1_700_000_000,
        evidence=(Evidence("location", 0, 3, TEXT[:3]), Evidence("notes", 0, 40, TEXT[:40])),
    )


def build_store(path: Path, events: int) -> None:
    """A store of ``events`` events, ten per article, over two years."""
    rng = random.Random(8)
    store = SQLiteStore(path)
    provenance = Provenance("bench", "bench", "scripts/bench_web.py")
    started = time.perf_counter()
    for a in range(events // 10):
        day = date(2022, 1, 1) + timedelta(days=rng.randrange(730))
        article = Article(f"bench-{a}", f"{TEXT}{a}", None, day, "SANA")
        batch = [synthetic_event(rng, article.id, n, day) for n in range(10)]
        store.save_extraction(article, batch, provenance=provenance)
    store.close()
    print(f"built {events} events in {time.perf_counter() - started:.0f} s -> {path}")


@contextmanager
def serving(path: Path) -> Iterator[str]:
    """The app over the store on a local port, in a thread."""
    store = SQLiteStore(path)
    app = create_app(load_config(), store=store)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    server = uvicorn.Server(uvicorn.Config(app, port=port, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
        store.close()


NEXT_FRAME = "new Promise(r => requestAnimationFrame(r))"
"""The next frame's callback: the page's synchronous work is done and it paints next."""


def timed(page: Any, action: str, repeat: int, *, map_drawn: bool = False) -> float:
    """Median milliseconds from running ``action`` (JS) to the next frame (or, with
    ``map_drawn``, to the frame after the map's clusters were redrawn)."""
    wait = "await window.rasd.state.mapDrawn; " if map_drawn else ""
    script = (
        f"async () => {{ const t = performance.now(); {action}; {wait}await {NEXT_FRAME}; "
        "return performance.now() - t; }"
    )
    return statistics.median(float(page.evaluate(script)) for _ in range(repeat))


def measure_server(url: str) -> dict[str, float]:
    with httpx.Client(base_url=url, timeout=120) as client:
        started = time.perf_counter()
        raw = client.get("/map/points", headers={"Accept-Encoding": "identity"})
        seconds = time.perf_counter() - started
        zipped = client.get("/map/points", headers={"Accept-Encoding": "gzip"})
        wire = int(zipped.headers.get("content-length") or len(zipped.content))
    return {
        "/map/points server+transfer (s)": seconds,
        "/map/points JSON (MB)": len(raw.content) / 1e6,
        "/map/points gzip on the wire (MB)": wire / 1e6,
    }


def measure_page(url: str, chromium: str, repeat: int) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        started = time.perf_counter()
        page.goto(url)
        page.wait_for_selector("body[data-ready=true]", timeout=180_000)
        ready = time.perf_counter() - started
        timings = page.evaluate("window.rasd.timings")
        ui = "window.rasd.ui()"
        by_type = "window.rasd.setFilters({event_type: 'Battles'})"
        by_dates = "window.rasd.setFilters({date_from: '2022-06-01', date_to: '2022-09-30'})"
        clear = "window.rasd.setFilters({event_type: '', date_from: '', date_to: ''})"
        figures = {
            "page ready, navigation to first drawn map (s)": ready,
            "  of which fetch /map/points (ms)": timings["load"]["fetch"],
            "  of which decode (ms)": timings["load"]["decode"],
            "filter: event type, counts+list+timeline (ms)": timed(page, by_type, repeat),
            "filter: event type, map clusters too (ms)": timed(
                page, f"{clear}; {by_type}", repeat, map_drawn=True
            ),
            "filter: date range (brush), counts+list+timeline (ms)": timed(page, by_dates, repeat),
            "filter: date range (brush), map clusters too (ms)": timed(
                page, f"{clear}; {by_dates}", repeat, map_drawn=True
            ),
            "filter: clear all, map clusters too (ms)": timed(page, clear, repeat, map_drawn=True),
            "map redraw after pan/zoom (ms)": timed(page, f"{ui}.map.events.redraw()", repeat),
            "list scroll to the middle (ms)": timed(
                page,
                "const s = document.querySelector('.list-scroll'); "
                "s.scrollTop = s.scrollTop > 10 ? 0 : s.scrollHeight / 2; "
                "s.dispatchEvent(new Event('scroll'))",
                repeat,
            ),
        }
        started = time.perf_counter()
        page.click(".row >> nth=0")
        page.wait_for_selector(".detail-title h2")
        figures["open an event (ms)"] = (time.perf_counter() - started) * 1000
        figures["events in view"] = float(page.evaluate("window.rasd.state.data.n"))
        browser.close()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=50_000)
    parser.add_argument("--database", type=Path, help="reuse or build the store here")
    parser.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    folder = Path(tempfile.gettempdir()) / "rasd-bench-web"
    path = args.database or folder / f"web-{args.events}.sqlite"
    if not path.exists():
        build_store(path, args.events)
    with serving(path) as url:
        figures = measure_server(url) | measure_page(url, args.chromium, args.repeat)
    width = max(len(name) for name in figures)
    for name, value in figures.items():
        print(f"{name:<{width}}  {value:>10.2f}")


if __name__ == "__main__":
    main()
