"""Reviewers' edits of an event, checked against ACLED's schema and the gazetteer.

:func:`validate_edit` takes the merged event's record and the fields a reviewer changed and
returns every record field to write, derived fields recomputed (``year``, ``disorder_type``,
``interaction``, ``iso``, ``region``); or raises :class:`EditInvalid` listing each problem,
so the reviewer sees all of them at once. A place is set by its gazetteer id (``place_id``),
which fills the location, admin units, country and coordinates, or field by field, each
admin unit checked against the gazetteer's units of the country.

Example::

    changes = validate_edit(event.record, {"fatalities": 4, "sub_event_type": "Armed clash"})
    store.edit_event(event.event_id, changes, Review("amal", version=event.review_version))
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from rasd import acled
from rasd.errors import RasdError
from rasd.places import PlaceFinder
from rasd.types import ActorType

MAX_TEXT = 300
MAX_NOTES = 5000
MAX_FATALITIES = 100_000
FIRST_DATE = date(1997, 1, 1)
"""ACLED's data begin in 1997."""
CIVILIAN_TARGETING = "Civilians targeted"
"""ACLED's only non-blank civilian_targeting value (ACLED.md §1.1)."""

DERIVED = {
    "year": "event_date",
    "disorder_type": "sub_event_type",
    "interaction": "inter1 and inter2",
    "iso": "country",
    "region": "country",
    "source": "the reports merged into the event",
    "source_scale": "the reports merged into the event",
    "event_id_cnty": "the event id",
    "event_id": "the store",
    "article_id": "the store",
    "timestamp": "the time of the review",
}
"""Fields a reviewer cannot set, and what they follow from."""


@dataclass(frozen=True, slots=True)
class Problem:
    """What is wrong with one field of an edit."""

    field: str
    message: str


