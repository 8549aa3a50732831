"""The ``rasd`` command line: thin commands over the library.

Each command parses its input, calls one library function and prints the result; rasd's own
errors become clear messages (``click.ClickException``), never tracebacks.
"""

from __future__ import annotations

import importlib
import json
import logging
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import IO, Any, TypeVar

import click

from rasd import __version__
from rasd.arabic import tokenize
from rasd.config import Config, load_config
from rasd.errors import RasdError
from rasd.evaluate import format_table, read_gold, score
from rasd.io import WRITERS, InputProblem, event_record, read_articles
from rasd.pipeline import extract
from rasd.resources import Resources, build_gazetteer_index, load_gazetteer, load_resources
from rasd.stages.actors import unknown_organisations
from rasd.stages.normalize import normalize
from rasd.types import Article, Event

F = TypeVar("F", bound=Callable[..., Any])
log = logging.getLogger("rasd")


def _config_option(function: F) -> F:
    return click.option(
        "--config",
        "config_file",
        type=click.Path(dir_okay=False, path_type=Path),
        help="TOML file of settings (see rasd.config.Config).",
    )(function)


def _make_config(config_file: Path | None, **overrides: Any) -> Config:
    try:
        return load_config(config_file, **overrides)
    except RasdError as exc:
        raise click.ClickException(str(exc)) from exc


def _load(config: Config) -> Resources:
    try:
        return load_resources(config)
    except RasdError as exc:
        raise click.ClickException(str(exc)) from exc


