"""Prompts fitted to a model's chat template: some templates have no system role (Gemma's raises
an error on one, others drop it without a word), so their instructions go in the first user
message instead, where the model sees them."""

from __future__ import annotations

from collections.abc import Sequence

from recchat.llm.base import ChatMessage

PROBE = "recchat-system-probe"


def takes_system_role(template: str | None) -> bool:
    """Whether the chat template renders a system message (None: llama-cpp-python's own format,
    chosen when a file has no template, which does)."""
    if not template:
        return True
    from jinja2 import TemplateError
    from llama_cpp.llama_chat_format import Jinja2ChatFormatter

    try:
        formatter = Jinja2ChatFormatter(template=template, eos_token="</s>", bos_token="<s>")
        prompt = formatter(messages=[{"role": "system", "content": PROBE}, {"role": "user", "content": "hello"}]).prompt
    except (TemplateError, ValueError, TypeError, KeyError, IndexError, AttributeError):
        return False  # raise_exception("System role not supported"), or a template that trips on it
    return PROBE in prompt


def without_system_role(messages: Sequence[ChatMessage]) -> list[ChatMessage]:
    """The system messages' text put at the start of the first user message."""
    system = "\n\n".join(m["content"] for m in messages if m["role"] == "system")
    rest: list[ChatMessage] = [{"role": m["role"], "content": m["content"]} for m in messages if m["role"] != "system"]
    if not system:
        return rest
    first_user = next((m for m in rest if m["role"] == "user"), None)
    if first_user is None:
        return [{"role": "user", "content": system}, *rest]
    first_user["content"] = f"{system}\n\n{first_user['content']}"
    return rest
