"""Measure how fast homeroom starts, opens years of notes, searches, saves and answers a key.

    python scripts/bench.py [--meetings N] [--json] [--quick]

Every figure but one is a ratio to a baseline measured in the same run on the same machine, so
the figures compare across machines. See docs/PERFORMANCE.md for what each one means, how it is
measured, the goals and the last measured values.

The script writes N meetings (default 1000; 200 with ``--quick``) of realistic groups of nine
students into a temporary folder, built from the demo program's four full meetings with the
names, dates and notes varied, measures, prints, and deletes the folder. ``--json`` prints one
JSON object and nothing else on stdout; progress goes to stderr.

Uses only the standard library and what homeroom itself depends on.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import gc
import inspect
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

ROOT: Final = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run from anywhere, without installing homeroom
    sys.path.insert(0, str(ROOT))

if TYPE_CHECKING:
    from homeroom_tui.model import Group, Meeting
    from homeroom_tui.program.review import SearchIndex
    from homeroom_tui.store import Loaded

KEYS: Final = (
    "meetings",
    "startup_ratio",
    "review_cold_ratio",
    "review_warm_ratio",
    "search_ratio",
    "save_ratio",
    "keypress_ms",
    "rss_ratio",
)
"""The keys of ``--json``, in order."""

GOALS: Final[dict[str, tuple[str, float]]] = {
    "startup_ratio": ("<=", 1.25),
    "review_cold_ratio": ("<=", 1.2),
    "review_warm_ratio": ("<=", 0.25),
    "search_ratio": ("<=", 1.0),
    "save_ratio": ("<=", 1.5),
    "keypress_ms": ("<", 16.0),
    "rss_ratio": ("<=", 1.5),
}

SEARCH_WORD: Final = "beasiswa"
"""Searched for: it occurs in the private notes of one meeting in fifty (see RARE_PHRASE), so even at
N=10000 the search finds fewer hits than the review's limit of 500 and has to look at every note."""
RARE_EVERY: Final = 50

PROGRAM_LENGTHS: Final = (4, 4, 4, 8)
"""Meetings per group, in turn: most programs have the protocol's four meetings, some run eight."""

SIZE: Final = (120, 40)
"""Terminal size of every headless run."""


@dataclass(frozen=True)
class Plan:
    """How many times each figure is measured."""

    runs: int
    """In-process runs of the review, search and save figures (the median is reported)."""
    startup_runs: int
    """Fresh processes per side for the startup figure."""
    rss_runs: int
    """Fresh processes per side for the memory figure."""
    presses: int
    """Key presses timed in the live meeting."""


FULL: Final = Plan(runs=7, startup_runs=7, rss_runs=3, presses=31)
QUICK: Final = Plan(runs=5, startup_runs=5, rss_runs=2, presses=15)


def say(message: str) -> None:
    """Progress, on stderr (stdout is kept for the result)."""
    print(f"bench: {message}", file=sys.stderr, flush=True)


def median(values: Sequence[float]) -> float:
    """The median of measured values (at least one)."""
    if not values:
        raise ValueError("nothing measured")
    return float(statistics.median(values))


def timed(action: Callable[[], object]) -> float:
    """Seconds ``action`` takes, after a collection so earlier garbage is not billed to it."""
    gc.collect()
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


# --- the data folder ------------------------------------------------------------------------------------

FIRST_NAMES: Final = (
    "Ahmad", "Nurul", "Rizky", "Siti", "Dewi", "Putra", "Ayu", "Reza", "Fitri", "Yoga",
    "Wulan", "Arif", "Nadia", "Bayu", "Laila", "Irfan", "Mega", "Teguh", "Rahma", "Dani",
    "Sinta", "Hafiz", "Tiara", "Galih", "Zahra", "Rudi", "Maya", "Ilham", "Salsa", "Farhan",
)  # fmt: skip
SURNAMES: Final = (
    "Pratama", "Saputra", "Lestari", "Wijaya", "Hidayat", "Kurniawan", "Rahmawati", "Nugroho",
    "Permata", "Santoso", "Utami", "Setiawan", "Maharani", "Firmansyah", "Anggraini", "Ramadhan",
)  # fmt: skip
COUNSELORS: Final = ("Bu Sari", "Pak Anwar", "Bu Ratna", "Pak Hasan", "Bu Lina")
DEMO_FIRST_NAMES: Final = ("Aisyah", "Bima", "Citra", "Dimas", "Eka", "Fajar", "Gita", "Hendra", "Intan")
"""First names of the demo's members, K1 to K9, as the demo's notes and answers use them."""

