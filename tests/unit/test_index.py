"""The index on disk (SQLite, in the cache folder): same result as reading the files, invalidated by
any change, rebuilt when damaged or foreign, private, and without a trace of purged text."""

from __future__ import annotations

import datetime as dt
import sqlite3
import stat
from pathlib import Path

import pytest

from homeroom_tui.i18n import set_language
from homeroom_tui.program.demo import DEMO_GROUP_ID, write_demo
from homeroom_tui.program.review import IndexedSearch, fts_query
from homeroom_tui.store import Store
from homeroom_tui.store.index import OLD_INDEX_DIR, Index, index_path
from homeroom_tui.store.retention import plan_purge, purge


@pytest.fixture
def demo(tmp_path: Path) -> Store:
    return write_demo(tmp_path / "d")


def indexed(store: Store) -> list[str]:
    index = Index.open(store.root)
    assert index is not None
    with index:
        return sorted(row[0] for row in index.conn.execute("SELECT path FROM files"))


def index_bytes(store: Store) -> bytes:
    path = index_path(store.root)
    return b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))


def test_the_index_lives_in_the_cache_folder_private_and_never_beside_the_data(demo: Store, cache_home: Path) -> None:
    (demo.root / OLD_INDEX_DIR).mkdir()
    (demo.root / OLD_INDEX_DIR / f"{DEMO_GROUP_ID}.json").write_text('{"version": 1, "files": {"x": "note text"}}')
    demo.load_all()
    path = index_path(demo.root)
    assert path.is_relative_to(cache_home) and path.exists()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert not (demo.root / OLD_INDEX_DIR).exists()  # the old JSON caches held note text: deleted
    assert len(indexed(demo)) == 5


def test_warm_load_equals_cold_load(demo: Store) -> None:
    cold = demo.load_all(use_cache=False)
    first = demo.load_all()
    warm = Store(demo.root).load_all()
    assert first == cold and warm == cold


def test_a_changed_file_is_read_again_and_its_old_text_leaves_the_index(demo: Store) -> None:
    demo.load_all()
    group = demo.load_group(DEMO_GROUP_ID)
    meeting = demo.load_meeting(group, 2)
    meeting.private_notes = "Zwischenzeitlich geändert"
    Store(demo.root).save_meeting(meeting)
    old = b"tidak mau bicara"
    assert old not in index_bytes(demo) or True  # (the demo's text; checked below with a unique one)
    warm = Store(demo.root).load_all()
    assert warm.meetings[DEMO_GROUP_ID][1].private_notes == "Zwischenzeitlich geändert"
    assert [h.meeting_number for h in IndexedSearch(demo.root).search("zwischenzeitlich")] == [2]
    meeting.private_notes = "replaced again"
    Store(demo.root).save_meeting(meeting)
    Store(demo.root).sync_index()
    assert b"Zwischenzeitlich" not in index_bytes(demo)
    assert IndexedSearch(demo.root).search("zwischenzeitlich") == []


def test_a_damaged_file_is_reported_every_time_and_never_indexed(demo: Store) -> None:
    demo.load_all()
    path = demo.meeting_path(DEMO_GROUP_ID, 3)
    path.write_text(path.read_text().replace("status = ", "status = 7 #", 1))
    warm = Store(demo.root).load_all()
    assert [m.number for m in warm.meetings[DEMO_GROUP_ID]] == [1, 2, 4]
    assert [p.path for p in warm.problems] == [path]
    for _ in range(2):
        indexed_now, problems = Store(demo.root).sync_index()
        assert indexed_now and [p.path for p in problems] == [path]
    assert f"groups/{DEMO_GROUP_ID}/meeting-03.toml" not in indexed(demo)


def test_removed_and_renamed_files_and_a_deleted_group(demo: Store) -> None:
    other = demo.create_group("Kelompok B", ["Dewi", "Eka"])
    Store(demo.root).sync_index()
    demo.meeting_path(DEMO_GROUP_ID, 4).unlink()
    demo.meeting_path(DEMO_GROUP_ID, 3).rename(demo.meeting_path(DEMO_GROUP_ID, 5))
    demo.group_path(other.id).unlink()
    demo.group_dir(other.id).rmdir()
    Store(demo.root).sync_index()
    names = [p.rsplit("/", 1)[1] for p in indexed(demo)]
    assert names == ["group.toml", "meeting-01.toml", "meeting-02.toml"]  # meeting 5 holds number 3: damaged


@pytest.mark.parametrize("content", [b"", b"not a database at all" * 100, b"SQLite format 3\x00" + b"\x00" * 200])
def test_a_damaged_index_is_rebuilt(demo: Store, content: bytes) -> None:
    cold = demo.load_all()
    index_path(demo.root).write_bytes(content)
    assert Store(demo.root).load_all() == cold
    assert len(indexed(demo)) == 5


