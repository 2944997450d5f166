"""The `recchat` command as a user runs it (fake backend, real Chroma): in this process, and as a
real process for the entry point itself (its output and exit codes as a shell sees them)."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess

from rich.console import Console

from conftest import MINI_CATALOG, both_stores

Cli = Callable[..., CompletedProcess[str]]


def mini_ids() -> set[str]:
    ids = {json.loads(line)["id"] for line in (MINI_CATALOG / "movies.jsonl").read_text().splitlines()}
    return ids | {"b01", "b02", "b03", "g01", "g02", "g03"}


def add_mini(cli: Cli) -> None:
    result = cli("catalog", "add", str(MINI_CATALOG), "--name", "mini")
    assert result.returncode == 0, result.stderr


@both_stores
def test_catalog_add_list_and_unchanged_re_add(fake_cli_process: Cli) -> None:
    fake_cli = fake_cli_process
    first = fake_cli("catalog", "add", str(MINI_CATALOG), "--name", "mini")
    assert first.returncode == 0, first.stderr
    assert "26 items (26 added" in first.stderr
    again = fake_cli("catalog", "add", str(MINI_CATALOG), "--name", "mini")
    assert "26 unchanged" in again.stderr
    listed = json.loads(fake_cli("catalog", "list", "--json").stdout)
    assert [(c["name"], c["items"], c["state"]) for c in listed] == [("mini", 26, "ready")]


@both_stores
def test_ask_json_returns_only_catalog_items_each_explained(fake_cli: Cli) -> None:
    add_mini(fake_cli)
    result = fake_cli("ask", "I loved Interstellar, want more mind-bending sci-fi but no horror", "--json", "-k", "4")
    assert result.returncode == 0, result.stderr
    reply = json.loads(result.stdout)
    assert reply["schema"] == "recchat.ask/1" and reply["type"] == "recommendations"
    assert len(reply["items"]) == 4
    for item in reply["items"]:
        assert item["id"] in mini_ids() and item["id"] != "m01"
        assert item["explanation"] and "horror" not in item["tags"]
        assert {"utterances", "fields", "related_titles", "score_parts"} <= item["evidence"].keys()


def test_ask_reads_stdin_and_prints_readable_text(fake_cli: Cli) -> None:
    add_mini(fake_cli)
    result = fake_cli("ask", "-", "-k", "2", stdin="cozy mysteries set in small towns\n")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0].endswith(":")  # what was understood, then the suggestions
    assert "1. " in result.stdout and "2. " in result.stdout


def test_vague_first_request_gets_a_question(fake_cli: Cli) -> None:
    add_mini(fake_cli)
    reply = json.loads(fake_cli("ask", "hello", "--json").stdout)
    assert reply["type"] == "question" and reply["items"] == [] and reply["question"].endswith("?")


def test_filter_limits_suggestions_to_matching_fields(fake_cli: Cli) -> None:
    add_mini(fake_cli)
    reply = json.loads(fake_cli("ask", "a mystery", "--json", "--filter", "type=book").stdout)
    assert reply["items"] and all(i["metadata"]["type"] == "book" for i in reply["items"])
    numeric = json.loads(fake_cli("ask", "anything funny", "--json", "--filter", "year>=2005", "-k", "3").stdout)
    assert all(i["metadata"]["year"] >= 2005 for i in numeric["items"])


def test_bad_catalog_file_names_file_and_line_and_keeps_the_store(fake_cli: Cli, tmp_path: Path) -> None:
    add_mini(fake_cli)
    before = fake_cli("catalog", "list", "--json").stdout
    bad = tmp_path / "mini"
    bad.mkdir()
    (bad / "a.jsonl").write_text('{"id": "x", "title": "ok"}\n{"id": "y", "title": 5.5, "tags": 3}\n')
    result = fake_cli("catalog", "add", str(bad))
    assert result.returncode == 1
    assert f"{bad / 'a.jsonl'}:2:" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert fake_cli("catalog", "list", "--json").stdout == before


def test_exit_codes_usage_2_error_1(fake_cli_process: Cli) -> None:
    fake_cli = fake_cli_process
    assert fake_cli("ask").returncode == 2  # missing argument
    assert fake_cli("ask", "x", "-k", "0").returncode == 2  # out of range
    no_catalog = fake_cli("ask", "x")
    assert no_catalog.returncode == 1
    assert "no catalog loaded" in no_catalog.stderr and "recchat catalog add" in no_catalog.stderr


@both_stores
def test_profile_show_export_forget(fake_cli: Cli) -> None:
    add_mini(fake_cli)
    fake_cli("ask", "I loved Knives Out but no horror", "--profile", "ann")
    shown = fake_cli("profile", "show", "--profile", "ann")
    assert "Knives Out" in shown.stdout and "horror" in shown.stdout
    exported = json.loads(fake_cli("profile", "export", "--profile", "ann").stdout)
    user_entries = [e for e in exported["entries"] if e["role"] == "user"]
    assert user_entries[0]["text"] == "I loved Knives Out but no horror"
    assert fake_cli("profile", "forget", "--all", "--profile", "ann").returncode == 1  # needs --yes when not a tty
    forgot = fake_cli("profile", "forget", "--all", "--yes", "--profile", "ann")
    assert forgot.returncode == 0
    assert json.loads(fake_cli("profile", "export", "--profile", "ann").stdout)["entries"] == []


def test_forget_one_entry_by_id(fake_cli: Cli) -> None:
    add_mini(fake_cli)
    fake_cli("ask", "funny heists", "-p", "bo")
    entries = json.loads(fake_cli("profile", "export", "-p", "bo").stdout)["entries"]
    first = entries[0]["id"]
    assert fake_cli("profile", "forget", first, "-p", "bo").returncode == 0
    remaining = {e["id"] for e in json.loads(fake_cli("profile", "export", "-p", "bo").stdout)["entries"]}
    assert first not in remaining and len(remaining) == len(entries) - 1
    assert fake_cli("profile", "forget", "nope", "-p", "bo").returncode == 1


def test_incognito_ask_stores_nothing(fake_cli: Cli) -> None:
    add_mini(fake_cli)
    fake_cli("ask", "funny heists", "--incognito", "-p", "ghost")
    assert json.loads(fake_cli("profile", "export", "-p", "ghost").stdout)["entries"] == []


@both_stores
def test_catalog_remove(fake_cli: Cli) -> None:
    add_mini(fake_cli)
    assert fake_cli("catalog", "remove", "mini", "--yes").returncode == 0
    assert json.loads(fake_cli("catalog", "list", "--json").stdout) == []
    missing = fake_cli("catalog", "remove", "mini", "--yes")
    assert missing.returncode == 1 and "no catalog named 'mini'" in missing.stderr


def test_the_import_rate_of_a_tiny_catalog_is_not_rounded_to_zero() -> None:
    # 2 items in 9 s (the embedder's start-up is most of it): a rate, not "0 items/s".
    from recchat.catalog.importer import ImportReport
    from recchat.cli.catalog import _print_report

    console = Console(file=io.StringIO(), width=200)
    _print_report(console, ImportReport(name="c", added=2, seconds=9.0))
    assert "in 9.0s, 0.22 items/s" in console.file.getvalue()  # type: ignore[attr-defined]
