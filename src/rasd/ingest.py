"""Ingestion: articles from JSONL, saved HTML pages and RSS/Atom feeds, extracted and stored.

``ingest(paths, ingestor)`` is what a monitoring desk runs daily: it reads every input, stores
each article once (re-ingesting changes nothing), extracts its events, merges them across
sources, and returns an :class:`IngestReport` (read, new, duplicates, failed with reasons).
``watch(feeds, ingestor, ...)`` polls feeds with conditional requests, stores only new items,
and remembers each feed's validators and seen items in the store, so restarts resume.

Inputs, by path:

- ``.jsonl``/``.jsonl.gz``/``.json``/``.txt``: the article format of ``rasd extract``;
- ``.html``/``.htm``: a saved page; trafilatura finds main text, title, date and outlet in the
  raw bytes (so windows-1256 pages decode);
- ``.xml``/``.rss``/``.atom`` or an ``http(s)://`` URL: an RSS or Atom feed (feedparser);
- a folder: every such file in it, recursively, in name order.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import logging
import re
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, overload
from urllib.parse import urlsplit

import feedparser  # type: ignore[import-untyped]
import httpx
import trafilatura

from rasd import __version__
from rasd.config import Config
from rasd.dedup import MergeRules
from rasd.errors import InputError
from rasd.io import InputProblem, read_articles
from rasd.pipeline import PIPELINE_VERSION, extract
from rasd.resources import Resources, load_resources
from rasd.store.base import (
    ArticleConflict,
    FeedState,
    Matcher,
    Provenance,
    SaveResult,
    SaveStatus,
    Store,
    StoreError,
)
from rasd.types import Article

log = logging.getLogger(__name__)

ARTICLE_SUFFIXES = (".jsonl", ".jsonl.gz", ".json", ".txt")
HTML_SUFFIXES = (".html", ".htm")
FEED_SUFFIXES = (".xml", ".rss", ".atom")
MIN_TEXT_CHARS = 40
"""A page whose main text is shorter holds no article."""
MAX_DOWNLOAD_BYTES = 20_000_000
MAX_ID_CHARS = 300
USER_AGENT = f"rasd/{__version__}"

Item = Article | InputProblem


class FetchError(InputError):
    """A feed or page could not be downloaded."""


# ----------------------------------------------------------------------------- the report


@dataclass(frozen=True, slots=True)
class Failure:
    """An input that could not be stored (or stored without events), and why."""

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


@dataclass(slots=True)
class IngestReport:
    """Counts and reasons of one ingestion run."""

    read: int = 0
    new: int = 0
    duplicates: int = 0
    revisions: int = 0
    reextracted: int = 0
    events: int = 0
    merged: int = 0
    near_duplicates: int = 0
    failed: list[Failure] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def add(self, result: SaveResult) -> None:
        """Count one saved article."""
        counter = {
            SaveStatus.NEW: "new",
            SaveStatus.DUPLICATE: "duplicates",
            SaveStatus.REVISION: "revisions",
            SaveStatus.REEXTRACTED: "reextracted",
        }[result.status]
        setattr(self, counter, getattr(self, counter) + 1)
        self.events += result.events
        self.merged += result.merged
        self.near_duplicates += result.near_duplicate_of is not None

    def problem(self, problem: InputProblem) -> None:
        """Count an input problem: a failure when the record was skipped, else a warning."""
        if problem.fatal:
            where = f"{problem.source}:{problem.line}" if problem.line else problem.source
            self.failed.append(Failure(where, problem.message))
        else:
            self.warnings.append(str(problem))

    def summary(self) -> str:
        """One line for the end of a run."""
        return (
            f"read {self.read}, new {self.new}, duplicates {self.duplicates}, "
            f"revisions {self.revisions}, re-extracted {self.reextracted}, "
            f"failed {len(self.failed)}; events {self.events}, merged into other reports "
            f"{self.merged}, near-duplicate articles {self.near_duplicates}"
        )

    def as_dict(self) -> dict[str, Any]:
        """The report as JSON-ready values."""
        return {
            "read": self.read,
            "new": self.new,
            "duplicates": self.duplicates,
            "revisions": self.revisions,
            "reextracted": self.reextracted,
            "events": self.events,
            "merged": self.merged,
            "near_duplicates": self.near_duplicates,
            "failed": [{"source": f.source, "reason": f.reason} for f in self.failed],
            "warnings": list(self.warnings),
        }


# ----------------------------------------------------------------------------- storing


class Ingestor:
    """Extracts and stores articles: the one path from an article to the store."""

    def __init__(
        self,
        store: Store,
        resources: Resources | None,
        config: Config,
        *,
        matcher: Matcher | None = None,
        reextract: bool = False,
    ):
        """``resources`` None: loaded when the first article needs extracting (a re-run over
        stored articles never loads them)."""
        self.store = store
        self._resources = resources
        self.config = config
        self.matcher: Matcher = matcher or MergeRules()
        self.reextract = reextract

    @property
    def resources(self) -> Resources:
        """The pipeline's resources (loaded on first use when not given)."""
        if self._resources is None:
            self._resources = load_resources(self.config)
        return self._resources

    def save(self, article: Article, origin: str) -> SaveResult:
        """Store one article and its events; nothing is extracted for a known article."""
        for _ in range(3):
            target, status = self.store.resolve(article)
            if status is SaveStatus.DUPLICATE and not self.reextract:
                return SaveResult(target, SaveStatus.DUPLICATE)
            try:
                return self._save_as(replace(article, id=target), origin)
            except ArticleConflict:
                log.info("article %s changed while it was stored; resolving again", article.id)
        raise StoreError(f"article {article.id}: another writer kept changing it")

    def _save_as(self, article: Article, origin: str) -> SaveResult:
        error = None
        try:
            events = extract(article, self.resources, self.config)
        except Exception as exc:  # the article is still kept, to re-extract later
            log.exception("article %s: extraction failed", article.id)
            events, error = [], f"extraction failed: {type(exc).__name__}: {exc}"
        provenance = Provenance(PIPELINE_VERSION, self.resources.data_version, origin)
        return self.store.save_extraction(
            article,
            events,
            provenance=provenance,
            source_scale=self.resources.reporters.scale_of(article.source),
            matcher=self.matcher,
            replace=self.reextract,
            extract_error=error,
        )

    def store_article(
        self, article: Article, origin: str, report: IngestReport
    ) -> SaveResult | None:
        """Store one article, counting the outcome in ``report``; None when it failed."""
        report.read += 1
        where = f"{origin}: {article.id[:80]}"
        if len(article.id) > MAX_ID_CHARS:
            report.failed.append(Failure(where, f"id longer than {MAX_ID_CHARS} characters"))
            return None
        try:
            result = self.save(clean_article(article), origin)
        except StoreError as exc:
            report.failed.append(Failure(where, str(exc)))
            return None
        report.add(result)
        if result.extract_error:
            report.failed.append(Failure(where, f"stored without events: {result.extract_error}"))
        return result

    def run(
        self,
        items: Iterable[tuple[str, Item]],
        *,
        report: IngestReport | None = None,
        progress: Callable[[int], None] | None = None,
    ) -> IngestReport:
        """Store every article of ``(origin, item)`` pairs, counting problems as they come."""
        report = report if report is not None else IngestReport()
        for origin, item in items:
            if isinstance(item, InputProblem):
                report.problem(item)
                continue
            self.store_article(item, origin, report)
            if progress is not None:
                progress(1)
        return report


