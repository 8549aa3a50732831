"""The store's commands: ``rasd ingest``, ``watch``, ``serve`` and ``export``.

Each is a plain :class:`click.Command`, registered on the main group with
``cli.add_command(...)``. Each parses its input, calls one library function and prints the
result; rasd's own errors become clear messages (``click.ClickException``).
"""

from __future__ import annotations

import contextlib
import json
import sys
import threading
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import IO, Any, TypeVar

import click

from rasd.config import Config, load_config
from rasd.errors import RasdError
from rasd.export import WRITERS
from rasd.ingest import (
    Ingestor,
    IngestReport,
    PollResult,
    estimate_items,
    ingest,
    new_client,
    parse_duration,
    read_feed_list,
    watch,
)
from rasd.store import database_url, open_store
from rasd.store.base import BBox, EventFilter, Store

F = TypeVar("F", bound=Callable[..., Any])
PROGRESS_FROM = 200
"""Show a progress bar from this many expected articles on."""
SHOWN_FAILURES = 20


def _config_option(function: F) -> F:
    return click.option(
        "--config",
        "config_file",
        type=click.Path(dir_okay=False, path_type=Path),
        help="TOML file of settings (see rasd.config.Config).",
    )(function)


@contextlib.contextmanager
def _rasd_errors() -> Iterator[None]:
    try:
        yield
    except RasdError as exc:
        raise click.ClickException(str(exc)) from exc


def _config(config_file: Path | None) -> Config:
    with _rasd_errors():
        return load_config(config_file)


def _store(config: Config) -> Store:
    with _rasd_errors():
        return open_store(config)


def _progress(total: int) -> contextlib.AbstractContextManager[Any]:
    if total < PROGRESS_FROM:
        return contextlib.nullcontext(None)
    return click.progressbar(length=total, label="ingesting", file=sys.stderr)


def _print_report(report: IngestReport, as_json: bool) -> None:
    for failure in report.failed[:SHOWN_FAILURES]:
        click.echo(f"rasd: failed: {failure}", err=True)
    if len(report.failed) > SHOWN_FAILURES:
        click.echo(f"rasd: ... and {len(report.failed) - SHOWN_FAILURES} more", err=True)
    if as_json:
        click.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(f"rasd: {report.summary()}")


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--reextract", is_flag=True, help="Extract stored articles again (reviewed events are kept)."
)
@click.option("--no-fetch", is_flag=True, help="Do not download the pages of feed items.")
@click.option(
    "--limit", type=click.IntRange(min=1), help="Stop after this many articles (samples)."
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@_config_option
def ingest_command(
    paths: tuple[str, ...],
    reextract: bool,
    no_fetch: bool,
    limit: int | None,
    as_json: bool,
    config_file: Path | None,
) -> None:
    """Store articles and their events: JSONL files, saved HTML pages, RSS/Atom feeds.

    PATHS are files, folders (read recursively) or feed URLs. Re-ingesting an article changes
    nothing; a different text under a known id is kept as a revision. The store is
    RASD_DATABASE_URL (default: rasd.sqlite in the user's data directory).

    Example:

    \b
        rasd ingest ../shared/examples/seed-gold.jsonl saved-pages/ feeds/sana.xml
        rasd ingest --limit 200 ../shared/corpus/news_ar_conflict.jsonl.gz
        RASD_DATABASE_URL=sqlite:///desk.sqlite rasd ingest https://example.org/rss.xml
    """
    config = _config(config_file)
    store = _store(config)
    ingestor = Ingestor(store, None, config, reextract=reextract)
    expected = min(estimate_items(paths), limit or 10**9)
    try:
        with _rasd_errors(), _progress(expected) as bar, new_client() as client:
            update = bar.update if bar is not None else None
            report = ingest(
                paths,
                ingestor,
                client=client,
                fetch_pages=not no_fetch,
                limit=limit,
                progress=update,
            )
    finally:
        store.close()
    _print_report(report, as_json)
    if report.read == 0:
        raise click.ClickException("no article could be read")


def _echo_round(number: int, results: list[PollResult]) -> None:
    for result in results:
        click.echo(f"round {number}: {result}")


@click.command("watch")
@click.argument("feeds", nargs=-1, required=True)
@click.option(
    "--every", default="15m", show_default=True, help="Time between rounds: 30s, 15m, 2h."
)
@click.option("--once", is_flag=True, help="Poll every feed once, then stop.")
@click.option("--no-fetch", is_flag=True, help="Do not download the pages of feed items.")
@_config_option
def watch_command(
    feeds: tuple[str, ...], every: str, once: bool, no_fetch: bool, config_file: Path | None
) -> None:
    """Keep polling RSS/Atom feeds and store new items with their events.

    FEEDS are feed URLs or text files listing one URL a line. Each round asks every feed
    only for what changed (ETag / Last-Modified) and extracts only items not stored yet;
    what each feed sent last is kept in the store, so a restart resumes. Network errors
    are logged and the feed is tried again next round. Stop with Ctrl-C.

    Example:

    \b
        rasd watch feeds.txt --every 15m
        rasd watch https://example.org/rss.xml --once
    """
    try:
        seconds = parse_duration(every)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--every") from exc
    with _rasd_errors():
        urls = read_feed_list(feeds)
    config = _config(config_file)
    store = _store(config)
    ingestor = Ingestor(store, None, config)
    rounds = 1 if once else None
    try:
        with _rasd_errors(), new_client() as client:
            watch(urls, ingestor, client, every=seconds, rounds=rounds, on_round=_echo_round)
    except KeyboardInterrupt:
        click.echo("rasd: stopped", err=True)
    finally:
        store.close()


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port."
)
@_config_option
def serve_command(host: str, port: int, config_file: Path | None) -> None:
    """Serve the web map and the HTTP API over the store (OpenAPI document at /openapi.json).

    Listens on localhost unless --host says otherwise. The web map is at /; API paths:
    /events, /events.geojson, /events.csv, /events/{id} (and its review operations),
    /articles, /articles/{id}, /map/points, /audit, /health.

    Example:

    \b
        rasd serve --port 8000
        curl 'http://127.0.0.1:8000/events?admin1=Idlib&date_from=2021-03-01'
    """
    import uvicorn

    from rasd.api import create_app
    from rasd.basemap import warm_basemap

    config = _config(config_file)
    app = create_app(config, store=_store(config))
    threading.Thread(target=warm_basemap, args=(config,), daemon=True).start()
    click.echo(f"rasd: serving {database_url(config)} on http://{host}:{port}", err=True)
    click.echo(f"rasd: web map at http://{host}:{port}/", err=True)
    uvicorn.run(app, host=host, port=port, log_level="info")


