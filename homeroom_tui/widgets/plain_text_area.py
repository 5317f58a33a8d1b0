"""A text area for notes and names being typed: control characters in the text are drawn as visible cells.

In its own module: the home screen's first frame does not need ``TextArea``.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import TextArea

from homeroom_tui.widgets.plain import CONTROL, picture


class PlainTextArea(TextArea):
    """A text area that draws control characters in the text as visible cells (``␛``, ``␇``); the text is unchanged."""

    def get_line(self, line_index: int) -> Text:
        line = self.document.get_line(line_index)
        if CONTROL.search(line):
            line = CONTROL.sub(picture, line)
        return Text(line, end="", no_wrap=True)
