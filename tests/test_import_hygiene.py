"""`recchat --help` must stay instant: no heavy library is imported to print help."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("torch", "sentence_transformers", "chromadb", "llama_cpp", "textual", "transformers", "numpy")

PROBE = """
import sys
sys.argv = ["recchat", {args}]
from recchat.cli import main
try:
    main()
except SystemExit:
    pass
heavy = sorted(m for m in {heavy!r} if m in sys.modules)
print("HEAVY:" + ",".join(heavy), file=sys.stderr)
"""


def imported_by(*args: str) -> list[str]:
    code = PROBE.format(args=", ".join(repr(a) for a in args), heavy=HEAVY)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    line = next(x for x in result.stderr.splitlines() if x.startswith("HEAVY:"))
    return [m for m in line[len("HEAVY:") :].split(",") if m]


def test_help_imports_no_heavy_library() -> None:
    assert imported_by("--help") == []


def test_subcommand_help_imports_no_heavy_library() -> None:
    for command in (["ask", "--help"], ["catalog", "add", "--help"], ["profile", "show", "--help"]):
        assert imported_by(*command) == [], command


def test_probe_would_notice_a_heavy_import() -> None:
    # The probe itself must be able to fail: importing the store pulls in chromadb.
    code = (
        "import recchat.store, chromadb, sys\n"
        "print('HEAVY:' + ('chromadb' if 'chromadb' in sys.modules else ''), file=sys.stderr)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    assert "HEAVY:chromadb" in result.stderr
