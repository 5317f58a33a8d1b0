"""Models, storage and program logic import no Textual (checked in a fresh interpreter)."""

import subprocess
import sys

CODE = """
import sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name == "textual" or name.startswith("textual."):
            raise ImportError("textual is blocked below the screens")
sys.meta_path.insert(0, Block())
import homeroom_tui.model, homeroom_tui.store, homeroom_tui.program.progress
import homeroom_tui.program.demo, homeroom_tui.i18n, homeroom_tui.cli
import pkgutil, importlib, homeroom_tui.program
for mod in pkgutil.walk_packages(homeroom_tui.program.__path__, "homeroom_tui.program."):
    importlib.import_module(mod.name)
print("ok", "textual" in sys.modules)
"""


def test_lower_layers_import_without_textual() -> None:
    result = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["ok", "False"]
