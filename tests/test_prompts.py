from __future__ import annotations

from pathlib import Path

import pytest

from recchat.errors import ConfigError
from recchat.prompts import PROMPT_NAMES, Prompts


def test_bundled_prompts_all_render_with_the_documented_values() -> None:
    values = {
        "user_words": "u",
        "title": "t",
        "tags": "g",
        "description": "d",
        "facts": "f",
        "reasons": "r",
        "catalog_kind": "movies",
        "missing": "m",
        "sentences": "one sentence",
    }
    prompts = Prompts()
    for name in PROMPT_NAMES:
        assert "{" not in prompts.render(name, values)


def test_a_user_prompt_with_an_unknown_placeholder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "explain.user.txt").write_text("Tell {nobody} about {title}")
    with pytest.raises(ConfigError, match="needs values for: nobody"):
        Prompts(tmp_path).render("explain.user", {"title": "t"})


def test_missing_prompt_folder_or_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        Prompts(tmp_path / "nope")
    with pytest.raises(ConfigError, match="is missing"):
        Prompts(tmp_path).template("explain.user")


def test_wheel_carries_the_prompt_files(tmp_path: Path) -> None:
    """An installed recchat (not a checkout) must find its prompts inside the package."""
    import subprocess
    import sys
    import zipfile

    root = Path(__file__).resolve().parent.parent
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(tmp_path), str(root)],
        check=True,
        capture_output=True,
    )
    wheel = next(tmp_path.glob("recchat-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in PROMPT_NAMES:
        assert f"recchat/_prompts/{name}.txt" in names