def _date(value: str | None, name: str) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError as exc:
        raise click.BadParameter(f"{value!r} is not a YYYY-MM-DD date", param_hint=name) from exc


def _bbox(value: str | None) -> BBox | None:
    try:
        return BBox.parse(value) if value else None
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--bbox") from exc


@click.command("export")
@click.option(
    "-o",
    "--output",
    type=click.File("w", encoding="utf-8"),
    default="-",
    help="Write here (default: standard output).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(WRITERS)),
    default="acled-csv",
    show_default=True,
    help="Output format.",
)
@click.option("--from", "date_from", help="First event date (YYYY-MM-DD).")
@click.option("--to", "date_to", help="Last event date (YYYY-MM-DD).")
@click.option("--event-type", help="ACLED event type, e.g. 'Battles'.")
@click.option("--actor", help="An actor (actor1, actor2 or associated).")
@click.option("--country", help="Country name, e.g. 'Syria'.")
@click.option("--admin1", help="First-level admin unit, e.g. 'Idlib'.")
@click.option("--bbox", help="west,south,east,north in degrees.")
@click.option("--search", "q", help="Words in a reporting article (normalised Arabic).")
@_config_option
def export_command(
    output: IO[str],
    fmt: str,
    date_from: str | None,
    date_to: str | None,
    event_type: str | None,
    actor: str | None,
    country: str | None,
    admin1: str | None,
    bbox: str | None,
    q: str | None,
    config_file: Path | None,
) -> None:
    """Write the stored merged events as ACLED CSV, GeoJSON or JSONL, optionally filtered.

    Each event lists every outlet that reported it in ACLED's source column.

    Example:

    \b
        rasd export --format acled-csv -o events.csv --country Syria --from 2021-01-01
        rasd export --format geojson --bbox 35.5,35.0,37.5,37.0 > idlib.geojson
    """
    query = EventFilter(
        date_from=_date(date_from, "--from"),
        date_to=_date(date_to, "--to"),
        event_type=event_type,
        actor=actor,
        country=country,
        admin1=admin1,
        bbox=_bbox(bbox),
        q=q,
    )
    store = _store(_config(config_file))
    try:
        with _rasd_errors():
            for chunk in WRITERS[fmt](store.iter_events(query)):
                output.write(chunk)
    finally:
        store.close()


COMMANDS: tuple[click.Command, ...] = (
    ingest_command,
    watch_command,
    serve_command,
    export_command,
)
"""The store's commands, for ``cli.add_command``."""
