"""Ingestion from JSONL, saved HTML pages and RSS/Atom feeds, and `watch` against feeds served
on localhost: idempotence, revisions, bad input, conditional requests, restarts, network errors."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from rasd.config import Config
from rasd.errors import InputError
from rasd.ingest import (
    Ingestor,
    PollResult,
    estimate_items,
    ingest,
    parse_duration,
    poll_feed,
    read_feed_list,
    watch,
)
from rasd.resources import Resources
from rasd.store import open_url
from rasd.store.base import ArticleQuery, EventFilter, FeedState, Store

SHELLING = (
    "قتل ثلاثة مدنيين وأصيب خمسة آخرون مساء الاثنين في قصف مدفعي استهدف بلدة معرة النعمان "
    "بريف إدلب الجنوبي، بحسب ما أفاد المرصد السوري لحقوق الإنسان."
)
SHELLING_2 = (
    "أفاد المرصد السوري لحقوق الإنسان بمقتل ثلاثة مدنيين جراء قصف مدفعي على مدينة معرة "
    "النعمان في ريف إدلب مساء الاثنين."
)
IED = "انفجرت عبوة ناسفة في مدينة الرقة صباح اليوم ما أدى إلى مقتل شخصين، بحسب مصادر محلية."
CLASH = "اندلعت اشتباكات عنيفة بين قوات النظام وفصائل المعارضة في ريف حماة الشمالي صباح اليوم."


def _line(article_id: str, text: str, source: str, day: str = "2021-03-09") -> str:
    record = {"id": article_id, "text": text, "source": source, "published": day}
    return json.dumps(record, ensure_ascii=False)


@pytest.fixture()
def store(store_url: str) -> Iterator[Store]:
    """A new store on each backend (SQLite; PostgreSQL when RASD_TEST_POSTGRES_URL is set)."""
    opened = open_url(store_url)
    yield opened
    opened.close()


@pytest.fixture()
def ingestor(store: Store, resources: Resources, config: Config) -> Ingestor:
    return Ingestor(store, resources, config)


# ------------------------------------------------------------------ JSONL


def test_jsonl_ingest_reports_and_is_idempotent(ingestor: Ingestor, tmp_path: Path) -> None:
    path = tmp_path / "articles.jsonl"
    lines = [
        _line("sky-1", SHELLING, "Sky News Arabia"),
        "{not json",
        _line("bbc-1", SHELLING_2, "BBC Arabic"),
        json.dumps({"id": "empty", "text": ""}),
        _line("waqt-2", IED, "Al-Waqt", "2021-03-10"),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    done: list[int] = []
    first = ingest([str(path)], ingestor, progress=done.append)
    assert (first.read, first.new, first.duplicates) == (3, 3, 0)
    assert len(done) == 3
    reasons = sorted(str(f) for f in first.failed)
    assert reasons == [
        f"{path}:2: malformed JSON: Expecting property name enclosed in double quotes (column 2)",
        f"{path}:4: missing or empty 'text'",
    ]
    assert first.events > 0 and first.merged >= 1
    counts = ingestor.store.counts()
    second = ingest([str(path)], ingestor)
    assert (second.read, second.new, second.duplicates) == (3, 0, 3)
    assert ingestor.store.counts() == counts
    assert "read 3, new 0, duplicates 3" in second.summary()


def test_duplicate_id_with_another_text_is_a_revision(ingestor: Ingestor, tmp_path: Path) -> None:
    path = tmp_path / "articles.jsonl"
    lines = [_line("a1", SHELLING, "Okaz"), _line("a1", IED, "Okaz"), _line("a1", IED, "Okaz")]
    path.write_text("\n".join(lines), encoding="utf-8")
    report = ingest([str(path)], ingestor)
    assert (report.new, report.revisions, report.duplicates) == (1, 1, 1)
    original = ingestor.store.article("a1")
    assert original is not None and original.text == SHELLING
    listed = ingestor.store.articles(ArticleQuery(limit=100)).items
    assert [a.revision_of for a in listed if a.revision_of] == ["a1"]


def test_unstorable_characters_are_replaced_and_long_ids_refused(
    ingestor: Ingestor, tmp_path: Path
) -> None:
    path = tmp_path / "odd.jsonl"
    odd = '{"id": "odd", "text": "' + IED + ' \\u0000 \\ud800 نهاية", "source": "Okaz"}'
    too_long = json.dumps({"id": "x" * 400, "text": IED})
    path.write_text(odd + "\n" + too_long + "\n", encoding="utf-8")
    report = ingest([str(path)], ingestor)
    assert report.new == 1
    assert [f.reason for f in report.failed] == ["id longer than 300 characters"]
    stored = ingestor.store.article("odd")
    assert stored is not None and stored.text is not None
    assert stored.text.endswith("\ufffd \ufffd نهاية")


# ------------------------------------------------------------------ HTML


PAGE = """<html lang="ar" dir="rtl"><head><meta charset="windows-1256">
<title>مقتل ثلاثة مدنيين بقصف على ريف إدلب - الوطن</title>
<meta property="og:site_name" content="الوطن">
<meta property="article:published_time" content="2021-03-15T10:00:00+02:00">
<link rel="canonical" href="https://example.org/news/123"></head><body>
<nav>الرئيسية | سياسة | رياضة</nav><article><h1>مقتل ثلاثة مدنيين بقصف على ريف إدلب</h1>
<p>{body}</p><p>وقال مصدر عسكري إن الطائرات الحربية شنت غارات على مواقع قرب الموصل.</p>
</article><footer>جميع الحقوق محفوظة</footer></body></html>"""


def test_html_folder_decodes_windows_1256_and_reports_empty_pages(
    ingestor: Ingestor, tmp_path: Path
) -> None:
    folder = tmp_path / "pages" / "2021"
    folder.mkdir(parents=True)
    (folder / "idlib.html").write_bytes(PAGE.format(body=SHELLING).encode("cp1256"))
    (folder / "menu.htm").write_text("<html><body><nav>الرئيسية</nav></body></html>")
    (folder / "image.png").write_bytes(b"\x89PNG")
    report = ingest([str(tmp_path / "pages")], ingestor)
    assert (report.read, report.new) == (1, 1)
    assert [f.reason for f in report.failed] == ["no article text found in the page"]
    article = ingestor.store.article("https://example.org/news/123")
    assert article is not None and article.text is not None
    assert "معرة النعمان" in article.text
    assert (article.published, article.source) == (date(2021, 3, 15), "الوطن")
    assert article.title == "مقتل ثلاثة مدنيين بقصف على ريف إدلب"
    assert estimate_items([str(tmp_path / "pages")]) == 2


# ------------------------------------------------------------------ feeds


def rss(items: list[tuple[str, str, str]], title: str = "SANA") -> bytes:
    """An RSS 2.0 feed of (guid, link, description) items."""
    entries = "".join(
        f"<item><title>خبر {guid}</title><guid>{guid}</guid><link>{link}</link>"
        f"<pubDate>Tue, 09 Mar 2021 17:30:00 +0200</pubDate>"
        f"<description><![CDATA[<p>{text}</p>]]></description></item>"
        for guid, link, text in items
    )
    feed = f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{title}'
    return f"{feed}</title>{entries}</channel></rss>".encode()


ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Al-Waqt</title>
<entry><id>tag:waqt,2021:1</id><title>انفجار</title><updated>2021-03-10T08:00:00Z</updated>
<content type="html">&lt;p&gt;{text}&lt;/p&gt;</content></entry></feed>"""


