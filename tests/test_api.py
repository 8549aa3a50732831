"""The HTTP API, in process: listings, filters, one event with its evidence, GeoJSON, ACLED CSV,
article search, posted articles, the one error shape, and a schemathesis run."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis.strategies import SearchStrategy
from schemathesis import BaseSchema
from schemathesis.core.result import Ok

from rasd.acled import COLUMNS
from rasd.api import MAX_BODY_BYTES, create_app
from rasd.config import Config
from rasd.resources import Resources
from rasd.store import open_url
from rasd.store.base import Store
from rasd.store.sql import SqlStore

POSTED = [
    {
        "id": "sky-1",
        "text": "قتل ثلاثة مدنيين وأصيب خمسة آخرون مساء الاثنين في قصف مدفعي استهدف بلدة معرة "
        "النعمان بريف إدلب الجنوبي، بحسب ما أفاد المرصد السوري لحقوق الإنسان.",
        "title": "مقتل ثلاثة مدنيين بقصف على معرة النعمان",
        "published": "2021-03-09",
        "source": "Sky News Arabia",
        "url": "https://example.org/sky-1",
    },
    {
        "id": "bbc-1",
        "text": "أفاد المرصد السوري لحقوق الإنسان بمقتل ثلاثة مدنيين جراء قصف مدفعي لقوات النظام "
        "على مدينة معرة النعمان في ريف إدلب مساء الاثنين.",
        "published": "2021-03-09",
        "source": "BBC Arabic",
    },
    {
        "id": "waqt-2",
        "text": "انفجرت عبوة ناسفة في مدينة الرقة صباح اليوم ما أدى إلى مقتل شخصين، بحسب مصادر "
        "محلية.",
        "published": "2021-03-10",
        "source": "Al-Waqt",
    },
]


@pytest.fixture(scope="module")
def store(module_store_url: str) -> Iterator[Store]:
    """One store for the module, on each backend (PostgreSQL when RASD_TEST_POSTGRES_URL is set)."""
    opened = open_url(module_store_url)
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def client(store: Store, config: Config, resources: Resources) -> Iterator[TestClient]:
    app = create_app(config, resources=resources, store=store)
    with TestClient(app) as test_client:
        response = test_client.post("/articles", json={"articles": POSTED})
        assert response.status_code == 200, response.text
        yield test_client


def assert_error(response: Any, status: int, code: str) -> dict[str, Any]:
    """The one error shape."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body: dict[str, Any] = response.json()
    assert body["ok"] is False
    assert set(body["error"]) == {"status", "code", "message", "details"}
    assert body["error"]["status"] == status and body["error"]["code"] == code
    assert body["error"]["message"]
    return body


# ------------------------------------------------------------------ reading


def test_health(client: TestClient) -> None:
    body = client.get("/health").json()
    assert body["ok"] and body["status"] == "ok"
    assert body["store"]["articles"] == 3 and body["store"]["merge_links"] >= 1


def test_events_are_merged_across_sources(client: TestClient) -> None:
    body = client.get("/events", params={"admin1": "Idlib"}).json()
    shelling = [e for e in body["events"] if e["sub_event_type"].startswith("Shelling")]
    assert len(shelling) == 1
    assert shelling[0]["source"] == "Sky News Arabia; BBC Arabic"
    assert shelling[0]["sources"] == ["Sky News Arabia", "BBC Arabic"]
    assert shelling[0]["articles"] == ["sky-1", "bbc-1"]
    assert set(COLUMNS) <= set(shelling[0])


def test_events_paging_and_filters(client: TestClient) -> None:
    everything = client.get("/events").json()
    assert everything["total"] == len(everything["events"]) >= 2
    page = client.get("/events", params={"limit": 1, "offset": 1}).json()
    assert page["events"][0]["event_id"] == everything["events"][1]["event_id"]
    params = {"q": "الرقة", "date_from": "2021-03-10", "bbox": "38,35,40,37"}
    raqqa = client.get("/events", params=params).json()
    assert {e["admin1"] for e in raqqa["events"]} == {"Raqqa"}
    assert client.get("/events", params={"source": "Okaz"}).json()["total"] == 0


