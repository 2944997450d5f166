"""Rich renderings of core results. All catalog and model text is escaped: it is untrusted."""

from __future__ import annotations

from typing import TYPE_CHECKING

from recchat.catalog.facts import metadata_line
from recchat.text import clean

if TYPE_CHECKING:
    from rich.console import Console

    from recchat.domain import Reply


def safe(text: object) -> str:
    from rich.markup import escape

    return escape(clean(str(text)))


def print_reply(console: Console, reply: Reply) -> None:
    if not reply.recommendations:
        console.print(safe(reply.question or reply.message))
        return
    console.print(safe(reply.message))
    for number, rec in enumerate(reply.recommendations, start=1):
        console.print()
        console.print(f"[bold]{number}. {safe(rec.item.title)}[/]  [dim]score {rec.score:.2f}[/]")
        line = metadata_line(rec.item)
        if line:
            console.print(f"   [dim]{safe(line)}[/]")
        console.print(f"   {safe(rec.explanation)}")
        if rec.evidence.inferred:
            likely = "; ".join(f"{i.label} ({i.why})" for i in rec.evidence.inferred)
            console.print(f"   [dim]not labelled so, but likely: {safe(likely)}[/]")
        if rec.evidence.misses:
            console.print(f"   [dim]misses: {safe(', '.join(rec.evidence.misses))}[/]")
    if reply.question:
        console.print()
        console.print(f"[italic]{safe(reply.question)}[/]")
