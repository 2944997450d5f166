"""Each reader: good input parses with line numbers; bad input names the file and line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from recchat.catalog import readers
from recchat.catalog.readers import iter_catalog_files, read_records
from recchat.errors import CatalogError


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def records(path: Path) -> list[tuple[int | None, object]]:
    return [(r.line, r.data) for r in read_records(path)]


def test_jsonl_reports_each_line_and_skips_blank_lines(tmp_path: Path) -> None:
    path = write(tmp_path / "a.jsonl", '{"title": "A"}\n\n{"title": "B"}\n')
    assert records(path) == [(1, {"title": "A"}), (3, {"title": "B"})]


def test_jsonl_bad_line_names_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path / "a.jsonl", '{"title": "A"}\n{"title": \n')
    with pytest.raises(CatalogError) as caught:
        records(path)
    assert caught.value.path == path and caught.value.line == 2
    assert f"{path}:2:" in str(caught.value)


def test_jsonl_with_bom_is_read(tmp_path: Path) -> None:
    path = write(tmp_path / "a.jsonl", '\ufeff{"title": "A"}\n'.encode())
    assert records(path) == [(1, {"title": "A"})]


def test_json_array_elements_carry_their_start_line(tmp_path: Path) -> None:
    path = write(tmp_path / "a.json", '[\n  {"title": "A"},\n\n  {"title": "B",\n   "tags": []}\n]\n')
    assert [line for line, _ in records(path)] == [2, 4]


class _CountedText(str):
    """Text that tallies how many characters its newline counts look at."""

    looked_at = 0

    def count(self, sub: str, start: Any = None, end: Any = None) -> int:  # type: ignore[override]
        first = 0 if start is None else start
        _CountedText.looked_at += (len(self) if end is None else end) - first
        return super().count(sub, first, len(self) if end is None else end)


def test_json_array_line_numbers_cost_one_pass_over_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Counting from the start of the file for each element made 20,000 elements take 44 s: the
    # speed is in benchmarks/readers.py; here, the work the line numbers take.
    elements = [f'  {{"title": "Item {i}",\n   "tags": ["a"]}}' for i in range(2000)]
    path = write(tmp_path / "a.json", "[\n" + ",\n".join(elements) + "\n]\n")
    text = _CountedText(path.read_text(encoding="utf-8"))
    monkeypatch.setattr(readers, "_read_whole", lambda _: text)
    _CountedText.looked_at = 0
    found = [r.line for r in read_records(path)]
    assert found == [2 + 2 * i for i in range(2000)]
    assert _CountedText.looked_at <= len(text)


def test_json_that_is_not_an_array_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path / "a.json", '{"title": "A"}')
    with pytest.raises(CatalogError, match="expected a JSON array"):
        records(path)


def test_truncated_json_array_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path / "a.json", '[\n {"title": "A"},\n {"title": "B"\n')
    with pytest.raises(CatalogError) as caught:
        records(path)
    assert caught.value.line is not None and caught.value.line >= 3


def test_csv_rows_carry_their_line_even_with_multiline_quotes(tmp_path: Path) -> None:
    path = write(tmp_path / "a.csv", 'title,description\nA,"one\ntwo"\nB,three\n')
    assert records(path) == [
        (2, {"title": "A", "description": "one\ntwo"}),
        (4, {"title": "B", "description": "three"}),
    ]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        # the header's comma is inside a column's name: the rows say ';'
        ("Name;Rating (out of 5, avg)\nDune;4.5\nEmma;3\n", {"Name": "Dune", "Rating (out of 5, avg)": 4.5}),
        ("Name;Rating (out of 5, avg);Notes\nDune;4.5;long, slow\n", {"Notes": "long, slow", "Name": "Dune"}),
        ('title,notes\nDune,"long; slow"\n', {"title": "Dune", "notes": "long; slow"}),
        ("title\tnotes\nDune\tlong, slow; good\n", {"title": "Dune", "notes": "long, slow; good"}),
        ("title\nDune\n", {"title": "Dune"}),
    ],
)
def test_csv_delimiter_is_read_from_the_rows_not_only_the_header(
    tmp_path: Path, content: str, expected: dict[str, object]
) -> None:
    path = write(tmp_path / "a.csv", content)
    first = records(path)[0][1]
    assert isinstance(first, dict) and expected.items() <= first.items()


def test_a_line_read_ahead_for_the_delimiter_fails_after_the_rows_before_it(tmp_path: Path) -> None:
    path = write(tmp_path / "a.csv", b"title;pages\nDune;412\nEmma;4\xff4\n")
    found = []
    with pytest.raises(CatalogError) as caught:
        for record in read_records(path):
            found.append((record.line, record.data))
    assert found == [(2, {"title": "Dune", "pages": 412})]
    assert caught.value.line == 3 and "UTF-8" in caught.value.problem


def test_csv_ragged_row_is_an_error_with_its_line(tmp_path: Path) -> None:
    path = write(tmp_path / "a.csv", "title,description\nA,x\nB,y,z\n")
    with pytest.raises(CatalogError) as caught:
        records(path)
    assert caught.value.line == 3 and "3 fields" in caught.value.problem


def test_csv_duplicate_header_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path / "a.csv", "title,title\nA,B\n")
    with pytest.raises(CatalogError, match="repeats column"):
        records(path)


def test_markdown_front_matter_and_body(tmp_path: Path) -> None:
    path = write(tmp_path / "a.md", "---\ntitle: Dune\ntags: [sf]\n---\nDesert planet.\n")
    assert records(path) == [(1, {"title": "Dune", "tags": ["sf"], "description": "Desert planet."})]


def test_markdown_broken_front_matter_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path / "a.md", "---\ntitle: Dune\ntags: [sf\n---\nbody\n")
    with pytest.raises(CatalogError) as caught:
        records(path)
    assert caught.value.line is not None and caught.value.line >= 3


def test_markdown_without_front_matter_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match="no front matter"):
        records(write(tmp_path / "a.md", "# Just a heading\n"))


def test_non_utf8_is_refused_with_its_line(tmp_path: Path) -> None:
    path = write(tmp_path / "a.jsonl", b'{"title": "A"}\n{"title": "caf\xe9"}\n')
    with pytest.raises(CatalogError) as caught:
        records(path)
    assert caught.value.line == 2 and "UTF-8" in caught.value.problem


def test_binary_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match="binary"):
        records(write(tmp_path / "a.csv", b"title\n\x00\x01\x02"))


def test_folder_walk_skips_docs_hidden_files_and_the_usage_log(tmp_path: Path) -> None:
    for name in ("a.jsonl", "sub/b.md", "README.md", ".hidden.jsonl", "interactions.jsonl", "notes.txt"):
        write(tmp_path / name, "x")
    assert [p.relative_to(tmp_path).as_posix() for p in iter_catalog_files(tmp_path)] == ["a.jsonl", "sub/b.md"]


def test_symlink_loop_does_not_hang(tmp_path: Path) -> None:
    write(tmp_path / "a.jsonl", '{"title": "A"}\n')
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
    assert [p.name for p in iter_catalog_files(tmp_path)] == ["a.jsonl"]


def test_csv_columns_of_numbers_become_numbers_and_mixed_columns_stay_text(tmp_path: Path) -> None:
    path = write(tmp_path / "a.csv", "title,year,players,rating\nA,1995,2,7.5\nB,2004,2-4,\n")
    rows = [data for _, data in records(path)]
    assert rows[0] == {"title": "A", "year": 1995, "players": "2", "rating": 7.5}
    assert rows[1] == {"title": "B", "year": 2004, "players": "2-4", "rating": ""}
