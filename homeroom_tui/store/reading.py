"""Reading a TOML file safely: checks before parsing, syntax, schema version, validation. Imports no Textual.

Every reader of homeroom's files goes through here (groups, meetings, the agenda, the ice-breaker
library, ``check``). Reading never raises anything but :class:`DamagedFile`.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any, Final, TypeVar

import tomli
from pydantic import BaseModel, ValidationError

from homeroom_tui.i18n import t
from homeroom_tui.model import SCHEMA_VERSION
from homeroom_tui.store.errors import DamagedFile, find_line, os_reason, toml_problem, validation_problems

MAX_FILE_BYTES: Final = 1_048_576
"""Files larger than this are refused before they are read: no real meeting comes close."""

BOM: Final = b"\xef\xbb\xbf"
UTF16_32_BOMS: Final = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")

M = TypeVar("M", bound=BaseModel)


def read_text(path: Path) -> str:
    """The text of a TOML file, with the checks that come before parsing."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        raise DamagedFile.one(path, "", t("err.file_missing")) from None
    except OSError as exc:
        raise DamagedFile.one(path, "", t("err.os", reason=os_reason(exc))) from None
    if stat.S_ISLNK(info.st_mode):
        raise DamagedFile.one(path, "", t("err.symlink"))
    if stat.S_ISDIR(info.st_mode):
        raise DamagedFile.one(path, "", t("err.is_dir"))
    if not stat.S_ISREG(info.st_mode):
        raise DamagedFile.one(path, "", t("err.not_regular"))
    if info.st_size > MAX_FILE_BYTES:
        raise DamagedFile.one(path, "", t("err.too_large", size=info.st_size, limit=MAX_FILE_BYTES))
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(fd, "rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise DamagedFile.one(path, "", t("err.os", reason=os_reason(exc))) from None
    if len(raw) > MAX_FILE_BYTES:
        raise DamagedFile.one(path, "", t("err.too_large", size=len(raw), limit=MAX_FILE_BYTES))
    if raw.startswith(BOM):
        raw = raw[len(BOM) :]
    if not raw.strip():
        raise DamagedFile.one(path, "", t("err.empty"))
    if raw.startswith(UTF16_32_BOMS):  # saved as "Unicode" by an editor: text, but not UTF-8 (and full of NULs)
        raise DamagedFile.one(path, t("where.line", line=1), t("err.utf8"))
    nul = raw.find(b"\x00")
    if nul >= 0:
        line = raw.count(b"\n", 0, nul) + 1
        raise DamagedFile.one(path, t("where.line", line=line), t("err.nul"))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise DamagedFile.one(path, t("where.line", line=line), t("err.utf8")) from None


def parse_toml(path: Path, text: str) -> dict[str, Any]:
    """Parse TOML text, turning syntax errors into a :class:`DamagedFile`."""
    try:
        return tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        raise DamagedFile([toml_problem(path, str(exc), text)]) from None
    except RecursionError:
        raise DamagedFile.one(path, "", t("err.too_deep")) from None


def check_schema_version(path: Path, text: str, data: dict[str, Any]) -> None:
    """A file must say which version of the format it is written in, and one we can read."""
    if "schema_version" not in data:
        raise DamagedFile.one(path, "schema_version", t("err.missing"))
    version = data["schema_version"]
    if isinstance(version, bool) or not isinstance(version, int):
        line = find_line(text, ("schema_version",))
        where = t("where.field_line", field="schema_version", line=line) if line else "schema_version"
        raise DamagedFile.one(path, where, t("err.int_type"))
    if version > SCHEMA_VERSION:
        raise DamagedFile.one(path, "schema_version", t("err.schema_newer", version=version, supported=SCHEMA_VERSION))
    if version < 1:
        raise DamagedFile.one(path, "schema_version", t("err.schema_unknown", version=version))


def read_versioned(path: Path) -> tuple[str, dict[str, Any]]:
    """The text and the parsed TOML of a file written in a version of the format this homeroom reads."""
    text = read_text(path)
    data = parse_toml(path, text)
    check_schema_version(path, text, data)
    return text, data


def load_model(path: Path, model: type[M]) -> M:
    """Read, parse and validate one file as ``model``."""
    text, data = read_versioned(path)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise DamagedFile(validation_problems(path, text, exc)) from None
