"""Text fields that hold no more than the model saves: :class:`LimitedInput` and :class:`LimitedTextArea`.

The limit comes from the model (``homeroom_tui.model.common``: ``LINE_MAX``, ``SHORT_TEXT_MAX``,
``NOTE_MAX``), so a field can never hold text that homeroom would refuse to save or read. Typing
stops at the limit; a paste that does not fit is cut to fit and the counselor is told (a
notification), never a crash. In the last tenth before the limit a counter (``9 512/10 000``) shows
in the field's border.
"""

from __future__ import annotations

from typing import Any, Final

from textual.widgets import Input
from textual.widgets.text_area import Edit, EditResult, Location

from homeroom_tui.i18n import t
from homeroom_tui.widgets.in_place import InPlace
from homeroom_tui.widgets.plain_text_area import PlainTextArea

DATE_MAX: Final = 40
"""A date typed in a form (``2024-01-15`` and some room for spaces); not a saved text field."""
NUMBER_MAX: Final = 12
"""A whole number typed in a form."""
NEAR: Final = 0.9
"""The counter shows from this share of the limit on."""


def counter(length: int, limit: int) -> str:
    """``9512/10000`` once ``length`` is in the last tenth of ``limit``, else empty."""
    return f"{length}/{limit}" if length >= limit * NEAR else ""


def tell(widget: LimitedInput | LimitedTextArea, cut: bool) -> bool:
    """Say that text was cut (True: the part that fits goes in), or ring when the field is full (False)."""
    if cut:
        widget.notify(t("limited.cut", limit=widget.limit), severity="warning", timeout=8)
        return True
    widget.app.bell()
    if not widget.has_class("-full-told"):  # once per visit, not once per key held down
        widget.add_class("-full-told")
        widget.notify(t("limited.full", limit=widget.limit), severity="warning")
    return False


class LimitedInput(InPlace, Input):
    """An :class:`~textual.widgets.Input` holding at most ``limit`` characters.

    Unlike Textual's own ``max_length`` (which drops a paste that does not fit, silently), the text
    that fits goes in and the rest is cut with a message.
    """

    def __init__(self, value: str | None = None, *, limit: int, **kwargs: Any) -> None:
        self.limit = limit
        super().__init__(value, **kwargs)

    def replace(self, text: str, start: int, end: int) -> None:
        value = self.value
        start, end = sorted((max(0, start), min(len(value), end)))
        room = self.limit - (len(value) - (end - start))
        if len(text) > room:
            text = text[: max(0, room)]
            if not tell(self, cut=bool(text)):
                return
        super().replace(text, start, end)

    def _watch_value(self, value: str) -> None:
        super()._watch_value(value)
        self.border_subtitle = counter(len(value), self.limit)
        if len(value) < self.limit:
            self.remove_class("-full-told")


class LimitedTextArea(InPlace, PlainTextArea):
    """A :class:`~textual.widgets.TextArea` holding at most ``limit`` characters (line breaks count one)."""

    def __init__(self, text: str = "", *, limit: int, **kwargs: Any) -> None:
        self.limit = limit
        super().__init__(text, **kwargs)

    def _replace_via_keyboard(self, insert: str, start: Location, end: Location) -> EditResult | None:
        if self.read_only:
            return None
        insert = insert.replace("\r\n", "\n").replace("\r", "\n")  # what the document keeps
        removed = len(self.get_text_range(start, end))
        room = self.limit - (len(self.text) - removed)
        if len(insert) > room:
            insert = insert[: max(0, room)]
            if not tell(self, cut=bool(insert)):
                return None
        return super()._replace_via_keyboard(insert, start, end)

    def edit(self, edit: Edit) -> EditResult:
        result = super().edit(edit)
        self._show_counter()
        return result

    def load_text(self, text: str) -> None:
        super().load_text(text)
        self._show_counter()

    def on_mount(self) -> None:
        self._show_counter()

    def _show_counter(self) -> None:
        length = len(self.text)
        self.border_subtitle = counter(length, self.limit)
        if length < self.limit:
            self.remove_class("-full-told")