def test_a_foreign_or_older_index_is_rebuilt(demo: Store) -> None:
    demo.load_all()
    with sqlite3.connect(index_path(demo.root)) as conn:
        conn.execute("UPDATE meta SET value = '1' WHERE key = 'version'")
    assert Store(demo.root).load_all().meetings[DEMO_GROUP_ID]
    index = Index.open(demo.root)
    assert index is not None
    with index:
        assert dict(index.conn.execute("SELECT key, value FROM meta"))["version"] == "2"


def test_a_tampered_row_is_not_trusted(demo: Store) -> None:
    cold = demo.load_all()
    with sqlite3.connect(index_path(demo.root)) as conn:
        conn.execute("UPDATE files SET data = '{\"nonsense\": true}' WHERE path LIKE '%meeting-01.toml'")
    assert Store(demo.root).load_all() == cold


def test_purge_leaves_no_trace_of_deleted_text_in_the_index(demo: Store) -> None:
    meeting = demo.load_meeting(demo.load_group(DEMO_GROUP_ID), 1)
    meeting.private_notes = "Rahasia-purge-unik"
    demo.save_meeting(meeting)
    Store(demo.root).sync_index()
    assert b"Rahasia-purge-unik" in index_bytes(demo)
    purge(plan_purge(demo, dt.date(2024, 1, 23)).files)
    assert b"Rahasia-purge-unik" not in index_bytes(demo)  # secure_delete, merged, vacuumed
    assert b"rahasia" not in index_bytes(demo).lower()  # not even as a token of the full-text index
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


@pytest.mark.parametrize(
    ("typed", "query"),
    [
        ("malu", '"malu"*'),
        ("malu ", '"malu"'),
        ("malu* teman", '"malu"* "teman"*'),
        ('"tidak percaya diri"', '"tidak percaya diri"'),
        ('"tidak perc', '"tidak perc"'),
        ('NEAR(a b) OR "x', '"NEAR a" "b" "OR" "x"'),
        ("[b]Bima[/b]", '"b Bima b"*'),
        ("* - ( )", None),
    ],
)
def test_what_is_typed_becomes_a_safe_query(typed: str, query: str | None) -> None:
    assert fts_query(typed) == query


def test_search_ranks_finds_phrases_prefixes_and_ignores_case_and_accents(demo: Store) -> None:
    group = demo.load_group(DEMO_GROUP_ID)
    one, two, three = (demo.load_meeting(group, n) for n in (1, 2, 3))
    one.private_notes = "Dia tidak percaya diri. Tidak percaya diri sama sekali, tidak percaya diri lagi."
    two.private_notes = "Diri sendiri tidak mau; teman percaya padanya."
    three.private_notes = "Ngopi di Café Bintang; dia pemalu, malunya hilang."
    for meeting in (one, two, three):
        demo.save_meeting(meeting)
    Store(demo.root).sync_index()
    search = IndexedSearch(demo.root)
    phrase = search.search('"tidak percaya diri"')
    assert [(h.meeting_number, h.where) for h in phrase] == [(1, "private_notes")]
    words = [h for h in search.search("tidak percaya diri ") if h.where == "private_notes"]
    assert [h.meeting_number for h in words][:2] == [1, 2]  # three times ranks above once
    hit = phrase[0]
    assert [hit.text[a:b].lower() for a, b in hit.spans][:1] == ["tidak percaya diri"]
    cafe = search.search("cafe")
    assert [h.meeting_number for h in cafe] == [3] and cafe[0].text[slice(*cafe[0].spans[0])] == "Café"
    assert [h.meeting_number for h in search.search("CAFÉ")] == [3]
    assert 3 in [h.meeting_number for h in search.search("malu*")]
    set_language("id")
    assert [h.meeting_number for h in search.search("MALUNYA ")] == [3]


def test_the_demo_in_a_temporary_folder_leaves_no_index_behind(
    monkeypatch: pytest.MonkeyPatch, cache_home: Path
) -> None:
    from homeroom_tui.cli import main
    from homeroom_tui.cli import meetings as cli_meetings

    seen: list[Path] = []

    def review(root: Path, *_: object) -> int:  # the app reads the demo: its index is written
        Store(root).sync_index()
        seen.append(index_path(root))
        assert seen[0].exists()
        return 0

    monkeypatch.setattr(cli_meetings, "run_app", review)
    assert main(["demo"]) == 0
    assert seen and not seen[0].exists()
    assert list((cache_home / "homeroom" / "index").iterdir()) == []
