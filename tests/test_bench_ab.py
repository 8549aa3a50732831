"""scripts/bench_ab.py: a commit that cannot be checked out is a clear error, not a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "bench_ab.py"


def test_an_unknown_commit_is_named_in_a_clear_message() -> None:
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "no-such-commit-0000"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode != 0
    assert "cannot check out 'no-such-commit-0000'" in done.stderr
    assert "Traceback" not in done.stderr


def test_the_compiled_comparison_is_offered_and_named_in_the_help() -> None:
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--help"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0
    assert "--compiled" in done.stdout and "mypyc" in done.stdout