def test_rss_and_atom_files_and_malformed_feeds(ingestor: Ingestor, tmp_path: Path) -> None:
    (tmp_path / "sana.xml").write_bytes(
        rss([("s1", "http://127.0.0.1:9/a", SHELLING), ("s2", "", CLASH)])
    )
    (tmp_path / "waqt.atom").write_text(ATOM.format(text=IED), encoding="utf-8")
    (tmp_path / "broken.rss").write_bytes(rss([("b1", "", SHELLING_2)])[: -len("</channel></rss>")])
    (tmp_path / "junk.xml").write_text("this is not a feed at all", encoding="utf-8")
    report = ingest([str(tmp_path)], ingestor)
    assert report.new == 4
    assert [f.source for f in report.failed] == [str(tmp_path / "junk.xml")]
    assert report.failed[0].reason.startswith("malformed feed")
    assert any("broken.rss" in w and "partly malformed" in w for w in report.warnings)
    s1 = ingestor.store.article("s1")
    assert s1 is not None and (s1.source, s1.published) == ("SANA", date(2021, 3, 9))
    waqt = ingestor.store.article("tag:waqt,2021:1")
    assert waqt is not None and waqt.text == IED


# ------------------------------------------------------------------ a feed server on localhost


@dataclass
class FeedServer:
    """Serves ``routes`` (path -> body, content type, ETag) on 127.0.0.1, counting 304s."""

    routes: dict[str, tuple[bytes, str, str]] = field(default_factory=dict)
    not_modified: int = 0
    requests: list[str] = field(default_factory=list)
    port: int = 0

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"


def _handler(server: FeedServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            server.requests.append(self.path)
            if self.path not in server.routes:
                self.send_error(404)
                return
            body, content_type, etag = server.routes[self.path]
            if etag and self.headers.get("If-None-Match") == etag:
                server.not_modified += 1
                self.send_response(304)
                self.end_headers()
                return
            status = 500 if content_type == "error" else 200
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            if etag:
                self.send_header("ETag", etag)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


@pytest.fixture()
def feed_server() -> Iterator[FeedServer]:
    state = FeedServer()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    state.port = httpd.server_address[1]
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield state
    httpd.shutdown()
    httpd.server_close()
    thread.join()


@pytest.fixture()
def client() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=5) as http:
        yield http


