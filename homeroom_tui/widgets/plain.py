"""Plain text for widgets: a name, answer, note or file field as a Rich ``Text`` (never markup).

Use :func:`plain` wherever text from a person or a file is shown: Rich ``Text`` is not parsed
for markup (``[b]``, ``[/x]``, ``[@click=...]`` stay literal) and :func:`~homeroom_tui.plain.visible`
shows control characters as escapes. :func:`plain_t` does the same for a translated message
with values filled in (``t("run.observing", name=...)``): nothing in it is parsed as markup.
:func:`visible_values` is for the places that take a ``str`` (``notify(..., markup=False)``, an
input's placeholder).
"""

from __future__ import annotations

import re
from string import Formatter
from typing import Any

from rich.segment import Segment
from rich.text import Text
from textual.app import App
from textual.color import Color
from textual.content import Content
from textual.filter import LineFilter
from textual.widget import Widget

from homeroom_tui.i18n import t
from homeroom_tui.plain import BIDI_CONTROLS, visible


def plain(text: str, style: str = "", *, multiline: bool = False) -> Text:
    """``text`` as literal, safe display text."""
    return Text(visible(text, multiline=multiline), style=style)


def plain_content(text: str, style: str = "", *, multiline: bool = False) -> Content:
    """``text`` as a literal Textual ``Content`` (for styles with theme variables such as ``$accent``)."""
    content = Content(visible(text, multiline=multiline))
    return content.stylize(style) if style else content


CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029" + "".join(sorted(BIDI_CONTROLS)) + "]")
"""What :func:`~homeroom_tui.plain.visible` escapes: C0, DEL, C1, line/paragraph separators, bidi controls."""


def picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode control pictures: ␛ for ESC, ␇ for BEL
    return "\u2421" if code == 0x7F else "\ufffd"


class VisibleControls(LineFilter):
    """The last line of defence: no control character from any widget reaches the terminal.

    Text shown by homeroom goes through :func:`plain` first; this catches what editable widgets
    (a note's text area, an answer's input) render of the text being edited, which must stay as
    it is stored. Each control character is drawn as one visible cell (``␛``, ``␇``, ``�``).
    """

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        if not any(CONTROL.search(segment.text) for segment in segments):
            return segments
        width = Segment.get_line_length(segments)
        shown = [
            segment
            if segment.control or not CONTROL.search(segment.text)
            else Segment(CONTROL.sub(picture, segment.text), segment.style)
            for segment in segments
        ]
        return Segment.adjust_line_length(shown, width)  # the pictures take a cell each: keep the line's width


def _shown(value: object) -> object:
    """Numbers keep their format specs; anything else (names, paths, problems) is made visible."""
    if isinstance(value, (int, float)):
        return value
    return visible(str(value))


def visible_values(key: str, /, **values: object) -> str:
    """``t(key, ...)`` with every text value made visible: for a ``str`` shown without markup."""
    return t(key, **{name: _shown(value) for name, value in values.items()})


def plain_t(key: str, /, style: str = "", **values: object) -> Text:
    """The message ``key`` as literal text: neither its words nor its values are parsed as markup.

    Values are made visible (control characters escaped); ``style`` applies to the whole line.
    """
    template = t(key)
    if not values:
        return Text(visible(template, multiline=True), style=style)
    shown = {name: _shown(value) for name, value in values.items()}
    out = Text(style=style)
    try:
        for literal, field, spec, conversion in Formatter().parse(template):
            out.append(literal)
            if field is not None:
                value = shown[field]
                if conversion == "r":
                    value = repr(value)
                elif conversion == "s":
                    value = str(value)
                out.append(format(value, spec or ""))
    except (KeyError, IndexError, ValueError):
        return Text(template, style=style)
    return out


def tell_damaged(node: Widget | App[Any], problem: object, *, timeout: float = 15) -> None:
    """Say in red that a meeting file is damaged and left as it is (its path and reason as plain text)."""
    node.notify(
        visible_values("home.meeting_damaged", problem=problem), severity="error", timeout=timeout, markup=False
    )
