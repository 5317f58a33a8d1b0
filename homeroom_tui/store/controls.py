"""Which text fields of a file hold control characters: for ``homeroom check``'s warnings. Imports no Textual.

A note pasted from a chat, or a file edited by hand, may hold ESC sequences, BEL, bidi overrides
or other control characters. homeroom keeps them as written and shows them as visible escapes;
``check`` says where they are (file and field, never the text) so that the counselor can look.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from homeroom_tui.plain import has_controls
from homeroom_tui.store.errors import DamagedFile, dotted
from homeroom_tui.store.reading import parse_toml, read_text


def _walk(value: Any, loc: list[str | int]) -> Iterator[list[str | int]]:
    if isinstance(value, str):
        if has_controls(value, multiline=True):
            yield loc
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(item, [*loc, str(key)])
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(item, [*loc, index])


def control_fields(path: Path) -> list[str]:
    """The fields of ``path`` (``stages.opening.notes``, ``members[2].name``) whose text holds control characters.

    A file that cannot be read or parsed gives none: ``check`` reports it as damaged already.
    """
    try:
        data = parse_toml(path, read_text(path))
    except DamagedFile:
        return []
    return [dotted(loc) or "-" for loc in _walk(data, [])]
