"""A text field for the live meeting whose Enter and Esc keep their place in the typing.

A counselor types without looking: "answer one ⏎ answer two ⏎ ..." arrives faster than the app
handles it. Textual hands a field's keys to it in order, but an ordinary ``Input`` reports Enter
through a message that bubbles up and is handled later, after the field has already taken the
next keys. Here Enter and Esc are handled by the field itself, between the keys typed before and
after them, and every change of the text is reported at once (not by a later message), so each
keystroke lands where the field pointed when it was typed.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import events
from textual.widgets import Input


class TypingInput(Input):
    """One line of typing whose Enter/Esc and changes are handled in order with the keys."""

    def __init__(
        self,
        *,
        on_text: Callable[[str], object] | None = None,
        on_enter: Callable[[str], object] | None = None,
        on_escape: Callable[[], object] | None = None,
        placeholder: str = "",
        id: str | None = None,
    ) -> None:
        super().__init__(placeholder=placeholder, id=id)
        self._text_cb = on_text
        self._enter_cb = on_enter
        self._escape_cb = on_escape
        self._quiet = False

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
            # keys that reached the field after it closed belong to whatever has the focus now
            event.stop()
            event.prevent_default()
            target = self.screen.focused
            if target is not None and target is not self:
                target.post_message(events.Key(event.key, event.character))
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