class EditInvalid(RasdError):
    """An edit that breaks ACLED's schema or names an unknown place (HTTP 422)."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(f"{p.field}: {p.message}" for p in problems))
        self.problems = problems


# ----------------------------------------------------------------------------- one field


def _text(limit: int) -> Callable[[Any], str]:
    def check(value: Any) -> str:
        if not isinstance(value, str):
            raise ValueError("must be text")
        if "\x00" in value:
            raise ValueError("must not contain NUL characters")
        cleaned = " ".join(value.split())
        if len(cleaned) > limit:
            raise ValueError(f"must be at most {limit} characters")
        return cleaned

    return check


def _integer(low: int, high: int) -> Callable[[Any], int]:
    def check(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int | str):
            raise ValueError(f"must be a whole number from {low} to {high}")
        try:
            number = int(value)
        except ValueError:
            raise ValueError(f"must be a whole number from {low} to {high}") from None
        if not low <= number <= high:
            raise ValueError(f"must be a whole number from {low} to {high}")
        return number

    return check


def _event_date(value: Any) -> str:
    try:
        day = date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        day = None
    if day is None:
        raise ValueError("must be a date written YYYY-MM-DD")
    latest = date.today() + timedelta(days=1)
    if not FIRST_DATE <= day <= latest:
        raise ValueError(f"must be between {FIRST_DATE} and {latest}")
    return day.isoformat()


def _choice(options: tuple[str, ...], what: str) -> Callable[[Any], str]:
    def check(value: Any) -> str:
        if value not in options:
            raise ValueError(f"{value!r} is not {what}; one of: {', '.join(options)}")
        return str(value)

    return check


def _coordinate(limit: float) -> Callable[[Any], float]:
    def check(value: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError("must be a number of degrees")
        if not math.isfinite(value) or not -limit <= value <= limit:
            raise ValueError(f"must be within -{limit:g}..{limit:g} degrees")
        return round(float(value), 5)

    return check


INTER_OPTIONS = ("", *acled.INTER_LABELS.values())
ACTOR_TYPE_OF = {label: kind for kind, label in acled.INTER_LABELS.items()}
COUNTRIES = tuple(sorted(acled.COUNTRY_CODE_OF_NAME))

RULES: dict[str, Callable[[Any], Any]] = {
    "event_date": _event_date,
    "time_precision": _integer(1, 3),
    "event_type": _choice(acled.EVENT_TYPES, "an ACLED event type"),
    "sub_event_type": _choice(tuple(acled.EVENT_TYPE_OF), "an ACLED sub-event type"),
    "actor1": _text(MAX_TEXT),
    "assoc_actor_1": _text(MAX_TEXT),
    "inter1": _choice(INTER_OPTIONS, "an ACLED actor type"),
    "actor2": _text(MAX_TEXT),
    "assoc_actor_2": _text(MAX_TEXT),
    "inter2": _choice(INTER_OPTIONS, "an ACLED actor type"),
    "civilian_targeting": _choice(("", CIVILIAN_TARGETING), "a civilian_targeting value"),
    "country": _choice(COUNTRIES, "a country the gazetteer covers"),
    "admin1": _text(MAX_TEXT),
    "admin2": _text(MAX_TEXT),
    "admin3": _text(MAX_TEXT),
    "location": _text(MAX_TEXT),
    "latitude": _coordinate(90),
    "longitude": _coordinate(180),
    "geo_precision": _integer(1, 3),
    "notes": _text(MAX_NOTES),
    "fatalities": _integer(0, MAX_FATALITIES),
    "tags": _text(MAX_TEXT),
    "place_id": _text(MAX_TEXT),
}
"""Each editable field and how its value is checked and cleaned."""

EDITABLE = tuple(name for name in RULES if name != "place_id")


# ----------------------------------------------------------------------------- the edit


def validate_edit(
    record: Mapping[str, Any], changes: Mapping[str, Any], places: PlaceFinder | None
) -> dict[str, Any]:
    """The record fields to write for ``changes`` to ``record``, derived fields included.

    record: the merged event's current record.
    changes: field -> new value, as the reviewer typed it (``place_id`` picks a gazetteer
        place); fields equal to the record's are dropped.
    places: the gazetteer, needed only when a place field changes.
    Raises EditInvalid with one Problem per bad field.
    """
    problems: list[Problem] = []
    cleaned = _clean(changes, problems)
    if "place_id" in cleaned:
        _apply_place(cleaned, places, problems)
    merged = {**record, **cleaned}
    problems += _taxonomy_problems(merged, cleaned)
    problems += _actor_problems(merged, cleaned)
    problems += _place_problems(merged, cleaned, places)
    if problems:
        raise EditInvalid(problems)
    cleaned.update(_derived(merged, cleaned))
    return {name: value for name, value in cleaned.items() if record.get(name) != value}


def _clean(changes: Mapping[str, Any], problems: list[Problem]) -> dict[str, Any]:
    cleaned: dict[str, Any] = {}
    if not changes:
        problems.append(Problem("changes", "no field to change"))
    for name, value in changes.items():
        rule = RULES.get(name)
        if rule is None:
            problems.append(Problem(name, _not_editable(name)))
            continue
        try:
            cleaned[name] = rule(value)
        except ValueError as exc:
            problems.append(Problem(name, str(exc)))
    return cleaned


def _not_editable(name: str) -> str:
    if name in DERIVED:
        return f"cannot be edited: it follows from {DERIVED[name]}"
    return f"is not a field of an event; editable fields: {', '.join(EDITABLE)}"


def _apply_place(
    cleaned: dict[str, Any], places: PlaceFinder | None, problems: list[Problem]
) -> None:
    """Replace ``place_id`` by the place's location, admin units, country and coordinates."""
    place_id = cleaned.pop("place_id")
    found = places.by_id(place_id) if places is not None else None
    if found is None:
        where = "the gazetteer" if places is not None else "the gazetteer (not loaded)"
        problems.append(Problem("place_id", f"{place_id!r} is not a place of {where}"))
        return
    place = found.place
    if place.country not in acled.COUNTRY_CODE_OF_NAME:
        problems.append(Problem("place_id", f"{place.country} is not a country rasd codes"))
        return
    cleaned.update(
        location=place.name,
        admin1=place.admin1,
        admin2=place.admin2,
        admin3=place.admin3,
        country=place.country,
        latitude=round(place.latitude, 5),
        longitude=round(place.longitude, 5),
    )
    cleaned.setdefault("geo_precision", found.precision)


