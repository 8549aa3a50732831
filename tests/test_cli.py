"""The command line: the extraction contract, help on every command, clear errors."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from rasd.acled import COLUMNS
from rasd.cli import cli
from rasd.config import Config

SEED = "examples/seed-gold.jsonl"


@pytest.fixture()
def runner(config: Config, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("RASD_DATA", str(config.data_dir))
    monkeypatch.setenv("RASD_CACHE", str(config.cache_dir))
    return CliRunner()


def _commands(group: click.Group, prefix: str = "") -> list[tuple[str, click.Command]]:
    found = []
    for name, command in group.commands.items():
        found.append((prefix + name, command))
        if isinstance(command, click.Group):
            found += _commands(command, prefix + name + " ")
    return found


@pytest.mark.parametrize(("name", "command"), _commands(cli), ids=lambda v: str(v))
def test_cli_every_command_has_help(name: str, command: click.Command) -> None:
    assert command.help, f"{name} has no help"


def test_cli_commands_are_documented_in_readme() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    for name, _ in _commands(cli):
        assert f"rasd {name}" in readme, f"README does not mention `rasd {name}`"


def test_cli_extract_jsonl(runner: CliRunner, data_dir: Path) -> None:
    result = runner.invoke(cli, ["extract", str(data_dir / SEED)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert records and all(r["article_id"] == "alwaqt-shuhayl" for r in records)


def test_cli_extract_csv_to_file(runner: CliRunner, data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    result = runner.invoke(
        cli, ["extract", str(data_dir / SEED), "--format", "acled-csv", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").splitlines()[0] == ",".join(COLUMNS)


def test_cli_extract_txt_with_published(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text(
        "قتل ثلاثة مدنيين بقصف مدفعي على بلدة كفرنبل في ريف إدلب أمس.", encoding="utf-8"
    )
    result = runner.invoke(cli, ["extract", str(path), "--published", "2021-03-09"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout.splitlines()[0])
    assert record["article_id"] == "note" and record["event_date"] == "2021-03-08"


def test_cli_extract_stdin(runner: CliRunner) -> None:
    line = json.dumps(
        {"id": "s1", "text": "انفجرت عبوة ناسفة في مدينة الرقة اليوم.", "published": "2018-06-04"}
    )
    result = runner.invoke(cli, ["extract", "--format", "geojson"], input=line + "\n")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["type"] == "FeatureCollection"


def test_cli_extract_nothing_readable_exits_non_zero(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{oops\n", encoding="utf-8")
    result = runner.invoke(cli, ["extract", str(bad)])
    assert result.exit_code == 1
    assert "malformed JSON" in result.stderr and "bad.jsonl:1" in result.stderr


def test_cli_extract_partly_bad_input_still_succeeds(runner: CliRunner, tmp_path: Path) -> None:
    mixed = tmp_path / "mixed.jsonl"
    good = json.dumps(
        {"id": "g", "text": "انفجرت عبوة ناسفة في مدينة الرقة اليوم.", "published": "2018-06-04"}
    )
    mixed.write_text("{oops\n" + good + "\n", encoding="utf-8")
    result = runner.invoke(cli, ["extract", str(mixed)])
    assert result.exit_code == 0
    assert "1 articles" in result.stderr


def test_cli_bad_published_option(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("نص", encoding="utf-8")
    result = runner.invoke(cli, ["extract", str(path), "--published", "9 March"])
    assert result.exit_code != 0 and "YYYY-MM-DD" in result.output


def test_cli_eval_prints_table_and_json(runner: CliRunner, data_dir: Path) -> None:
    gold = str(data_dir / SEED)
    table = runner.invoke(cli, ["eval", gold])
    assert table.exit_code == 0 and "event F1" in table.stdout
    as_json = runner.invoke(cli, ["eval", gold, "--json"])
    assert json.loads(as_json.stdout)["articles"] == 1


def test_cli_place_lookup(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["place", "الشحيل"])
    assert result.exit_code == 0 and "Deir ez-Zor" in result.stdout


def test_cli_place_unknown(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["place", "مكانغيرموجود"])
    assert result.exit_code != 0 and "no place named" in result.output


def test_cli_missing_data_dir_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RASD_DATA", str(tmp_path / "nowhere"))
    monkeypatch.setenv("RASD_CACHE", str(tmp_path / "cache"))
    result = CliRunner().invoke(cli, ["gazetteer", "build"])
    assert result.exit_code != 0 and "RASD_DATA" in result.output


def test_cli_explain_shows_words_and_reasons(runner: CliRunner, data_dir: Path) -> None:
    result = runner.invoke(cli, ["explain", str(data_dir / SEED)])
    assert result.exit_code == 0, result.output
    assert "words: " in result.stdout and "why: " in result.stdout
    assert "الشحيل" in result.stdout and "Shahil" in result.stdout
