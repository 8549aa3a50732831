"""Reading articles and writing events: JSONL, plain text, ACLED CSV, GeoJSON.

Bad input never stops a run: each problem becomes an :class:`InputProblem` naming the file and
line, the rest of the input is still read, and the caller decides the exit status.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO, Any

from rasd.acled import COLUMNS, INTER_LABELS, interaction_code, interaction_label
from rasd.types import ActorType, Article, Event

MAX_LINE_CHARS = 5_000_000


@dataclass(frozen=True, slots=True)
class InputProblem:
    """Something in the input that could not be read as given."""

    source: str
    line: int
    message: str
    fatal: bool = True
    """True when the record was skipped; False when it was kept with a warning."""

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        return f"{where}: {self.message}"


ReadItem = Article | InputProblem


def read_articles(
    paths: Iterable[str],
    *,
    published: date | None = None,
    source: str | None = None,
    stdin: IO[str] | None = None,
) -> Iterator[ReadItem]:
    """Articles from JSONL (``.jsonl``, ``.jsonl.gz``, ``.json``) and ``.txt`` files or stdin.

    paths: file paths; "-" (or no paths at all) reads standard input.
    published, source: defaults for ``.txt`` articles (and JSONL lines that lack them).
    """
    names = list(paths) or ["-"]
    for name in names:
        if name == "-":
            yield from _read_stream(stdin or sys.stdin, "<stdin>", published, source)
            continue
        path = Path(name)
        if not path.is_file():
            yield InputProblem(name, 0, "no such file")
            continue
        if path.suffix == ".txt":
            yield from _read_txt(path, published, source)
        else:
            yield from _read_jsonl_path(path, published, source)


def _read_stream(
    stream: IO[str], label: str, published: date | None, source: str | None
) -> Iterator[ReadItem]:
    content = stream.read()
    if not content.strip():
        yield InputProblem(label, 0, "empty input")
        return
    if content.lstrip().startswith("{"):
        yield from _parse_jsonl(io.StringIO(content), label, published, source)
    else:
        yield from _text_article("stdin", content, label, published, source)


def _read_txt(path: Path, published: date | None, source: str | None) -> Iterator[ReadItem]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        yield InputProblem(str(path), 0, f"cannot read: {exc}")
        return
    text, problem = _decode(raw, str(path))
    if problem:
        yield problem
    if text is not None:
        yield from _text_article(path.stem, text, str(path), published, source)


def _decode(raw: bytes, label: str) -> tuple[str | None, InputProblem | None]:
    if b"\x00" in raw[:4096]:
        return None, InputProblem(label, 0, "binary content, not text: skipped")
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    try:
        text = raw.decode("cp1256")
    except UnicodeDecodeError:
        return raw.decode("utf-8", errors="replace"), InputProblem(
            label, 0, "not valid UTF-8: undecodable bytes replaced", fatal=False
        )
    return text, InputProblem(label, 0, "not UTF-8: decoded as windows-1256", fatal=False)


def _text_article(
    article_id: str, text: str, label: str, published: date | None, source: str | None
) -> Iterator[ReadItem]:
    if not text.strip():
        yield InputProblem(label, 0, "empty file")
        return
    if not _has_arabic(text):
        yield InputProblem(
            label, 0, "no Arabic text: processed, but no events expected", fatal=False
        )
    yield Article(article_id, text, None, published, source, None)


def _read_jsonl_path(path: Path, published: date | None, source: str | None) -> Iterator[ReadItem]:
    opener: Any = gzip.open if path.suffix == ".gz" else open
    try:
        with opener(path, "rt", encoding="utf-8", errors="replace", newline="") as handle:
            yield from _parse_jsonl(handle, str(path), published, source)
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        yield InputProblem(str(path), 0, f"cannot read: {exc}")


def _parse_jsonl(
    handle: IO[str], label: str, published: date | None, source: str | None
) -> Iterator[ReadItem]:
    seen_any = False
    for number, line in enumerate(handle, start=1):
        if not line.strip():
            continue
        seen_any = True
        if len(line) > MAX_LINE_CHARS:
            yield InputProblem(label, number, f"line longer than {MAX_LINE_CHARS} characters")
            continue
        yield from _parse_line(line, label, number, published, source)
    if not seen_any:
        yield InputProblem(label, 0, "empty file")


def parse_line(
    line: str,
    label: str,
    number: int,
    *,
    published: date | None = None,
    source: str | None = None,
) -> Iterator[ReadItem]:
    """One JSONL line as an Article or an InputProblem naming ``label`` and line ``number``
    (for readers that split files themselves, such as ``rasd batch``)."""
    return _parse_line(line, label, number, published, source)


def _parse_line(
    line: str, label: str, number: int, published: date | None, source: str | None
) -> Iterator[ReadItem]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        yield InputProblem(label, number, f"malformed JSON: {exc.msg} (column {exc.colno})")
        return
    if not isinstance(record, dict):
        yield InputProblem(label, number, "a line must be a JSON object")
        return
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        yield InputProblem(label, number, "missing or empty 'text'")
        return
    article_id = str(record.get("id") or f"{Path(label).stem}-{number}")
    day, problem = _parse_date(record.get("published", record.get("date")), label, number)
    if problem:
        yield problem
    if not _has_arabic(text):
        yield InputProblem(label, number, f"article {article_id}: no Arabic text", fatal=False)
    yield Article(
        id=article_id,
        text=text,
        title=_str(record.get("title")),
        published=day or published,
        source=_str(record.get("source", record.get("outlet"))) or source,
        url=_str(record.get("url")),
    )


def _str(value: object) -> str | None:
    return None if value is None else str(value)


def _parse_date(value: object, label: str, number: int) -> tuple[date | None, InputProblem | None]:
    if value in (None, ""):
        return None, None
    try:
        return date.fromisoformat(str(value)[:10]), None
    except ValueError:
        return None, InputProblem(
            label,
            number,
            f"bad date {value!r} (want YYYY-MM-DD): relative dates cannot be resolved",
            fatal=False,
        )


def _has_arabic(text: str) -> bool:
    return any("\u0600" <= c <= "\u06ff" for c in text[:20000])


# ------------------------------------------------------------------------------------ writing


def _inter(value: ActorType, numeric: bool) -> str | int:
    if value == ActorType.NONE:
        return "" if not numeric else 0
    return int(value) if numeric else INTER_LABELS[value]


def acled_row(event: Event, *, numeric_inter: bool = False) -> dict[str, Any]:
    """The 31 ACLED columns of an event, in ACLED's order."""
    interaction: str | int = (
        interaction_code(event.inter1, event.inter2)
        if numeric_inter
        else interaction_label(event.inter1, event.inter2)
    )
    values: dict[str, Any] = {
        "event_id_cnty": event.event_id_cnty,
        "event_date": event.event_date.isoformat() if event.event_date else "",
        "year": event.year or "",
        "inter1": _inter(event.inter1, numeric_inter),
        "inter2": _inter(event.inter2, numeric_inter),
        "interaction": interaction,
        "latitude": "" if event.latitude is None else round(event.latitude, 4),
        "longitude": "" if event.longitude is None else round(event.longitude, 4),
    }
    return {column: values.get(column, getattr(event, column, "")) for column in COLUMNS}


