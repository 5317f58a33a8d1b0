"""A text field for the live meeting whose Enter and Esc keep their place in the typing.

A counselor types without looking: "answer one ⏎ answer two ⏎ ..." arrives faster than the app
handles it. Textual hands a field's keys to it in order, but an ordinary ``Input`` reports Enter
through a message that bubbles up and is handled later, after the field has already taken the
next keys. Here Enter and Esc are handled by the field itself, between the keys typed before and
after them, and every change of the text is reported at once (not by a later message), so each
keystroke lands where the field pointed when it was typed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from typing import Any

from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import TextArea

from homeroom_tui.widgets.limited import LimitedInput, LimitedTextArea

NAMED_CHARACTERS = {"plus": "+", "minus": "-", "slash": "/", "at": "@", "backslash": "\\", "underscore": "_"}
"""Printable keys whose name Textual does not map back to their character when it asks a focused
field whether it takes a key: without this, "+" and "-" typed into a note fired the runner's
+1/-1 minute bindings instead of being text."""


def _character(key: str, character: str | None) -> str | None:
    return character if character is not None else NAMED_CHARACTERS.get(key)


def in_order(bindings: Iterable[BindingType]) -> list[BindingType]:
    """The runner's key bindings, each acted on the moment its key arrives.

    Textual acts on an ordinary binding only after the key has passed through the focused widget
    and back up to the app; a priority binding acts at once. The runner makes every binding act
    at once, and moves the focus at once (``Screen.set_focus``), so that a run of keys typed
    without a pause takes effect in the order typed: "down space ]" ticks the row below, then
    changes the stage, never the other way round. Printable keys stay text in a text field
    (Textual leaves out the bindings of keys a focused field takes).
    """
    return [dataclasses.replace(b, priority=True) if isinstance(b, Binding) else b for b in bindings]


class TypingInput(LimitedInput):
    """One line of typing whose Enter/Esc and changes are handled in order with the keys."""

    def __init__(
        self,
        *,
        on_text: Callable[[str], object] | None = None,
        on_enter: Callable[[str], object] | None = None,
        on_escape: Callable[[], object] | None = None,
        placeholder: str = "",
        id: str | None = None,
        limit: int,
    ) -> None:
        super().__init__(placeholder=placeholder, id=id, limit=limit)
        self._text_cb = on_text
        self._enter_cb = on_enter
        self._escape_cb = on_escape
        self._quiet = False

    def check_consume_key(self, key: str, character: str | None) -> bool:
        return super().check_consume_key(key, _character(key, character))

    def set_text(self, value: str) -> None:
        """Show ``value`` without reporting it as typed."""
        self._quiet = True
        try:
            self.value = value
            self.cursor_position = len(value)
        finally:
            self._quiet = False

    def watch_value(self, value: str) -> None:
        if not self._quiet and self.display and self._text_cb is not None:
            self._text_cb(value)

    async def _on_key(self, event: events.Key) -> None:
        if not self.display:
            # typed after the Enter or Esc that closed the field, but handed to it before it closed:
            # these keys belong to whatever has the focus now, bindings included
            event.stop()
            event.prevent_default()
            if self.screen.focused is not self:  # (never back to this field: that would go round for ever)
                self.app.simulate_key(event.key)
            return
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            if self._enter_cb is not None:
                self._enter_cb(self.value)
            return
        if event.key == "escape":
            event.stop()
            event.prevent_default()
            if self._escape_cb is not None:
                self._escape_cb()
            return
        await super()._on_key(event)


class NotesArea(LimitedTextArea):
    """The runner's notes: every printable key is text, "+" and "-" included, and every change of
    the text (typed, pasted, deleted, undone) is reported at once to ``on_text``, not by a later
    message: a way out taken right after a key (a closed terminal, Ctrl+Q) finds it in the session."""

    def __init__(self, text: str = "", *, on_text: Callable[[str], object] | None = None, **kwargs: Any) -> None:
        self._text_cb = on_text
        self._quiet = False
        super().__init__(text, **kwargs)

    def check_consume_key(self, key: str, character: str | None = None) -> bool:
        return super().check_consume_key(key, _character(key, character))

    def load_text(self, text: str) -> None:
        """Show ``text`` without reporting it as typed."""
        self._quiet = True
        try:
            super().load_text(text)
        finally:
            self._quiet = False

    def post_message(self, message: Message) -> bool:
        # every edit, undo and redo of a TextArea ends by posting Changed: report the text there, at once
        if isinstance(message, TextArea.Changed) and not self._quiet and self._text_cb is not None:
            self._text_cb(self.text)
        return super().post_message(message)
