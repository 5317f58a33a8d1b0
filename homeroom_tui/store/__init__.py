"""Files on disk: paths, atomic saves, loading with clear errors. Imports no Textual.

The names below are imported on first use (PEP 562), so that ``homeroom_tui.store.paths`` can be
used at start-up without importing pydantic and the model.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from homeroom_tui.store.atomic import atomic_write, ensure_private_dir
    from homeroom_tui.store.check import check_file
    from homeroom_tui.store.errors import DamagedFile, Problem, SaveRefused, error_reason, os_reason
    from homeroom_tui.store.paths import resolve_data_dir
    from homeroom_tui.store.reading import load_model
    from homeroom_tui.store.repository import Loaded, Store
    from homeroom_tui.store.writing import dump_model

_WHERE = {
    "atomic_write": "atomic",
    "ensure_private_dir": "atomic",
    "DamagedFile": "errors",
    "Problem": "errors",
    "SaveRefused": "errors",
    "error_reason": "errors",
    "os_reason": "errors",
    "Loaded": "repository",
    "Store": "repository",
    "check_file": "check",
    "dump_model": "writing",
    "load_model": "reading",
    "resolve_data_dir": "paths",
}

__all__ = [
    "DamagedFile",
    "Loaded",
    "Problem",
    "SaveRefused",
    "Store",
    "atomic_write",
    "check_file",
    "dump_model",
    "ensure_private_dir",
    "error_reason",
    "load_model",
    "os_reason",
    "resolve_data_dir",
]


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        value = getattr(importlib.import_module(f"homeroom_tui.store.{_WHERE[name]}"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'homeroom_tui.store' has no attribute {name!r}")
