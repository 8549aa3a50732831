"""Compile the gazetteer index from ../shared/data/gazetteer and the project's curated data.

Inputs (all under ``<RASD_DATA>/data/gazetteer`` unless noted):

1. ``syria_opensyria/syria_admin1_3_opensyria.csv``: Syrian governorates, districts and
   subdistricts (OCHA names and P-codes, Arabic aliases, centroids).
2. ``places/syria_localities_wof_ocha_admin.tsv.gz``: Syrian localities with OCHA admin1/admin2.
3. ``places/wof_<CC>.tsv.gz``: Who's On First places of the other 24 countries.
4. ``places/geonames_cities500_mena.tsv.gz``: extra Arabic spellings and places, joined on the
   GeoNames id; admin units of unjoined places come from the boundary polygons.
5. ``boundaries/*.geojson.gz``: admin1/admin2 polygons, used for places lacking a hierarchy.
6. ``syria_opensyria/syria_transport_locations_opensyria.csv``: crossings, airports, stations.
7. ``rasd/data/sites.yaml`` (this project): curated conflict sites the sources lack.
8. ``rasd/data/place_common_words.tsv`` (this project, measured): names that are also
   ordinary words.

The result is deterministic for the same inputs; their sizes and sha256 digests are recorded
in the index's provenance.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import json
import logging
import math
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from rasd.acled import COUNTRIES
from rasd.arabic import strip_article
from rasd.errors import DataError
from rasd.gazetteer.index import ABROAD_PREFIX, Gazetteer, PlaceRecord, PlaceTable
from rasd.stages.normalize import fold
from rasd.types import Place

log = logging.getLogger(__name__)

BUILD_VERSION = "2026.11.25"
WOF_FEATURES = {
    "country": "country",
    "region": "admin1",
    "county": "admin2",
    "localadmin": "admin3",
    "locality": "locality",
    "neighbourhood": "neighbourhood",
    "microhood": "neighbourhood",
    "campus": "site",
}
_SY_LEVEL_FEATURE = {"1": "admin1", "2": "admin2", "3": "admin3"}
_SYRIA_ADMIN_WORDS = ("محافظة", "ناحية", "منطقة", "مديرية", "قضاء")
_ADMIN_PREFIXES = tuple(fold(p) + " " for p in _SYRIA_ADMIN_WORDS)
# words a gazetteer name may open with that say it is an admin unit
_ADMIN_NAME_WORDS = frozenset(fold(w) for w in (*_SYRIA_ADMIN_WORDS, "ولاية", "معتمدية", "إقليم"))
_DEDUP_KM = 3.0
# governorates of these countries are named in conflict news often enough to be exempt
CONFLICT_COUNTRIES = frozenset({"SY", "IQ", "YE", "LB", "PS", "IL", "JO", "LY", "TR"})


@dataclass
class _Draft:
    """A place being assembled (mutable until the index is frozen)."""

    place_id: str
    name: str
    name_ar: str
    country_code: str
    feature: str
    lat: float
    lon: float
    admin1: str = ""
    admin2: str = ""
    admin3: str = ""
    population: int = 0
    names_ar: set[str] = field(default_factory=set)
    names_en: set[str] = field(default_factory=set)
    source: str = ""
    precision: int = 1
    geonames_id: str = ""
    bonus: float = 0.0


def gazetteer_dir(data_dir: Path) -> Path:
    """``<data>/data/gazetteer``, or a DataError naming what is missing."""
    path = data_dir / "data" / "gazetteer"
    if not path.is_dir():
        raise DataError(f"no gazetteer data at {path} (is RASD_DATA pointing at ../shared?)")
    return path


def build_gazetteer(
    data_dir: Path,
    sites: list[dict[str, Any]],
    common: set[str],
    abroad: Sequence[Mapping[str, Any]] = (),
    capitals: Sequence[Mapping[str, Any]] = (),
    seats: Sequence[Mapping[str, Any]] = (),
) -> Gazetteer:
    """Compile the gazetteer from the reference data, curated sites and common-word list.

    1. Syrian admin units and localities (OCHA names), 2. other countries from WOF,
    3. GeoNames spellings and places, 4. transport sites, 5. curated sites and places abroad,
    6. admin units from polygons where missing, 7. de-duplication, 8. seats and ranks.

    abroad: countries outside the covered region (``abroad.yaml``): their names and cities
    compete with namesakes in the region, and events placed there are not coded.
    capitals: each country's capital and adjectives (``capitals.yaml``), for "العاصمة".
    seats: governorate capitals that are neither the town of the governorate's name nor its
    biggest town (``capitals.yaml``, ``seats``): a region named alone is coded there.
    """
    root = gazetteer_dir(data_dir)
    drafts: list[_Draft] = []
    drafts += _syria_admin(root / "syria_opensyria" / "syria_admin1_3_opensyria.csv")
    drafts += _syria_localities(root / "places" / "syria_localities_wof_ocha_admin.tsv.gz")
    for path in sorted((root / "places").glob("wof_*.tsv.gz")):
        if path.name != "wof_SY.tsv.gz":
            drafts += _wof_country(path)
        else:
            drafts += [d for d in _wof_country(path) if d.feature in ("country", "site")]
    _join_geonames(drafts, root / "places" / "geonames_cities500_mena.tsv.gz")
    drafts += _transport(root / "syria_opensyria" / "syria_transport_locations_opensyria.csv")
    drafts += [_site(entry) for entry in sites]
    drafts += [draft for country in abroad for draft in _abroad(country)]
    _fill_admin_from_polygons(drafts, sorted((root / "boundaries").glob("*.geojson.gz")))
    drafts = _deduplicate(drafts)
    gazetteer = _freeze(drafts, common, _seat_names(seats))
    gazetteer.capitals, gazetteer.capital_adjectives = _capitals(gazetteer, capitals)
    gazetteer.provenance = _provenance(root, len(gazetteer.places))
    return gazetteer


def _capitals(
    gazetteer: Gazetteer, entries: Sequence[Mapping[str, Any]]
) -> tuple[dict[str, int], dict[str, str]]:
    """Country -> index of its capital, and folded adjective of nation -> country."""
    capitals: dict[str, int] = {}
    nations: dict[str, str] = {}
    for entry in entries:
        if not isinstance(entry, Mapping):
            raise DataError(f"capitals.yaml: entry {entry!r} is not a mapping")
        code, name = entry.get("country"), entry.get("capital")
        if not isinstance(code, str) or not isinstance(name, str):
            raise DataError(f"capitals.yaml: entry {dict(entry)} needs 'country' and 'capital'")
        adjectives = entry.get("adjectives") or []
        if not isinstance(adjectives, list) or not all(isinstance(a, str) for a in adjectives):
            raise DataError(f"capitals.yaml: {code}: 'adjectives' must be a list of words")
        towns = [
            i
            for i in gazetteer.candidates(fold(name))
            if gazetteer.places.feature(i) == "locality"
            and gazetteer.places[i].place.country_code == code
        ]
        if not towns:
            raise DataError(f"capitals.yaml: {code}: the gazetteer has no town named {name}")
        capitals[code] = max(towns, key=lambda i: gazetteer.places[i].rank)
        for adjective in adjectives:
            nations[fold(adjective)] = code
    return capitals, nations


def _read_tsv(path: Path) -> Iterator[dict[str, str]]:
    if not path.is_file():
        raise DataError(f"gazetteer input missing: {path}")
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)


def _read_csv(path: Path) -> Iterator[dict[str, str]]:
    if not path.is_file():
        raise DataError(f"gazetteer input missing: {path}")
    with open(path, encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def _split(value: str | None) -> set[str]:
    return {v.strip() for v in (value or "").split("|") if v.strip()}


def _float(value: str | None) -> float | None:
    try:
        number = float(value or "")
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _int(value: str | None) -> int:
    try:
        return int(float(value or 0))
    except ValueError:
        return 0


def _syria_admin(path: Path) -> list[_Draft]:
    rows = list(_read_csv(path))
    governorates = {r["id"]: r["name_en"] for r in rows if r["level"] == "1"}
    districts = {r["id"]: r["name_en"] for r in rows if r["level"] == "2"}
    drafts = []
    for row in rows:
        lat, lon = _float(row["lat"]), _float(row["lon"])
        if lat is None or lon is None:
            continue
        names = {row["name_ar"], *_split(row["aliases_ar"])}
        level = row["level"]
        drafts.append(
            _Draft(
                place_id=f"ocha:{row['ocha_pcode']}",
                name=row["name_en"],
                name_ar=row["name_ar"],
                country_code="SY",
                feature=_SY_LEVEL_FEATURE[level],
                lat=lat,
                lon=lon,
                admin1=governorates.get(row["governorate_id"], ""),
                admin2=districts.get(row["district_id"], "") if level in ("2", "3") else "",
                admin3=row["name_en"] if level == "3" else "",
                population=_int(row["population"]),
                names_ar=_strip_admin_words(names),
                names_en={row["name_en"], *_split(row["aliases_en"])},
                source="OpenSyria/OCHA",
                precision={"1": 3, "2": 2, "3": 2}[level],
            )
        )
    return drafts


def _strip_admin_words(names: set[str]) -> set[str]:
    """ "محافظة حلب" -> "حلب": the admin word is read from context at run time."""
    stripped = set()
    for name in names:
        folded = fold(name)
        for prefix in _ADMIN_PREFIXES:
            if folded.startswith(prefix):
                folded = folded[len(prefix) :]
        if folded:
            stripped.add(folded)
    return stripped


def _syria_localities(path: Path) -> list[_Draft]:
    drafts = []
    for row in _read_tsv(path):
        lat, lon = _float(row["lat"]), _float(row["lon"])
        if lat is None or lon is None or row["is_current"] == "0" or not row["name_ar"]:
            continue
        drafts.append(
            _Draft(
                place_id=f"wof:{row['wof_id']}",
                name=row["name"],
                name_ar=row["name_ar"],
                country_code="SY",
                feature=WOF_FEATURES.get(row["placetype"], "locality"),
                lat=lat,
                lon=lon,
                admin1=row["adm1_en"],
                admin2=row["adm2_en"],
                population=_int(row["population"]),
                names_ar={row["name_ar"], *_split(row["name_ar_variants"])},
                names_en={row["name"], *_split(row["name_variants_latin"])},
                source="WOF/GeoNames+OCHA",
                geonames_id=row["geonames_id"],
                bonus=-1.0 if row["gn_feature_code"] in ("PPLQ", "PPLW") else 0.0,
            )
        )
    return drafts


def _wof_country(path: Path) -> list[_Draft]:
    rows = list(_read_tsv(path))
    region_names = {r["wof_id"]: r["name"] for r in rows if r["placetype"] == "region"}
    county_names = {r["wof_id"]: r["name"] for r in rows if r["placetype"] == "county"}
    drafts = []
    for row in rows:
        feature = WOF_FEATURES.get(row["placetype"])
        lat, lon = _float(row["lat"]), _float(row["lon"])
        if feature is None or lat is None or lon is None or row["is_current"] == "0":
            continue
        if not row["name_ar"] and feature not in ("admin1", "country"):
            continue
        admin1 = row["name"] if feature == "admin1" else region_names.get(row["region_id"], "")
        admin2 = row["name"] if feature == "admin2" else county_names.get(row["county_id"], "")
        drafts.append(
            _Draft(
                place_id=f"wof:{row['wof_id']}",
                name=row["name"],
                name_ar=row["name_ar"],
                country_code=row["country"],
                feature=feature,
                lat=lat,
                lon=lon,
                admin1=admin1,
                admin2=admin2,
                population=_int(row["population"]),
                names_ar=_strip_admin_words({row["name_ar"], *_split(row["name_ar_variants"])})
                if feature.startswith("admin")
                else {row["name_ar"], *_split(row["name_ar_variants"])},
                names_en={row["name"], row["name_en"], *_split(row["name_variants_latin"])} - {""},
                source="WOF/GeoNames",
                geonames_id=row["geonames_id"],
                precision=3 if feature == "admin1" else 2 if feature.startswith("admin") else 1,
                bonus=-1.0 if row["gn_feature_code"] in ("PPLQ", "PPLW") else 0.0,
            )
        )
    return drafts


def _join_geonames(drafts: list[_Draft], path: Path) -> None:
    """Add GeoNames' Arabic spellings to joined places; add unjoined places with Arabic names."""
    by_geonames: dict[str, _Draft] = {d.geonames_id: d for d in drafts if d.geonames_id}
    covered = set(COUNTRIES)
    for row in _read_tsv(path):
        names_ar = {n for n in _split(row["names_ar"]) if _is_arabic(n)}
        existing = by_geonames.get(row["geonameid"])
        if existing is not None:
            existing.names_ar |= names_ar
            existing.population = max(existing.population, _int(row["population"]))
            existing.names_en.add(row["name"])
            if _is_arabic(existing.name) or not existing.name:
                existing.name = row["name"]  # GeoNames' primary romanised name
            continue
        lat, lon = _float(row["lat"]), _float(row["lon"])
        if not names_ar or lat is None or lon is None or row["country"] not in covered:
            continue
        first = min(names_ar, key=lambda n: (len(n), n))  # not set order: builds must agree
        drafts.append(
            _Draft(
                place_id=f"gn:{row['geonameid']}",
                name=row["name"],
                name_ar=first,
                country_code=row["country"],
                feature="locality",
                lat=lat,
                lon=lon,
                population=_int(row["population"]),
                names_ar=names_ar,
                names_en={row["name"], *_split(row["names_other"])},
                source="GeoNames cities500",
                geonames_id=row["geonameid"],
            )
        )