_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def clean_article(article: Article) -> Article:
    """The article with NUL characters and lone surrogates (which no database stores)
    replaced one for one, so evidence offsets stay valid."""
    values = (article.id, article.text, article.title, article.source, article.url)
    if not any(_UNSTORABLE.search(value) for value in values if value):
        return article
    return replace(
        article,
        id=_storable(article.id),
        text=_storable(article.text),
        title=_storable(article.title),
        source=_storable(article.source),
        url=_storable(article.url),
    )


@overload
def _storable(value: str) -> str: ...
@overload
def _storable(value: None) -> None: ...
def _storable(value: str | None) -> str | None:
    return None if value is None else _UNSTORABLE.sub("\ufffd", value)


def ingest(
    paths: Sequence[str],
    ingestor: Ingestor,
    *,
    client: httpx.Client | None = None,
    fetch_pages: bool = True,
    limit: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> IngestReport:
    """Read every input (the first ``limit`` articles) and store its articles."""
    items = read_inputs(paths, client=client, fetch_pages=fetch_pages)
    if limit is not None:
        items = _first_articles(items, limit)
    return ingestor.run(items, progress=progress)


def _first_articles(items: Iterable[tuple[str, Item]], limit: int) -> Iterator[tuple[str, Item]]:
    """The items up to the ``limit``-th article (problems met on the way included)."""
    count = 0
    for origin, item in items:
        if count >= limit:
            return
        count += isinstance(item, Article)
        yield origin, item


# ----------------------------------------------------------------------------- reading inputs


def read_inputs(
    paths: Sequence[str], *, client: httpx.Client | None = None, fetch_pages: bool = True
) -> Iterator[tuple[str, Item]]:
    """``(origin, article or problem)`` for every input path, folder or feed URL."""
    for name in paths:
        if _is_url(name):
            yield from _labelled(name, read_feed_url(name, client, fetch_pages=fetch_pages))
            continue
        path = Path(name)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file() and _kind(p)):
                yield from _labelled(str(child), read_file(child))
        elif path.is_file():
            yield from _labelled(name, read_file(path))
        else:
            yield name, InputProblem(name, 0, "no such file or folder")


