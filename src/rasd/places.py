"""Places for reviewers: look-up by id, search as one types, and the admin units of a country.

:class:`PlaceFinder` wraps the compiled gazetteer (:class:`rasd.gazetteer.index.Gazetteer`)
and builds its own indexes on first use (about a second), so the API pays for them only when
a reviewer edits a place.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from rasd.gazetteer.index import Gazetteer, PlaceRecord
from rasd.stages.normalize import fold

MAX_RESULTS = 50


@dataclass(frozen=True, slots=True)
class AdminUnits:
    """The admin units of every country: country code -> admin1 -> admin2 -> admin3 names."""

    tree: dict[str, dict[str, dict[str, set[str]]]]

    def admin1s(self, code: str) -> set[str]:
        """Admin1 names of a country."""
        return set(self.tree.get(code, {}))

    def admin2s(self, code: str, admin1: str) -> set[str]:
        """Admin2 names within an admin1 unit."""
        return set(self.tree.get(code, {}).get(admin1, {}))

    def admin3s(self, code: str, admin1: str, admin2: str) -> set[str]:
        """Admin3 names within an admin2 unit."""
        return set(self.tree.get(code, {}).get(admin1, {}).get(admin2, set()))


@dataclass
class PlaceFinder:
    """Search over a gazetteer's Arabic and English names (exact first, then prefixes)."""

    gazetteer: Gazetteer
    _ids: dict[str, int] = field(default_factory=dict, init=False, repr=False)
    _keys: list[tuple[str, list[int]]] = field(default_factory=list, init=False, repr=False)
    _admin: AdminUnits | None = field(default=None, init=False, repr=False)

    def by_id(self, place_id: str) -> PlaceRecord | None:
        """The place with this id (``ocha:SY07``, ``wof:890432567``, ``gn:...``)."""
        if not self._ids:
            self._ids = {row[0]: i for i, row in enumerate(self.gazetteer.places.rows)}
        index = self._ids.get(place_id)
        return None if index is None else self.gazetteer.places[index]

    def search(self, text: str, limit: int = 10) -> list[PlaceRecord]:
        """Places whose name is ``text``, then places whose name starts with it; best first."""
        text = text.strip()
        if not text:
            return []
        limit = max(1, min(limit, MAX_RESULTS))
        exact = self.gazetteer.lookup(text)
        seen = {record.place.place_id for record in exact}
        starting = [r for r in self._starting_with(text) if r.place.place_id not in seen]
        starting.sort(key=lambda r: -r.rank)
        return (exact + starting)[:limit]

    def _starting_with(self, text: str, most: int = 400) -> list[PlaceRecord]:
        if not self._keys:
            merged = {**self.gazetteer.names, **self.gazetteer.english}
            self._keys = sorted(merged.items())
        found: dict[int, None] = {}
        for prefix in {fold(text), text.lower()}:
            start = bisect.bisect_left(self._keys, (prefix, []))
            for key, indexes in self._keys[start : start + most]:
                if not key.startswith(prefix):
                    break
                found.update(dict.fromkeys(indexes))
        return [self.gazetteer.places[i] for i in found]

    def admin_units(self) -> AdminUnits:
        """Every country's admin units as the gazetteer names them."""
        if self._admin is None:
            tree: dict[str, Any] = defaultdict(lambda: defaultdict(lambda: defaultdict(set)))
            for row in self.gazetteer.places.rows:
                code, admin1, admin2, admin3 = row[4], row[5], row[6], row[7]
                if admin1:
                    units = tree[code][admin1]
                    if admin2:
                        units[admin2].update([admin3] if admin3 else [])
            self._admin = AdminUnits(tree)
        return self._admin


def place_view(record: PlaceRecord) -> dict[str, Any]:
    """A place as JSON, with the geo_precision an event located there earns."""
    place = record.place
    return {
        "place_id": place.place_id,
        "name": place.name,
        "name_ar": place.name_ar,
        "feature": place.feature,
        "country": place.country,
        "country_code": place.country_code,
        "admin1": place.admin1,
        "admin2": place.admin2,
        "admin3": place.admin3,
        "latitude": place.latitude,
        "longitude": place.longitude,
        "geo_precision": record.precision,
    }