def _is_arabic(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all("\u0600" <= c <= "\u06ff" for c in letters)


def _transport(path: Path) -> list[_Draft]:
    drafts = []
    for row in _read_csv(path):
        lat, lon = _float(row["lat"]), _float(row["lon"])
        names = {row["name_ar"], *_split(row["aliases_ar"])} - {""}
        if lat is None or lon is None or not names:
            continue
        drafts.append(
            _Draft(
                place_id=f"transport:{row['id']}",
                name=row["name_en"],
                name_ar=row["name_ar"],
                country_code="SY",
                feature="site",
                lat=lat,
                lon=lon,
                names_ar=names,
                names_en={row["name_en"], *_split(row["aliases_en"])},
                source="OpenSyria transport",
                bonus=1.0,
            )
        )
    return drafts


def _site(entry: dict[str, Any]) -> _Draft:
    names_ar = entry["name_ar"] if isinstance(entry["name_ar"], list) else [entry["name_ar"]]
    names_en = entry.get("name_en") or [entry["name"]]
    return _Draft(
        place_id=f"site:{entry['id']}",
        name=entry["name"],
        name_ar=names_ar[0],
        country_code=entry["country"],
        feature=entry.get("feature", "site"),
        lat=float(entry["lat"]),
        lon=float(entry["lon"]),
        admin1=entry.get("admin1", ""),
        names_ar=set(names_ar),
        names_en=set(names_en) | {entry["name"]},
        source=f"rasd sites.yaml: {entry.get('source', '')}",
        precision=int(entry["precision"]),
        bonus=2.0,
    )


ABROAD_SOURCE = "rasd abroad.yaml"
ABROAD_RANK_BONUS = 5.0  # news names a place abroad when it is notable: a town of 100,000


def _abroad(country: Mapping[str, Any]) -> list[_Draft]:
    """A country outside the region: its names (feature country) and its cities, all at one
    point (never coded; the point only keeps them far from the region's places)."""
    missing = {"code", "name", "lat", "lon", "names", "places"} - set(country)
    if missing:
        raise DataError(f"abroad.yaml: entry {dict(country)} lacks {sorted(missing)}")
    code = str(country["code"])
    lists = (country["names"] or [], country["places"] or [])
    if not all(isinstance(v, list) and all(isinstance(n, str) for n in v) for v in lists):
        raise DataError(f"abroad.yaml: {code}: 'names' and 'places' must be lists of names")
    try:
        lat, lon = float(country["lat"]), float(country["lon"])
    except (TypeError, ValueError) as exc:
        raise DataError(f"abroad.yaml: {code}: 'lat' and 'lon' must be numbers") from exc
    drafts = []
    for feature, names in zip(("country", "locality"), lists, strict=True):
        for name in names:
            drafts.append(
                _Draft(
                    place_id=f"{ABROAD_PREFIX}{code}:{fold(name)}",
                    name=str(country["name"]) if feature == "country" else name,
                    name_ar=name,
                    country_code=code,
                    feature=feature,
                    lat=lat,
                    lon=lon,
                    admin1=str(country["name"]),
                    names_ar={name},
                    names_en={str(country["name"])},
                    source=ABROAD_SOURCE,
                    precision=3 if feature == "country" else 1,
                    bonus=ABROAD_RANK_BONUS,
                )
            )
    return drafts


def _fill_admin_from_polygons(drafts: list[_Draft], boundary_files: list[Path]) -> None:
    """admin1/admin2 by point-in-polygon for places whose sources lack them."""
    todo = [d for d in drafts if not d.admin1 and d.feature not in ("country",)]
    if not todo:
        return
    from shapely import STRtree
    from shapely.geometry import Point, shape

    levels: dict[int, list[tuple[Any, dict[str, Any]]]] = defaultdict(list)
    for path in boundary_files:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for feature in json.load(handle)["features"]:
                props = feature["properties"]
                if props.get("level") in (1, 2):
                    levels[props["level"]].append((shape(feature["geometry"]), props))
    trees = {level: STRtree([g for g, _ in items]) for level, items in levels.items()}
    for draft in todo:
        point = Point(draft.lon, draft.lat)
        for level, attribute in ((1, "admin1"), (2, "admin2")):
            if level not in trees:
                continue
            for hit in trees[level].query(point, predicate="within"):
                props = levels[level][int(hit)][1]
                if props.get("country") == draft.country_code or not props.get("country"):
                    name = props.get("ocha_name_en") or props.get("name") or ""
                    setattr(draft, attribute, name)
                    break


def _km(a: _Draft, b: _Draft) -> float:
    p = math.pi / 180
    h = (
        math.sin((b.lat - a.lat) * p / 2) ** 2
        + math.cos(a.lat * p) * math.cos(b.lat * p) * math.sin((b.lon - a.lon) * p / 2) ** 2
    )
    return 12742 * math.asin(math.sqrt(min(1.0, h)))


def _deduplicate(drafts: list[_Draft]) -> list[_Draft]:
    """Merge records of one place (same country, feature class, Arabic name, within 3 km)."""
    kept: list[_Draft] = []
    seen: dict[tuple[str, str, str], list[_Draft]] = defaultdict(list)
    order = sorted(drafts, key=lambda d: (-d.bonus, -d.population, d.place_id))
    for draft in order:
        key = (draft.country_code, draft.feature, fold(draft.name_ar))
        twin = next((k for k in seen[key] if _km(k, draft) <= _DEDUP_KM), None)
        if twin is not None and draft.feature in ("locality", "neighbourhood"):
            twin.names_ar |= draft.names_ar
            twin.names_en |= draft.names_en
            continue
        seen[key].append(draft)
        kept.append(draft)
    return sorted(kept, key=lambda d: d.place_id)


def _english_name(draft: _Draft) -> str:
    """A Latin-script name for the record (some WOF names are in Arabic)."""
    if draft.name and not _is_arabic(draft.name):
        return draft.name
    latin = sorted((n for n in draft.names_en if n and n.isascii()), key=lambda n: (len(n), n))
    return latin[0] if latin else draft.name


def _rank(draft: _Draft) -> float:
    feature_bonus = {"admin1": 1.5, "country": 3.0, "admin2": 0.5, "site": 0.5}.get(
        draft.feature, 0
    )
    return round(math.log10(draft.population + 1) + feature_bonus + draft.bonus, 3)


def _seat_names(entries: Sequence[Mapping[str, Any]]) -> dict[tuple[str, str], str]:
    """(country, admin1 name) -> the folded Arabic name of its capital."""
    seats: dict[tuple[str, str], str] = {}
    for entry in entries:
        if not isinstance(entry, Mapping):
            raise DataError(f"capitals.yaml: seat {entry!r} is not a mapping")
        code, unit, name = entry.get("country"), entry.get("admin1"), entry.get("capital")
        if not all(isinstance(v, str) and v for v in (code, unit, name)):
            raise DataError(
                f"capitals.yaml: seat {dict(entry)} needs 'country', 'admin1' and 'capital'"
            )
        seats[(str(code), str(unit))] = fold(str(name))
    return seats


def _freeze(
    drafts: list[_Draft], common: set[str], seats: Mapping[tuple[str, str], str]
) -> Gazetteer:
    places = [
        PlaceRecord(
            place=Place(
                place_id=d.place_id,
                name=d.name,
                name_ar=d.name_ar,
                country=_country(d),
                country_code=d.country_code,
                admin1=d.admin1,
                admin2=d.admin2,
                admin3=d.admin3,
                latitude=round(d.lat, 5),
                longitude=round(d.lon, 5),
                feature=d.feature,
                population=d.population,
            ),
            rank=_rank(d),
            precision=d.precision,
            source=d.source,
        )
        for d in drafts
    ]
    names: dict[str, list[int]] = defaultdict(list)
    english: dict[str, list[int]] = defaultdict(list)
    for i, draft in enumerate(drafts):
        for name in sorted(_name_variants(draft.names_ar | {draft.name_ar})):
            names[name].append(i)
        for name in draft.names_en:
            english[name.strip().lower()].append(i)
    places = _with_seats(places, seats)
    # keyed like the lexicon: the first word without its article ("المعارضه" -> "معارضه")
    common_names = frozenset(
        _lexicon_key(key)
        for key, indexes in names.items()
        if _is_common(key, [places[i] for i in indexes], common)
    )
    return Gazetteer(
        PlaceTable.of(places),
        dict(names),
        dict(english),
        common_names=common_names,
        article_names=_article_names(names),
    )


def _article_names(names: Mapping[str, list[int]]) -> frozenset[str]:
    """Lexicon keys whose every name starts with the article ("البيضاء", never "بيضاء")."""
    with_article: dict[str, bool] = {}
    for name in names:
        key = _lexicon_key(name)
        has = name.startswith("ال") and key != name
        with_article[key] = with_article.get(key, True) and has
    return frozenset(key for key, always in with_article.items() if always)


def _country(draft: _Draft) -> str:
    if draft.source == ABROAD_SOURCE:
        return draft.admin1  # the country's English name
    return COUNTRIES.get(draft.country_code, (draft.country_code, 0, ""))[0]


def _name_variants(names: set[str]) -> set[str]:
    """Folded names plus the joined spelling of two-word names ("ديرالزور")."""
    variants = set()
    for name in names:
        folded = fold(name)
        if not folded or not any("\u0621" <= c <= "\u064a" for c in folded):
            continue
        variants.add(folded)
        words = folded.split()
        if len(words) == 2 and words[1].startswith("ال"):
            variants.add(words[0] + words[1])
    return variants


def _lexicon_key(name: str) -> str:
    words = name.split()
    return " ".join([strip_article(words[0])[0], *words[1:]])


def is_primary_name(key: str, record: PlaceRecord) -> bool:
    """Whether ``key`` (folded, with or without its article) is the place's own Arabic name,
    not one of the alternate names GeoNames collects ("البلا" for Jerusalem)."""
    primary = _name_variants({record.place.name_ar} | _strip_admin_words({record.place.name_ar}))
    return key in primary or any(strip_article(name)[0] == key for name in primary)


def is_exempt(key: str, record: PlaceRecord) -> bool:
    """Countries and curated sites are never common words, nor conflict-country governorates
    under their own name (not under one of GeoNames' alternates)."""
    if record.feature in ("country", "site"):
        return True
    return (
        record.feature == "admin1"
        and record.place.country_code in CONFLICT_COUNTRIES
        and is_primary_name(key, record)
    )


def _is_common(key: str, records: list[PlaceRecord], common: set[str]) -> bool:
    """Short names and measured common words need a trigger ("قرية", "بلدة") before them,
    unless they are the own name of a country, a governorate or a curated site, or open with
    an admin word (the measured list holds a few: they were counted as bare names)."""
    # "الحي" keeps its article as a lexicon key (a two-letter core), but "حي" is the word
    core = key[2:] if key.startswith("ال") and len(key) > 3 else key
    if len(core) <= 2 and not any(r.feature == "country" for r in records):
        return True  # "إب" (Ibb) is also "آب" (August) and "أب" (father)
    if any(is_exempt(key, r) for r in records):
        return False
    if key.split(" ", 1)[0] in _ADMIN_NAME_WORDS:
        return False  # "مديرية أرحب", "ولاية عين الدفلى": the name carries its own admin word
    return key in common or core in common


def _with_seats(
    places: list[PlaceRecord], capitals: Mapping[tuple[str, str], str]
) -> list[PlaceRecord]:
    """Give each admin unit its seat: the capital a curated list names, else the same-named
    town inside it, else its biggest town."""
    towns: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, record in enumerate(places):
        if record.feature == "locality":
            towns[(record.place.country_code, record.place.admin1)].append(i)
    result = []
    for record in places:
        if record.feature not in ("admin1", "admin2", "admin3", "region"):
            result.append(record)
            continue
        key = (record.place.country_code, record.place.admin1)
        pool = towns.get(key, [])
        capital = capitals.get(key) if record.feature == "admin1" else None
        seat = _named_seat(key, capital, pool, places) if capital else _seat(record, pool, places)
        result.append(replace(record, seat=seat))
    missing = set(capitals) - {
        (r.place.country_code, r.place.admin1) for r in places if r.feature == "admin1"
    }
    if missing:
        raise DataError(f"capitals.yaml: seats of governorates the gazetteer lacks: {missing}")
    return result


def _named_seat(
    key: tuple[str, str], capital: str, pool: list[int], places: list[PlaceRecord]
) -> int:
    # names compared without the article: the gazetteer writes Kut "كوت"
    wanted = strip_article(capital)[0]
    towns = [i for i in pool if strip_article(fold(places[i].place.name_ar))[0] == wanted]
    if not towns:
        raise DataError(f"capitals.yaml: {key[0]} {key[1]}: no town named {capital} in it")
    return max(towns, key=lambda i: places[i].rank)


def _seat(record: PlaceRecord, pool: list[int], places: list[PlaceRecord]) -> int:
    # "مديرية حيس" is seated at the town "حيس": names compared without their admin word
    own_name = _strip_admin_words({record.place.name_ar}) or {fold(record.place.name_ar)}
    same_name = [i for i in pool if fold(places[i].place.name_ar) in own_name]
    if record.feature != "admin1":
        same_name = [i for i in same_name if _close(places[i], record, 60)]
    if same_name:
        return max(same_name, key=lambda i: places[i].rank)
    if record.feature in ("admin2", "admin3"):
        # a district with no town of its name keeps its own point (ANNOTATION: the gazetteer's
        # point of the place named), not the biggest town within 40 km, which may be the
        # governorate's capital in another district (Bayt al-Faqih was coded to Hodeidah)
        return -1
    nearby = [
        i for i in pool if _close(places[i], record, 40 if record.feature != "admin1" else 400)
    ]
    if not nearby:
        return -1
    return max(nearby, key=lambda i: places[i].rank)


def _close(a: PlaceRecord, b: PlaceRecord, km: float) -> bool:
    pa, pb = a.place, b.place
    return abs(pa.latitude - pb.latitude) * 111 < km and abs(pa.longitude - pb.longitude) * 92 < km


def _provenance(root: Path, count: int) -> dict[str, object]:
    inputs = {}
    for path in sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in (".gz", ".csv")):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        inputs[str(path.relative_to(root))] = {"bytes": path.stat().st_size, "sha256": digest}
    return {"build_version": BUILD_VERSION, "places": count, "inputs": inputs}
