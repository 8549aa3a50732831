"""The web map's server side: the page and its vendored libraries, the compact map points,
the offline basemap drawn from the boundary data, and the ACLED metadata the page offers."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from rasd.api import create_app
from rasd.basemap import LEVELS, BasemapError, basemap_layer, label_names
from rasd.config import Config
from rasd.resources import Resources
from rasd.store.sqlite import SQLiteStore
from rasd.webapp import WEB

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture()
def client(web_store_path: Path, config: Config, resources: Resources) -> Iterator[TestClient]:
    store = SQLiteStore(web_store_path)
    with TestClient(create_app(config, resources=resources, store=store)) as test_client:
        yield test_client
    store.close()


def test_web_page_loads_only_local_pinned_libraries(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    urls = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    urls += re.findall(r'"(/static/[^"]+)"', page.text)
    assert urls and not [u for u in urls if u.startswith(("http:", "https:", "//"))]
    for url in {u for u in urls if u.startswith("/static/")}:
        assert client.get(url).status_code == 200, url
    for module in sorted((WEB / "static").glob("*.js")):
        text = module.read_text(encoding="utf-8")
        assert "https://unpkg" not in text and "cdn." not in text, module.name


def test_web_vendored_files_match_the_lock_file_and_manifest() -> None:
    script = [sys.executable, str(REPO / "scripts" / "vendor_web.py"), "--check"]
    checked = subprocess.run(script, capture_output=True, text=True, check=False)
    assert checked.returncode == 0, checked.stderr
    lock = json.loads((REPO / "web" / "package-lock.json").read_text(encoding="utf-8"))
    wanted = json.loads((REPO / "web" / "package.json").read_text(encoding="utf-8"))
    for name, version in wanted["dependencies"].items():
        assert re.fullmatch(r"\d+\.\d+\.\d+", version), f"{name} is not pinned: {version}"
        assert lock["packages"][f"node_modules/{name}"]["version"] == version


def test_web_points_are_columns_with_shared_dictionaries(client: TestClient) -> None:
    body = client.get("/map/points").json()
    columns, values = body["columns"], body["values"]
    assert body["count"] == len(columns["event_id"]) >= 4
    assert {len(column) for column in columns.values()} == {body["count"]}
    row = columns["event_id"].index(next(i for i in columns["event_id"]))
    assert values["event_type"][columns["event_type"][row]] in {
        "Battles",
        "Explosions/Remote violence",
        "Violence against civilians",
        "Strategic developments",
        "Protests",
        "Riots",
    }
    merged = [k for k, n in enumerate(columns["reports"]) if n == 2]
    assert merged, "the shelling reported by two outlets is one point with two reports"
    outlets = {values["source"][code] for code in columns["sources"][merged[0]]}
    assert outlets == {"Sky News Arabia", "BBC Arabic"}
    unmapped = [k for k, lat in enumerate(columns["latitude"]) if lat is None]
    assert unmapped, "the event without coordinates is listed (for the list, not the map)"
    assert client.get("/map/points", params={"admin1": "Raqqa"}).json()["count"] >= 1


def test_web_points_of_50_000_events_stay_small(client: TestClient) -> None:
    from rasd.store.base import EventPoint
    from rasd.webapp import points_columns

    points = [
        EventPoint(
            f"{i:016x}",
            None,
            "Battles",
            "Armed clash",
            "A",
            "B",
            "",
            "Syria",
            "Idlib",
            "Ariha",
            f"Place {i % 500}",
            35.0,
            36.0,
            1,
            i % 7,
            "machine",
            0,
            ("Outlet",),
            1,
        )
        for i in range(50_000)
    ]
    payload = points_columns(points).model_dump_json()
    assert len(payload) < 4_000_000  # ~70 bytes an event before gzip
    assert len(json.loads(payload)["values"]["location"]) == 500


def test_web_basemap_levels_have_arabic_and_english_labels(client: TestClient) -> None:
    for level in LEVELS:
        response = client.get(f"/map/boundaries/{level}")
        assert response.status_code == 200
        features = response.json()["features"]
        assert features and {f["properties"]["level"] for f in features} == {level}
    governorates = client.get("/map/boundaries/1").json()["features"]
    idlib = next(f for f in governorates if f["properties"]["name_en"] == "Idlib")
    assert idlib["properties"]["name_ar"] == "إدلب" and idlib["properties"]["country"] == "SY"
    lon, lat = idlib["properties"]["label"]
    assert 35.5 < lon < 37.5 and 35 < lat < 37
    assert client.get("/map/boundaries/3").status_code == 400


def test_web_basemap_is_cached_and_missing_data_is_clear(config: Config, tmp_path: Path) -> None:
    first = basemap_layer(config, 0)
    assert basemap_layer(config, 0) is not first and basemap_layer(config, 0) == first
    cached = list(config.cache_dir.glob("basemap-*-0.geojson"))
    assert cached
    empty = replace(config, data_dir=tmp_path, cache_dir=tmp_path / "cache")
    with pytest.raises(BasemapError, match="no boundary files"):
        basemap_layer(empty, 0)


@pytest.mark.parametrize(
    ("properties", "expected"),
    [
        ({"name": "Ahwar", "name_ar": "مديرية أحور"}, {"name_en": "Ahwar", "name_ar": "أحور"}),
        (
            {"name": "H'alab", "ocha_name_en": "Aleppo", "ocha_name_ar": "حلب", "name_ar": ""},
            {"name_en": "Aleppo", "name_ar": "حلب"},
        ),
    ],
)
def test_web_basemap_label_names(properties: dict[str, Any], expected: dict[str, str]) -> None:
    assert label_names(properties) == expected


def test_web_meta_offers_the_acled_taxonomy(client: TestClient) -> None:
    meta = client.get("/map/meta").json()
    assert len(meta["taxonomy"]) == 25 and "Battles" in meta["event_types"]
    assert "fatalities" in meta["editable"] and "year" in meta["derived"]
    assert "" in meta["inter_labels"] and "State forces" in meta["inter_labels"]


def test_web_responses_are_compressed(client: TestClient) -> None:
    response = client.get("/map/boundaries/1", headers={"Accept-Encoding": "gzip"})
    assert response.headers.get("content-encoding") == "gzip"