def _page(text: str) -> tuple[bytes, str, str]:
    html = f"<html><body><article><p>{text}</p><p>{text}</p></article></body></html>"
    return html.encode("utf-8"), "text/html", ""


def test_watch_fetches_only_new_items_and_resumes_after_a_restart(
    feed_server: FeedServer,
    client: httpx.Client,
    ingestor: Ingestor,
    resources: Resources,
    config: Config,
    store_url: str,
) -> None:
    feed_server.routes["/a1.html"] = _page(SHELLING)
    feed_server.routes["/a2.html"] = _page(IED)
    items = [("a1", feed_server.url("/a1.html"), "ملخص"), ("a2", feed_server.url("/a2.html"), "")]
    feed_server.routes["/feed.xml"] = (rss(items), "application/rss+xml", '"v1"')
    feed = feed_server.url("/feed.xml")
    rounds: list[list[PollResult]] = []
    done = watch(
        [feed], ingestor, client, every=0.01, rounds=2, on_round=lambda n, r: rounds.append(r)
    )
    assert done == 2
    assert [(r[0].status, r[0].new) for r in rounds] == [("new", 2), ("not modified", 0)]
    assert feed_server.not_modified == 1
    stored = ingestor.store.article("a1")
    assert stored is not None and stored.text is not None and SHELLING in stored.text

    items.append(("a3", "", CLASH))
    feed_server.routes["/feed.xml"] = (rss(items), "application/rss+xml", '"v2"')
    fetched_pages = feed_server.requests.count("/a1.html")
    assert poll_feed(feed, ingestor, client).new == 1
    assert feed_server.requests.count("/a1.html") == fetched_pages  # old items not fetched again

    restarted = Ingestor(open_url(store_url), resources, config)
    assert poll_feed(feed, restarted, client).status == "not modified"
    restarted.store.save_feed_state(FeedState(feed))
    again = poll_feed(feed, restarted, client)  # validators forgotten: a full fetch
    assert (again.status, again.new) == ("new", 0)
    assert restarted.store.counts()["articles"] == 3
    restarted.store.close()


def test_watch_survives_network_errors_bad_status_and_malformed_feeds(
    feed_server: FeedServer, client: httpx.Client, ingestor: Ingestor
) -> None:
    feed_server.routes["/good.xml"] = (rss([("g1", "", IED)]), "application/rss+xml", "")
    feed_server.routes["/junk.xml"] = (b"<html>not a feed", "text/html", "")
    feed_server.routes["/down.xml"] = (b"", "error", "")
    closed_port = "http://127.0.0.1:9/feed.xml"
    feeds = [closed_port, feed_server.url("/down.xml"), feed_server.url("/junk.xml")]
    feeds.append(feed_server.url("/good.xml"))
    rounds: list[list[PollResult]] = []
    watch(feeds, ingestor, client, every=0.01, rounds=2, on_round=lambda n, r: rounds.append(r))
    assert [r.status for r in rounds[0]] == ["error", "error", "error", "new"]
    assert "HTTP 500" in rounds[0][1].error and "malformed feed" in rounds[0][2].error
    assert [r.new for r in rounds[1]] == [0, 0, 0, 0]
    state = ingestor.store.feed_state(closed_port)
    assert state.failures == 2 and state.last_error and "ConnectError" in state.last_error
    assert ingestor.store.counts()["articles"] == 1


def test_ingest_a_feed_url(feed_server: FeedServer, ingestor: Ingestor) -> None:
    feed_server.routes["/f.xml"] = (rss([("u1", "", CLASH)]), "application/rss+xml", "")
    report = ingest([feed_server.url("/f.xml"), feed_server.url("/missing.xml")], ingestor)
    assert report.new == 1
    assert [f.reason for f in report.failed] == ["HTTP 404"]
    found = ingestor.store.events(EventFilter())
    assert found.total >= 1


def test_watch_stops_when_asked(ingestor: Ingestor, client: httpx.Client) -> None:
    stop = threading.Event()
    stop.set()
    assert watch([], ingestor, client, every=3600, stop=stop) == 1


@pytest.mark.parametrize(
    ("text", "seconds"), [("90", 90), ("30s", 30), ("15m", 900), ("2h", 7200), ("1d", 86400)]
)
def test_parse_duration(text: str, seconds: float) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["", "15 minutes", "-5m", "0"])
def test_parse_duration_refuses(text: str) -> None:
    with pytest.raises(ValueError):
        parse_duration(text)


def test_feed_list(tmp_path: Path) -> None:
    listing = tmp_path / "feeds.txt"
    listing.write_text("# desk feeds\nhttp://a/rss\n\nhttps://b/atom\n", encoding="utf-8")
    assert read_feed_list([str(listing), "http://a/rss"]) == ["http://a/rss", "https://b/atom"]
    listing.write_text("ftp://nope\n", encoding="utf-8")
    with pytest.raises(InputError, match="not a feed URL"):
        read_feed_list([str(listing)])
    with pytest.raises(InputError, match="readable list"):
        read_feed_list([str(tmp_path / "missing.txt")])