class LazyGroup(click.Group):
    """A group whose store, API and batch commands are imported only when used: they pull in
    SQLAlchemy, FastAPI, trafilatura and Dask, which ``rasd extract`` does not need."""

    lazy: dict[str, tuple[str, str]] = {  # noqa: RUF012 (read-only table)
        "ingest": ("rasd.commands", "ingest_command"),
        "watch": ("rasd.commands", "watch_command"),
        "serve": ("rasd.commands", "serve_command"),
        "export": ("rasd.commands", "export_command"),
        "batch": ("rasd.batch_command", "batch"),
    }

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy and cmd_name not in self.commands:
            module, attribute = self.lazy[cmd_name]
            command = getattr(importlib.import_module(module), attribute)
            assert isinstance(command, click.Command)
            self.add_command(command, cmd_name)
        return super().get_command(ctx, cmd_name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="rasd")
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
def cli(verbose: int) -> None:
    """rasd: Arabic conflict news to ACLED-style, geolocated, evidence-linked events."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(
        level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr
    )


def _parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter(f"{value!r} is not a YYYY-MM-DD date") from exc


def _articles(items: Iterable[Article | InputProblem], counts: dict[str, int]) -> Iterator[Article]:
    """Articles only, reporting each input problem on stderr."""
    for item in items:
        if isinstance(item, InputProblem):
            kind = "error" if item.fatal else "warning"
            counts["problems" if item.fatal else "warnings"] += 1
            click.echo(f"rasd: {kind}: {item}", err=True)
            continue
        counts["articles"] += 1
        yield item


def _extract_all(
    articles: Iterable[Article], resources: Resources, config: Config
) -> Iterator[Event]:
    for article in articles:
        try:
            yield from extract(article, resources, config)
        except Exception as exc:
            log.exception("article %s could not be processed: %s", article.id, exc)


@cli.command("extract")
@click.argument("paths", nargs=-1)
@click.option(
    "-o",
    "--output",
    type=click.File("w", encoding="utf-8"),
    default="-",
    help="Write events here (default: standard output).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(WRITERS)),
    default="jsonl",
    show_default=True,
    help="Output format.",
)
@click.option("--published", help="Publication date (YYYY-MM-DD) for .txt input.")
@click.option("--source", help="Outlet name for .txt input.")
@click.option("--numeric-inter", is_flag=True, help="Actor types as ACLED's numeric codes.")
@_config_option
def extract_command(
    paths: tuple[str, ...],
    output: IO[str],
    fmt: str,
    published: str | None,
    source: str | None,
    numeric_inter: bool,
    config_file: Path | None,
) -> None:
    """Extract ACLED events from articles (JSONL, .txt files, or standard input).

    JSONL lines hold id, text and optionally title, published (YYYY-MM-DD), source and url.

    Example:

    \b
        rasd extract ../shared/examples/seed-gold.jsonl --format acled-csv -o events.csv
        echo '{"id": "a1", "text": "...", "published": "2021-03-09"}' | rasd extract
    """
    config = _make_config(config_file, numeric_inter=numeric_inter or None)
    resources = _load(config)
    counts = {"articles": 0, "problems": 0, "warnings": 0}
    items = read_articles(paths, published=_parse_date(published), source=source)
    events = _extract_all(_articles(items, counts), resources, config)
    written = WRITERS[fmt](events, output, numeric_inter=config.numeric_inter)
    click.echo(
        f"rasd: {counts['articles']} articles, {written} events, "
        f"{counts['problems']} skipped with errors",
        err=True,
    )
    if counts["articles"] == 0:
        sys.exit(1)


@cli.command("eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--pred",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Score these predicted events (JSONL) instead of running extraction.",
)
@click.option("--show", is_flag=True, help="List every miss, false positive and field error.")
@click.option("--json", "as_json", is_flag=True, help="Print the score as JSON.")
@click.option(
    "--save-pred",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the predictions made for the gold articles here.",
)
@_config_option
def eval_command(
    gold: Path,
    pred: Path | None,
    show: bool,
    as_json: bool,
    save_pred: Path | None,
    config_file: Path | None,
) -> None:
    """Score extraction against a gold file (the format of ../shared/dev/gold.jsonl).

    Example:

    \b
        rasd eval ../shared/dev/gold.jsonl --show
    """
    gold_articles = read_gold(gold)
    if pred is not None:
        with open(pred, encoding="utf-8") as handle:
            records = [json.loads(line) for line in handle if line.strip()]
    else:
        config = _make_config(config_file)
        resources = _load(config)
        items = read_articles([str(gold)])
        counts = {"articles": 0, "problems": 0, "warnings": 0}
        events = list(_extract_all(_articles(items, counts), resources, config))
        records = [event_record(e) for e in events]
    if save_pred is not None:
        with open(save_pred, "w", encoding="utf-8") as handle:
            for record in records:
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    result = score(gold_articles, records, show=show)
    if show:
        for line in result.lines:
            click.echo(line, err=True)
    click.echo(
        json.dumps(result.as_dict(), ensure_ascii=False) if as_json else format_table(result)
    )


@cli.group("gazetteer")
def gazetteer_group() -> None:
    """Build and inspect the compiled gazetteer index."""


@gazetteer_group.command("build")
@_config_option
def gazetteer_build(config_file: Path | None) -> None:
    """Compile the gazetteer from RASD_DATA into the cache directory.

    Example:

    \b
        RASD_DATA=../shared rasd gazetteer build
    """
    config = _make_config(config_file)
    started = time.perf_counter()
    try:
        path = build_gazetteer_index(config)
    except RasdError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"gazetteer written to {path} in {time.perf_counter() - started:.1f} s")


@gazetteer_group.command("info")
@_config_option
def gazetteer_info(config_file: Path | None) -> None:
    """Show where the compiled gazetteer is, what it holds and where it came from."""
    config = _make_config(config_file)
    try:
        gazetteer = load_gazetteer(config)
    except RasdError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(json.dumps(gazetteer.provenance, ensure_ascii=False, indent=2))


@cli.command("place")
@click.argument("name")
@click.option("--limit", default=10, show_default=True, help="Show at most this many places.")
@_config_option
def place_command(name: str, limit: int, config_file: Path | None) -> None:
    """Look up a place name (Arabic or English) in the gazetteer.

    Example:

    \b
        rasd place الشحيل
    """
    config = _make_config(config_file)
    try:
        gazetteer = load_gazetteer(config)
    except RasdError as exc:
        raise click.ClickException(str(exc)) from exc
    records = gazetteer.lookup(name)
    if not records:
        raise click.ClickException(f"no place named {name!r} in the gazetteer")
    for record in records[:limit]:
        p = record.place
        click.echo(
            f"{p.place_id}\t{p.name}\t{p.name_ar}\t{p.feature}\t{p.country}\t{p.admin1}\t"
            f"{p.admin2}\t{p.latitude:.5f},{p.longitude:.5f}\trank={record.rank}"
        )


def _cell(value: object, width: int) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= width else text[: width - 1] + "…"


def event_table(events: Iterable[Event]) -> str:
    """Events as a fixed-width table for the terminal."""
    columns = (
        ("date", 10),
        ("type", 34),
        ("actor1", 30),
        ("actor2", 28),
        ("location", 22),
        ("admin1", 14),
        ("fat", 4),
        ("article", 24),
    )
    lines = ["  ".join(name.ljust(width) for name, width in columns)]
    for e in events:
        values = (
            e.event_date,
            f"{e.event_type}/{e.sub_event_type}",
            e.actor1,
            e.actor2,
            e.location,
            e.admin1,
            e.fatalities,
            e.article_id,
        )
        lines.append(
            "  ".join(_cell(v, w).ljust(w) for v, (_, w) in zip(values, columns, strict=True))
        )
    return "\n".join(lines)


@cli.command("run")
@click.option("--sample", default=200, show_default=True, help="Corpus articles to include.")
@click.option(
    "--out",
    "out_dir",
    default="out",
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Where to write the files.",
)
@_config_option
def run_command(sample: int, out_dir: Path, config_file: Path | None) -> None:
    """The main job: the founding example and a corpus sample, as a table, JSONL and ACLED CSV.

    Example:

    \b
        rasd run --sample 100 --out out
    """
    config = _make_config(config_file)
    data = config.require_data_dir() if config.data_dir else None
    if data is None:
        raise click.ClickException("RASD_DATA is not set and ../shared was not found")
    resources = _load(config)
    inputs = [str(data / "examples" / "seed-gold.jsonl")]
    counts = {"articles": 0, "problems": 0, "warnings": 0}
    articles = list(_articles(read_articles(inputs), counts))
    corpus = read_articles([str(data / "corpus" / "news_ar_conflict.jsonl.gz")])
    for item in _articles(corpus, counts):
        if len(articles) > sample:
            break
        articles.append(item)
    events = list(_extract_all(articles, resources, config))
    click.echo(event_table(events))
    out_dir.mkdir(parents=True, exist_ok=True)
    with open(out_dir / "events.jsonl", "w", encoding="utf-8") as handle:
        WRITERS["jsonl"](events, handle)
    with open(out_dir / "events.csv", "w", encoding="utf-8", newline="") as handle:
        WRITERS["acled-csv"](events, handle)
    click.echo(
        f"\n{len(articles)} articles, {len(events)} events -> "
        f"{out_dir / 'events.jsonl'}, {out_dir / 'events.csv'}"
    )


@cli.command("actors")
@click.option(
    "--unknown",
    "unknown_paths",
    multiple=True,
    metavar="FILE",
    help="Report armed groups these articles name that the dictionary lacks.",
)
@click.option("--limit", default=50, show_default=True, help="Show at most this many names.")
@_config_option
def actors_command(unknown_paths: tuple[str, ...], limit: int, config_file: Path | None) -> None:
    """Summarise the actor dictionary's coverage, or list unknown armed groups in articles.

    Without --unknown: actors and aliases per country. With --unknown FILE: names that look
    like armed organisations ("لواء ...", "جماعة ...") but match no dictionary actor, by count.

    Example:

    \b
        rasd actors
        rasd actors --unknown ../shared/corpus/news_ar_conflict.jsonl.gz
    """
    config = _make_config(config_file)
    resources = _load(config)
    if not unknown_paths:
        click.echo(json.dumps(resources.actors.coverage(), ensure_ascii=False, indent=2))
        return
    counts = {"articles": 0, "problems": 0, "warnings": 0}
    names = unknown_group_names(_articles(read_articles(unknown_paths), counts), resources)
    for name, count in names.most_common(limit):
        click.echo(f"{count}\t{name}")


def unknown_group_names(articles: Iterable[Article], resources: Resources) -> Counter[str]:
    """Surface forms of armed groups the dictionary lacks, counted over articles."""
    found: Counter[str] = Counter()
    for article in articles:
        normalized = normalize(article.text)
        tokens = tokenize(normalized.text)
        for first, last in unknown_organisations(tokens, resources.actors):
            start, end = normalized.span_to_original(tokens[first].start, tokens[last].end)
            found[article.text[start:end]] += 1
    return found


EXPLAINED_FIELDS = (
    "sub_event_type",
    "actor1",
    "actor2",
    "location",
    "geo_precision",
    "event_date",
    "fatalities",
)


def explain_event(event: Event) -> str:
    """A readable account of one event: each field, the words behind it, and why."""
    why = dict(event.why)
    words: dict[str, list[str]] = {}
    for evidence in event.evidence:
        words.setdefault(evidence.field, []).append(evidence.text)
    values = {
        "sub_event_type": f"{event.event_type} / {event.sub_event_type}",
        "actor1": event.actor1,
        "actor2": event.actor2,
        "location": f"{event.location} ({event.admin1}, {event.country})",
        "geo_precision": str(event.geo_precision),
        "event_date": str(event.event_date),
        "fatalities": str(event.fatalities),
    }
    lines = [f"event {event.event_id}: {values['sub_event_type']}"]
    for name in EXPLAINED_FIELDS:
        quoted = " | ".join(dict.fromkeys(words.get(name, [])))
        lines.append(f"  {name:15s} {values[name]}")
        if quoted:
            lines.append(f"  {'':15s} words: {quoted}")
        if name in why:
            lines.append(f"  {'':15s} why:   {why[name]}")
    lines.append(f"  {'notes':15s} {event.notes}")
    if event.warnings:
        lines.append(f"  {'warnings':15s} {'; '.join(event.warnings)}")
    return "\n".join(lines)


@cli.command("explain")
@click.argument("paths", nargs=-1)
@click.option("--published", help="Publication date (YYYY-MM-DD) for .txt input.")
@click.option("--id", "article_id", help="Only the article with this id (JSONL input).")
@_config_option
def explain_command(
    paths: tuple[str, ...],
    published: str | None,
    article_id: str | None,
    config_file: Path | None,
) -> None:
    """Show, for each event of an article, which words triggered it and why each field has
    its value.

    Example:

    \b
        rasd explain ../shared/examples/seed-gold.jsonl
        rasd explain report.txt --published 2021-03-09
    """
    config = _make_config(config_file)
    resources = _load(config)
    counts = {"articles": 0, "problems": 0, "warnings": 0}
    items = read_articles(paths, published=_parse_date(published))
    for article in _articles(items, counts):
        if article_id and article.id != article_id:
            continue
        events = extract(article, resources, config)
        click.echo(f"=== {article.id}: {len(events)} event(s)")
        for event in events:
            click.echo(explain_event(event))
    if counts["articles"] == 0:
        sys.exit(1)


def main() -> None:
    """Entry point of the ``rasd`` script."""
    cli()
