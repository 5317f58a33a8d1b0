"""Problems with files on disk, described in the user's language. Imports no Textual.

A problem names the file, where in it (field and line), and why. It never quotes the file's
content: a key or value typed by hand may hold note text, so user-typed keys are not echoed.
"""

from __future__ import annotations

import errno
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from pydantic import ValidationError

from homeroom_tui.i18n import has, t, t_count
from homeroom_tui.model.common import MEMBER_ID_PATTERN

MAX_PROBLEMS_PER_FILE: Final = 20


def printable(text: str) -> str:
    """``text`` with control and line-separator characters escaped, safe to print on one line."""
    if text.isprintable():
        return text
    out = []
    for char in text:
        if char.isprintable() and unicodedata.category(char) not in ("Zl", "Zp"):
            out.append(char)
        else:
            out.append(char.encode("unicode_escape").decode("ascii"))
    return "".join(out)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one file: where, and why. Never holds note text."""

    path: Path
    where: str
    reason: str

    def __str__(self) -> str:
        path = printable(str(self.path))
        if self.where:
            return f"{path}: {printable(self.where)}: {self.reason}"
        return f"{path}: {self.reason}"


class DamagedFile(Exception):
    """A file that cannot be used as it is. It is never overwritten."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = list(problems)

    @classmethod
    def one(cls, path: Path, where: str, reason: str) -> DamagedFile:
        """A damaged-file error with a single problem."""
        return cls([Problem(path, where, reason)])


class SaveRefused(Exception):
    """A save homeroom will not make: the file would be one it refuses to read (a field too long, too large).

    Nothing is written; the old file stays as it was and the text stays in memory.
    """

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = list(problems)


_OS_REASONS: Final = {
    errno.ENOSPC: "oserr.no_space",
    errno.EDQUOT: "oserr.no_space",
    errno.EACCES: "oserr.denied",
    errno.EPERM: "oserr.denied",
    errno.EROFS: "oserr.read_only",
    errno.ENOENT: "oserr.not_found",
    errno.ENOTDIR: "oserr.not_dir",
    errno.EISDIR: "oserr.is_dir",
    errno.ENAMETOOLONG: "oserr.name_too_long",
    errno.EIO: "oserr.io",
}


def os_reason(exc: BaseException) -> str:
    """A short reason for an operating-system error, in the user's language."""
    code = getattr(exc, "errno", None)
    key = _OS_REASONS.get(code) if isinstance(code, int) else None
    if key:
        return t(key)
    return getattr(exc, "strerror", None) or type(exc).__name__


def error_reason(exc: BaseException) -> str:
    """Why a load or save failed, in the user's language: the first problem, the OS reason, or the error's kind."""
    if isinstance(exc, DamagedFile) and exc.problems:
        return exc.problems[0].reason
    if isinstance(exc, SaveRefused) and exc.problems:
        first = exc.problems[0]
        return f"{printable(first.where)}: {first.reason}" if first.where else first.reason
    if isinstance(exc, OSError):
        return os_reason(exc)
    return type(exc).__name__


_TOML_POS = re.compile(r"^(?P<msg>.*?)\s*\(at (?:line (?P<line>\d+), column (?P<col>\d+)|end of document)\)$")

# tomllib's reasons, translated. Anything else gets a general message: tomllib's own text can
# quote a key or a character of the file, and the file may hold note text.
_TOML_REASONS: Final = (
    ("Invalid statement", "toml.invalid_statement"),
    ("Invalid value", "toml.invalid_value"),
    ("Invalid date or datetime", "toml.invalid_value"),
    ("Invalid hex value", "toml.backslash"),
    ("Escaped character is not a Unicode scalar value", "toml.backslash"),
    ("Unescaped '\\' in a string", "toml.backslash"),
    ("Cannot overwrite a value", "toml.duplicate"),
    ("Cannot declare", "toml.duplicate"),
    ("Cannot redefine namespace", "toml.duplicate"),
    ("Cannot mutate immutable namespace", "toml.duplicate"),
    ("Duplicate inline table key", "toml.duplicate"),
    ("Unterminated string", "toml.unterminated_string"),
    ("Expected '=' after a key in a key/value pair", "toml.expected_equals"),
    ("Expected newline or end of document after a statement", "toml.expected_newline"),
    ("Illegal character", "toml.illegal_character"),
    ("Found invalid character", "toml.illegal_character"),
    ("Invalid initial character for a key part", "toml.invalid_key"),
    ("Unclosed array", "toml.unclosed"),
    ("Unclosed inline table", "toml.unclosed"),
    ("Expected ']' at the end of a table declaration", "toml.unclosed_header"),
    ("Expected ']]' at the end of an array declaration", "toml.unclosed_header"),
)


