"""`recchat doctor`: exit 0 only when all is well, and for each thing that can be wrong, a line
saying what and how to fix it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import MINI_CATALOG, invoke_cli, run_cli
from recchat.catalog.importer import import_catalog
from recchat.config import Settings
from recchat.doctor import (
    check_disk,
    check_embedder_files,
    check_embedder_loads,
    check_model_file,
    check_permissions,
    check_python,
    run_check,
)
from recchat.embed.fake import HashingEmbedder
from recchat.factory import Runtime


def doctor(home: Path, *args: str) -> tuple[int, dict[str, dict[str, object]]]:
    result = invoke_cli(home, "--backend", "fake", *args, "doctor", "--json")
    checks = {c["name"]: c for c in json.loads(result.stdout)["checks"]}
    return result.returncode, checks


def failing(checks: dict[str, dict[str, object]]) -> list[str]:
    return [name for name, check in checks.items() if not check["ok"]]


@pytest.fixture
def store_kind() -> str:
    """Doctor examines the embedded store in a data folder (files, permissions, sqlite)."""
    return "embedded"


@pytest.fixture
def ready(loaded: Runtime) -> Path:
    return loaded.settings.home


def test_all_well_exits_0(ready: Path) -> None:
    code, checks = doctor(ready)
    assert code == 0 and failing(checks) == []
    assert checks["catalogs"]["detail"] == "mini (26 items)"
    plain = invoke_cli(ready, "--backend", "fake", "doctor")
    assert plain.returncode == 0 and "FAIL" not in plain.stdout and plain.stdout.count("ok ") == len(checks)


@pytest.mark.real
def test_all_well_with_the_real_models(real_mini_home: Path) -> None:
    result = run_cli(real_mini_home, "doctor")
    assert result.returncode == 0, result.stdout
    assert "SmolLM2" in result.stdout and "all-MiniLM-L6-v2+int8, 384 dimensions" in result.stdout


def test_no_catalog_yet(home: Path) -> None:
    code, checks = doctor(home)
    assert code == 1 and failing(checks) == ["catalogs"]
    assert "recchat catalog add FOLDER" in str(checks["catalogs"]["fix"])


def test_an_interrupted_import(loaded: Runtime) -> None:
    loaded.store.open("catalog", "mini").set_info(state="importing")
    code, checks = doctor(loaded.settings.home)
    assert code == 1 and failing(checks) == ["catalogs"]
    assert "an import was interrupted" in str(checks["catalogs"]["detail"])
    assert "--name mini" in str(checks["catalogs"]["fix"])


def test_a_catalog_missing_items(loaded: Runtime) -> None:
    loaded.store.open("catalog", "mini").delete(["m01"])
    code, checks = doctor(loaded.settings.home)
    assert code == 1 and "holds 25 items, its last import counted 26" in str(checks["catalogs"]["detail"])


def test_a_catalog_from_another_embedder(runtime: Runtime) -> None:
    import_catalog(runtime.store, HashingEmbedder(dimension=64), MINI_CATALOG, "mini")
    code, checks = doctor(runtime.settings.home)
    assert code == 1 and failing(checks) == ["catalogs"]
    assert "was built with embedder 'fake:hashing-64'" in str(checks["catalogs"]["detail"])


def test_a_profile_from_another_embedder(loaded: Runtime) -> None:
    loaded.store.open_or_create("profile", "old", "another-model", 8)
    code, checks = doctor(loaded.settings.home)
    assert code == 1 and failing(checks) == ["profiles"]
    assert "--embedder" in str(checks["profiles"]["fix"])


def test_a_damaged_database(loaded: Runtime) -> None:
    database = loaded.settings.store_dir / "chroma.sqlite3"
    database.write_bytes(b"this is not a database" * 500)
    code, checks = doctor(loaded.settings.home)
    assert code == 1 and failing(checks) == ["store", "catalogs", "profiles"]
    assert "recchat reset" in str(checks["store"]["fix"])
    assert checks["catalogs"]["detail"] == "not checked: the store did not open"


def test_loose_permissions(loaded: Runtime) -> None:
    database = loaded.settings.store_dir / "chroma.sqlite3"
    database.chmod(0o644)
    check = check_permissions(loaded.settings)
    assert not check.ok and str(database) in check.detail and "chmod -R go-rwx" in str(check.fix)


def test_old_python() -> None:
    check = check_python((3, 10, 12))
    assert not check.ok and check.detail == "Python 3.10.12 is too old" and check.fix == "install Python 3.11 or newer"
    assert check_python((3, 12, 1)).ok


def test_full_disk(tmp_path: Path) -> None:
    check = check_disk(tmp_path / "not-yet-made", min_free_bytes=1 << 60)
    assert not check.ok and "--home on another disk" in str(check.fix)


def test_a_model_file_that_is_not_gguf(tmp_path: Path) -> None:
    bogus = tmp_path / "model.gguf"
    bogus.write_bytes(b"PK\x03\x04 a zip, not a model")
    check = run_check("language model", lambda: check_model_file(Settings(home=tmp_path, model=bogus)))
    assert not check.ok and "is not a GGUF model file" in check.detail and "--model" in str(check.fix)
    missing = run_check("language model", lambda: check_model_file(Settings(home=tmp_path, model=tmp_path / "x")))
    assert not missing.ok and "does not exist" in missing.detail


def test_embedder_folders_that_are_missing_or_incomplete(tmp_path: Path) -> None:
    absent = run_check("embedder files", lambda: check_embedder_files(Settings(home=tmp_path, embedder="/nowhere")))
    assert not absent.ok and "does not exist" in absent.detail and "--embedder" in str(absent.fix)
    partial = tmp_path / "model"
    partial.mkdir()
    (partial / "config.json").write_text("{}")
    check = check_embedder_files(Settings(home=tmp_path, embedder=str(partial)))
    assert not check.ok and "no weights" in check.detail


@pytest.mark.real
def test_an_embedder_that_does_not_load(tmp_path: Path) -> None:
    broken = tmp_path / "model"
    broken.mkdir()
    (broken / "config.json").write_text('{"model_type": "bert"}')
    (broken / "model.safetensors").write_bytes(b"\x00" * 64)
    runtime = Runtime(Settings(home=tmp_path, embedder=str(broken)))
    check = run_check("embedder", lambda: check_embedder_loads(runtime))
    assert not check.ok and "cannot load embedder" in check.detail and check.fix


def test_doctor_and_reset_help_import_nothing_heavy() -> None:
    from test_import_hygiene import imported_by

    assert imported_by("doctor", "--help") == []
    assert imported_by("reset", "--help") == []
