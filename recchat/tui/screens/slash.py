"""Slash commands in the conversation: `/catalog`, `/forget`, `/export`, ... Each runs against
the chat screen it was typed in (its backend, its log, its workers)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from recchat import history
from recchat.errors import RecchatError
from recchat.tui import messages as msg
from recchat.tui.widgets.notice import ErrorMessage, Notice
from recchat.tui.widgets.profile_panel import ProfilePanel

if TYPE_CHECKING:
    from recchat.tui.commands import Command
    from recchat.tui.screens.chat import ChatScreen


class SlashCommands:
    def __init__(self, screen: ChatScreen) -> None:
        self.screen = screen
        self.backend = screen.backend

    async def run(self, command: Command) -> None:
        handler = getattr(self, f"_{command.name}")
        await handler(command.argument)

    async def _help(self, argument: str) -> None:
        self.screen.action_help()

    async def _quit(self, argument: str) -> None:
        self.screen.app.exit()

    async def _profile(self, argument: str) -> None:
        self.screen.action_toggle_profile()

    async def _forget(self, argument: str) -> None:
        screen = self.screen
        if not argument:
            if not screen.query_one(ProfilePanel).is_open:
                screen.action_toggle_profile()
            await screen.log_view.add(Notice("select an entry and press Del, or type /forget WORDS or /forget all"))
            return
        if argument.lower() == "all":
            screen.in_thread(
                lambda: screen.post(msg.ProfileForgotten(self.backend.forget_all(), "everything")), "profile"
            )
        else:
            screen.in_thread(
                lambda: screen.post(
                    msg.ProfileForgotten(self.backend.forget_matching(argument), f"entries with '{argument}'")
                ),
                "profile",
            )

    async def _catalog(self, argument: str) -> None:
        screen = self.screen
        verb, _, rest = argument.partition(" ")
        if not argument:
            screen.in_thread(self._list_catalogs, "catalog")
        elif verb == "add":
            folder_text, _, name = rest.strip().partition(" ")
            if not folder_text:
                await screen.log_view.add(ErrorMessage(RecchatError("which folder?", "/catalog add FOLDER [NAME]")))
                return
            folder = Path(folder_text).expanduser()
            screen.in_thread(lambda: self._import(folder, name.strip() or folder.resolve().name), "catalog")
        else:
            screen.show_step(f"opening catalog {argument}")
            screen.in_thread(
                lambda: screen.post(msg.ConversationOpened(self.backend.switch_catalog(argument), "catalog")),
                "catalog",
            )

    def _list_catalogs(self) -> None:
        rows, current = self.backend.catalogs(), self.backend.catalog_name
        lines = [f"{'→' if c.name == current else ' '} {c.name}: {c.items} {c.kind}" for c in rows]
        text = "catalogs:\n" + "\n".join(lines) if rows else "no catalogs yet: /catalog add FOLDER"
        self.screen.post(msg.Noted(text + "\n/catalog NAME switches"))

    def _import(self, folder: Path, name: str) -> None:
        post = self.screen.post
        post(msg.ModelsLoading(f"importing {folder} as {name}"))
        report = self.backend.import_catalog(
            folder, name, lambda done, total: post(msg.CatalogImportProgressed(done, total))
        )
        post(msg.CatalogImported(report))
        post(msg.ConversationOpened(self.backend.switch_catalog(name), "catalog"))

    async def _export(self, argument: str) -> None:
        log, view = self.backend.log, self.screen.log_view
        if log is None:
            await view.add(ErrorMessage(RecchatError("nothing to export yet", "chat first")))
            return
        path = Path(argument or f"recchat-{log.id}.md").expanduser()
        try:
            path.write_text(history.to_markdown(log.id, log.events), encoding="utf-8")
        except OSError as error:
            fix = "give another path: /export FILE.md"
            await view.add(ErrorMessage(RecchatError(f"could not write {path}: {error.strerror}", fix)))
            return
        await view.add(Notice(f"conversation saved to {path}"))

    async def _new(self, argument: str) -> None:
        self.screen.action_new()

    async def _history(self, argument: str) -> None:
        self.screen.action_history()

    async def _model(self, argument: str) -> None:
        screen = self.screen
        if not argument:
            screen.in_thread(self._show_models, "model")
            return
        screen.show_step(f"loading model {argument}")
        screen.in_thread(lambda: screen.post(msg.ModelChanged(self.backend.use_model(argument))), "model")

    def _show_models(self) -> None:
        self.screen.post(msg.Noted(f"model: {self.backend.model_name()}"))
        listed = "\n".join(f"  {name}" for name in self.backend.model_names())
        self.screen.post(msg.Noted(f"chat models on this machine:\n{listed}\n/model NAME switches (Tab completes)"))

    async def _more(self, argument: str) -> None:
        card = self.screen.focused_or_last_card()
        if card is None:
            await self.screen.log_view.add(Notice("no suggestion yet: ask for something first"))
        else:
            await self.screen.more_like_card(card)

    async def _different(self, argument: str) -> None:
        await self.screen.something_different()
