"""setup.py: asking for the compiled build where mypy is missing is a clear message."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

# setup.py run as a build would run it, with mypyc made unimportable
WITHOUT_MYPYC = (
    "import runpy, sys; sys.modules['mypyc'] = None; sys.modules['mypyc.build'] = None; "
    "sys.argv = ['setup.py', '--name']; runpy.run_path('setup.py')"
)


def test_compiling_without_mypy_says_what_to_install() -> None:
    done = subprocess.run(
        [sys.executable, "-c", WITHOUT_MYPYC],
        cwd=REPO,
        env={**os.environ, "RASD_COMPILE": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode != 0
    assert "RASD_COMPILE=1 needs mypy" in done.stderr
    assert "Traceback" not in done.stderr