STAGE_PHRASES: Final = (
    "Ruangan agak panas karena kipas angin rusak, tetapi suasana tetap hangat.",
    "Beberapa anggota saling bertukar nomor WhatsApp sebelum mulai.",
    "Dibahas juga cara membagi waktu antara organisasi dan kuliah.",
    "Ada yang bercerita tentang persiapan KKN di desa.",
    "Hujan deras membuat dua anggota datang dengan baju basah.",
    "Mereka sepakat belajar bersama di perpustakaan pusat.",
    "Camilan hari ini dibawa bergantian oleh anggota.",
)
PRIVATE_PHRASES: Final = (
    "Perlu dipantau apakah kehadiran tetap stabil menjelang ujian.",
    "Sampaikan ke wali dosen jika keluhan kesehatan berlanjut.",
    "Tawarkan sesi individual bila ada yang memintanya.",
    "Ia menyebut ingin pindah kos agar lebih dekat ke kampus.",
    "Catat kemajuan kecil agar bisa diapresiasi minggu depan.",
    "Cek lagi jadwal ruang konseling untuk pertemuan berikutnya.",
    "Perhatikan dinamika antara anggota yang baru akrab.",
    "Koordinasi dengan bagian kemahasiswaan soal kegiatan UKM.",
    "Beri ruang lebih bagi yang paling jarang bicara.",
    "Tanyakan kabar keluarga anggota yang sedang sakit.",
)
RARE_PHRASE: Final = "Ia menyebut ingin mendaftar beasiswa dan butuh surat rekomendasi."
TEXT_KEYS: Final = frozenset(
    {"notes", "private_notes", "note", "checkin", "problem", "resolution", "change", "impression"}
)
DEMO_NAME_RE: Final = re.compile(r"\b(" + "|".join(DEMO_FIRST_NAMES) + r")\b")


