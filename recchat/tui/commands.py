"""Slash commands: what the user can type after `/`, parsed into a name and its argument.

Pure text handling (no Textual), so the palette, the help screen and the parser share one list.
"""

from __future__ import annotations

from dataclasses import dataclass

from recchat.errors import RecchatError

# name -> (usage, what it does); the order is the order of /help and the palette
COMMANDS: dict[str, tuple[str, str]] = {
    "help": ("/help", "keys and commands (also F1)"),
    "profile": ("/profile", "show or hide what recchat believes about you (also Ctrl+B)"),
    "forget": ("/forget WORDS | all", "forget profile entries containing WORDS, or everything"),
    "catalog": ("/catalog [NAME | add FOLDER [NAME]]", "list catalogs, switch to one, or import a folder"),
    "export": ("/export [FILE.md]", "save this conversation as Markdown"),
    "new": ("/new", "start a new conversation (your profile stays)"),
    "history": ("/history", "saved conversations; pick one to resume"),
    "model": ("/model [NAME | off | FILE.gguf]", "show or change the language model (Tab completes NAME)"),
    "more": ("/more", "more like the focused suggestion"),
    "different": ("/different", "something different from the last suggestions"),
    "quit": ("/quit", "leave (also Ctrl+Q)"),
}


@dataclass(frozen=True)
class Command:
    name: str
    argument: str


def parse(text: str) -> Command | None:
    """`/name argument` -> Command; None when the text is not a command (a message to send).
    A line starting with `//` is a message that starts with `/`."""
    if not text.startswith("/") or text.startswith("//"):
        return None
    name, _, argument = text[1:].strip().partition(" ")
    name = name.lower()
    if name not in COMMANDS:
        close = [n for n in COMMANDS if n.startswith(name)] if name else []
        if len(close) == 1:
            return Command(close[0], argument.strip())
        raise RecchatError(f"no command '/{name}'", "type /help for the list")
    return Command(name, argument.strip())


def completions(text: str, arguments: dict[str, list[str]]) -> list[str]:
    """What `text` may become: a command's name, or a command with one of its `arguments`
    (e.g. {"model": [model names]}). Empty when the text is not a command being typed."""
    if not text.startswith("/") or text.startswith("//") or "\n" in text:
        return []
    name, space, argument = text[1:].partition(" ")
    if not space:
        return [f"/{n} " if " " in COMMANDS[n][0] else f"/{n}" for n in COMMANDS if n.startswith(name.lower())]
    options = arguments.get(name.lower(), [])
    typed = argument.lstrip()
    return [f"/{name.lower()} {option}" for option in options if option.casefold().startswith(typed.casefold())]


def message_text(text: str) -> str:
    """What is sent as a message: `//x` stands for a message `/x`."""
    return text[1:] if text.startswith("//") else text
