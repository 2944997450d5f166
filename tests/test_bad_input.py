"""Bad catalog input: every malformed file in tests/data/bad gets one line naming the file and
line, a non-zero exit, and leaves the store untouched; `--skip-invalid` keeps the good rows.

Inputs too big or too odd to commit (a 1 GiB file, 10,000 tiny files, link loops, pipes,
unreadable files) are made in temporary folders at test time.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DATA, both_stores, cli_env, invoke_cli
from recchat.catalog.importer import import_catalog
from recchat.errors import CatalogError, InvalidCatalogError
from recchat.factory import Runtime

BAD = DATA / "bad"

# file (or folder) -> (file named in the error, line, words of the problem)
EXPECTED: dict[str, tuple[str, int | None, str]] = {
    "jsonl_truncated.jsonl": ("jsonl_truncated.jsonl", 2, "invalid JSON"),
    "jsonl_missing_title.jsonl": ("jsonl_missing_title.jsonl", 2, "missing 'title'"),
    "jsonl_blank_title.jsonl": ("jsonl_blank_title.jsonl", 1, "missing 'title'"),
    "jsonl_title_wrong_type.jsonl": ("jsonl_title_wrong_type.jsonl", 1, "'title' must be text, got list"),
    "jsonl_title_object.jsonl": ("jsonl_title_object.jsonl", 2, "'title' must be text, got dict"),
    "jsonl_duplicate_ids.jsonl": ("jsonl_duplicate_ids.jsonl", 3, "duplicate id 'jd1'"),
    "jsonl_not_object.jsonl": ("jsonl_not_object.jsonl", 1, "expected an object"),
    "jsonl_scalar.jsonl": ("jsonl_scalar.jsonl", 2, "expected an object"),
    "jsonl_huge_title.jsonl": ("jsonl_huge_title.jsonl", 1, "'title' is 600 characters"),
    "jsonl_huge_description.jsonl": ("jsonl_huge_description.jsonl", 2, "the limit is 100,000"),
    "jsonl_huge_field.jsonl": ("jsonl_huge_field.jsonl", 1, "'notes' is 20,000 characters"),
    "jsonl_latin1.jsonl": ("jsonl_latin1.jsonl", 2, "not valid UTF-8"),
    "jsonl_binary.jsonl": ("jsonl_binary.jsonl", 2, "binary data"),
    "jsonl_empty.jsonl": ("jsonl_empty.jsonl", 1, "no items in this file"),
    "jsonl_only_blank_lines.jsonl": ("jsonl_only_blank_lines.jsonl", 1, "no items in this file"),
    "jsonl_bom_mid_file.jsonl": ("jsonl_bom_mid_file.jsonl", 2, "BOM"),
    "jsonl_utf16.jsonl": ("jsonl_utf16.jsonl", 1, "UTF-16"),
    "jsonl_tags_object.jsonl": ("jsonl_tags_object.jsonl", 1, "'tags' must be a list"),
    "jsonl_tags_nested.jsonl": ("jsonl_tags_nested.jsonl", 1, "'tags' must contain only text"),
    "jsonl_too_many_tags.jsonl": ("jsonl_too_many_tags.jsonl", 1, "150 tags"),
    "jsonl_popularity_negative.jsonl": ("jsonl_popularity_negative.jsonl", 1, "non-negative number"),
    "jsonl_popularity_text.jsonl": ("jsonl_popularity_text.jsonl", 1, "non-negative number"),
    "jsonl_popularity_nan.jsonl": ("jsonl_popularity_nan.jsonl", 1, "non-negative number"),
    "jsonl_id_boolean.jsonl": ("jsonl_id_boolean.jsonl", 1, "'id' must be text or an integer"),
    "jsonl_id_object.jsonl": ("jsonl_id_object.jsonl", 1, "'id' must be text or an integer"),
    "jsonl_id_control_chars.jsonl": ("jsonl_id_control_chars.jsonl", 1, "printable characters"),
    "jsonl_id_too_long.jsonl": ("jsonl_id_too_long.jsonl", 1, "printable characters"),
    "jsonl_deep_nesting.jsonl": ("jsonl_deep_nesting.jsonl", 1, "nested too deeply"),
    "jsonl_huge_integer.jsonl": ("jsonl_huge_integer.jsonl", 1, "too large a number"),
    "jsonl_integer_too_many_digits.jsonl": ("jsonl_integer_too_many_digits.jsonl", 1, "5000 digits"),
    "jsonl_lone_surrogate.jsonl": ("jsonl_lone_surrogate.jsonl", 1, "lone surrogate"),
    "jsonl_too_many_fields.jsonl": ("jsonl_too_many_fields.jsonl", 1, "302 fields"),
    "jsonl_empty_field_name.jsonl": ("jsonl_empty_field_name.jsonl", 1, "field name ''"),
    "json_truncated.json": ("json_truncated.json", 3, "invalid JSON"),
    "json_not_array.json": ("json_not_array.json", 1, "expected a JSON array"),
    "json_trailing_comma.json": ("json_trailing_comma.json", 3, "invalid JSON"),
    "json_trailing_garbage.json": ("json_trailing_garbage.json", 3, "unexpected data after the array"),
    "json_empty.json": ("json_empty.json", 1, "empty file"),
    "json_empty_array.json": ("json_empty_array.json", 1, "no items in this file"),
    "json_strings.json": ("json_strings.json", 2, "expected an object"),
    "json_wrong_types.json": ("json_wrong_types.json", 3, "'tags' must be a list"),
    "json_binary.json": ("json_binary.json", 3, "binary data"),
    "csv_ragged_long.csv": ("csv_ragged_long.csv", 3, "row has 5 fields, the header has 3"),
    "csv_ragged_short.csv": ("csv_ragged_short.csv", 3, "row has 1 fields, the header has 3"),
    "csv_unclosed_quote.csv": ("csv_unclosed_quote.csv", 3, "bad CSV"),
    "csv_quote_in_field.csv": ("csv_quote_in_field.csv", 2, "bad CSV"),
    "csv_no_title_column.csv": ("csv_no_title_column.csv", 1, "no title field: found columns id, colour"),
    "csv_empty_header_name.csv": ("csv_empty_header_name.csv", 1, "header column 2 has no name"),
    "csv_duplicate_header.csv": ("csv_duplicate_header.csv", 1, "header repeats column(s): title"),
    "csv_header_only.csv": ("csv_header_only.csv", 1, "no items in this file"),
    "csv_empty.csv": ("csv_empty.csv", 1, "empty file"),
    "csv_latin1.csv": ("csv_latin1.csv", 3, "not valid UTF-8"),
    "csv_binary.csv": ("csv_binary.csv", 3, "binary data"),
    "csv_utf16.csv": ("csv_utf16.csv", 1, "UTF-16"),
    "csv_duplicate_ids.csv": ("csv_duplicate_ids.csv", 3, "duplicate id 'c15'"),
    "csv_negative_popularity.csv": ("csv_negative_popularity.csv", 3, "non-negative number"),
    "md_no_front_matter.md": ("md_no_front_matter.md", 1, "no front matter"),
    "md_unclosed_front_matter.md": ("md_unclosed_front_matter.md", 1, "not closed"),
    "md_bad_yaml.md": ("md_bad_yaml.md", 3, "bad front matter"),
    "md_yaml_list.md": ("md_yaml_list.md", 2, "must be a mapping"),
    "md_missing_title.md": ("md_missing_title.md", 1, "no title field: found fields author"),
    "md_tab_indent.md": ("md_tab_indent.md", 4, "bad front matter"),
    "md_python_tag.md": ("md_python_tag.md", 2, "bad front matter"),
    "md_yaml_bomb.md": ("md_yaml_bomb.md", 4, "YAML aliases"),
    "md_empty.md": ("md_empty.md", 1, "empty file"),
    "md_latin1.md": ("md_latin1.md", 2, "not valid UTF-8"),
    "md_binary.md": ("md_binary.md", 4, "binary data"),
    "md_title_null.md": ("md_title_null.md", 1, "missing 'title'"),
    "md_tags_number.md": ("md_tags_number.md", 1, "'tags' must be a list"),
    "dup_across": ("second.csv", 2, "duplicate id 'dx1' (first at "),
}
# Rows that are fine, in files that are not: what --skip-invalid must keep.
GOOD_ROWS = {
    *("jt1", "jm1", "jo1", "jd1", "jd2", "js1", "jh2", "jl1", "jbin1", "jbm1"),
    *("a1", "a4", "a5", "a6"),
    *("c1", "c3", "c5", "c11", "c13", "c15", "c16"),
    "dx1",
}


def test_the_corpus_is_big_and_every_file_in_it_is_checked() -> None:
    files = [p for p in BAD.rglob("*") if p.is_file()]
    assert len(files) >= 40
    assert sorted(p.name for p in BAD.iterdir()) == sorted(EXPECTED)


def problems(error: InvalidCatalogError) -> list[tuple[str, int | None, str]]:
    return [(e.path.name, e.line, e.problem) for e in error.errors]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_bad_file_is_named_with_its_line_and_nothing_is_stored(runtime: Runtime, name: str) -> None:
    with pytest.raises(InvalidCatalogError) as caught:
        import_catalog(runtime.store, runtime.embedder, BAD / name, "bad")
    file, line, words = EXPECTED[name]
    assert [(f, n) for f, n, _ in problems(caught.value)] == [(file, line)]
    assert words in caught.value.errors[0].problem
    assert "\n" not in str(caught.value.errors[0])
    assert runtime.store.catalogs() == []


def test_the_whole_corpus_through_the_cli_lists_every_problem_and_exits_1(home: Path) -> None:
    result = invoke_cli(home, "--backend", "fake", "catalog", "add", str(BAD), "--name", "bad")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    lines = result.stderr.splitlines()
    for file, line, words in EXPECTED.values():
        where = f"{file}:{line}:" if line is not None else f"{file}:"
        assert any(where in text and words in text for text in lines), (where, words)
    listed = invoke_cli(home, "--backend", "fake", "catalog", "list", "--json")
    assert json.loads(listed.stdout) == []


def test_skip_invalid_keeps_exactly_the_good_rows_and_reports_the_rest(home: Path) -> None:
    result = invoke_cli(home, "--backend", "fake", "catalog", "add", str(BAD), "--name", "bad", "--skip-invalid")
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("skipped:") == len(EXPECTED)
    runtime = Runtime(__import__("recchat.config", fromlist=["Settings"]).Settings(home=home, backend="fake"))
    stored = {r.id for r in runtime.store.open("catalog", "bad").iter_all()}
    assert stored == GOOD_ROWS
    assert runtime.catalog("bad").collection.info["state"] == "ready"


@both_stores
def test_a_bad_file_leaves_an_existing_catalog_exactly_as_it_was(runtime: Runtime, tmp_path: Path) -> None:
    folder = tmp_path / "cat"
    folder.mkdir()
    (folder / "a.jsonl").write_text('{"id": "1", "title": "One"}\n{"id": "2", "title": "Two"}\n')
    import_catalog(runtime.store, runtime.embedder, folder, "c")
    before = {r.id: r.metadata for r in runtime.store.open("catalog", "c").iter_all()}
    shutil.copy(BAD / "csv_unclosed_quote.csv", folder)
    (folder / "a.jsonl").write_text('{"id": "1", "title": "One, changed"}\n')
    with pytest.raises(InvalidCatalogError):
        import_catalog(runtime.store, runtime.embedder, folder, "c")
    assert {r.id: r.metadata for r in runtime.store.open("catalog", "c").iter_all()} == before
    assert runtime.catalog("c").collection.info["state"] == "ready"


class FailingEmbedder:
    """The fake embedder, failing on its second batch: a crash in the middle of writing."""

    def __init__(self, inner):  # type: ignore[no-untyped-def]
        self.inner = inner
        self.batches = 0

    name = property(lambda self: self.inner.name)
    dimension = property(lambda self: self.inner.dimension)

    def embed(self, texts):  # type: ignore[no-untyped-def]
        self.batches += 1
        if self.batches == 2:
            raise RuntimeError("the embedder died")
        return self.inner.embed(texts)


def test_a_failure_mid_write_is_never_read_as_a_catalog_and_a_rerun_finishes_it(
    runtime: Runtime, tmp_path: Path
) -> None:
    folder = tmp_path / "cat"
    folder.mkdir()
    rows = [json.dumps({"id": str(i), "title": f"Item {i}"}) for i in range(50)]
    (folder / "a.jsonl").write_text("\n".join(rows) + "\n")
    with pytest.raises(RuntimeError):
        import_catalog(runtime.store, FailingEmbedder(runtime.embedder), folder, "c", batch_size=10)  # type: ignore[arg-type]
    with pytest.raises(Exception, match="an import was interrupted"):
        runtime.catalog("c")
    report = import_catalog(runtime.store, runtime.embedder, folder, "c", batch_size=10)
    assert report.added + report.unchanged == 50 and report.unchanged == 10  # the first batch was kept
    assert len(runtime.catalog("c").index) == 50


# ---- generated at test time: too big or too strange to commit ----


def child_peak_mb(command: list[str], env: dict[str, str]) -> tuple[subprocess.CompletedProcess[str], float]:
    """Run a command; return it with the peak memory (MiB) of the biggest child so far."""
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=600, check=False)
    return result, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def test_one_gigabyte_files_fail_at_once_without_being_read(home: Path, tmp_path: Path) -> None:
    folder = tmp_path / "huge"
    folder.mkdir()
    for suffix in (".jsonl", ".csv", ".json", ".md"):
        with (folder / f"huge{suffix}").open("wb") as handle:
            handle.truncate(1 << 30)  # a sparse 1 GiB file: instant to make, costly to read
    command = [sys.executable, "-m", "recchat", "--backend", "fake", "catalog", "add", str(folder)]
    result, peak = child_peak_mb(command, cli_env(home))
    assert result.returncode == 1
    for suffix, limit in ((".jsonl", "512 MiB"), (".csv", "512 MiB"), (".json", "64 MiB"), (".md", "64 MiB")):
        assert f"huge{suffix}: file is 1 GiB; the limit for {suffix} is {limit}" in result.stderr
    assert peak < 400, f"peak memory {peak:.0f} MiB: the files were read"


def test_an_overlong_line_is_skipped_without_holding_it(home: Path, tmp_path: Path) -> None:
    folder = tmp_path / "long"
    folder.mkdir()
    with (folder / "items.jsonl").open("w") as handle:
        handle.write('{"id": "ok1", "title": "Before"}\n')
        handle.write('{"id": "big", "title": "' + "x" * (48 << 20) + '"}\n')  # 48 MiB on one line
        handle.write('{"id": "ok2", "title": "After"}\n')
    command = [sys.executable, "-m", "recchat", "--backend", "fake", "catalog", "add", str(folder), "--skip-invalid"]
    result, peak = child_peak_mb(command, cli_env(home))
    assert result.returncode == 0, result.stderr
    assert "items.jsonl:2: line is longer than 16 MiB" in result.stderr
    assert "2 items" in result.stderr  # the rows before and after the long one
    assert peak < 400, f"peak memory {peak:.0f} MiB"


@pytest.mark.slow
def test_ten_thousand_tiny_files_one_bad(runtime: Runtime, tmp_path: Path) -> None:
    folder = tmp_path / "tiny"
    for i in range(10_000):
        part = folder / f"{i // 1000:02d}"
        part.mkdir(parents=True, exist_ok=True)
        (part / f"item{i:05d}.jsonl").write_text(json.dumps({"id": f"t{i}", "title": f"Tiny {i}"}) + "\n")
    (folder / "07" / "item07123.jsonl").write_text('{"id": "t7123", "title": \n')
    with pytest.raises(InvalidCatalogError) as caught:
        import_catalog(runtime.store, runtime.embedder, folder, "tiny")
    assert problems(caught.value) == [("item07123.jsonl", 1, problems(caught.value)[0][2])]
    report = import_catalog(runtime.store, runtime.embedder, folder, "tiny", skip_invalid=True)
    assert report.added == 9_999 and report.skipped_count == 1


def test_links_pipes_and_devices_are_refused_without_hanging(runtime: Runtime, tmp_path: Path) -> None:
    folder = tmp_path / "odd"
    (folder / "sub").mkdir(parents=True)
    (folder / "good.jsonl").write_text('{"id": "g", "title": "Good"}\n')
    (folder / "sub" / "up").symlink_to(folder, target_is_directory=True)  # a folder loop
    (folder / "a.jsonl").symlink_to(folder / "b.jsonl")  # a file loop
    (folder / "b.jsonl").symlink_to(folder / "a.jsonl")
    (folder / "gone.csv").symlink_to(folder / "missing.csv")
    (folder / "zero.jsonl").symlink_to("/dev/zero")  # endless: must not be read
    os.mkfifo(folder / "pipe.jsonl")  # opening it would block forever
    os.mkfifo(folder / "interactions.jsonl")
    with pytest.raises(InvalidCatalogError) as caught:
        import_catalog(runtime.store, runtime.embedder, folder, "odd")
    found = {(name, problem) for name, _, problem in problems(caught.value)}
    assert found == {
        ("a.jsonl", "symbolic link loop"),
        ("b.jsonl", "symbolic link loop"),
        ("gone.csv", f"broken symbolic link (to {folder / 'missing.csv'})"),
        ("zero.jsonl", "not a regular file (a pipe, socket or device)"),
        ("pipe.jsonl", "not a regular file (a pipe, socket or device)"),
        ("interactions.jsonl", "not a regular file (a pipe, socket or device)"),
    }
    assert import_catalog(runtime.store, runtime.embedder, folder, "odd", skip_invalid=True).added == 1


def test_a_file_name_with_escape_codes_is_shown_on_one_harmless_line(home: Path, tmp_path: Path) -> None:
    folder = tmp_path / "names"
    folder.mkdir()
    (folder / "evil\x1b[31m\nname.jsonl").write_text('{"title": \n')
    result = invoke_cli(home, "--backend", "fake", "catalog", "add", str(folder))
    assert result.returncode == 1
    assert "\x1b" not in result.stderr
    assert any("evil?[31m?name.jsonl:1: invalid JSON" in line for line in result.stderr.splitlines())


def as_unprivileged(command: list[str]) -> list[str]:
    """Root reads every file; without its override capabilities it obeys file modes like anyone."""
    if os.getuid() != 0:
        return command
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: cannot make a file unreadable")
    caps = "-dac_override,-dac_read_search"
    return ["setpriv", f"--inh-caps={caps}", f"--bounding-set={caps}", *command]


def test_an_unreadable_file_is_named(home: Path, tmp_path: Path) -> None:
    folder = tmp_path / "perm"
    folder.mkdir()
    (folder / "secret.jsonl").write_text('{"title": "Hidden"}\n')
    (folder / "secret.jsonl").chmod(0o000)
    (folder / "open.jsonl").write_text('{"title": "Open"}\n')
    command = [sys.executable, "-m", "recchat", "--backend", "fake", "catalog", "add", str(folder)]
    result = subprocess.run(
        as_unprivileged(command), capture_output=True, text=True, env=cli_env(home), timeout=120, check=False
    )
    assert result.returncode == 1
    assert f"{folder / 'secret.jsonl'}: permission denied" in result.stderr
    skipped = subprocess.run(
        as_unprivileged([*command, "--skip-invalid"]),
        capture_output=True,
        text=True,
        env=cli_env(home),
        timeout=120,
        check=False,
    )
    assert skipped.returncode == 0 and "1 items (1 added" in skipped.stderr, skipped.stderr


def test_readers_without_an_error_list_still_raise_at_the_first_problem() -> None:
    from recchat.catalog.readers import read_records

    with pytest.raises(CatalogError) as caught:
        list(read_records(BAD / "jsonl_truncated.jsonl"))
    assert caught.value.line == 2
