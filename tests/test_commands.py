"""`rasd ingest`, `watch`, `serve` and `export` as a user runs them."""

from __future__ import annotations

import csv
import io
import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import click
import httpx
import pytest
from click.testing import CliRunner

from rasd.acled import COLUMNS
from rasd.commands import COMMANDS, export_command, ingest_command, watch_command
from rasd.config import Config

ARTICLES = [
    {
        "id": "sky-1",
        "text": "قتل ثلاثة مدنيين وأصيب خمسة آخرون مساء الاثنين في قصف مدفعي استهدف بلدة معرة "
        "النعمان بريف إدلب الجنوبي، بحسب ما أفاد المرصد السوري لحقوق الإنسان.",
        "published": "2021-03-09",
        "source": "Sky News Arabia",
    },
    {
        "id": "bbc-1",
        "text": "أفاد المرصد السوري لحقوق الإنسان بمقتل ثلاثة مدنيين جراء قصف مدفعي لقوات النظام "
        "على مدينة معرة النعمان في ريف إدلب مساء الاثنين.",
        "published": "2021-03-09",
        "source": "BBC Arabic",
    },
]
FEED = (
    '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>SANA</title>'
    "<item><guid>w1</guid><title>انفجار</title><description>انفجرت عبوة ناسفة في مدينة الرقة "
    "صباح اليوم ما أدى إلى مقتل شخصين، بحسب مصادر محلية.</description></item></channel></rss>"
).encode()


@pytest.fixture()
def database(tmp_path: Path) -> Path:
    return tmp_path / "store" / "rasd.sqlite"


@pytest.fixture()
def runner(config: Config, database: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("RASD_DATA", str(config.data_dir))
    monkeypatch.setenv("RASD_CACHE", str(config.cache_dir))
    monkeypatch.setenv("RASD_DATABASE_URL", f"sqlite:///{database}")
    return CliRunner()


@pytest.fixture()
def articles_file(tmp_path: Path) -> Path:
    path = tmp_path / "articles.jsonl"
    lines = [json.dumps(a, ensure_ascii=False) for a in ARTICLES] + ["{broken"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c.name)
def test_every_command_has_help_with_an_example(command: click.Command) -> None:
    assert command.help and "Example:" in command.help


def test_ingest_prints_a_summary_and_is_idempotent(
    runner: CliRunner, articles_file: Path, database: Path
) -> None:
    first = runner.invoke(ingest_command, [str(articles_file)])
    assert first.exit_code == 0, first.output
    assert "read 2, new 2, duplicates 0" in first.stdout
    assert f"failed: {articles_file}:3: malformed JSON" in first.stderr
    assert database.is_file()
    again = runner.invoke(ingest_command, [str(articles_file), "--json"])
    report = json.loads(again.stdout)
    assert (report["new"], report["duplicates"]) == (0, 2)
    limited = runner.invoke(ingest_command, [str(articles_file), "--limit", "1"])
    assert "read 1, new 0, duplicates 1" in limited.stdout


def test_ingest_with_nothing_readable_fails(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(ingest_command, [str(tmp_path / "missing.jsonl")])
    assert result.exit_code == 1
    assert "no such file" in result.stderr and "no article could be read" in result.stderr


def test_a_bad_database_url_is_a_clear_error(
    runner: CliRunner, articles_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RASD_DATABASE_URL", "postgresql://u:secret@127.0.0.1:1/rasd")
    result = runner.invoke(ingest_command, [str(articles_file)])
    assert result.exit_code == 1 and '"127.0.0.1", port 1 failed' in result.stderr
    assert "secret" not in result.output and "Traceback" not in result.output


def test_export_formats(runner: CliRunner, articles_file: Path, tmp_path: Path) -> None:
    runner.invoke(ingest_command, [str(articles_file)])
    out = tmp_path / "events.csv"
    result = runner.invoke(export_command, ["-o", str(out), "--admin1", "Idlib"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert list(rows[0]) == list(COLUMNS)
    assert "Sky News Arabia; BBC Arabic" in {row["source"] for row in rows}
    geojson = runner.invoke(export_command, ["--format", "geojson", "--search", "معرة"])
    assert json.loads(geojson.stdout)["features"]
    jsonl = runner.invoke(export_command, ["--format", "jsonl", "--from", "2030-01-01"])
    assert jsonl.stdout == ""
    bad = runner.invoke(export_command, ["--bbox", "1,2"])
    assert bad.exit_code == 2 and "bbox" in bad.output


class _Feed(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.headers.get("If-None-Match") == '"1"':
            self.send_response(304)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("ETag", '"1"')
        self.send_header("Content-Length", str(len(FEED)))
        self.end_headers()
        self.wfile.write(FEED)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture()
def feed_url() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Feed)
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/feed.xml"
    httpd.shutdown()
    httpd.server_close()
    thread.join()


def test_watch_once_then_not_modified(runner: CliRunner, feed_url: str, tmp_path: Path) -> None:
    listing = tmp_path / "feeds.txt"
    listing.write_text(f"# test\n{feed_url}\n", encoding="utf-8")
    first = runner.invoke(watch_command, [str(listing), "--once"])
    assert first.exit_code == 0, first.output
    assert f"round 1: {feed_url}: new, 1 new items" in first.stdout
    second = runner.invoke(watch_command, [feed_url, "--once", "--every", "1m"])
    assert "not modified" in second.stdout
    bad = runner.invoke(watch_command, [feed_url, "--every", "soon"])
    assert bad.exit_code == 2 and "duration" in bad.output


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_serve_answers_on_localhost(config: Config, database: Path) -> None:
    port = _free_port()
    env = dict(os.environ, RASD_DATABASE_URL=f"sqlite:///{database}")
    env.update(RASD_DATA=str(config.data_dir), RASD_CACHE=str(config.cache_dir))
    script = "from rasd.commands import serve_command; serve_command()"
    server = subprocess.Popen(
        [sys.executable, "-c", script, "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        body = _wait_for_health(f"http://127.0.0.1:{port}/health")
        assert body["ok"] and body["store"]["articles"] == 0
    finally:
        server.terminate()
        _, errors = server.communicate(timeout=10)
    assert b"serving sqlite:///" in errors


def _wait_for_health(url: str) -> dict[str, Any]:
    deadline = time.monotonic() + 30
    while True:
        try:
            body: dict[str, Any] = httpx.get(url, timeout=2).json()
            return body
        except httpx.HTTPError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)