def test_one_event_with_its_articles_and_evidence(client: TestClient) -> None:
    listed = client.get("/events", params={"admin1": "Idlib"}).json()["events"]
    merged = next(e for e in listed if len(e["members"]) == 2)
    by_member = client.get(f"/events/{merged['members'][1]}").json()
    assert by_member["event"]["event_id"] == merged["event_id"]
    members = by_member["members"]
    assert [m["article_id"] for m in members] == ["sky-1", "bbc-1"]
    assert members[0]["url"] == "https://example.org/sky-1"
    assert members[1]["link_reason"].startswith("same ")
    assert members[0]["provenance"].startswith("rasd-") and members[0]["review_status"] == "machine"
    text = client.get("/articles/sky-1").json()["article"]["text"]
    for span in members[0]["evidence"]:
        assert text[span["start"] : span["end"]] == span["text"]


def test_geojson_of_the_filter(client: TestClient) -> None:
    response = client.get("/events.geojson", params={"admin1": "Idlib"})
    assert response.headers["content-type"].startswith("application/geo+json")
    collection = response.json()
    assert collection["type"] == "FeatureCollection" and collection["features"]
    for feature in collection["features"]:
        assert feature["geometry"]["type"] == "Point"
        assert feature["properties"]["admin1"] == "Idlib"


def test_acled_csv_has_the_31_columns_and_every_source(client: TestClient) -> None:
    response = client.get("/events.csv")
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert list(rows[0]) == list(COLUMNS) and len(COLUMNS) == 31
    assert "Sky News Arabia; BBC Arabic" in {row["source"] for row in rows}
    assert len(rows) == client.get("/events").json()["total"]


def test_article_search_and_one_article(client: TestClient) -> None:
    found = client.get("/articles", params={"q": "ادلب"}).json()
    assert {a["id"] for a in found["articles"]} == {"sky-1", "bbc-1"}
    assert all("snippet" in a and "text" not in a for a in found["articles"])
    one = client.get("/articles/sky-1").json()["article"]
    assert one["text"].startswith("قتل ثلاثة") and one["events"]


@pytest.mark.parametrize(
    "text",
    ["'; DROP TABLE events; --", '" OR 1=1 --', "NEAR(a b)", "<script>alert(1)</script>", "*"],
)
def test_injection_in_filters_and_search_is_harmless(client: TestClient, text: str) -> None:
    before = client.get("/health").json()["store"]
    for path, name in (("/events", "q"), ("/events", "actor"), ("/articles", "q")):
        response = client.get(path, params={name: text})
        assert response.status_code == 200 and response.json()["total"] == 0
    assert client.get("/health").json()["store"] == before


# ------------------------------------------------------------------ posting


def test_posting_is_idempotent_and_reports_each_article(client: TestClient) -> None:
    again = client.post("/articles", json={"articles": POSTED[:1]}).json()
    assert again["report"]["duplicates"] == 1
    assert again["articles"] == [
        {"id": "sky-1", "stored_as": "sky-1", "status": "duplicate", "events": 0}
    ]
    changed = dict(POSTED[2], text=POSTED[2]["text"] + " وأصيب آخرون.")
    revised = client.post("/articles", json={"articles": [changed]}).json()
    assert revised["articles"][0]["status"] == "revision"
    assert revised["articles"][0]["stored_as"].startswith("waqt-2@")


# ------------------------------------------------------------------ errors


def test_not_found_has_the_error_shape(client: TestClient) -> None:
    assert_error(client.get("/events/nope"), 404, "not_found")
    assert_error(client.get("/articles/nope"), 404, "not_found")
    assert_error(client.get("/nowhere"), 404, "not_found")


def test_method_not_allowed_has_the_error_shape(client: TestClient) -> None:
    assert_error(client.delete("/events"), 405, "method_not_allowed")


