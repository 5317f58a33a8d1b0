"""The index cache: same result as reading the files, invalidated by any change, rebuilt when damaged."""

import json
import stat
from pathlib import Path

import pytest

from homeroom_tui.program.demo import DEMO_GROUP_ID, write_demo
from homeroom_tui.store import Store
from homeroom_tui.store.index import INDEX_DIR
from homeroom_tui.store.retention import plan_purge, purge


@pytest.fixture
def demo(tmp_path: Path) -> Store:
    return write_demo(tmp_path / "d")


def test_warm_load_equals_cold_load(demo: Store) -> None:
    cold = demo.load_all(use_cache=False)
    first = demo.load_all()
    cache = demo.root / INDEX_DIR / f"{DEMO_GROUP_ID}.json"
    assert cache.exists() and stat.S_IMODE(cache.stat().st_mode) == 0o600
    assert stat.S_IMODE(cache.parent.stat().st_mode) == 0o700
    assert len(json.loads(cache.read_text())["files"]) == 5
    warm = Store(demo.root).load_all()
    assert first == cold and warm == cold


def test_a_changed_file_is_read_again(demo: Store) -> None:
    demo.load_all()
    group = demo.load_group(DEMO_GROUP_ID)
    meeting = demo.load_meeting(group, 2)
    meeting.private_notes = "changed after the cache was written"
    Store(demo.root).save_meeting(meeting)
    warm = Store(demo.root).load_all()
    assert warm.meetings[DEMO_GROUP_ID][1].private_notes == "changed after the cache was written"


def test_a_damaged_file_is_reported_even_with_a_warm_cache(demo: Store) -> None:
    demo.load_all()
    path = demo.meeting_path(DEMO_GROUP_ID, 3)
    path.write_text(path.read_text().replace("status = ", "status = 7 #", 1))
    warm = Store(demo.root).load_all()
    assert [m.number for m in warm.meetings[DEMO_GROUP_ID]] == [1, 2, 4]
    assert [p.path for p in warm.problems] == [path]


@pytest.mark.parametrize("content", [b"", b"{not json", b'{"version": 99, "files": {}}', b'{"version": 1, "files": 5}'])
def test_a_damaged_cache_is_rebuilt(demo: Store, content: bytes) -> None:
    cold = demo.load_all()
    cache = demo.root / INDEX_DIR / f"{DEMO_GROUP_ID}.json"
    cache.write_bytes(content)
    assert Store(demo.root).load_all() == cold
    assert json.loads(cache.read_text())["version"] == 1


def test_a_tampered_entry_is_not_trusted(demo: Store) -> None:
    cold = demo.load_all()
    cache = demo.root / INDEX_DIR / f"{DEMO_GROUP_ID}.json"
    body = json.loads(cache.read_text())
    key = next(k for k in body["files"] if k.endswith("meeting-01.toml"))
    body["files"][key][1] = '{"schema_version": 1, "nonsense": true}'
    cache.write_text(json.dumps(body))
    assert Store(demo.root).load_all() == cold


def test_purge_forgets_the_cache(demo: Store) -> None:
    import datetime as dt

    demo.load_all()
    purge(plan_purge(demo, dt.date(2024, 1, 23)).files)
    assert list((demo.root / INDEX_DIR).iterdir()) == []
    assert [m.number for m in Store(demo.root).load_all().meetings[DEMO_GROUP_ID]] == [3, 4]


def test_load_all_reports_progress_per_group(demo: Store) -> None:
    demo.create_group("Second", ["A", "B"])
    seen: list[tuple[int, int]] = []
    demo.load_all(progress=lambda done, total: seen.append((done, total)))
    assert seen == [(1, 2), (2, 2)]


def test_keep_and_visit_hold_only_what_is_asked(demo: Store) -> None:
    second = demo.create_group("Second", ["A", "B"])
    visited: list[str] = []
    loaded = demo.load_all(keep=lambda g: g.id == second.id, visit=lambda g, ms: visited.append(g.id))
    assert list(loaded.meetings) == [second.id]
    assert visited == [DEMO_GROUP_ID, second.id]
    assert [s.number for s in loaded.stubs[DEMO_GROUP_ID]] == [1, 2, 3, 4]