def _labelled(origin: str, items: Iterable[Item]) -> Iterator[tuple[str, Item]]:
    for item in items:
        yield origin, item


def _is_url(name: str) -> bool:
    return name.startswith(("http://", "https://"))


def _kind(path: Path) -> str | None:
    name = path.name.lower()
    for kind, suffixes in (
        ("articles", ARTICLE_SUFFIXES),
        ("html", HTML_SUFFIXES),
        ("feed", FEED_SUFFIXES),
    ):
        if name.endswith(suffixes):
            return kind
    return None


def read_file(path: Path) -> Iterator[Item]:
    """The articles of one file, by its kind (see the module docstring)."""
    kind = _kind(path) or _sniff(path)
    if kind == "html":
        yield read_html_file(path)
    elif kind == "feed":
        yield from read_feed_bytes(_read_bytes(path), str(path))
    else:
        yield from read_articles([str(path)])


def _sniff(path: Path) -> str:
    head = _read_bytes(path, 2048).lstrip().lower()
    if head.startswith((b"<?xml", b"<rss", b"<feed", b"<rdf")):
        return "feed"
    if head.startswith((b"<!doctype html", b"<html")):
        return "html"
    return "articles"


def _read_bytes(path: Path, limit: int = MAX_DOWNLOAD_BYTES) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read(limit)
    except OSError as exc:
        log.warning("cannot read %s: %s", path, exc)
        return b""


def estimate_items(paths: Sequence[str]) -> int:
    """About how many articles the inputs hold (for a progress bar; feeds count 0)."""
    total = 0
    for name in paths:
        path = Path(name)
        files = sorted(path.rglob("*")) if path.is_dir() else [path]
        for file in files:
            kind = _kind(file) if file.is_file() else None
            if kind == "html":
                total += 1
            elif kind == "articles":
                total += _count_lines(file)
    return total


def _count_lines(path: Path) -> int:
    opener: Any = gzip.open if path.name.endswith(".gz") else open
    try:
        with opener(path, "rb") as handle:
            return sum(1 for line in handle if line.strip())
    except (OSError, EOFError):
        return 0


# ----------------------------------------------------------------------------- HTML pages


@dataclass(frozen=True, slots=True)
class Page:
    """What trafilatura found in a page."""

    text: str
    title: str | None
    published: date | None
    outlet: str | None
    url: str | None