@pytest.mark.parametrize(
    "params",
    [
        {"bbox": "1,2,3"},
        {"bbox": "0,50,10,40"},
        {"bbox": "a,b,c,d"},
        {"date_from": "9 March"},
        {"limit": "0"},
        {"limit": "100000"},
        {"offset": "-1"},
        {"actor": "x" * 500},
        {"admin1": "bad\x00"},
    ],
)
def test_bad_parameters_are_400_with_the_error_shape(
    client: TestClient, params: dict[str, str]
) -> None:
    assert_error(client.get("/events", params=params), 400, "bad_request")


def test_invalid_body_is_422_with_the_error_shape(client: TestClient) -> None:
    body = assert_error(
        client.post("/articles", json={"articles": [{"id": ""}]}), 422, "invalid_body"
    )
    assert body["error"]["details"]
    assert_error(client.post("/articles", content=b"{not json"), 422, "invalid_body")
    headers = {"content-type": "application/json"}
    assert_error(client.post("/articles", content=b"[]", headers=headers), 422, "invalid_body")


def test_oversized_post_is_413_and_stores_nothing(client: TestClient) -> None:
    before = client.get("/health").json()["store"]
    big = {"articles": [{"id": "big", "text": "ق" * MAX_BODY_BYTES}]}
    assert_error(client.post("/articles", json=big), 413, "payload_too_large")
    chunks = (b"x" * 1_000_000 for _ in range(6))  # no Content-Length: counted as it streams
    assert_error(client.post("/articles", content=chunks), 413, "payload_too_large")
    assert client.get("/health").json()["store"] == before


def test_server_error_has_the_error_shape(
    store_url: str, config: Config, resources: Resources
) -> None:
    store = open_url(store_url)
    assert isinstance(store, SqlStore)
    with store.engine.begin() as conn:
        conn.exec_driver_sql("ALTER TABLE events RENAME TO events_gone")
    app = create_app(config, resources=resources, store=store)
    with TestClient(app, raise_server_exceptions=False) as broken:
        body = json.dumps(assert_error(broken.get("/events"), 500, "internal_error"))
        assert "no such table" not in body and "does not exist" not in body
    store.close()


def test_missing_reference_data_is_503_with_the_error_shape(
    tmp_path: Path, store_url: str, config: Config
) -> None:
    broken = replace(config, data_dir=tmp_path / "nowhere", cache_dir=tmp_path / "cache")
    store = open_url(store_url)
    with TestClient(create_app(broken, store=store)) as no_data:
        response = no_data.post("/articles", json={"articles": POSTED[:1]})
        body = assert_error(response, 503, "unavailable")
        assert "RASD_DATA" in body["error"]["message"]
        assert no_data.get("/health").status_code == 200
    store.close()


def test_openapi_document(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    expected = {"/events", "/events.geojson", "/events.csv", "/events/{event_id}", "/articles"}
    assert expected <= set(spec["paths"])
    responses = spec["paths"]["/events"]["get"]["responses"]
    assert {"200", "400", "422", "500"} <= set(responses)


# ------------------------------------------------------------------ schemathesis


@pytest.fixture(scope="module")
def api_schema(client: TestClient) -> BaseSchema:
    """The OpenAPI schema of the app over the filled store, loaded in process."""
    return schemathesis.openapi.from_asgi("/openapi.json", client.app)


def _fuzz(strategy: SearchStrategy[schemathesis.Case[Any]], examples: int = 20) -> None:
    @given(case=strategy)
    @settings(max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck))
    def call(case: schemathesis.Case[Any]) -> None:
        response = case.call()
        assert response.status_code < 500, f"{case.method} {case.path}: {response.text[:300]}"

    call()


def test_schemathesis_finds_no_server_error(api_schema: BaseSchema) -> None:
    """Valid and invalid requests generated from /openapi.json for every operation."""
    results = list(api_schema.get_all_operations())
    operations = [result.ok() for result in results if isinstance(result, Ok)]
    assert len(operations) == len(results)
    assert len(operations) == 20  # the API (8) and the web map and review API (12)
    for operation in operations:
        _fuzz(operation.as_strategy(generation_mode=schemathesis.GenerationMode.POSITIVE))
        if operation.path not in ("/health", "/map/meta"):  # no input to break
            negative = schemathesis.GenerationMode.NEGATIVE
            _fuzz(operation.as_strategy(generation_mode=negative), examples=10)
