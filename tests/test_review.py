"""Reviews of events (issue 8): edits checked against ACLED's schema and the gazetteer,
confirm, reject, split, merge, the audit trail, optimistic concurrency (409) and re-extraction
never replacing a reviewed event; on the store and through the HTTP API."""

from __future__ import annotations

import csv
import io
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from rasd.api import create_app
from rasd.config import Config
from rasd.dedup import MergeRules
from rasd.pipeline import PIPELINE_VERSION, extract
from rasd.places import PlaceFinder
from rasd.resources import Resources
from rasd.review import EditInvalid, validate_edit
from rasd.store import open_url
from rasd.store.base import (
    EventFilter,
    EventNotFound,
    MergedEvent,
    Provenance,
    Review,
    ReviewConflict,
    ReviewRefused,
    Store,
)
from rasd.store.sqlite import SQLiteStore
from rasd.types import Article

PROVENANCE = Provenance(PIPELINE_VERSION, "data-test", "tests")


@pytest.fixture()
def client(web_store_path: Path, config: Config, resources: Resources) -> Iterator[TestClient]:
    store = SQLiteStore(web_store_path)
    with TestClient(create_app(config, resources=resources, store=store)) as test_client:
        yield test_client
    store.close()


def shelling(client: TestClient) -> dict[str, Any]:
    """The shelling of Maarat al-Numan reported by two outlets (a merged event)."""
    listed = client.get("/events", params={"admin1": "Idlib"}).json()["events"]
    return next(e for e in listed if e["articles"] == ["sky-1", "bbc-1"])


def edit(
    client: TestClient, event_id: str, changes: dict[str, Any], version: int, who: str = "amal"
) -> Any:
    body = {"reviewer": who, "version": version, "changes": changes}
    return client.patch(f"/events/{event_id}", json=body)


# ------------------------------------------------------------------ validation (no store)


@pytest.mark.parametrize(
    ("changes", "fields"),
    [
        ({"sub_event_type": "Armed clash"}, {"sub_event_type"}),
        ({"event_type": "Battles", "sub_event_type": "Air/drone strike"}, {"sub_event_type"}),
        ({"fatalities": -1}, {"fatalities"}),
        ({"fatalities": "many"}, {"fatalities"}),
        ({"event_date": "2021-02-30"}, {"event_date"}),
        ({"event_date": "1990-01-01"}, {"event_date"}),
        ({"geo_precision": 4}, {"geo_precision"}),
        ({"inter1": "Soldiers"}, {"inter1"}),
        ({"year": 2020, "interaction": "x"}, {"year", "interaction"}),
        ({"colour": "red"}, {"colour"}),
        ({"actor1": ""}, {"actor1", "inter1"}),
        ({"latitude": 95}, {"latitude"}),
        ({}, {"changes"}),
    ],
)
def test_review_edits_that_break_the_schema_name_each_field(
    changes: dict[str, Any], fields: set[str]
) -> None:
    record = {
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Shelling/artillery/missile attack",
        "actor1": "Military Forces of Syria (2000-2024)",
        "inter1": "State forces",
        "latitude": 35.6,
        "longitude": 36.7,
    }
    with pytest.raises(EditInvalid) as caught:
        validate_edit(record, changes, None)
    assert {p.field for p in caught.value.problems} == fields


def test_review_edit_recomputes_derived_fields() -> None:
    record = {
        "event_date": "2021-03-08",
        "year": 2021,
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Shelling/artillery/missile attack",
        "disorder_type": "Political violence",
        "actor1": "Military Forces of Syria (2000-2024)",
        "inter1": "State forces",
        "actor2": "",
        "inter2": "",
        "interaction": "State forces only",
    }
    changes = {
        "event_date": "2020-12-31",
        "event_type": "Protests",
        "sub_event_type": "Peaceful protest",
        "actor2": "Protesters (Syria)",
        "inter2": "Protesters",
        "fatalities": "2",
    }
    out = validate_edit(record, changes, None)
    assert out["year"] == 2020
    assert out["disorder_type"] == "Demonstrations"
    assert out["interaction"] == "State forces-Protesters"
    assert out["fatalities"] == 2


