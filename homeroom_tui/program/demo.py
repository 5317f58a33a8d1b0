"""The demo program of PROTOCOL.md: fictional data, the same every time. Imports no Textual."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from homeroom_tui.model import Group, Member
from homeroom_tui.store import Store

DEMO_GROUP_ID = "home-room-2024"

# Fictional students, one from each of nine faculties (names invented for the demo).
DEMO_MEMBERS: tuple[tuple[str, str], ...] = (
    ("Aisyah Putri", "Tarbiyah dan Keguruan"),
    ("Bima Pratama", "Syariah dan Hukum"),
    ("Citra Lestari", "Ushuluddin dan Pemikiran Islam"),
    ("Dimas Saputra", "Dakwah dan Komunikasi"),
    ("Eka Wulandari", "Adab dan Humaniora"),
    ("Fajar Nugroho", "Ekonomi dan Bisnis Islam"),
    ("Gita Anggraini", "Ilmu Sosial dan Ilmu Politik"),
    ("Hendra Wijaya", "Sains dan Teknologi"),
    ("Intan Permata", "Psikologi"),
)


def demo_group() -> Group:
    """The demo group: 9 fictional students, 4 weekly meetings from 2024-01-15."""
    return Group(
        id=DEMO_GROUP_ID,
        name="Home Room 2024",
        counselor="Konselor Demo",
        created=dt.date(2024, 1, 8),
        meetings_planned=4,
        first_meeting=dt.date(2024, 1, 15),
        every_days=7,
        members=[Member(id=f"K{i}", name=name, faculty=faculty) for i, (name, faculty) in enumerate(DEMO_MEMBERS, 1)],
    )


def write_demo(root: Path) -> Store:
    """Write the demo data into ``root`` (a folder that should hold nothing else)."""
    store = Store(root)
    group = demo_group()
    if not store.group_path(group.id).exists():
        store.save_group(group)
    return store
