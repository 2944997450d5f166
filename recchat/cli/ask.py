"""`recchat ask`: one turn from the shell."""

from __future__ import annotations

import json
from contextlib import nullcontext
from typing import Annotated, Any

import typer

from recchat.cli.context import CliState, read_text_argument, report_errors, stderr, stdout
from recchat.errors import RecchatError

_OPERATORS = {">=": "$gte", "<=": "$lte", "!=": "$ne", ">": "$gt", "<": "$lt", "=": "$eq"}


def parse_filters(filters: list[str]) -> dict[str, Any] | None:
    """`year>=2000`, `type=book` -> a Chroma `where` clause over the catalog's own fields."""
    clauses = []
    for text in filters:
        for symbol, operator in _OPERATORS.items():
            key, found, raw = text.partition(symbol)
            if found and key.strip() and raw.strip():
                clauses.append({key.strip(): {operator: _value(raw.strip())}})
                break
        else:
            raise RecchatError(f"bad filter {text!r}", "write KEY=VALUE, or KEY>=NUMBER (also <=, >, <, !=)")
    if not clauses:
        return None
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}


def _value(raw: str) -> Any:
    for kind in (int, float):
        try:
            return kind(raw)
        except ValueError:
            continue
    return raw


def ask(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(help="What you are in the mood for; '-' reads stdin.")],
    k: Annotated[int, typer.Option("-k", "--k", min=1, max=100, help="How many suggestions.")] = 5,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object (schema recchat.ask/1).")] = False,
    no_llm: Annotated[bool, typer.Option("--no-llm", help="Template explanations only; no model is loaded.")] = False,
    profile: Annotated[str | None, typer.Option("--profile", "-p", help="Profile name.")] = None,
    catalog: Annotated[str | None, typer.Option("--catalog", "-c", help="Catalog name.")] = None,
    model: Annotated[
        str | None,
        typer.Option("--model", help="A name from `recchat models` (e.g. ollama:qwen2.5:3b) or a GGUF file."),
    ] = None,
    filters: Annotated[
        list[str] | None,
        typer.Option(
            "--filter", "-f", help="Only items whose field matches, e.g. type=book or year>=2000. Repeatable."
        ),
    ] = None,
    incognito: Annotated[bool, typer.Option("--incognito", help="Do not store this question in the profile.")] = False,
    carry_on: Annotated[
        bool, typer.Option("--continue", help="Continue your latest conversation (its constraints and last list).")
    ] = False,
    conversation: Annotated[
        str | None, typer.Option("--conversation", help="Continue this conversation (an id, or a unique prefix).")
    ] = None,
) -> None:
    """Ask for suggestions once and print them. Each ask starts a new conversation unless
    --continue (or --conversation ID) carries one on: "the second one", "older", "books instead"."""
    state: CliState = ctx.obj
    with report_errors(state):
        from recchat.chat import Conversation
        from recchat.session import MAX_UTTERANCE_CHARS

        query = read_text_argument(text)
        where = parse_filters(filters or [])
        if len(query.strip()) > MAX_UTTERANCE_CHARS:
            stderr().print(f"note: only the first {MAX_UTTERANCE_CHARS:,} characters are read")
        runtime = state.runtime(
            profile=profile,
            catalog=catalog,
            model=model,
            use_llm=False if no_llm else None,
            incognito=incognito or None,
            k=k,
        )
        narration = stderr()
        read = runtime.read_ahead()  # the model loads and reads while the catalog opens
        try:
            with narration.status("Thinking…", spinner="dots") if narration.is_terminal else nullcontext():
                resume = conversation or ("last" if carry_on else None)
                chat = Conversation.open(runtime, catalog=catalog, resume=resume)
                reply = chat.turn(query, k=k, where=where).reply
        finally:
            read()
        session = chat.session
        if as_json:
            from recchat.serialize import reply_json

            document = reply_json(
                reply, query=query, catalog=session.catalog.name, profile=session.profile.name, conversation=session.id
            )
            typer.echo(json.dumps(document, ensure_ascii=False, indent=2))
            return
        from recchat.cli.render import print_reply

        print_reply(stdout(), reply)
        if not runtime.settings.incognito:
            narration.print(f'[dim]conversation {session.id}: carry on with `recchat ask --continue "..."`[/]')