def test_review_place_comes_from_the_gazetteer(resources: Resources) -> None:
    places = PlaceFinder(resources.gazetteer)
    idlib = places.search("إدلب")[0]
    assert idlib.place.place_id == "ocha:SY07"
    assert any(r.place.name == "Idlib" for r in places.search("Idl"))
    out = validate_edit({"country": "Syria"}, {"place_id": "ocha:SY0700"}, places)
    assert out["admin1"] == "Idlib" and out["admin2"] == "Idlib" and out["geo_precision"] == 2
    assert out["iso"] == 760 and out["region"] == "Middle East"
    with pytest.raises(EditInvalid, match="not a place"):
        validate_edit({}, {"place_id": "wof:0"}, places)
    with pytest.raises(EditInvalid, match="not a unit of 'Syria'"):
        validate_edit({"country": "Syria"}, {"admin1": "Basra"}, places)


# ------------------------------------------------------------------ the store, on each backend


@pytest.fixture()
def reviewed_store(
    store_url: str, resources: Resources, config: Config, web_articles: tuple[Article, ...]
) -> Iterator[Store]:
    store = open_url(store_url)
    for article in web_articles:
        store.save_extraction(
            article,
            extract(article, resources, config),
            provenance=PROVENANCE,
            matcher=MergeRules(),
        )
    yield store
    store.close()


def merged_shelling(store: Store) -> MergedEvent:
    found = store.events(EventFilter(admin1="Idlib")).items
    return next(e for e in found if len(e.members) == 2)


def test_review_two_reviewers_of_one_version_second_is_refused(reviewed_store: Store) -> None:
    event = merged_shelling(reviewed_store)
    first = reviewed_store.edit_event(event.event_id, {"fatalities": 4}, Review("amal", 0))
    assert first.review_version == 1 and first.record["fatalities"] == 4
    with pytest.raises(ReviewConflict, match="by amal") as caught:
        reviewed_store.edit_event(event.members[1].event_id, {"fatalities": 5}, Review("omar", 0))
    assert caught.value.current == 1
    kept = reviewed_store.event(event.event_id)
    assert kept is not None and kept.record["fatalities"] == 4  # nothing of omar's was written
    again = reviewed_store.edit_event(event.event_id, {"fatalities": 5}, Review("omar", 1))
    assert again.review_version == 2 and again.record["fatalities"] == 5


