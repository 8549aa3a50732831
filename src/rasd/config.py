"""Configuration as one frozen value, built by :func:`load_config` only.

Precedence (lowest first): defaults in code, an optional TOML file, environment variables
(``RASD_DATA``, ``RASD_CACHE``, ``RASD_DATABASE_URL``), then explicit overrides from the CLI.
"""

from __future__ import annotations

import os
import time
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

import platformdirs

from rasd.errors import ConfigError

DATA_ENV = "RASD_DATA"
CACHE_ENV = "RASD_CACHE"
DATABASE_ENV = "RASD_DATABASE_URL"


@dataclass(frozen=True, slots=True)
class Config:
    """Settings every stage may read. Build it with :func:`load_config`."""

    data_dir: Path | None = None
    """Reference data directory (``../shared``); None when none was found."""
    cache_dir: Path = Path(platformdirs.user_cache_dir("rasd"))
    """Where compiled indexes (the gazetteer) are kept; never inside the repository."""
    database_url: str = ""
    """Store location; empty means a SQLite file in the user's data directory."""
    numeric_inter: bool = False
    """Write inter1/inter2/interaction as ACLED's numeric codes instead of text labels."""
    max_article_chars: int = 100_000
    """Longer article texts are cut here (with a warning) to bound time per article."""
    timestamp: int = field(default_factory=lambda: int(time.time()))
    """ACLED's ``timestamp`` column for records of this run (Unix time)."""

    def require_data_dir(self) -> Path:
        """The reference data directory, or a clear error naming ``RASD_DATA``."""
        if self.data_dir is None:
            raise ConfigError(
                f"no reference data directory: set {DATA_ENV} to the folder holding "
                "data/gazetteer (e.g. ../shared), or run from a checkout with ../shared beside it"
            )
        if not self.data_dir.is_dir():
            raise ConfigError(f"{DATA_ENV}={self.data_dir} is not a directory")
        return self.data_dir


def default_data_dir(cwd: Path) -> Path | None:
    """``../shared`` next to the working directory or next to this checkout, if present."""
    checkout = Path(__file__).resolve().parents[3]
    for candidate in (cwd / ".." / "shared", checkout.parent / "shared"):
        if candidate.is_dir():
            return candidate.resolve()
    return None


def load_config(
    file: Path | None = None,
    env: Mapping[str, str] | None = None,
    **overrides: Any,
) -> Config:
    """Build the configuration.

    file: optional TOML file whose keys are Config field names.
    env: environment to read (defaults to ``os.environ``).
    overrides: field values that win over everything else (None values are ignored).

    Example: ``load_config(env={"RASD_DATA": "../shared"}).data_dir``
    """
    env = os.environ if env is None else env
    config = Config(data_dir=default_data_dir(Path.cwd()))
    if file is not None:
        config = _apply(config, _read_toml(file))
    from_env: dict[str, Any] = {}
    if env.get(DATA_ENV):
        from_env["data_dir"] = Path(env[DATA_ENV]).expanduser()
    if env.get(CACHE_ENV):
        from_env["cache_dir"] = Path(env[CACHE_ENV]).expanduser()
    if env.get(DATABASE_ENV):
        from_env["database_url"] = env[DATABASE_ENV]
    config = _apply(config, from_env)
    return _apply(config, {k: v for k, v in overrides.items() if v is not None})


def _read_toml(file: Path) -> dict[str, Any]:
    try:
        with open(file, "rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read config file {file}: {exc}") from exc


def _apply(config: Config, values: Mapping[str, Any]) -> Config:
    known = {f.name for f in fields(Config)}
    unknown = sorted(set(values) - known)
    if unknown:
        raise ConfigError(f"unknown configuration keys: {', '.join(unknown)}")
    coerced: dict[str, Any] = {
        k: Path(v) if k in ("data_dir", "cache_dir") else v for k, v in values.items()
    }
    return replace(config, **coerced)
