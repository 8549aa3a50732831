"""The web map's offline basemap: country, governorate and district outlines with labels.

Drawn from the Who's On First boundaries in ``$RASD_DATA/data/gazetteer/boundaries`` (admin
levels 0, 1 and 2; see that folder's README), simplified with shapely for screen use (the
coarser the level, the coarser the outline) and written once per input into the cache
directory as one GeoJSON FeatureCollection per level. Each feature keeps its English and
Arabic name (OCHA's names for Syria), its country and a label point inside the polygon.

Example: ``basemap_layer(config, 1)`` -> bytes of the governorates' FeatureCollection.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from shapely.geometry import mapping, shape

from rasd.config import Config
from rasd.errors import RasdError

log = logging.getLogger(__name__)

BASEMAP_VERSION = "1"
"""Bump when the output of :func:`build_layer` changes."""
LEVELS = (0, 1, 2)
TOLERANCE = {0: 0.01, 1: 0.005, 2: 0.003}
"""Douglas-Peucker tolerance in degrees per admin level (about 1 km, 500 m, 300 m)."""
DIGITS = {0: 3, 1: 3, 2: 3}
"""Decimal places of the coordinates written per level."""
ARABIC_PREFIXES = ("مديرية ", "محافظة ", "قضاء ", "منطقة ", "ولاية ")
"""Words of unit kinds that some Arabic names carry; labels drop them."""


class BasemapError(RasdError):
    """The boundary files are missing or unreadable."""


def boundary_files(config: Config) -> list[Path]:
    """The boundary GeoJSON files of the reference data (sorted)."""
    folder = config.require_data_dir() / "data" / "gazetteer" / "boundaries"
    files = sorted(folder.glob("*.geojson.gz"))
    if not files:
        raise BasemapError(f"no boundary files (*.geojson.gz) in {folder}")
    return files


def basemap_layer(config: Config, level: int) -> bytes:
    """The level's FeatureCollection as UTF-8 JSON, built into the cache on first use."""
    if level not in LEVELS:
        raise ValueError(f"admin level must be one of {LEVELS}")
    files = boundary_files(config)
    digest = _digest(files)
    path = config.cache_dir / f"basemap-{digest}-{level}.geojson"
    try:
        return path.read_bytes()
    except FileNotFoundError:
        pass
    layers = build_layers(files)
    for other, layer in layers.items():
        data = json.dumps(layer, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        _write_atomically(config.cache_dir / f"basemap-{digest}-{other}.geojson", data)
    return path.read_bytes()


def build_layers(files: list[Path]) -> dict[int, dict[str, Any]]:
    """Simplified outlines of every admin level from the boundary files (read once)."""
    found: dict[int, list[dict[str, Any]]] = {level: [] for level in LEVELS}
    for feature in _features(files):
        level = feature["properties"].get("level")
        if level in found and feature.get("geometry"):
            simple = _simplified(feature, level)
            if simple is not None:
                found[level].append(simple)
    log.info("basemap: %s features per level", {k: len(v) for k, v in found.items()})
    return {level: {"type": "FeatureCollection", "features": f} for level, f in found.items()}


def _features(files: list[Path]) -> Iterator[dict[str, Any]]:
    for path in files:
        try:
            with gzip.open(path, "rt", encoding="utf-8") as handle:
                collection = json.load(handle)
        except (OSError, ValueError) as exc:
            raise BasemapError(f"cannot read boundaries {path}: {exc}") from exc
        yield from collection.get("features", [])


def _simplified(feature: dict[str, Any], level: int) -> dict[str, Any] | None:
    geometry = shape(feature["geometry"])
    simple = geometry.simplify(TOLERANCE[level], preserve_topology=True)
    if simple.is_empty:
        return None
    label = geometry.representative_point()
    digits = DIGITS[level]
    return {
        "type": "Feature",
        "geometry": _rounded(mapping(simple), digits),
        "properties": {
            **label_names(feature["properties"]),
            "level": level,
            "country": feature["properties"].get("country", ""),
            "label": [round(label.x, 3), round(label.y, 3)],
        },
    }


def label_names(properties: dict[str, Any]) -> dict[str, str]:
    """English and Arabic names of a boundary feature (OCHA's where given)."""
    english = properties.get("ocha_name_en") or properties.get("name_en") or properties.get("name")
    arabic = properties.get("ocha_name_ar") or properties.get("name_ar") or ""
    for prefix in ARABIC_PREFIXES:
        if arabic.startswith(prefix):
            arabic = arabic[len(prefix) :]
    return {"name_en": str(english or ""), "name_ar": str(arabic)}


def _rounded(geometry: Any, digits: int) -> Any:
    """A GeoJSON geometry (from shapely's mapping) with coordinates rounded, as lists."""

    def walk(value: Any) -> Any:
        if isinstance(value, float):
            return round(value, digits)
        if isinstance(value, list | tuple):
            return [walk(item) for item in value]
        return value

    return {"type": geometry["type"], "coordinates": walk(geometry["coordinates"])}


def _digest(files: list[Path]) -> str:
    digest = hashlib.sha256(BASEMAP_VERSION.encode())
    for path in files:
        stat = path.stat()
        digest.update(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:16]


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".tmp-{os.getpid()}")
    tmp.write_bytes(data)
    tmp.replace(path)


def warm_basemap(config: Config) -> None:
    """Build the basemap's cache now (``rasd serve`` runs this in a background thread)."""
    try:
        basemap_layer(config, 0)
    except (RasdError, OSError) as exc:
        log.warning("basemap not built: %s", exc)
