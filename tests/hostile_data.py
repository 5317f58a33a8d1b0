"""A data folder full of hostile text, shared by the screen and the command-line tests (imports no Textual).

A group, its members and faculties, answers, notes, private notes, observation notes, a user
ice-breaker file and a user agenda file all hold markup look-alikes (``[b]``, ``[/x]``,
``[@click=app.quit]``, ``skala [a=rendah, b=tinggi``), terminal escape sequences
(``ESC ]2;secret BEL``, ``ESC [31m``), a bidi override, a trailing backslash, a 45-character name
and a 10,000-character answer.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import tomli_w

from homeroom_tui.model import Answers, Attendance, IcebreakerUse, Meeting, Observation
from homeroom_tui.store import Store

TITLE_ESCAPE = "\x1b]2;secret\x07"  # would set the terminal's window title
RED = "\x1b[31m"
RLO = "\u202e"  # right-to-left override
LONG_NAME = "Muhammad Rizky Aditya Pratama Nugroho Saputra"  # 45 characters
assert len(LONG_NAME) == 45
MARKUP = ["[b]", "[/x]", "[@click=app.quit]", "skala [a=rendah, b=tinggi"]

GROUP_NAME = "Kelas [/XI] [@click=app.quit]"
MEMBERS = [
    "Dewi [Psikologi]",
    "[b]Bima[/b]",
    "[@click=app.quit]",
    "skala [a=rendah, b=tinggi",
    "Citra\\",
    LONG_NAME,
    f"Eka {RLO}ikswoL",
]
FACULTY = "[/x] Syariah\\"
NOTE = f"skala [a=rendah, b=tinggi {TITLE_ESCAPE} {RED}merah [b]"
PRIVATE = f"Rahasia {TITLE_ESCAPE}\n[@click=app.quit] {RLO}desrever\\"
ANSWER = f"[b]Saya{RED} dari Lahat {TITLE_ESCAPE}"
LONG_ANSWER = ("Panjang [b] " * 900)[:9_989] + f"{RED}akhir\\"
assert len(LONG_ANSWER) <= 10_000

ICEBREAKERS: dict[str, Any] = {
    "schema_version": 1,
    "icebreakers": [
        {
            "id": "hostile-game",
            "name": {"en": f"[b]Game {TITLE_ESCAPE}[/b]", "id": f"[b]Permainan {TITLE_ESCAPE}[/b]"},
            "summary": {"en": f"[@click=app.quit] {RED}red\\", "id": f"[@click=app.quit] {RED}merah\\"},
            "steps": {"en": ["skala [a=rendah, b=tinggi", f"{RLO}step"], "id": ["skala [a=rendah", f"{RLO}x"]},
            "purpose": "bonding",
            "stages": ["transition"],
            "duration_min": 1,
            "duration_max": 60,
            "group_min": 2,
            "group_max": 30,
            "energy": "low",
            "movement": False,
            "materials": [f"[/x] kertas {RED}"],
            "prep_minutes": 0,
        }
    ],
}


def _stage(panel: str, item: str) -> dict[str, Any]:
    return {
        "panel": panel,
        "checklist": [{"key": "hostile", "en": item, "id": item}],
        "round": {"answer": "checkin", "en": f"[b]How are you?{RED}", "id": f"[b]Apa kabar?{RED}"},
    }


ICEBREAKERS["icebreakers"].append({**ICEBREAKERS["icebreakers"][0], "id": "hostile-again"})  # meeting 1 did the first

AGENDA = {
    "schema_version": 1,
    "meetings": [
        {"number": n, "opening": _stage("round", f"Salam [/x] {TITLE_ESCAPE}"), "closing": _stage("checklist", "[b]")}
        for n in (1, 2)
    ],
}


GROUP_ID = "kelas-xi-click-app-quit"


def write_hostile(root: Path) -> Store:
    """A data folder full of hostile text: group, members, faculty, two meetings, user files."""
    store = Store(root)
    group = store.create_group(
        GROUP_NAME, MEMBERS, counselor="Bu [b]Sari\\", first_meeting=dt.date(2024, 1, 15), today=dt.date(2024, 1, 8)
    )
    group.members[0].faculty = FACULTY
    store.save_group(group)
    first = Meeting.new(group, 1)
    first.status = "completed"
    first.attendance = {m.id: Attendance(status="present") for m in group.members}
    first.stages.opening.notes = NOTE
    first.stages.activity.notes = NOTE
    first.private_notes = PRIVATE
    first.icebreaker = IcebreakerUse(id="hostile-game", rating=3, note=NOTE)
    first.answers = {"K1": Answers(checkin=ANSWER), "K2": Answers(checkin=LONG_ANSWER, impression=NOTE)}
    first.observations = {"K1": Observation(open_up=3, note=NOTE), "K4": Observation(eye_contact=2, note=ANSWER)}
    first.name_recall = {"K1": ["K2", "K3"]}
    store.save_meeting(first)
    second = Meeting.new(group, 2)  # opened in the runner: notes in its text areas
    second.stages.opening.notes = NOTE
    second.private_notes = PRIVATE
    store.save_meeting(second)
    (store.root / "icebreakers.toml").write_text(tomli_w.dumps(ICEBREAKERS))
    (store.root / "agenda.toml").write_text(tomli_w.dumps(AGENDA))
    return store
