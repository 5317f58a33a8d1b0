"""Problems with files on disk, described in the user's language. Imports no Textual."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from homeroom_tui.i18n import has, t


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one file: where, and why. Never holds note text."""

    path: Path
    where: str
    reason: str

    def __str__(self) -> str:
        if self.where:
            return f"{self.path}: {self.where}: {self.reason}"
        return f"{self.path}: {self.reason}"


class DamagedFile(Exception):
    """A file that cannot be used as it is. It is never overwritten."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = list(problems)

    @classmethod
    def one(cls, path: Path, where: str, reason: str) -> DamagedFile:
        """A damaged-file error with a single problem."""
        return cls([Problem(path, where, reason)])


_TOML_POS = re.compile(r"^(?P<msg>.*?)\s*\(at (?:line (?P<line>\d+), column (?P<col>\d+)|end of document)\)$")

# tomllib's reasons, translated; anything else is shown as tomllib wrote it.
_TOML_REASONS = {
    "Invalid statement": "toml.invalid_statement",
    "Invalid value": "toml.invalid_value",
    "Cannot overwrite a value": "toml.duplicate",
    "Cannot declare": "toml.duplicate",
    "Unterminated string": "toml.unterminated_string",
    "Expected '=' after a key in a key/value pair": "toml.expected_equals",
    "Expected newline or end of document after a statement": "toml.expected_newline",
    "Illegal character": "toml.illegal_character",
    "Found invalid character in string": "toml.illegal_character",
    "Invalid initial character for a key part": "toml.invalid_key",
    "Unclosed array": "toml.unclosed",
    "Unclosed inline table": "toml.unclosed",
    "Expected ']' at the end of a table declaration": "toml.unclosed_header",
    "Expected ']]' at the end of an array declaration": "toml.unclosed_header",
    "Cannot mutate immutable namespace": "toml.duplicate",
    "Invalid date or datetime": "toml.invalid_value",
}


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
    key = next((k for prefix, k in _TOML_REASONS.items() if detail.startswith(prefix)), None)
    reason = t(key) if key else t("toml.other", detail=detail)
    return Problem(path, where, t("err.toml_syntax", reason=reason))


_KEY_LINE = re.compile(
    r"""^\s*((?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)\s*="""
)
_HEADER = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?")


def _split_key(dotted: str) -> list[str]:
    parts = re.findall(r"""[A-Za-z0-9_-]+|"[^"]*"|'[^']*'""", dotted)
    return [p[1:-1] if p[:1] in "\"'" else p for p in parts]


def find_line(text: str, loc: Sequence[str | int]) -> int | None:
    """The line (1-based) that best matches the field path ``loc`` in a TOML text."""
    want = [str(part) for part in loc if not isinstance(part, int)]
    if not want:
        return None
    table: list[str] = []
    best: tuple[int, int] | None = None  # (matched parts, line)
    for number, line in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(line)
        if header:
            table = _split_key(header.group(1))
            path = table
        else:
            key = _KEY_LINE.match(line)
            if not key:
                continue
            path = table + _split_key(key.group(1))
        matched = 0
        for a, b in zip(path, want, strict=False):
            if a != b:
                break
            matched += 1
        if matched == len(path) and matched and (best is None or matched > best[0]):
            best = (matched, number)
    return best[1] if best else None


def _dotted(loc: Sequence[str | int]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _reason(error: Any) -> str:
    kind = str(error.get("type", ""))
    ctx = dict(error.get("ctx") or {})
    if kind in ("value_error", "assertion_error") and "error" in ctx:
        code, _, arg = str(ctx["error"]).partition(":")
        key = f"err.value.{code}"
        if has(key):
            return t(key, arg=arg)
        return t("err.invalid")
    if kind == "literal_error":
        return t("err.literal_error", expected=ctx.get("expected", ""))
    key = f"err.{kind}"
    for family in ("datetime", "date", "time", "int", "float", "bool"):
        if not has(key) and kind.startswith(family + "_"):
            key = f"err.{family}_type"
    if has(key):
        values: dict[str, object] = {k: v for k, v in ctx.items() if isinstance(v, (int, float, str))}
        return t(key, **values)
    return t("err.invalid")


def validation_problems(path: Path, text: str, error: ValidationError) -> list[Problem]:
    """One problem per pydantic error, each naming the field and, where found, its line."""
    problems = []
    for item in error.errors(include_input=False, include_url=False):
        loc = tuple(item.get("loc", ()))
        where = _dotted(loc)
        line = find_line(text, loc)
        if line is not None:
            where = t("where.field_line", field=where or "-", line=line) if where else t("where.line", line=line)
        problems.append(Problem(path, where, _reason(item)))
    return problems
