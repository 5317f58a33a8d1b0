"""Text from people and files, made safe to show: control characters become visible escapes.

One place for the rule "text is data": a name, an answer, a note or a file field may hold ESC
sequences, BEL, bidi overrides or other control characters (pasted, or hand-edited into a file).
Shown raw they would drive the terminal (set its title, move the cursor, reorder the line).
:func:`visible` turns each into a visible escape such as ``\\x1b`` or ``\\u202e``, keeping what
the field allows (tab and line breaks in multi-line text). The stored text is never changed:
this is for display and for what the command line prints. Imports no Textual.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

BIDI_CONTROLS: Final = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
"""Marks and overrides that reorder the text around them (a name could hide or reverse the rest of a line)."""


def _unsafe(char: str, keep: str) -> bool:
    if char in keep:
        return False
    if char in BIDI_CONTROLS:
        return True
    return unicodedata.category(char) in ("Cc", "Zl", "Zp")  # C0, DEL, C1, line/paragraph separators


def has_controls(text: str, *, multiline: bool = False) -> bool:
    """Whether ``text`` holds a character :func:`visible` would escape."""
    keep = "\t\n" if multiline else "\t"
    return any(_unsafe(char, keep) for char in text)


def visible(text: str, *, multiline: bool = False) -> str:
    """``text`` with every control character shown as an escape (``\\x1b``, ``\\x07``, ``\\u202e``).

    ``multiline`` keeps line breaks (notes, answers shown in full); otherwise a line break is
    escaped too, so that one field stays on one line. Tabs are always kept.
    """
    keep = "\t\n" if multiline else "\t"
    if text.isprintable() and not any(char in BIDI_CONTROLS for char in text):
        return text  # the common case: nothing to do
    return "".join(char.encode("unicode_escape").decode("ascii") if _unsafe(char, keep) else char for char in text)


_OUTPUT_UNSAFE: Final = re.compile(
    "\r(?!\n)|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029" + "".join(sorted(BIDI_CONTROLS)) + "]"
)


def visible_output(text: str) -> str:
    """What a command prints: every control character escaped, except tabs, line breaks and ``\\r\\n``.

    For the command line's stdout and stderr (a report, a table, a message naming a file): a
    terminal never receives an escape sequence from a note or a file, while a CSV's ``\\r\\n``
    line ends and a report's lines stay as they are.
    """
    if text.isprintable():
        return text
    return _OUTPUT_UNSAFE.sub(lambda match: match.group().encode("unicode_escape").decode("ascii"), text)