def test_review_two_reviewers_at_the_same_instant_one_wins(reviewed_store: Store) -> None:
    event = merged_shelling(reviewed_store)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def review(who: str, fatalities: int) -> None:
        barrier.wait()
        try:
            reviewed_store.edit_event(event.event_id, {"fatalities": fatalities}, Review(who, 0))
            outcomes.append(f"saved {who}")
        except ReviewConflict:
            outcomes.append(f"409 {who}")

    threads = [threading.Thread(target=review, args=a) for a in (("amal", 4), ("omar", 5))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(o.split()[0] for o in outcomes) == ["409", "saved"]
    winner = next(o.split()[1] for o in outcomes if o.startswith("saved"))
    final = reviewed_store.event(event.event_id)
    assert final is not None and final.review_version == 1
    assert final.record["fatalities"] == {"amal": 4, "omar": 5}[winner]
    assert [e.actor for e in reviewed_store.audit_log(event.event_id) if e.entity == "event"] == [
        winner
    ]


def test_review_reextraction_never_replaces_a_reviewed_event(
    reviewed_store: Store, resources: Resources, config: Config, web_articles: tuple[Article, ...]
) -> None:
    event = merged_shelling(reviewed_store)
    changes = {"notes": "Reviewed by hand.", "fatalities": 3}
    reviewed_store.edit_event(event.event_id, changes, Review("amal", 0))
    for article in web_articles[:2]:
        reviewed_store.save_extraction(
            article,
            extract(article, resources, config),
            provenance=PROVENANCE,
            matcher=MergeRules(),
            replace=True,
        )
    after = reviewed_store.event(event.event_id)
    assert after is not None
    assert after.record["notes"] == "Reviewed by hand." and after.review_status == "edited"
    assert [m.article_id for m in after.members] == ["sky-1", "bbc-1"]
    assert {m.review_status for m in after.members} == {"edited"}
    assert reviewed_store.check() == []


def test_review_reject_hides_the_event_and_confirm_restores_it(reviewed_store: Store) -> None:
    event = merged_shelling(reviewed_store)
    rejected = reviewed_store.set_review_status(event.event_id, "rejected", Review("amal", 0))
    assert rejected.review_status == "rejected"
    ids = {e.event_id for e in reviewed_store.iter_events(EventFilter())}
    assert event.event_id not in ids
    only = reviewed_store.events(EventFilter(review_status="rejected")).items
    assert [e.event_id for e in only] == [event.event_id]
    restored = reviewed_store.set_review_status(event.event_id, "confirmed", Review("omar", 1))
    assert restored.review_status == "confirmed" and restored.review_version == 2
    with pytest.raises(ReviewRefused):
        reviewed_store.set_review_status(event.event_id, "machine", Review("omar", 2))


def test_review_split_then_merge_keeps_every_report_and_the_trail(reviewed_store: Store) -> None:
    event = merged_shelling(reviewed_store)
    second = event.members[1].event_id
    left, new = reviewed_store.split_event(event.event_id, [second], Review("amal", 0))
    assert [m.event_id for m in left.members] == [event.event_id]
    assert new.event_id == second and new.review_status == "edited"
    with pytest.raises(ReviewRefused, match="each side"):
        reviewed_store.split_event(event.event_id, [event.event_id], Review("amal", 1))
    merged = reviewed_store.merge_events(
        event.event_id, second, Review("omar", 1), new.review_version
    )
    assert [m.article_id for m in merged.members] == ["sky-1", "bbc-1"]
    assert merged.members[1].link_reason == "merged by omar"
    actions = {e.action for e in reviewed_store.audit_log(event.event_id)}
    assert actions >= {"review.split", "review.split_from", "review.merge", "review.merged_into"}
    with pytest.raises(EventNotFound):
        reviewed_store.merge_events("nope", second, Review("omar", 2), 0)
    assert reviewed_store.check() == []


def test_review_fatality_filters_use_the_merged_figure(reviewed_store: Store) -> None:
    event = merged_shelling(reviewed_store)
    lowest = event.record["fatalities"]
    assert lowest == 3
    found = reviewed_store.points(EventFilter(fatalities_min=3, fatalities_max=3))
    assert event.event_id in {p.event_id for p in found}
    reviewed_store.edit_event(event.event_id, {"fatalities": 7}, Review("amal", 0))
    assert {p.event_id for p in reviewed_store.points(EventFilter(fatalities_min=7))} == {
        event.event_id
    }
    point = next(p for p in reviewed_store.points(EventFilter()) if p.event_id == event.event_id)
    assert point.fatalities == 7 and point.reports == 2
    assert point.sources == ("Sky News Arabia", "BBC Arabic")


def test_review_version_column_is_added_to_an_older_store(tmp_path: Path) -> None:
    path = tmp_path / "rasd.sqlite"
    SQLiteStore(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("ALTER TABLE events DROP COLUMN review_version")
        conn.execute("DELETE FROM rasd_migrations WHERE name = '0003_review_version'")
    SQLiteStore(path).close()
    with sqlite3.connect(path) as conn:
        columns = {row[1] for row in conn.execute("PRAGMA table_info(events)")}
    assert "review_version" in columns


# ------------------------------------------------------------------ the HTTP API


def test_review_api_edit_is_versioned_audited_and_exported(client: TestClient) -> None:
    event = shelling(client)
    detail = client.get(f"/events/{event['event_id']}")
    assert detail.headers["etag"] == f'"{event["event_id"]}-v0"'
    response = edit(client, event["event_id"], {"fatalities": 4, "notes": "Checked."}, 0)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["event"]["review_status"] == "edited" and body["event"]["review_version"] == 1
    assert body["event"]["fatalities"] == 4 and body["event"]["edited_fields"] == [
        "fatalities",
        "notes",
    ]
    history = client.get(f"/events/{event['event_id']}/history").json()["entries"]
    change = history[0]
    assert change["actor"] == "amal" and change["action"] == "review.edit"
    assert change["detail"]["changes"]["fatalities"] == {"from": 3, "to": 4}
    rows = list(csv.DictReader(io.StringIO(client.get("/audit.csv").text)))
    assert rows[0]["actor"] == "amal" and '"to": 4' in rows[0]["detail"]
    exported = client.get("/events.csv", params={"admin1": "Idlib", "review_status": "edited"})
    assert [r["fatalities"] for r in csv.DictReader(io.StringIO(exported.text))] == ["4"]


def test_review_api_conflict_is_409_with_who_changed_it(client: TestClient) -> None:
    event = shelling(client)
    assert edit(client, event["event_id"], {"fatalities": 4}, 0, "amal").status_code == 200
    late = edit(client, event["event_id"], {"fatalities": 9}, 0, "omar")
    assert late.status_code == 409
    error = late.json()["error"]
    assert error["code"] == "conflict" and "amal" in error["message"]
    assert error["details"][0]["current_version"] == 1
    assert error["details"][0]["last"]["detail"]["changes"]["fatalities"]["to"] == 4
    assert client.get(f"/events/{event['event_id']}").json()["event"]["fatalities"] == 4


def test_review_api_invalid_edit_is_422_listing_each_field(client: TestClient) -> None:
    event = shelling(client)
    response = edit(client, event["event_id"], {"sub_event_type": "Armed clash", "year": 1}, 0)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid_body" and "schema" in error["message"]
    assert {d["field"] for d in error["details"]} == {"sub_event_type", "year"}
    unchanged = client.get(f"/events/{event['event_id']}").json()["event"]
    assert unchanged["review_version"] == 0 and unchanged["review_status"] == "machine"


@pytest.mark.parametrize(
    ("path", "body", "status"),
    [
        ("/events/nope/confirm", {"reviewer": "amal", "version": 0}, 404),
        ("/events/nope/split", {"reviewer": "amal", "version": 0, "members": ["x"]}, 404),
        ("/events/{id}/confirm", {"reviewer": " ", "version": 0}, 422),
        ("/events/{id}/confirm", {"reviewer": "amal", "version": -1}, 422),
        ("/events/{id}/split", {"reviewer": "amal", "version": 0, "members": ["x"]}, 422),
        (
            "/events/{id}/merge",
            {"reviewer": "amal", "version": 0, "other": "{id}", "other_version": 0},
            422,
        ),
    ],
)
def test_review_api_bad_reviews_have_the_error_shape(
    client: TestClient, path: str, body: dict[str, Any], status: int
) -> None:
    event_id = shelling(client)["event_id"]
    filled = {k: v.replace("{id}", event_id) if isinstance(v, str) else v for k, v in body.items()}
    response = client.post(path.replace("{id}", event_id), json=filled)
    assert response.status_code == status, response.text
    assert response.json()["ok"] is False and response.json()["error"]["message"]


def test_review_api_place_edit_and_place_search(client: TestClient) -> None:
    found = client.get("/places", params={"q": "سراقب"}).json()["places"]
    assert found and found[0]["admin1"] == "Idlib"
    event = shelling(client)
    response = edit(client, event["event_id"], {"place_id": found[0]["place_id"]}, 0)
    assert response.status_code == 200, response.text
    moved = response.json()["event"]
    assert moved["location"] == found[0]["name"] and moved["latitude"] == found[0]["latitude"]
    point = client.get("/map/points", params={"admin1": "Idlib"}).json()
    locations = point["values"]["location"]
    assert found[0]["name"] in locations


def test_review_api_rejected_events_leave_listings_but_not_the_map_data(
    client: TestClient,
) -> None:
    event = shelling(client)
    body = {"reviewer": "amal", "version": 0}
    assert client.post(f"/events/{event['event_id']}/reject", json=body).status_code == 200
    listed = {e["event_id"] for e in client.get("/events").json()["events"]}
    assert event["event_id"] not in listed
    points = client.get("/map/points").json()
    assert event["event_id"] in points["columns"]["event_id"]
    assert client.get("/events", params={"review_status": "nonsense"}).status_code == 400


def test_review_errors_in_the_store_raise_specific_exceptions(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "rasd.sqlite")
    with pytest.raises(EventNotFound):
        store.set_review_status("missing", "confirmed", Review("amal", 0))
    store.close()
