"""Files on disk: paths, atomic saves, loading with clear errors. Imports no Textual."""

from homeroom_tui.store.atomic import atomic_write, ensure_private_dir
from homeroom_tui.store.errors import DamagedFile, Problem, error_reason, os_reason
from homeroom_tui.store.files import Loaded, Store, check_file, dump_model, load_model
from homeroom_tui.store.paths import resolve_data_dir

__all__ = [
    "DamagedFile",
    "Loaded",
    "Problem",
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
