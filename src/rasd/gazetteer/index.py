"""The compiled gazetteer as loaded at run time."""

from __future__ import annotations

import os
import pickle
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, overload

from rasd.arabic import Lexicon, LexiconMatch, Token
from rasd.errors import CacheError
from rasd.stages.normalize import fold
from rasd.types import Place

FORMAT_VERSION = 7

# feature -> how specific a place is (lower is more specific), for choosing event locations
SPECIFICITY = {
    "site": 1,
    "neighbourhood": 0,  # a named part of a town is more specific than the town
    "locality": 1,
    "admin3": 2,
    "region": 3,
    "admin2": 3,
    "admin1": 4,
    "country": 5,
}


ABROAD_PREFIX = "abroad:"


@dataclass(frozen=True, slots=True)
class PlaceRecord:
    """A gazetteer entry: the Place plus what disambiguation and precision need."""

    place: Place
    rank: float
    """Prior importance (population, admin seat, curated site), used to break ties."""
    seat: int = -1
    """For admin units and regions: index of the town events are coded to (ACLED's capital)."""
    precision: int = 1
    """geo_precision an event earns when this place is its location."""
    source: str = ""

    @property
    def feature(self) -> str:
        return self.place.feature

    @property
    def abroad(self) -> bool:
        """A place outside the covered region (abroad.yaml): it weighs, but is never coded."""
        return self.place.place_id.startswith(ABROAD_PREFIX)


_PLACE_FIELDS = (
    "place_id",
    "name",
    "name_ar",
    "country",
    "country_code",
    "admin1",
    "admin2",
    "admin3",
    "latitude",
    "longitude",
    "feature",
    "population",
)


def _row(record: PlaceRecord) -> tuple[Any, ...]:
    place = record.place
    return (
        *(getattr(place, f) for f in _PLACE_FIELDS),
        record.rank,
        record.seat,
        record.precision,
        record.source,
    )


class PlaceTable(Sequence[PlaceRecord]):
    """Gazetteer entries stored as plain tuples (fast to load), built into records on access."""

    def __init__(self, rows: list[tuple[Any, ...]]):
        self.rows = rows
        self._made: dict[int, PlaceRecord] = {}

    @classmethod
    def of(cls, records: Iterable[PlaceRecord]) -> PlaceTable:
        return cls([_row(r) for r in records])

    def __len__(self) -> int:
        return len(self.rows)

    @overload
    def __getitem__(self, index: int) -> PlaceRecord: ...
    @overload
    def __getitem__(self, index: slice) -> list[PlaceRecord]: ...
    def __getitem__(self, index: int | slice) -> PlaceRecord | list[PlaceRecord]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        made = self._made.get(index)
        if made is None:
            row = self.rows[index]
            place = Place(*row[: len(_PLACE_FIELDS)])
            rank, seat, precision, source = row[len(_PLACE_FIELDS) :]
            made = PlaceRecord(place, rank, seat, precision, source)
            self._made[index] = made
        return made

    def feature(self, index: int) -> str:
        """The feature of an entry without building its record."""
        return str(self.rows[index][10])

    def population(self, index: int) -> int:
        """The population of an entry (0 when unknown) without building its record."""
        return int(self.rows[index][11] or 0)

    def abroad(self, index: int) -> bool:
        """Whether an entry lies outside the covered region, without building its record."""
        return str(self.rows[index][0]).startswith(ABROAD_PREFIX)


