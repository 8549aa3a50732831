"""Configuration: defaults, file, environment and overrides, in that order."""

from __future__ import annotations

from pathlib import Path

import pytest

from rasd.config import DATA_ENV, Config, load_config
from rasd.errors import ConfigError


def test_config_missing_data_dir_names_the_variable() -> None:
    with pytest.raises(ConfigError, match=DATA_ENV):
        Config(data_dir=None).require_data_dir()


def test_config_data_dir_that_is_not_a_directory(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not a directory"):
        Config(data_dir=tmp_path / "absent").require_data_dir()


@pytest.mark.parametrize(
    ("env", "expected"),
    [({"RASD_DATA": "/somewhere/shared"}, Path("/somewhere/shared"))],
)
def test_config_environment_sets_data_dir(env: dict[str, str], expected: Path) -> None:
    assert load_config(env=env).data_dir == expected


def test_config_file_then_environment_then_overrides(tmp_path: Path) -> None:
    file = tmp_path / "rasd.toml"
    file.write_text('cache_dir = "/from/file"\nmax_article_chars = 5000\n', encoding="utf-8")
    config = load_config(file, env={"RASD_CACHE": "/from/env"}, max_article_chars=7000)
    assert config.cache_dir == Path("/from/env")
    assert config.max_article_chars == 7000


def test_config_rejects_unknown_keys(tmp_path: Path) -> None:
    file = tmp_path / "rasd.toml"
    file.write_text("colour = 1\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="colour"):
        load_config(file, env={})


def test_config_unreadable_file_is_a_clear_error(tmp_path: Path) -> None:
    file = tmp_path / "broken.toml"
    file.write_text("= nonsense", encoding="utf-8")
    with pytest.raises(ConfigError, match="cannot read config file"):
        load_config(file, env={})
