"""scripts/compare_builds.py: a "compiled" interpreter that runs pure Python is caught."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "compare_builds.py"


def test_a_pure_build_passed_as_compiled_fails_with_the_reason(
    data_dir: Path, cache_dir: Path
) -> None:
    done = subprocess.run(
        [sys.executable, str(SCRIPT), sys.executable, "--articles", "3", "--rounds", "1"],
        env={**os.environ, "RASD_DATA": str(data_dir), "RASD_CACHE": str(cache_dir)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    report = json.loads(done.stdout)
    assert report["same_output"] is True  # one interpreter twice: the same events
    assert any("runs pure Python" in problem for problem in report["problems"])


def test_a_missing_interpreter_is_a_clear_message() -> None:
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "/no/such/python"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode != 0
    assert "no interpreter at /no/such/python" in done.stderr
    assert "Traceback" not in done.stderr
