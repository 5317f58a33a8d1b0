"""The bytes a save writes: a model as TOML, checked to be a file homeroom reads again. Imports no Textual."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Final

import tomli_w
from pydantic import BaseModel, ValidationError

from homeroom_tui.i18n import t
from homeroom_tui.model import SCHEMA_VERSION
from homeroom_tui.store.errors import Problem, SaveRefused, validation_problems

SAVE_BUDGET_BYTES: Final = 524_288
"""A save that would make a file larger than this is refused: well under
:data:`~homeroom_tui.store.reading.MAX_FILE_BYTES`, so that a file homeroom writes is always one it
reads, also after a hand edit adds a little."""

HEADERS: Final = {
    "group": "# homeroom group file: plan and members. Format: docs/FORMAT.md. Confidential.\n",
    "meeting": "# homeroom meeting file. Format: docs/FORMAT.md. Confidential counseling notes.\n",
}


def _saved_data(instance: BaseModel) -> dict[str, Any]:
    """What a model saves: absent values left out (TOML has no null), in the current format version."""
    data = instance.model_dump(mode="python", exclude_none=True)
    if data.get("attachments") == []:
        del data["attachments"]  # a meeting without attached files is written as before they existed
    if "schema_version" in data:
        data["schema_version"] = SCHEMA_VERSION  # a version-1 file becomes version 2 when it is saved
    return data


def _toml_bytes(header: str, data: dict[str, Any]) -> bytes:
    return (header + tomli_w.dumps(data, multiline_strings=True)).encode("utf-8")


def dump_model(instance: BaseModel, header: str = "") -> bytes:
    """The TOML bytes for a model: absent values are left out (TOML has no null)."""
    return _toml_bytes(header, _saved_data(instance))


def dump_for_save(path: Path, instance: BaseModel, header: str) -> bytes:
    """The bytes :func:`dump_model` gives, once they are known to be a file homeroom reads again.

    Raises :class:`SaveRefused` (naming the field, never its text) when a field breaks the model's
    rules (a change that skipped validation, such as ``model_copy``), or when the file would be
    larger than :data:`SAVE_BUDGET_BYTES`.
    """
    data = _saved_data(instance)
    try:
        type(instance).model_validate(data)
    except ValidationError as exc:
        raise SaveRefused(validation_problems(path, "", exc)) from None
    raw = _toml_bytes(header, data)
    if len(raw) > SAVE_BUDGET_BYTES:
        size, limit = -(-len(raw) // 1024), SAVE_BUDGET_BYTES // 1024
        raise SaveRefused([Problem(path, "", t("err.over_budget", size=size, limit=limit))])
    return raw
