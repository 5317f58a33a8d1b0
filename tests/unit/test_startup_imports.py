"""What a bare start imports before its first frame: the named lazy boundaries, checked.

homeroom loads in steps (see README, "Layout"): the command line parses without the app; the app
paints its first frame with the home screen's frame only; pydantic, the models and the store's
reading come after that frame, in the loading worker; each other screen is imported when it opens.
A stray import at the top of a module would pull a whole layer into the first frame without any
test noticing: this one does, by starting ``homeroom`` the way the console script does (headless)
and listing the modules present when the first frame is out.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PROBE = """
import sys
from textual.app import App
import homeroom_tui.app as app_module

seen = []
WATCHED = ("homeroom_tui", "pydantic", "tomli", "tomli_w", "jinja2", "tomllib")
def after_first_frame(self):
    seen.extend(sorted(m for m in sys.modules if m.split(".")[0] in WATCHED))
    self.exit()
app_module.HomeroomApp._after_first_frame = after_first_frame
run = App.run
App.run = lambda self, *args, **kwargs: run(self, *args, headless=True, **kwargs)

from homeroom_tui.cli import main
code = main(["--lang", "en", "--data-dir", sys.argv[1]])
print("exit", code)
print("\\n".join(seen))
"""

FIRST_FRAME_NEVER = (
    "pydantic",
    "tomli",
    "tomli_w",
    "tomllib",
    "jinja2",
    "homeroom_tui.model",
    "homeroom_tui.program.session",
    "homeroom_tui.program.agenda",
    "homeroom_tui.program.icebreakers",
    "homeroom_tui.program.report",
    "homeroom_tui.screens.meeting",
    "homeroom_tui.screens.review",
    "homeroom_tui.widgets.panels",
)
"""Modules (and their submodules) that must wait for the first frame: the data layer and other screens."""


def first_frame_modules(data_dir: Path) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(data_dir)], capture_output=True, text=True, check=False, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]
    lines = result.stdout.split()
    assert lines[:2] == ["exit", "0"], result.stdout[-2000:]
    return lines[2:]


def test_a_bare_start_paints_its_first_frame_without_the_data_layer(tmp_path: Path) -> None:
    seen = first_frame_modules(tmp_path / "data")
    assert "homeroom_tui.screens.home" in seen  # the probe did see the first frame
    early = [m for m in seen if any(m == name or m.startswith(name + ".") for name in FIRST_FRAME_NEVER)]
    assert early == [], f"imported before the first frame: {early}"