def read_page(raw: bytes, *, url: str | None = None) -> Page | None:
    """Main text and metadata of an HTML page given as bytes; None when it holds no article."""
    if not raw.strip():
        return None
    document = trafilatura.bare_extraction(
        raw, url=url, with_metadata=True, include_comments=False, include_tables=False
    )
    if document is None or isinstance(document, dict):
        return None
    text = (document.text or "").strip()
    if len(text) < MIN_TEXT_CHARS:
        return None
    return Page(
        text=text,
        title=document.title,
        published=_iso_date(document.date),
        outlet=document.sitename or document.hostname,
        url=document.url or url,
    )


def read_html_file(path: Path) -> Item:
    """A saved page as an article: id from its canonical URL, else the file name."""
    page = read_page(_read_bytes(path))
    if page is None:
        return InputProblem(str(path), 0, "no article text found in the page")
    return Article(
        id=page.url or path.stem,
        text=page.text,
        title=page.title,
        published=page.published,
        source=page.outlet,
        url=page.url,
    )


def _iso_date(value: object) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


class _TextOnly(HTMLParser):
    """The text of an HTML fragment, block elements on their own lines."""

    BLOCKS = frozenset({"p", "br", "div", "li", "h1", "h2", "h3", "h4", "tr", "blockquote"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self.skip += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.skip = max(0, self.skip - 1)

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def html_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed summary or content)."""
    parser = _TextOnly()
    parser.feed(fragment)
    parser.close()
    lines = (
        re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in "".join(parser.parts).split("\n")
    )
    return "\n".join(line for line in lines if line)


# ----------------------------------------------------------------------------- feeds


@dataclass(frozen=True, slots=True)
class FeedItem:
    """One entry of a feed."""

    item_id: str
    title: str | None
    link: str | None
    published: date | None
    text: str
    outlet: str | None


def parse_feed(raw: bytes, label: str) -> tuple[list[FeedItem], InputProblem | None]:
    """The items of an RSS/Atom feed, and the problem met (fatal when nothing was read)."""
    parsed = feedparser.parse(io.BytesIO(raw))
    outlet = parsed.feed.get("title") or None
    items = [_feed_item(entry, outlet) for entry in parsed.entries]
    if parsed.get("bozo") and not items:
        reason = parsed.get("bozo_exception") or "not a feed"
        return [], InputProblem(label, 0, f"malformed feed: {reason}")
    if parsed.get("bozo"):
        reason = parsed.get("bozo_exception")
        return items, InputProblem(label, 0, f"feed partly malformed: {reason}", fatal=False)
    return items, None


def _feed_item(entry: Any, outlet: str | None) -> FeedItem:
    content = entry.get("content") or []
    body = content[0].get("value", "") if content else entry.get("summary", "")
    link = entry.get("link") or None
    title = html_text(entry.get("title", "")) or None
    text = html_text(body or "")
    key = entry.get("id") or link or _digest(f"{title}\n{text}")
    parsed_time = entry.get("published_parsed") or entry.get("updated_parsed")
    published = date(*parsed_time[:3]) if parsed_time else None
    host = urlsplit(link).hostname if link else None
    return FeedItem(str(key), title, link, published, text, outlet or host)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def item_article(item: FeedItem, page: Page | None = None) -> Item:
    """A feed item as an article; the page's main text wins over a shorter summary."""
    text = page.text if page is not None and len(page.text) > len(item.text) else item.text
    if len(text.strip()) < MIN_TEXT_CHARS:
        return InputProblem(item.link or item.item_id, 0, "feed item without article text")
    return Article(
        id=item.item_id,
        text=text,
        title=item.title or (page.title if page else None),
        published=item.published or (page.published if page else None),
        source=item.outlet or (page.outlet if page else None),
        url=item.link,
    )


def read_feed_bytes(
    raw: bytes, label: str, *, pages: Callable[[str], Page | None] | None = None
) -> Iterator[Item]:
    """The articles of a feed; ``pages`` (when given) fetches each item's page."""
    items, problem = parse_feed(raw, label)
    if problem is not None:
        yield problem
    for item in items:
        page = pages(item.link) if pages is not None and item.link else None
        yield item_article(item, page)


def read_feed_url(
    url: str, client: httpx.Client | None, *, fetch_pages: bool = True
) -> Iterator[Item]:
    """The articles of a feed on the web (``rasd ingest URL``: no conditional request)."""
    with _client_or(client) as http:
        try:
            response = download(http, url)
        except FetchError as exc:
            yield InputProblem(url, 0, str(exc))
            return
        if response.status != 200:
            yield InputProblem(url, 0, f"HTTP {response.status}")
            return
        pages = (lambda link: fetch_page(http, link)) if fetch_pages else None
        yield from read_feed_bytes(response.content, url, pages=pages)


# ----------------------------------------------------------------------------- HTTP


@dataclass(frozen=True, slots=True)
class Download:
    """An HTTP response read in full (at most MAX_DOWNLOAD_BYTES)."""

    status: int
    headers: httpx.Headers
    content: bytes


def new_client(timeout: float = 20.0) -> httpx.Client:
    """An HTTP client for feeds and pages: redirects followed, rasd's User-Agent."""
    return httpx.Client(timeout=timeout, follow_redirects=True, headers={"User-Agent": USER_AGENT})


@contextmanager
def _client_or(client: httpx.Client | None) -> Iterator[httpx.Client]:
    """The given client, or a new one closed on exit."""
    if client is not None:
        yield client
        return
    with new_client() as own:
        yield own


def download(client: httpx.Client, url: str, headers: dict[str, str] | None = None) -> Download:
    """GET a URL, reading at most MAX_DOWNLOAD_BYTES; network errors become FetchError."""
    try:
        with client.stream("GET", url, headers=headers) as response:
            content = bytearray()
            for chunk in response.iter_bytes():
                content += chunk
                if len(content) > MAX_DOWNLOAD_BYTES:
                    raise FetchError(f"{url}: larger than {MAX_DOWNLOAD_BYTES} bytes")
            return Download(response.status_code, response.headers, bytes(content))
    except httpx.HTTPError as exc:
        raise FetchError(f"{url}: {type(exc).__name__}: {exc}") from exc


def fetch_page(client: httpx.Client, url: str) -> Page | None:
    """An item's web page, or None when it cannot be fetched or holds no article."""
    try:
        response = download(client, url)
    except FetchError as exc:
        log.warning("page not fetched: %s", exc)
        return None
    if response.status != 200:
        log.warning("page not fetched: %s: HTTP %d", url, response.status)
        return None
    return read_page(response.content, url=url)


# ----------------------------------------------------------------------------- watching


@dataclass(frozen=True, slots=True)
class PollResult:
    """What one poll of one feed did."""

    url: str
    status: str
    """``new`` (the feed changed), ``not modified`` or ``error``."""
    new: int = 0
    failed: int = 0
    error: str = ""

    def __str__(self) -> str:
        if self.status == "error":
            return f"{self.url}: error: {self.error}"
        return f"{self.url}: {self.status}, {self.new} new items, {self.failed} failed"


def conditional_headers(state: FeedState) -> dict[str, str]:
    """If-None-Match / If-Modified-Since from what the feed sent last time."""
    headers = {}
    if state.etag:
        headers["If-None-Match"] = state.etag
    if state.last_modified:
        headers["If-Modified-Since"] = state.last_modified
    return headers


def poll_feed(
    url: str, ingestor: Ingestor, client: httpx.Client, *, fetch_pages: bool = True
) -> PollResult:
    """Fetch a feed if it changed and store its new items; never raises for network errors."""
    store = ingestor.store
    state = store.feed_state(url)
    try:
        response = download(client, url, conditional_headers(state))
    except FetchError as exc:
        return _poll_failed(store, state, None, str(exc))
    if response.status == 304:
        store.save_feed_state(_polled(state, 304))
        return PollResult(url, "not modified")
    if response.status != 200:
        return _poll_failed(store, state, response.status, f"HTTP {response.status}")
    items, problem = parse_feed(response.content, url)
    if problem is not None and problem.fatal:
        return _poll_failed(store, state, response.status, problem.message)
    new, failed = _store_items(url, items, ingestor, client, fetch_pages)
    validators = state if failed else _validators(state, response.headers)
    store.save_feed_state(_polled(validators, 200))
    return PollResult(url, "new", new, failed)


def _store_items(
    url: str, items: list[FeedItem], ingestor: Ingestor, client: httpx.Client, fetch_pages: bool
) -> tuple[int, int]:
    by_id = {item.item_id: item for item in items}
    new = failed = 0
    for item_id in ingestor.store.unseen_items(url, list(by_id)):
        item = by_id[item_id]
        page = fetch_page(client, item.link) if fetch_pages and item.link else None
        article = item_article(item, page)
        if isinstance(article, InputProblem):
            log.info("%s: %s", url, article)
            continue
        if ingestor.store_article(article, url, IngestReport()) is None:
            failed += 1
            continue
        ingestor.store.mark_seen(url, item_id, article.id)
        new += 1
    return new, failed


def _validators(state: FeedState, headers: httpx.Headers) -> FeedState:
    return replace(state, etag=headers.get("etag"), last_modified=headers.get("last-modified"))


def _polled(state: FeedState, status: int) -> FeedState:
    return replace(
        state, last_polled=datetime.now(UTC), last_status=status, last_error=None, failures=0
    )


def _poll_failed(store: Store, state: FeedState, status: int | None, error: str) -> PollResult:
    log.warning("feed %s: %s (retried next round)", state.url, error)
    failed = replace(
        state,
        last_polled=datetime.now(UTC),
        last_status=status,
        last_error=error,
        failures=state.failures + 1,
    )
    store.save_feed_state(failed)
    return PollResult(state.url, "error", error=error)


def watch(
    feeds: Sequence[str],
    ingestor: Ingestor,
    client: httpx.Client,
    *,
    every: float,
    rounds: int | None = None,
    fetch_pages: bool = True,
    stop: threading.Event | None = None,
    on_round: Callable[[int, list[PollResult]], None] | None = None,
) -> int:
    """Poll every feed each ``every`` seconds until ``rounds`` are done or ``stop`` is set.

    Returns the number of rounds run. A feed's failure (network, HTTP, parse, store) is
    logged and retried in the next round; it never ends the loop.
    """
    stop = stop or threading.Event()
    done = 0
    while rounds is None or done < rounds:
        results = [_poll_safely(url, ingestor, client, fetch_pages) for url in feeds]
        done += 1
        if on_round is not None:
            on_round(done, results)
        if (rounds is not None and done >= rounds) or stop.wait(every):
            break
    return done


def _poll_safely(
    url: str, ingestor: Ingestor, client: httpx.Client, fetch_pages: bool
) -> PollResult:
    try:
        return poll_feed(url, ingestor, client, fetch_pages=fetch_pages)
    except StoreError as exc:
        log.error("feed %s: store error: %s (retried next round)", url, exc)
        return PollResult(url, "error", error=str(exc))


DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")


def parse_duration(text: str) -> float:
    """Seconds in ``"90"``, ``"30s"``, ``"15m"``, ``"2h"`` or ``"1d"``; ValueError otherwise."""
    match = DURATION.match(text.lower())
    if match is None:
        raise ValueError(f"{text!r} is not a duration such as 30s, 15m, 2h")
    factor = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}[match.group(2)]
    seconds = float(match.group(1)) * factor
    if seconds <= 0:
        raise ValueError("the interval must be positive")
    return seconds


def read_feed_list(names: Sequence[str]) -> list[str]:
    """Feed URLs: each name is a URL or a text file listing URLs one a line (``#`` comments).

    Raises InputError for anything else, naming it.
    """
    feeds: list[str] = []
    for name in names:
        if _is_url(name):
            feeds.append(name)
            continue
        try:
            lines = Path(name).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"{name}: not a feed URL nor a readable list of URLs ({exc})") from exc
        listed = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
        bad = [line for line in listed if not _is_url(line)]
        if bad:
            raise InputError(f"{name}: not a feed URL: {bad[0]!r}")
        feeds += listed
    return list(dict.fromkeys(feeds))