@dataclass
class _Variation:
    """How one generated meeting differs from its demo template."""

    shift: dt.timedelta
    names: dict[str, str]
    seed: int
    rare: bool = False
    count: int = 0

    def text(self, key: str, value: str) -> str:
        """A note or answer of the template, with this group's names and a sentence of its own."""
        value = DEMO_NAME_RE.sub(lambda m: self.names[m.group(1)], value)
        self.count += 1
        if key == "private_notes":
            value = f"{value} {PRIVATE_PHRASES[self.seed % len(PRIVATE_PHRASES)]}"
            return f"{value} {RARE_PHRASE}" if self.rare else value
        if key == "notes":
            return f"{value} {STAGE_PHRASES[(self.seed + self.count) % len(STAGE_PHRASES)]}"
        return value

    def apply(self, value: Any, key: str = "") -> Any:
        """A copy of a dumped meeting with dates shifted and texts varied."""
        if isinstance(value, dict):
            return {k: self.apply(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [self.apply(v, key) for v in value]
        if isinstance(value, dt.date):  # dates and datetimes move with the group's calendar
            return value + self.shift
        if isinstance(value, str) and value and key in TEXT_KEYS:
            return self.text(key, value)
        return value


def program_sizes(total: int) -> Iterator[int]:
    """Meetings per group until ``total`` meetings: the last group may be part-way through its program."""
    left, index = total, 0
    while left > 0:
        size = min(PROGRAM_LENGTHS[index % len(PROGRAM_LENGTHS)], left)
        yield size
        left -= size
        index += 1


def _write_private(path: Path, data: bytes) -> None:
    path.write_bytes(data)
    path.chmod(0o600)


def generate(root: Path, meetings: int) -> list[str]:
    """Write ``meetings`` completed meetings spread over groups of nine; returns the group ids."""
    from homeroom_tui.model import Group, Meeting
    from homeroom_tui.program.demo import demo_group, demo_meetings
    from homeroom_tui.store import dump_model, writing

    headers: dict[str, str] = getattr(writing, "HEADERS", {})  # a courtesy comment, not part of the format
    template_group = demo_group().model_dump(mode="python", exclude_none=True)
    templates = [(m.date, m.model_dump(mode="python", exclude_none=True)) for m in demo_meetings()]
    faculties = [member["faculty"] for member in template_group["members"]]
    groups_dir = root / "groups"
    groups_dir.mkdir(mode=0o700, parents=True)
    ids: list[str] = []
    written = 0
    for index, size in enumerate(program_sizes(meetings)):
        rng = random.Random(index)
        first = dt.date(2015, 1, 5) + dt.timedelta(days=7 * ((index * 5) % 520))  # ten years of Mondays
        firsts = rng.sample(FIRST_NAMES, 9)
        group_id = f"home-room-{first.year}-{index + 1:05d}"
        group_data = dict(template_group)
        group_data.update(
            id=group_id,
            name=f"Home Room {first.year} {'ABCDEFGH'[index % 8]}{index // 8 + 1}",
            counselor=COUNSELORS[index % len(COUNSELORS)],
            created=first - dt.timedelta(days=7),
            first_meeting=first,
            meetings_planned=PROGRAM_LENGTHS[index % len(PROGRAM_LENGTHS)],
            members=[
                {"id": f"K{n}", "name": f"{name} {rng.choice(SURNAMES)}", "faculty": faculty}
                for n, (name, faculty) in enumerate(zip(firsts, rng.sample(faculties, 9), strict=True), 1)
            ],
        )
        group = Group.model_validate(group_data)
        folder = groups_dir / group_id
        folder.mkdir(mode=0o700)
        _write_private(folder / "group.toml", dump_model(group, headers.get("group", "")))
        names = dict(zip(DEMO_FIRST_NAMES, firsts, strict=True))
        for number in range(1, size + 1):
            template_date, template = templates[(number - 1) % len(templates)]
            date = first + dt.timedelta(days=7 * (number - 1))
            rare = written % RARE_EVERY == 7  # meetings 8, 58, 108, ...: at least one from N=8 on
            variation = _Variation(date - template_date, names, seed=index * 7 + number * 3, rare=rare)
            data = variation.apply(template)
            data.update(group_id=group_id, number=number)
            meeting = Meeting.model_validate(data)
            _write_private(folder / f"meeting-{number:02d}.toml", dump_model(meeting, headers.get("meeting", "")))
            written += 1
        ids.append(group_id)
    return ids


def toml_files(root: Path) -> list[Path]:
    """Every group and meeting file, as homeroom would find them."""
    found: list[Path] = []
    for folder in sorted(os.scandir(root / "groups"), key=lambda e: e.name):
        for entry in sorted(os.scandir(folder.path), key=lambda e: e.name):
            if entry.name.endswith(".toml") and not entry.name.startswith("."):
                found.append(Path(entry.path))
    return found


# --- review, search and save, in this process -------------------------------------------------------------


def cache_support() -> str:
    """How ``Store`` caches its index: ``use_cache`` (a flag of ``load_all``), ``load_all_cached`` or ``""``."""
    from homeroom_tui.store import Store

    if "use_cache" in inspect.signature(Store.load_all).parameters:
        return "use_cache"
    if hasattr(Store, "load_all_cached"):
        return "load_all_cached"
    return ""


def forget_cache(root: Path) -> None:
    """Delete the index cache, wherever the store keeps it."""
    try:
        from homeroom_tui.store import index
    except ImportError:
        return
    forget = getattr(index, "forget", None)
    if callable(forget):
        forget(root)
    for name in (getattr(index, "INDEX_FILE", None), getattr(index, "INDEX_DIR", None)):
        if isinstance(name, str) and name:
            shutil.rmtree(root / name, ignore_errors=True)
            with contextlib.suppress(OSError):
                (root / name).unlink()


def load_review(root: Path) -> tuple[Loaded, SearchIndex | None]:
    """What the review screen does when it opens: read every file, then fill the first group's tabs.

    Where ``Store.load_all`` offers them, the screen keeps only the first group's meetings in memory
    (``keep``) and builds the search index as the files are read (``visit``): so does this.
    """
    from homeroom_tui.program.review import SearchIndex, meeting_rows, member_progress, overview
    from homeroom_tui.store import Store

    store = Store(root)
    load: Callable[..., Loaded] = getattr(store, "load_all_cached", store.load_all)
    options = inspect.signature(load).parameters
    kwargs: dict[str, Any] = {}
    index = None
    if "visit" in options:
        index = SearchIndex()
        kwargs["visit"] = index.add
    if "keep" in options:
        first: list[str] = []

        def keep(group: Group) -> bool:
            if not first:
                first.append(group.id)
            return group.id == first[0]

        kwargs["keep"] = keep
    loaded = load(**kwargs)
    if loaded.groups:
        group = loaded.groups[0]
        meetings = loaded.meetings.get(group.id, [])
        meeting_rows(group, meetings)
        overview(group, meetings)
        if group.members:
            member_progress(group, meetings, group.members[0].id)
    return loaded, index


def timed_load(root: Path) -> tuple[float, Loaded]:
    """Seconds of :func:`load_review`, and what it loaded."""
    loads: list[Loaded] = []
    seconds = timed(lambda: loads.append(load_review(root)[0]))
    return seconds, loads[0]


def parse_baseline(root: Path) -> None:
    """The baseline: list the files, read their bytes and parse them with tomllib, nothing else."""
    for path in toml_files(root):
        tomllib.loads(path.read_bytes().decode("utf-8"))


@dataclass
class Review:
    """The review, search and save figures with their absolute times."""

    parse_s: float
    cold_s: float
    warm_s: float
    search_s: float
    search_once_s: float
    grep_s: float
    save_s: float
    save_again_s: float
    save_bare_s: float
    hits: int
    grep_files: int
    notes: list[str] = field(default_factory=list)


def loaded_count(loaded: Loaded) -> int:
    """Meetings read: from the stubs every group gets, else from the meetings kept."""
    stubs: dict[str, list[object]] | None = getattr(loaded, "stubs", None)
    return sum(len(m) for m in (stubs if stubs is not None else loaded.meetings).values())


def check_loaded(loaded: Loaded, meetings: int) -> None:
    """The generated folder must load whole and clean, or the figures mean nothing."""
    count = loaded_count(loaded)
    if count != meetings or loaded.problems:
        problems = "; ".join(str(p) for p in loaded.problems[:3])
        raise RuntimeError(f"the generated folder loads {count} of {meetings} meetings: {problems}")


def measure_review(root: Path, meetings: int, runs: int) -> Review:
    """Cold and warm review loads, search and save, each the median of ``runs``."""
    from homeroom_tui.program.review import SearchIndex, search
    from homeroom_tui.store import Store

    parse: list[float] = []
    cold: list[float] = []
    for _ in range(runs):  # interleaved, so a slower moment of the machine hits both sides
        parse.append(timed(lambda: parse_baseline(root)))
        forget_cache(root)
        seconds, loaded = timed_load(root)
        cold.append(seconds)
        check_loaded(loaded, meetings)
    _, index = load_review(root)  # builds the cache (if there is one) for the warm runs
    warm = [timed(lambda: load_review(root)) for _ in range(runs)]
    check_loaded(load_review(root)[0], meetings)

    everything = Store(root).load_all()
    corpus = [(g, everything.meetings.get(g.id, [])) for g in everything.groups]
    if index is None:  # the screen builds its index on the first key instead: time that key
        searched = [timed(lambda: search(corpus, SEARCH_WORD)) for _ in range(runs)]
    else:
        searched = [timed(lambda: index.search(SEARCH_WORD)) for _ in range(runs)]
    hits = len(search(corpus, SEARCH_WORD))
    once = [timed(lambda: SearchIndex(corpus).search(SEARCH_WORD)) for _ in range(runs)]
    grep = shutil.which("grep")
    if grep is None:
        raise RuntimeError("grep is needed for the search baseline")
    grep_command = [grep, "-ril", "--include=*.toml", SEARCH_WORD, str(root / "groups")]
    grep_files = len(subprocess.run(grep_command, capture_output=True, text=True, check=False).stdout.splitlines())
    grepped = [timed(lambda: subprocess.run(grep_command, capture_output=True, check=False)) for _ in range(runs)]

    first, again, bare = measure_save(root, everything, runs)
    notes = []
    if not cache_support():
        notes.append("Store has no index cache yet: the warm figure is a second load in the same process")
    if index is None:
        notes.append("the review builds its search index on the first key: search includes building it")
    return Review(
        parse_s=median(parse),
        cold_s=median(cold),
        warm_s=median(warm),
        search_s=median(searched),
        search_once_s=median(once),
        grep_s=median(grepped),
        save_s=first,
        save_again_s=again,
        save_bare_s=bare,
        hits=hits,
        grep_files=grep_files,
        notes=notes,
    )


def fullest(loaded: Loaded) -> tuple[Group, Meeting]:
    """The meeting with the most text, as a counselor's autosave would write it."""
    best: tuple[int, Group, Meeting] | None = None
    for group in loaded.groups:
        for meeting in loaded.meetings.get(group.id, []):
            size = len(meeting.model_dump_json())
            if best is None or size > best[0]:
                best = (size, group, meeting)
    if best is None:
        raise RuntimeError("no meeting to save")
    return best[1], best[2]


def bare_save(path: Path, data: dict[str, Any]) -> None:
    """The baseline: ``tomli_w.dumps`` and an atomic replace (temp file beside it, write, fsync, rename)."""
    import tomli_w

    body = tomli_w.dumps(data, multiline_strings=True).encode("utf-8")
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(body)
            handle.flush()
            os.fsync(handle.fileno())
        Path(temp).replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(temp).unlink()
        raise


def measure_save(root: Path, loaded: Loaded, runs: int) -> tuple[float, float, float]:
    """Seconds of one autosave: the first of a session (a new Store that has just read the group's
    meetings, as the runner's has), a later one (the Store that wrote the file last), and the bare
    baseline."""
    from homeroom_tui.store import Store

    _, meeting = fullest(loaded)
    data = meeting.model_dump(mode="python", exclude_none=True)
    bare_path = root / "baseline" / "meeting.toml"
    bare_path.parent.mkdir(mode=0o700)
    bare_save(bare_path, data)
    steady = Store(root)
    steady.save_meeting(meeting)
    first: list[float] = []
    again: list[float] = []
    bare: list[float] = []
    group = Store(root).load_group(meeting.group_id)
    for _ in range(runs):
        # the first autosave of a session, as the runner does it: its Store has just read the
        # meeting (open_meeting), so it knows the file and need not read it again
        session_store = Store(root)
        session_store.load_meetings(group)
        first.append(timed(lambda store=session_store: store.save_meeting(meeting)))
        steady.save_meeting(meeting)  # the file is the steady store's own again
        again.append(timed(lambda: steady.save_meeting(meeting)))
        bare.append(timed(lambda: bare_save(bare_path, data)))
    shutil.rmtree(bare_path.parent)
    return median(first), median(again), median(bare)


# --- the live meeting: key press to frame -----------------------------------------------------------------


def live_folder(root: Path, live: Path, group_id: str) -> None:
    """A data folder holding one group with its first three meetings done: the runner opens meeting 4."""
    source = root / "groups" / group_id
    target = live / "groups" / group_id
    target.mkdir(mode=0o700, parents=True)
    for name in ("group.toml", "meeting-01.toml", "meeting-02.toml", "meeting-03.toml"):
        if (source / name).exists():
            shutil.copy2(source / name, target / name)


async def _keypress(data_dir: Path, group_id: str, presses: int) -> list[float]:
    from textual import events

    from homeroom_tui.app import make_app

    app = make_app(data_dir, meeting=(group_id, None), bell=False)
    frames: list[float] = []
    state = {"armed": False, "acted": False}
    shown = asyncio.Event()
    original = app._display

    def display(screen: Any, renderable: Any) -> None:
        original(screen, renderable)
        if state["armed"] and state["acted"] and renderable is not None and not app._batch_count:
            render = getattr(renderable, "render_segments", None)  # the terminal bytes, as a real terminal gets
            if callable(render):
                render(app.console)
            frames.append(time.perf_counter())
            state["armed"] = False
            shown.set()

    setattr(app, "_display", display)  # noqa: B010 - an instance attribute, for this app only
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        if type(screen).__name__ != "MeetingScreen":
            raise RuntimeError(f"the live meeting did not open (the screen is {type(screen).__name__})")
        await pilot.press("f2")  # the checklist panel: space ticks or unticks the highlighted item
        await pilot.pause()
        session = getattr(screen, "session", None)
        toggle = getattr(session, "toggle_item", None)
        if callable(toggle):

            def ticked(key: str) -> object:
                state["acted"] = True
                return toggle(key)

            setattr(session, "toggle_item", ticked)  # noqa: B010
        driver = app._driver
        if driver is None:
            raise RuntimeError("no driver")
        latencies: list[float] = []
        for _ in range(presses + 1):  # the first press is a warm-up
            shown.clear()
            state.update(armed=True, acted=not callable(toggle))
            start = time.perf_counter()
            driver.send_message(events.Key("space", " "))
            await asyncio.wait_for(shown.wait(), timeout=10)
            latencies.append(frames[-1] - start)
            await pilot.pause()
            await asyncio.sleep(0.03)
        await pilot.press("q")
        await pilot.pause()
    return latencies[1:]


def measure_keypress(root: Path, group_id: str, presses: int) -> float:
    """Median milliseconds from a key press to the frame that shows it, in the live meeting."""
    live = root / "live"
    live_folder(root, live, group_id)
    try:
        latencies = asyncio.run(_keypress(live, group_id, presses))
    finally:
        shutil.rmtree(live, ignore_errors=True)
    return median(latencies) * 1000


# --- fresh processes: startup and memory ------------------------------------------------------------------

DRIVER: Final = r'''
"""bench.py's driver: run homeroom or a bare Textual app headless, in a fresh process."""
import asyncio
import json
import os
import sys
import time


def peak_kib():
    """Peak resident memory of this process, in KiB.

    Linux's ru_maxrss of a child started by fork/vfork + exec starts at the parent's peak, so the
    mm's own high-water mark (VmHWM, reset by exec) is read instead where there is one.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak


def main():
    mode, kind, data_dir = sys.argv[1], sys.argv[2], sys.argv[3]
    from textual.app import App

    result = {}
    expected = "HomeScreen" if kind == "homeroom" else "Screen"
    original_display = App._display
    original_run = App.run

    def display(self, screen, renderable):
        original_display(self, screen, renderable)
        if (
            mode == "frame"
            and "frame" not in result
            and renderable is not None
            and not self._batch_count
            and type(screen).__name__ == expected
        ):
            render = getattr(renderable, "render_segments", None)
            if render is not None:
                render(self.console)
            result["frame"] = time.monotonic()
            self.exit()

    async def until_loaded(pilot):
        app = pilot.app
        deadline = time.monotonic() + 1800
        while time.monotonic() < deadline:
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            screen = app.screen
            if kind in ("bare", "floor") or (
                type(screen).__name__ == "ReviewScreen"
                and getattr(screen, "group", None) is not None
                and not getattr(screen, "indexing", False)
            ):
                break
            await asyncio.sleep(0.02)
        result["ready"] = time.monotonic()
        result["screen"] = type(app.screen).__name__
        if kind == "homeroom":  # every meeting is in the index once the review has brought it up to date
            from pathlib import Path

            from homeroom_tui.store.index import Index

            index = Index.open(Path(data_dir))
            if index is not None:
                with index:
                    result["meetings"] = index.conn.execute("SELECT count(*) FROM files WHERE number > 0").fetchone()[0]
        app.exit()

    def run(self, *args, **kwargs):
        kwargs["headless"] = True
        kwargs["size"] = (SIZE)
        if mode == "review":
            kwargs["auto_pilot"] = until_loaded
        return original_run(self, *args, **kwargs)

    App._display = display
    App.run = run
    if kind == "homeroom":
        from homeroom_tui.cli import main as homeroom

        code = homeroom(["--data-dir", data_dir] + (["review"] if mode == "review" else []))
        result["code"] = code
    else:
        from textual.widgets import Label

        if kind == "floor":  # the bare app, with what validating homeroom's files takes: pydantic and the model
            import homeroom_tui.model  # noqa: F401
            import homeroom_tui.store.repository  # noqa: F401

        class Bare(App):
            def compose(self):
                yield Label("a bare Textual app")

        Bare().run()
    result["maxrss"] = peak_kib()
    os.write(1, (json.dumps(result) + "\n").encode())
    os._exit(0)


main()
'''.replace("(SIZE)", repr(SIZE))


def run_driver(driver: Path, mode: str, kind: str, data_dir: Path, meetings: int = 0) -> dict[str, float]:
    """Run the driver in a fresh process; its numbers, with ``start`` (monotonic, just before the spawn)."""
    env = dict(os.environ)
    # An installed homeroom runs from compiled bytecode (pip writes it at install); with this set,
    # every run would compile homeroom's modules again and the warm-up run could not write them.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    command = [sys.executable, str(driver), mode, kind, str(data_dir)]
    start = time.monotonic()
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=3600, check=False)
    lines = done.stdout.strip().splitlines()
    stderr = done.stderr.strip()[-2000:]
    try:
        result: dict[str, Any] = json.loads(lines[-1])
    except (IndexError, ValueError):
        raise RuntimeError(f"{kind} {mode} run failed ({done.returncode}): {stderr}") from None
    if result.get("code"):
        raise RuntimeError(f"homeroom exited with {result['code']}: {stderr}")
    if mode == "frame" and "frame" not in result:
        raise RuntimeError(f"{kind} never drew its first screen: {stderr}")
    if (
        mode == "review"
        and kind == "homeroom"
        and (result.get("screen"), result.get("meetings"))
        != (
            "ReviewScreen",
            meetings,
        )
    ):
        raise RuntimeError(f"the review showed {result.get('meetings')} meetings on {result.get('screen')}: {stderr}")
    numbers = {k: float(v) for k, v in result.items() if isinstance(v, (int, float))}
    numbers["start"] = start
    return numbers


@dataclass
class Processes:
    """Startup and memory, each side in fresh processes."""

    startup_s: float
    bare_startup_s: float
    rss_kib: float
    bare_rss_kib: float
    warm_rss_kib: float
    floor_rss_kib: float
    review_open_s: float
    warm_review_open_s: float


def measure_processes(root: Path, work: Path, meetings: int, plan: Plan) -> Processes:
    """Time to the first frame and peak memory with the review open, for homeroom and a bare app.

    The review is opened with no index cache (its first opening: the highest peak), then once
    more with the cache that opening left, for the record.
    """
    driver = work / "bench_driver.py"
    driver.write_text(DRIVER, encoding="utf-8")
    for kind in ("bare", "homeroom"):  # warm-up: compiled bytecode and the OS file cache, for both sides
        run_driver(driver, "frame", kind, root)
    startup: dict[str, list[float]] = {"bare": [], "homeroom": []}
    for _ in range(plan.startup_runs):
        for kind in ("bare", "homeroom"):
            result = run_driver(driver, "frame", kind, root)
            startup[kind].append(result["frame"] - result["start"])
    rss: dict[str, list[float]] = {"bare": [], "homeroom": []}
    review_open: list[float] = []
    for _ in range(plan.rss_runs):
        for kind in ("bare", "homeroom"):
            forget_cache(root)
            result = run_driver(driver, "review", kind, root, meetings)
            rss[kind].append(result["maxrss"])
            if kind == "homeroom":
                review_open.append(result["ready"] - result["start"])
    warm = run_driver(driver, "review", "homeroom", root, meetings)
    floor = median([run_driver(driver, "review", "floor", root)["maxrss"] for _ in range(plan.rss_runs)])
    return Processes(
        startup_s=median(startup["homeroom"]),
        bare_startup_s=median(startup["bare"]),
        rss_kib=median(rss["homeroom"]),
        bare_rss_kib=median(rss["bare"]),
        warm_rss_kib=warm["maxrss"],
        floor_rss_kib=floor,
        review_open_s=median(review_open),
        warm_review_open_s=warm["ready"] - warm["start"],
    )


# --- putting it together ----------------------------------------------------------------------------------


@dataclass
class Outcome:
    """Everything measured: the figures and the absolute numbers behind them."""

    figures: dict[str, float]
    details: list[tuple[str, str]]


def bench(meetings: int, plan: Plan) -> Outcome:
    """Generate the folder, measure everything, delete the folder."""
    with tempfile.TemporaryDirectory(prefix="homeroom-bench-", ignore_cleanup_errors=True) as temp:
        work = Path(temp)
        root = work / "data"
        started = time.perf_counter()
        say(f"writing {meetings} meetings into {root}")
        group_ids = generate(root, meetings)
        generated = time.perf_counter() - started
        say(f"{len(group_ids)} groups written in {generated:.1f} s; review, search and save ({plan.runs} runs)")
        review = measure_review(root, meetings, plan.runs)
        say(f"startup and memory ({plan.startup_runs} + {plan.rss_runs} fresh processes a side)")
        processes = measure_processes(root, work, meetings, plan)
        say(f"key presses in the live meeting ({plan.presses})")
        keypress = measure_keypress(root, group_ids[0], plan.presses)
    figures = {
        "meetings": float(meetings),
        "startup_ratio": processes.startup_s / processes.bare_startup_s,
        "review_cold_ratio": review.cold_s / review.parse_s,
        "review_warm_ratio": review.warm_s / review.parse_s,
        "search_ratio": review.search_s / review.grep_s,
        "save_ratio": review.save_s / review.save_bare_s,
        "keypress_ms": keypress,
        "rss_ratio": processes.rss_kib / processes.bare_rss_kib,
    }
    details = [
        ("groups", f"{len(group_ids)} (of 9 members; {meetings} meetings)"),
        ("index cache", cache_support() or "none (warm = a second load in the same process)"),
        ("startup", f"{processes.startup_s * 1000:.0f} ms, bare Textual app {processes.bare_startup_s * 1000:.0f} ms"),
        ("tomllib parse", f"{review.parse_s * 1000:.1f} ms"),
        ("review cold", f"{review.cold_s * 1000:.1f} ms"),
        ("review warm", f"{review.warm_s * 1000:.1f} ms"),
        (
            "review in the app",
            f"{processes.review_open_s:.2f} s from process start to the review filled, "
            f"{processes.warm_review_open_s:.2f} s with the index cache",
        ),
        ("search", f"{review.search_s * 1000:.2f} ms a key ({review.hits} hits)"),
        ("search + index", f"{review.search_once_s * 1000:.1f} ms: program.review.search, building its own index"),
        ("grep -ril", f"{review.grep_s * 1000:.1f} ms ({review.grep_files} files)"),
        ("save", f"{review.save_s * 1000:.2f} ms first of a session, {review.save_again_s * 1000:.2f} ms later"),
        ("bare save", f"{review.save_bare_s * 1000:.2f} ms"),
        (
            "peak memory",
            f"{processes.rss_kib / 1024:.0f} MiB with the review open ({processes.warm_rss_kib / 1024:.0f} MiB "
            f"with the index cache), bare Textual app {processes.bare_rss_kib / 1024:.0f} MiB",
        ),
        (
            "memory floor",
            f"{processes.floor_rss_kib / 1024:.1f} MiB, {processes.floor_rss_kib / processes.bare_rss_kib:.2f} "
            "times the bare app: the same bare app importing homeroom's model and store (pydantic)",
        ),
    ]
    details += [("note", note) for note in review.notes]
    return Outcome(figures, details)


def met(key: str, value: float) -> bool:
    """Whether ``value`` meets the goal of ``key``."""
    op, goal = GOALS[key]
    return value < goal if op == "<" else value <= goal


def table(outcome: Outcome) -> str:
    """The figures with their goals, then the absolute numbers."""
    figures = outcome.figures
    lines = [f"homeroom bench: {int(figures['meetings'])} meetings", ""]
    lines.append(f"{'figure':<20}{'value':>10}  {'goal':<9}met")
    for key in KEYS[1:]:
        op, goal = GOALS[key]
        value = figures[key]
        lines.append(f"{key:<20}{value:>10.2f}  {op + ' ' + f'{goal:g}':<9}{'yes' if met(key, value) else 'NO'}")
    lines += ["", "measured:"]
    lines += [f"  {name:<18}{text}" for name, text in outcome.details]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the options, measure, print."""
    parser = argparse.ArgumentParser(prog="bench.py", description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument(
        "--meetings", type=int, metavar="N", help="meetings to generate (default 1000, 200 with --quick)"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object, nothing else on stdout")
    parser.add_argument("--quick", action="store_true", help="N=200 and fewer runs: under 40 seconds")
    args = parser.parse_args(argv)
    meetings = args.meetings if args.meetings is not None else (200 if args.quick else 1000)
    if meetings < 1:
        parser.error("--meetings must be at least 1")
    started = time.perf_counter()
    outcome = bench(meetings, QUICK if args.quick else FULL)
    say(f"done in {time.perf_counter() - started:.1f} s")
    if args.json:
        figures = {k: (int(v) if k == "meetings" else round(v, 4)) for k, v in outcome.figures.items()}
        print(json.dumps({k: figures[k] for k in KEYS}))
    else:
        print(table(outcome))
    return 0


if __name__ == "__main__":
    sys.exit(main())