def _taxonomy_problems(merged: Mapping[str, Any], cleaned: Mapping[str, Any]) -> list[Problem]:
    if not {"event_type", "sub_event_type"} & set(cleaned):
        return []
    sub = merged.get("sub_event_type")
    expected = acled.EVENT_TYPE_OF.get(str(sub))
    if expected is None or expected == merged.get("event_type"):
        return []
    options = [s for e, s, _ in acled.TAXONOMY if e == merged.get("event_type")]
    field = "sub_event_type" if "sub_event_type" in cleaned else "event_type"
    message = (
        f"{sub!r} is a sub-event type of {expected!r}, not of {merged.get('event_type')!r}; "
        f"sub-event types of {merged.get('event_type')!r}: {', '.join(options)}"
    )
    return [Problem(field, message)]


def _actor_problems(merged: Mapping[str, Any], cleaned: Mapping[str, Any]) -> list[Problem]:
    problems = []
    if "actor1" in cleaned and not merged.get("actor1"):
        problems.append(Problem("actor1", "must name an actor (ACLED codes every event's actor1)"))
    for side in ("1", "2"):
        actor, inter = merged.get(f"actor{side}"), merged.get(f"inter{side}")
        touched = {f"actor{side}", f"inter{side}"} & set(cleaned)
        if touched and bool(actor) != bool(inter) and not _numeric(inter):
            problems.append(
                Problem(
                    f"inter{side}",
                    f"actor{side} and inter{side} go together: both set or both empty",
                )
            )
    return problems


def _place_problems(
    merged: Mapping[str, Any],
    cleaned: Mapping[str, Any],
    places: PlaceFinder | None,
) -> list[Problem]:
    problems = []
    moved = [n for n in ("latitude", "longitude") if n in cleaned]
    if moved and (merged.get("latitude") is None or merged.get("longitude") is None):
        problems.append(Problem(moved[0], "latitude and longitude go together"))
    admin = [n for n in ("country", "admin1", "admin2", "admin3") if n in cleaned]
    if not admin:
        return problems
    if places is None:
        return [*problems, Problem(admin[0], "the gazetteer is not loaded to check it")]
    return problems + _admin_problems(merged, admin, places)


def _admin_problems(
    merged: Mapping[str, Any], changed: list[str], places: PlaceFinder
) -> list[Problem]:
    """Each admin unit must be one the gazetteer knows within the unit above it."""
    country = str(merged.get("country") or "")
    code = acled.COUNTRY_CODE_OF_NAME.get(country, "")
    units = places.admin_units()
    admin1, admin2, admin3 = (str(merged.get(n) or "") for n in ("admin1", "admin2", "admin3"))
    checks = (
        ("admin1", admin1, units.admin1s(code), country),
        ("admin2", admin2, units.admin2s(code, admin1), admin1),
        ("admin3", admin3, units.admin3s(code, admin1, admin2), admin2),
    )
    problems = []
    for name, value, known, parent in checks:
        if value and (name in changed or "country" in changed) and value not in known:
            options = sorted(known)[:40]
            listed = f"; known: {', '.join(options)}" if options else ""
            problems.append(Problem(name, f"{value!r} is not a unit of {parent!r}{listed}"))
    return problems


def _numeric(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _derived(merged: Mapping[str, Any], cleaned: Mapping[str, Any]) -> dict[str, Any]:
    """year, disorder_type, interaction, iso and region recomputed from what changed."""
    derived: dict[str, Any] = {}
    if "event_date" in cleaned:
        derived["year"] = int(str(cleaned["event_date"])[:4])
    if "sub_event_type" in cleaned:
        derived["disorder_type"] = acled.DISORDER_OF[cleaned["sub_event_type"]]
    if {"inter1", "inter2", "actor1", "actor2"} & set(cleaned):
        derived["interaction"] = _interaction(merged.get("inter1"), merged.get("inter2"))
    if "country" in cleaned:
        code = acled.COUNTRY_CODE_OF_NAME[cleaned["country"]]
        _, iso, region = acled.COUNTRIES[code]
        derived.update(iso=iso, region=region)
    return derived


def _interaction(inter1: Any, inter2: Any) -> str | int:
    if _numeric(inter1) or _numeric(inter2):
        return acled.interaction_code(ActorType(int(inter1 or 0)), ActorType(int(inter2 or 0)))
    first = ACTOR_TYPE_OF.get(str(inter1 or ""), ActorType.NONE)
    second = ACTOR_TYPE_OF.get(str(inter2 or ""), ActorType.NONE)
    return acled.interaction_label(first, second)
