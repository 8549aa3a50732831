"""The only module that reads data files: package data and the compiled gazetteer.

``load_resources(config)`` returns a frozen :class:`Resources` value that the CLI or the API
builds once and passes to every stage.
"""

from __future__ import annotations

import hashlib
import logging
import time
from dataclasses import dataclass
from importlib import resources as importlib_resources
from pathlib import Path
from typing import Any

import yaml

from rasd import arabic
from rasd.arabic import LexiconSet
from rasd.config import Config
from rasd.errors import CacheError, DataError
from rasd.gazetteer import build as gazetteer_build
from rasd.gazetteer import index as gazetteer_index
from rasd.gazetteer.build import BUILD_VERSION, build_gazetteer
from rasd.gazetteer.index import Gazetteer
from rasd.stages import normalize
from rasd.stages.actors import ActorDictionary
from rasd.stages.attribution import Reporters
from rasd.stages.classify import TriggerLexicon
from rasd.stages.mentions import mention_lexicons
from rasd.stages.relevance import EventClauseModel, read_model

log = logging.getLogger(__name__)

EVENT_CLAUSE_MODEL = "models/event_clause-v1.json"
PACKAGE_DATA_FILES = (
    "actors.yaml",
    "triggers.yaml",
    "sites.yaml",
    "abroad.yaml",
    "capitals.yaml",
    "sources.yaml",
    "place_common_words.tsv",
    EVENT_CLAUSE_MODEL,
)


@dataclass(frozen=True)
class Resources:
    """Everything the pipeline reads, loaded once."""

    gazetteer: Gazetteer
    actors: ActorDictionary
    triggers: TriggerLexicon
    reporters: Reporters
    data_version: str
    """sha256 prefix over the package data files and the gazetteer build version."""
    lexicons: LexiconSet
    """Gazetteer, actor, trigger and reporter lexicons searched in one pass."""
    event_clause: EventClauseModel
    """Scores whether an event window reports a concrete act (trained, weak supervision)."""


def data_path(name: str) -> Path:
    """Path of a file in the package's data folder."""
    return Path(str(importlib_resources.files("rasd") / "data" / name))


def read_yaml(name: str) -> Any:
    """Parse a package YAML data file, or raise DataError saying which file is wrong."""
    path = data_path(name)
    try:
        with open(path, encoding="utf-8") as handle:
            content = yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, yaml.YAMLError) as exc:
        raise DataError(f"cannot read data file {path}: {exc}") from exc
    if not content:
        raise DataError(f"data file {path} is empty")
    return content


def read_section(name: str, key: str) -> list[Any]:
    """The list under ``key`` of a package YAML file, or DataError naming the file."""
    return section(read_yaml(name), key, data_path(name))


def section(content: Any, key: str, source: Path | str) -> list[Any]:
    """The list under ``key`` of parsed YAML ``content`` read from ``source``."""
    value = content.get(key) if isinstance(content, dict) else None
    if not isinstance(value, list):
        raise DataError(f"data file {source} has no list under '{key}'")
    return value


def read_common_words() -> set[str]:
    """Folded place names measured to be ordinary words (first column of the TSV)."""
    path = data_path("place_common_words.tsv")
    if not path.is_file():
        return set()
    with open(path, encoding="utf-8") as handle:
        return {
            line.split("\t", 1)[0].strip()
            for line in handle
            if line.strip() and not line.startswith("#") and not line.startswith("name\t")
        }


GAZETTEER_INPUTS = ("sites.yaml", "abroad.yaml", "capitals.yaml", "place_common_words.tsv")


def _digest(names: tuple[str, ...]) -> str:
    digest = hashlib.sha256(BUILD_VERSION.encode())
    # the builder's own code is an input too: a changed builder never reuses an old index; so
    # are the tokenizer and the folding that key its names
    for module in (gazetteer_build, gazetteer_index, arabic, normalize):
        digest.update(Path(str(module.__file__)).read_bytes())
    for name in names:
        path = data_path(name)
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def data_version() -> str:
    """Digest of the package data files: part of every record's provenance."""
    return _digest(PACKAGE_DATA_FILES)


def gazetteer_path(config: Config) -> Path:
    """Where the compiled gazetteer for the current curated inputs lives."""
    return config.cache_dir / f"gazetteer-{_digest(GAZETTEER_INPUTS)}.pickle"


def build_gazetteer_index(config: Config) -> Path:
    """Compile the gazetteer into the cache directory and return the file written."""
    started = time.perf_counter()
    sites = read_section("sites.yaml", "sites")
    abroad = read_section("abroad.yaml", "countries")
    capitals = read_section("capitals.yaml", "capitals")
    seats = read_section("capitals.yaml", "seats")
    gazetteer = build_gazetteer(
        config.require_data_dir(), sites, read_common_words(), abroad, capitals, seats
    )
    path = gazetteer_path(config)
    gazetteer.save(path)
    log.info(
        "gazetteer: %d places in %.1f s -> %s",
        len(gazetteer.places),
        time.perf_counter() - started,
        path,
    )
    return path


def load_gazetteer(config: Config, *, build_if_missing: bool = True) -> Gazetteer:
    """Open the compiled gazetteer, building it first when it is missing or unreadable."""
    path = gazetteer_path(config)
    try:
        return Gazetteer.load(path)
    except CacheError as exc:
        if not build_if_missing:
            raise
        log.warning("%s; building it from %s", exc, config.data_dir)
        return Gazetteer.load(build_gazetteer_index(config))


def load_resources(config: Config) -> Resources:
    """Load every resource the pipeline needs (the gazetteer is built on first use)."""
    gazetteer = load_gazetteer(config)
    actors = ActorDictionary.from_yaml(read_yaml("actors.yaml"))
    triggers = TriggerLexicon.from_yaml(read_yaml("triggers.yaml"))
    reporters = Reporters.from_yaml(read_yaml("sources.yaml"))
    return Resources(
        gazetteer=gazetteer,
        actors=actors,
        triggers=triggers,
        reporters=reporters,
        data_version=data_version(),
        lexicons=mention_lexicons(gazetteer, actors, triggers, reporters),
        event_clause=read_model(data_path(EVENT_CLAUSE_MODEL)),
    )