def toml_problem(path: Path, message: str, text: str = "") -> Problem:
    """Turn a ``tomllib.TOMLDecodeError`` message into a problem with line and column."""
    match = _TOML_POS.match(message.strip())
    detail = message
    where = ""
    if match:
        detail = match.group("msg")
        if match.group("line"):
            where = t("where.line_col", line=match.group("line"), col=match.group("col"))
        else:
            where = t("where.end", line=text.count("\n") + 1)
    key = next((k for prefix, k in _TOML_REASONS if detail.startswith(prefix)), "toml.other")
    return Problem(path, where, t("err.toml_syntax", reason=t(key)))


_KEY_PART = r"""(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|'[^']*')"""
_KEY_LINE = re.compile(rf"^\s*({_KEY_PART}(?:\s*\.\s*{_KEY_PART})*)\s*=")
_HEADER = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?")


def _split_key(dotted: str) -> list[str]:
    parts = re.findall(_KEY_PART, dotted)
    return [p[1:-1] if p[:1] in "\"'" else p for p in parts]


class LineIndex:
    """Where each key and table of a TOML text starts: built once, asked many times."""

    def __init__(self, text: str) -> None:
        self.first: dict[tuple[str, ...], int] = {}
        table: list[str] = []
        for number, line in enumerate(text.splitlines(), start=1):
            header = _HEADER.match(line)
            if header:
                table = _split_key(header.group(1))
                path = tuple(table)
            else:
                key = _KEY_LINE.match(line)
                if not key:
                    continue
                path = tuple(table + _split_key(key.group(1)))
            self.first.setdefault(path, number)

    def find(self, loc: Sequence[str | int]) -> int | None:
        """The line of the longest known prefix of the field path ``loc``."""
        want = tuple(str(part) for part in loc if not isinstance(part, int))
        for end in range(len(want), 0, -1):
            line = self.first.get(want[:end])
            if line is not None:
                return line
        return None


def find_line(text: str, loc: Sequence[str | int]) -> int | None:
    """The line (1-based) that best matches the field path ``loc`` in a TOML text."""
    return LineIndex(text).find(loc)


_PLAIN_PART = re.compile(r"^[A-Za-z0-9_-]{1,40}$")


def dotted(loc: Sequence[str | int]) -> str:
    """A field path for people: ``stages.opening.notes``, ``members[2].name``.

    A key typed by hand that is not a plain name (it may hold note text) is shown as ``…``.
    """
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        elif part == "[key]":
            continue
        else:
            shown = part if _PLAIN_PART.match(part) else "…"
            out += ("." if out else "") + shown
    return out


# Error types outside a family (below) whose text is another type's.
_SAME_TEXT: Final = {"model_type": "dict_type", "model_attributes_type": "dict_type"}


def reason(error: Any) -> str:
    """One pydantic error in the user's language."""
    kind = str(error.get("type", ""))
    ctx = dict(error.get("ctx") or {})
    if kind in ("value_error", "assertion_error") and "error" in ctx:
        code, _, arg = str(ctx["error"]).partition(":")
        key = f"err.value.{code}"
        if has(key):
            return t(key, arg=arg)
        return t("err.invalid")
    if kind == "string_pattern_mismatch" and ctx.get("pattern") == MEMBER_ID_PATTERN:
        return t("err.value.member_id")
    if kind == "literal_error":
        return t("err.literal_error", expected=ctx.get("expected", ""))
    # Pydantic's error types of one family share one text: int_parsing says what int_type says.
    key = f"err.{_SAME_TEXT.get(kind, kind)}"
    for family in ("datetime", "date", "time", "int", "float", "bool", "string", "list", "dict"):
        if not has(key) and kind.startswith(family + "_"):
            key = f"err.{family}_type"
    if has(key):
        values: dict[str, object] = {k: v for k, v in ctx.items() if isinstance(v, (int, float, str))}
        return t(key, **values)
    return t("err.invalid")


def validation_problems(path: Path, text: str, error: ValidationError) -> list[Problem]:
    """One problem per pydantic error (at most ``MAX_PROBLEMS_PER_FILE``), naming the field and its line."""
    index = LineIndex(text)
    items = error.errors(include_input=False, include_url=False)
    problems = []
    for item in items[:MAX_PROBLEMS_PER_FILE]:
        loc = tuple(item.get("loc", ()))
        where = dotted(loc)
        line = index.find(loc)
        if line is not None:
            where = t("where.field_line", field=where, line=line) if where else t("where.line", line=line)
        problems.append(Problem(path, where, reason(item)))
    if len(items) > MAX_PROBLEMS_PER_FILE:
        problems.append(Problem(path, "", t_count("err.more_problems", len(items) - MAX_PROBLEMS_PER_FILE)))
    return problems
