"""Merged events as JSON views, GeoJSON, ACLED CSV and JSONL: shared by the API and the CLI.

A merged event's record is the anchor report's JSONL record with ``source`` listing every
outlet and ``source_scale`` combined (:func:`rasd.dedup.merged_record`); views add where it
was reported (``sources``, ``articles``, ``members``).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import Any

from rasd.acled import COLUMNS
from rasd.store.base import Member, MergedEvent, StoredArticle


def event_view(event: MergedEvent) -> dict[str, Any]:
    """A merged event for listings: its record plus where it was reported."""
    view = {key: value for key, value in event.record.items() if key != "evidence"}
    view["event_id"] = event.event_id
    view["sources"] = list(dict.fromkeys(m.source for m in event.members if m.source))
    view["articles"] = [m.article_id for m in event.members]
    view["members"] = [m.event_id for m in event.members]
    view["review_status"] = event.review_status
    view["review_version"] = event.review_version
    return view


def member_view(member: Member) -> dict[str, Any]:
    """One article's report of an event, with its evidence spans."""
    return {
        "event_id": member.event_id,
        "article_id": member.article_id,
        "source": member.source,
        "source_scale": member.source_scale,
        "title": member.title,
        "published": member.published.isoformat() if member.published else None,
        "url": member.url,
        "link_reason": member.link_reason,
        "review_status": member.review_status,
        "provenance": member.provenance,
        "evidence": member.record.get("evidence", []),
        "record": {k: v for k, v in member.record.items() if k != "evidence"},
    }


def article_view(article: StoredArticle) -> dict[str, Any]:
    """An article's fields as JSON values (``text`` only when it was loaded)."""
    view: dict[str, Any] = {
        "id": article.article_id,
        "title": article.title,
        "published": article.published.isoformat() if article.published else None,
        "source": article.source,
        "url": article.url,
        "origin": article.origin,
        "ingested_at": article.ingested_at.isoformat() if article.ingested_at else None,
        "events": list(article.event_ids),
        "revision_of": article.revision_of,
        "near_duplicate_of": article.near_duplicate_of,
        "extract_error": article.extract_error,
    }
    if article.snippet:
        view["snippet"] = article.snippet
    if article.text is not None:
        view["text"] = article.text
    return view


def geojson_feature(event: MergedEvent) -> dict[str, Any]:
    """A merged event as a GeoJSON Feature (geometry null without coordinates)."""
    record = event.record
    geometry = None
    if record.get("latitude") is not None and record.get("longitude") is not None:
        geometry = {"type": "Point", "coordinates": [record["longitude"], record["latitude"]]}
    return {
        "type": "Feature",
        "id": event.event_id,
        "geometry": geometry,
        "properties": event_view(event),
    }


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """A cell safe to open in a spreadsheet: text that would run as a formula gets a quote."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        try:
            float(value)
        except ValueError:
            return "'" + value
    return "" if value is None else value


def csv_lines(events: Iterable[MergedEvent]) -> Iterator[str]:
    """ACLED's 31 columns, header first, one line per merged event."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for event in events:
        writer.writerow([csv_cell(event.record.get(column)) for column in COLUMNS])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()


def geojson_chunks(events: Iterable[MergedEvent]) -> Iterator[str]:
    """A FeatureCollection, written feature by feature."""
    yield '{"type": "FeatureCollection", "features": ['
    for index, event in enumerate(events):
        prefix = "," if index else ""
        yield prefix + json.dumps(geojson_feature(event), ensure_ascii=False)
    yield "]}\n"


def jsonl_lines(events: Iterable[MergedEvent]) -> Iterator[str]:
    """One JSON object per merged event (its view, evidence of the anchor report included)."""
    for event in events:
        view = event_view(event)
        view["evidence"] = event.record.get("evidence", [])
        yield json.dumps(view, ensure_ascii=False) + "\n"


WRITERS = {"acled-csv": csv_lines, "geojson": geojson_chunks, "jsonl": jsonl_lines}
"""Export formats: each turns merged events into text chunks."""