@dataclass
class Gazetteer:
    """Places, their names, and a lexicon for finding the names in text."""

    places: PlaceTable
    names: dict[str, list[int]]
    """Folded Arabic name -> place indexes."""
    english: dict[str, list[int]]
    """Lower-case English/Latin name -> place indexes (for lookup by analysts)."""
    provenance: dict[str, object] = field(default_factory=dict)
    lexicon: Lexicon[int] | None = field(default=None, repr=False)
    common_names: frozenset[str] = frozenset()
    """Names that are also ordinary words: found only after a word such as "قرية"."""
    article_names: frozenset[str] = frozenset()
    """Lexicon keys every place writes with the article ("البيضاء"): without it in the text
    ("مركبة بيضاء اللون") the word is an adjective or a noun, not the place."""
    capitals: dict[str, int] = field(default_factory=dict)
    """Country code -> index of its capital ("العاصمة" with no name after it)."""
    capital_adjectives: dict[str, str] = field(default_factory=dict)
    """Folded adjective of nation -> country code: "العاصمة العراقية" is Baghdad."""
    admin1_index: dict[tuple[str, str], int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        if self.lexicon is None:
            self.lexicon = Lexicon(
                ((name, i) for name, indexes in self.names.items() for i in indexes), min_core=2
            )
        self.admin1_index = {
            (row[4], row[5]): i for i, row in enumerate(self.places.rows) if row[10] == "admin1"
        }

    def capital_indexes(self) -> frozenset[int]:
        """Indexes of the countries' capitals (``capitals`` is filled after construction)."""
        return frozenset(self.capitals.values())

    def find(self, tokens: Sequence[Token]) -> list[LexiconMatch[int]]:
        """Place names in a token sequence (values are place indexes)."""
        assert self.lexicon is not None  # set in __post_init__
        return self.lexicon.find(tokens)

    def candidates(self, key: str) -> list[int]:
        """Place indexes for a folded Arabic name."""
        return self.names.get(key, [])

    def lookup(self, name: str) -> list[PlaceRecord]:
        """Places named ``name`` (Arabic or English), most important first."""
        folded = fold(name)
        found: list[int] = list(self.names.get(folded, []))
        if not found and folded.startswith("ال"):
            found = list(self.names.get(folded[2:], []))
        if not found:
            found = list(self.names.get("ال" + folded, []))
        found += self.english.get(name.strip().lower(), [])
        unique = list(dict.fromkeys(found))
        return sorted((self.places[i] for i in unique), key=lambda r: -r.rank)

    def seat_of(self, index: int) -> int:
        """Index of the town an event is coded to when only this region is named."""
        seat = self.places[index].seat
        return seat if seat >= 0 else index

    def admin1_of(self, index: int) -> int:
        """Index of the admin1 unit containing a place (the place itself if it is one)."""
        place = self.places[index].place
        return self.admin1_index.get((place.country_code, place.admin1), index)

    @classmethod
    def load(cls, path: Path) -> Gazetteer:
        """Open a compiled index; a missing, corrupt or old file raises CacheError."""
        try:
            with open(path, "rb") as handle:
                payload = pickle.load(handle)
        except FileNotFoundError as exc:
            raise CacheError(f"gazetteer index not found at {path}") from exc
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError) as exc:
            raise CacheError(f"gazetteer index at {path} is unreadable: {exc}") from exc
        if not isinstance(payload, dict) or payload.get("format") != FORMAT_VERSION:
            raise CacheError(f"gazetteer index at {path} has an old or unknown format")
        places = PlaceTable(payload["places"])
        return cls(
            places,
            payload["names"],
            payload["english"],
            payload["provenance"],
            payload["lexicon"],
            payload["common_names"],
            payload["article_names"],
            payload["capitals"],
            payload["capital_adjectives"],
        )

    def save(self, path: Path) -> None:
        """Write the index atomically (a crash never leaves half a file)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        # a per-process temporary name: two workers may build the index at once
        tmp = path.with_suffix(f".tmp-{os.getpid()}")
        payload = {
            "format": FORMAT_VERSION,
            "places": self.places.rows,
            "names": self.names,
            "english": self.english,
            "provenance": self.provenance,
            "lexicon": self.lexicon,
            "common_names": self.common_names,
            "article_names": self.article_names,
            "capitals": self.capitals,
            "capital_adjectives": self.capital_adjectives,
        }
        with open(tmp, "wb") as handle:
            pickle.dump(payload, handle, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)

    def by_country(self, country_code: str) -> Iterable[int]:
        """Indexes of the places of one country."""
        return (i for i, row in enumerate(self.places.rows) if row[4] == country_code)
