"""Order the message catalogs by screen: the same order in en.py and id.py, a heading per area.

Run from the repository root after adding keys (``python scripts/order_catalogs.py --write``);
without ``--write`` it only prints how many keys each area holds. Texts are moved, never changed.
A key goes to the area of its prefix (``review.`` -> review); ``key.*`` and ``cmd.*`` go to the
area of the first file in FILES that names them. Keys it cannot place are listed and put under
"the app everywhere": give them a prefix or a file below.
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

PACKAGE = Path("homeroom_tui")
AREAS = {
    "practice": "the practice: stages, attendance, the five indicators",
    "common": "words shared by several screens and the reports",
    "app": "the app everywhere: keys, help, palette, typing limits, unexpected errors",
    "home": "home screen: the groups",
    "form": "group form: a new group",
    "member": "member details: name, faculty, note, active, consent",
    "runner": "meeting runner: stages, clocks, finishing, cancelling",
    "panels": "meeting runner panels: checklist, round, attendance, recall, observations, notes, ice-breaker",
    "picker": "ice-breaker picker and library",
    "mirror": "the mirror: the meeting on a second screen for the room",
    "review": "review: meetings, members, overview, search, one meeting",
    "exports": "exports: Markdown, CSV and HTML reports, aliases, numbers",
    "dialogs": "dialogs: program end, the day held, locks, leaving with unsaved changes",
    "errors": "errors: where in a file, file problems, field values, TOML, the disk",
    "cli": "command line",
}
PREFIXES = {
    "practice": ("stage.", "stage_short.", "meeting_status.", "attendance.", "indicator.", "indicator_short."),
    "common": ("common.",),
    "errors": ("where.", "err.", "toml.", "oserr.", "store."),
    "cli": ("cli.", "argparse."),
    "exports": ("report.", "alias.", "number."),
    "review": ("review.",),
    "mirror": ("mirror.",),
    "picker": ("ib.", "purpose.", "energy.", "energy_level.", "material."),
    "form": ("form.",),
    "member": ("member.",),
    "home": ("home.",),
    "panels": ("panel.", "panel_short."),
    "runner": ("run.", "entered.", "cmd.panel_"),
    "dialogs": ("dialog.", "exit.", "lock.", "program."),
    "app": ("help.", "palette.", "app.", "error.", "limited."),
}
FILES = (  # key.*, cmd.* (and run.* named in the panels) by the first file (or folder/) that names them
    ("panels", "widgets/panels.py"),
    ("form", "screens/group_form.py"),
    ("member", "screens/member_details.py"),
    ("member", "screens/member_research.py"),
    ("picker", "screens/icebreaker_picker.py"),
    ("review", "screens/review/"),
    ("runner", "screens/meeting.py"),
    ("home", "screens/home.py"),
    ("mirror", "screens/mirror.py"),
    ("dialogs", "screens/dialogs.py"),
    ("dialogs", "screens/lock_prompt.py"),
    ("dialogs", "screens/unsaved.py"),
    ("app", "app.py"),
    ("app", "widgets/keys.py"),
    ("app", "screens/help.py"),
)


def area_of(key: str, named_in: dict[str, set[str]]) -> str | None:
    files = named_in.get(key, set())
    if key.startswith("run.") and "widgets/panels.py" in files:
        return "panels"
    if key.startswith(("key.", "cmd.")) and not key.startswith("cmd.panel_"):
        return next((area for area, place in FILES if any(file.startswith(place) for file in files)), None)
    return next((area for area, prefixes in PREFIXES.items() if key.startswith(prefixes)), None)


def entries(lines: list[str]) -> tuple[ast.Dict, dict[str, str]]:
    """The MESSAGES dict and each entry's source lines (comments between entries dropped)."""
    tree = ast.parse("\n".join(lines))
    messages = next(node for node in ast.walk(tree) if isinstance(node, ast.Dict))
    starts = [k.lineno for k in messages.keys if k is not None] + [messages.end_lineno or 0]
    found: dict[str, str] = {}
    for i, key in enumerate(messages.keys):
        assert isinstance(key, ast.Constant) and isinstance(key.value, str)
        span = [line for line in lines[starts[i] - 1 : starts[i + 1] - 1] if not line.strip().startswith("#")]
        while not span[-1].strip():
            span.pop()
        source = "\n".join(span).rstrip()
        assert source.endswith(","), key.value
        found[key.value] = source
    return messages, found


def main(write: bool) -> None:
    named_in: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        if path.parent.name != "i18n":
            for key in re.findall(r"""["']((?:key|cmd|run)\.[a-z0-9_.]+)["']""", path.read_text()):
                named_in.setdefault(key, set()).add(str(path.relative_to(PACKAGE)))
    _, english = entries((PACKAGE / "i18n" / "en.py").read_text().split("\n"))
    placed: dict[str, list[str]] = {area: [] for area in AREAS}
    for key in english:
        area = area_of(key, named_in)
        if area is None:
            print(f"not placed: {key}", file=sys.stderr)
        placed[area or "app"].append(key)
    order: list[str] = []
    for area, keys in placed.items():  # one prefix together, prefixes by first appearance, else as before
        first: dict[str, int] = {}
        for i, key in enumerate(keys):
            first.setdefault(key.split(".")[0], i)
        placed[area] = sorted(keys, key=lambda k: (first[k.split(".")[0]], keys.index(k)))
        order += placed[area]
        print(f"{area}: {len(keys)}")
    for lang in ("en", "id"):
        path = PACKAGE / "i18n" / f"{lang}.py"
        lines = path.read_text().split("\n")
        messages, source = entries(lines)
        assert set(source) == set(english), f"{lang}.py has other keys than en.py"
        body = []
        for area, keys in placed.items():
            title = AREAS[area]
            body += [f"    # {title} " + "-" * max(3, 96 - len(title)), *(source[k] for k in keys)]
        head = [*lines[: messages.lineno - 1], lines[messages.lineno - 1][: messages.col_offset] + "{"]
        if write:
            path.write_text("\n".join([*head, *body, "}", *lines[messages.end_lineno or 0 :]]))


if __name__ == "__main__":
    main("--write" in sys.argv)
