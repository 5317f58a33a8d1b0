"""Plain text for widgets: a name, answer, note or file field as a Rich ``Text`` (never markup).

Use :func:`plain` wherever text from a person or a file is shown: Rich ``Text`` is not parsed
for markup (``[b]``, ``[/x]``, ``[@click=...]`` stay literal) and :func:`~homeroom_tui.plain.visible`
shows control characters as escapes.
"""

from __future__ import annotations

from rich.text import Text

from homeroom_tui.plain import visible


def plain(text: str, style: str = "", *, multiline: bool = False) -> Text:
    """``text`` as literal, safe display text."""
    return Text(visible(text, multiline=multiline), style=style)