def event_record(event: Event, *, numeric_inter: bool = False) -> dict[str, Any]:
    """The JSONL record: article_id, event_id, the 31 ACLED columns, evidence and provenance."""
    record: dict[str, Any] = {"article_id": event.article_id, "event_id": event.event_id}
    record.update(acled_row(event, numeric_inter=numeric_inter))
    for key in ("latitude", "longitude"):
        record[key] = None if record[key] == "" else record[key]
    record["year"] = event.year
    record["event_date"] = record["event_date"] or None
    record["evidence"] = [
        {"field": e.field, "start": e.start, "end": e.end, "text": e.text} for e in event.evidence
    ]
    record["claim"] = event.claim
    record["warnings"] = list(event.warnings)
    record["why"] = dict(event.why)
    return record


def write_jsonl(events: Iterable[Event], handle: IO[str], *, numeric_inter: bool = False) -> int:
    """Write one JSON object per event; returns the number written."""
    count = 0
    for event in events:
        handle.write(
            json.dumps(event_record(event, numeric_inter=numeric_inter), ensure_ascii=False)
        )
        handle.write("\n")
        count += 1
    return count


def write_acled_csv(
    events: Iterable[Event], handle: IO[str], *, numeric_inter: bool = False
) -> int:
    """Write ACLED's 31 columns with a header; returns the number of rows."""
    writer = csv.DictWriter(handle, fieldnames=list(COLUMNS), lineterminator="\n")
    writer.writeheader()
    count = 0
    for event in events:
        writer.writerow(acled_row(event, numeric_inter=numeric_inter))
        count += 1
    return count


def geojson_feature(event: Event, *, numeric_inter: bool = False) -> dict[str, Any]:
    """A GeoJSON Feature of one event (geometry null when it has no coordinates)."""
    geometry = None
    if event.latitude is not None and event.longitude is not None:
        geometry = {"type": "Point", "coordinates": [event.longitude, event.latitude]}
    properties = event_record(event, numeric_inter=numeric_inter)
    return {"type": "Feature", "id": event.event_id, "geometry": geometry, "properties": properties}


def write_geojson(events: Iterable[Event], handle: IO[str], *, numeric_inter: bool = False) -> int:
    """Write a GeoJSON FeatureCollection; returns the number of features."""
    features = [geojson_feature(e, numeric_inter=numeric_inter) for e in events]
    json.dump({"type": "FeatureCollection", "features": features}, handle, ensure_ascii=False)
    handle.write("\n")
    return len(features)


WRITERS = {"jsonl": write_jsonl, "acled-csv": write_acled_csv, "geojson": write_geojson}
