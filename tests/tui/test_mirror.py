"""The mirror on a second terminal follows the runner on the same data folder, in the same test.

Two apps run at once on one folder: the runner driven with keys, the mirror left to its own
polling; each change in the runner is waited for on the mirror's screen (never slept for).
Nothing private ever shows on the mirror, and it writes nothing, not even on a read-only folder.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path
from typing import Any

import pytest

from homeroom_tui.app import make_app
from homeroom_tui.i18n import Lang, t
from homeroom_tui.model import Group
from homeroom_tui.program.timer import FakeClock, clock_text
from homeroom_tui.screens.icebreaker_picker import IcebreakerPicker
from homeroom_tui.screens.meeting import MeetingScreen
from homeroom_tui.screens.mirror import MirrorApp, MirrorScreen, make_mirror_app
from homeroom_tui.store import Store
from homeroom_tui.store.lock import Holder, MeetingLock, boot_id, format_holder, lock_path, this_host
from homeroom_tui.widgets.bigclock import BigClock
from tests import hostile_data as hostile
from tests.tui.helpers import wait_for, wait_for_screen, wait_to_leave

ROOMS: list[tuple[Lang, tuple[int, int]]] = [("en", (120, 40)), ("id", (80, 24))]


def shown(app: Any) -> str:
    """The terminal's lines as the room sees them."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def mirror_of(app: MirrorApp) -> MirrorScreen:
    screen = app.screen
    assert isinstance(screen, MirrorScreen), type(screen)
    return screen


def clock_of(app: MirrorApp) -> BigClock:
    return app.screen.query_one("#mirror-clock", BigClock)


def running(app: MirrorApp) -> bool:
    return isinstance(app.screen, MirrorScreen) and app.screen.shown is not None


def box_is(app: MirrorApp, level: str) -> bool:
    return app.screen.query_one("#mirror-clock-box").has_class(f"-{level}")


@pytest.mark.parametrize(("lang", "size"), ROOMS)
async def test_the_mirror_follows_the_runner_stage_pause_minutes_and_icebreaker(
    store: Store, sample_group: Group, clock: FakeClock, lang: Lang, size: tuple[int, int]
) -> None:
    mirror = make_mirror_app(store.root, clock=clock, lang=lang)
    runner_app = make_app(store.root, clock=clock, bell=False, meeting=(sample_group.id, None))
    async with mirror.run_test(size=size) as mp:
        await wait_for(mp, lambda: t("mirror.none") in shown(mirror), "'no meeting is running' before it opens")
        async with runner_app.run_test(size=(120, 40)) as rp:
            runner = await wait_for_screen(rp, MeetingScreen)
            await wait_for(mp, lambda: running(mirror), "the mirror to find the meeting")
            text = shown(mirror)
            assert t("mirror.title", number=1, planned=4) in text and t("mirror.none") not in text
            assert t("mirror.left", stage=t("stage.opening")) in text
            assert clock_of(mirror).value == "10:00"
            await wait_for(mp, lambda: clock_of(mirror).scale >= 1, "the clock's big digits")
            assert t("mirror.prompt", prompt="") in text  # the opening's round prompt

            await rp.press("]")
            await wait_for(mp, lambda: t("mirror.left", stage=t("stage.transition")) in shown(mirror), "transition")

            await rp.press("p")
            assert store.load_meeting(sample_group, 1).stages.transition.resumed_at is None  # saved at once
            await wait_for(mp, lambda: box_is(mirror, "paused"), "the mirror to show the pause")
            assert t("mirror.paused", stage=t("stage.transition")) in shown(mirror)
            await rp.press("p", "plus")
            assert store.load_meeting(sample_group, 1).stages.transition.extended_min == 1  # saved at once
            await wait_for(mp, lambda: "/ 11" in shown(mirror), "the extra minute in the mirror's stepper")
            assert not box_is(mirror, "paused")

            await rp.press("i")
            picker = await wait_for_screen(rp, IcebreakerPicker)
            await rp.press("enter")
            chosen = picker.picker.current
            assert chosen is not None
            name = chosen.name.text(lang)
            await wait_for(mp, lambda: t("mirror.icebreaker", name=name) in shown(mirror), "the ice-breaker's name")
            assert chosen.steps.text(lang)[0][:30] in shown(mirror)
            await rp.press("escape")
            await wait_to_leave(rp, IcebreakerPicker)

            clock.advance(11 * 60 + 5)
            await wait_for(mp, lambda: box_is(mirror, "overtime"), "overtime on the mirror")
            assert clock_of(mirror).value.startswith("+")
            view = mirror_of(mirror).shown
            assert view is not None
            over = t("mirror.over", time=clock_text(view.remaining))
            assert over in shown(mirror)  # said in words, and the border changes shape, not only colour

            await rp.press("q")
            await wait_to_leave(rp, MeetingScreen)
            await wait_for(mp, lambda: t("mirror.none") in shown(mirror), "'no meeting' once the runner closed it")
            assert runner.session.meeting.status == "in_progress"  # left running, but no runner has it open
    meeting = store.load_meeting(sample_group, 1)
    assert meeting.current_stage == "transition" and meeting.stages.transition.extended_min == 1
    assert meeting.icebreaker is not None and meeting.icebreaker.id == chosen.id


async def test_nothing_private_reaches_the_mirror(tmp_path: Path, clock: FakeClock) -> None:
    root = tmp_path / "hostile"
    store = hostile.write_hostile(root)
    group = store.load_group(hostile.GROUP_ID)
    answer = group.members[0].id
    runner_app = make_app(root, clock=clock, bell=False, meeting=(hostile.GROUP_ID, 2))
    mirror = make_mirror_app(root, clock=clock)
    named = make_mirror_app(root, hostile.GROUP_ID, clock=clock, show_group=True)
    private = [
        "Dewi",
        "Bima",
        "Citra",
        "Muhammad",
        "ikswoL",
        "Syariah",
        "Rahasia",
        "Lahat",
        "merah",
        "Kelas",
        "Sari",
        "Panjang",
        "typed in the room",
        "secret",
    ]
    async with runner_app.run_test(size=(120, 40)) as rp, mirror.run_test(size=(120, 40)) as mp:
        runner = await wait_for_screen(rp, MeetingScreen)
        runner.session.set_round_answer(answer, "typed in the room")
        runner.session.set_private_notes("typed in the room, privately")
        await rp.press("f4", "a")  # attendance taken: everyone present
        await wait_for(mp, lambda: running(mirror), "the mirror to find the meeting")
        for stage in ("opening", "transition"):
            label = t("mirror.left", stage=t(f"stage.{stage}"))
            await wait_for(mp, lambda: label in shown(mirror), stage)  # noqa: B023 - awaited in this turn
            text = shown(mirror)
            assert [word for word in private if word in text] == []
            assert "\x1b" not in text
            if stage == "opening":
                assert "[b]How are you?\\x1b[31m" in text  # the round's prompt, as text: no markup, no escape
                await rp.press("escape", "right_square_bracket")
        await rp.press("i")
        picker = await wait_for_screen(rp, IcebreakerPicker)
        await rp.press("enter")
        chosen = picker.picker.current
        assert chosen is not None
        await wait_for(mp, lambda: t("mirror.icebreaker", name="") in shown(mirror), "the ice-breaker")
        assert [word for word in private if word in shown(mirror)] == []
        assert "\x1b" not in shown(mirror)
    again = make_app(root, clock=clock, bell=False, meeting=(hostile.GROUP_ID, 2))
    async with again.run_test(size=(120, 40)) as rp, named.run_test(size=(120, 40)) as np:
        await wait_for_screen(rp, MeetingScreen)
        await wait_for(np, lambda: running(named), "the named mirror to find the meeting")
        assert t("mirror.title_group", group=hostile.GROUP_NAME, number=2, planned=4) in shown(
            named
        )  # literal, when asked


def lock_left_by_a_crash(meeting_file: Path) -> None:
    holder = Holder(os.getpid(), this_host(), boot_id(), None, dt.datetime.now(dt.UTC), "crashed")
    lock_path(meeting_file).write_bytes(format_holder(holder))


async def test_a_meeting_left_in_progress_by_a_crash_is_not_running(
    store: Store, sample_group: Group, clock: FakeClock, open_session: Any
) -> None:
    session = open_session(sample_group, clock=clock)
    session.start()
    session.save()
    path = store.meeting_path(sample_group.id, 1)
    mirror = make_mirror_app(store.root, sample_group.id, clock=clock, lang="id")
    async with mirror.run_test(size=(80, 24)) as mp:
        await wait_for(mp, lambda: isinstance(mirror.screen, MirrorScreen), "the mirror")
        screen = mirror_of(mirror)
        for lock in (False, True):  # in progress without a lock file, then with a lock whose holder is gone
            if lock:
                lock_left_by_a_crash(path)
            screen.follow()
            await mp.pause()
            assert screen.shown is None and t("mirror.none") in shown(mirror)
            assert "Tidak ada pertemuan" in shown(mirror)
        lock_path(path).unlink()
        live = MeetingLock(path)
        live.acquire()  # a live runner: now it runs
        try:
            await wait_for(mp, lambda: running(mirror), "the meeting under a live lock")
            assert t("mirror.left", stage=t("stage.opening")) in shown(mirror)
        finally:
            live.release()
        await wait_for(mp, lambda: not running(mirror), "'no meeting' once the lock is released")


def listing(root: Path) -> dict[str, tuple[int, int, bytes]]:
    """Every file and folder under ``root``: mode, modification time and bytes."""
    found = {}
    for folder, dirs, files in os.walk(root):
        for name in [*dirs, *files]:
            path = Path(folder) / name
            info = path.lstat()
            data = path.read_bytes() if stat.S_ISREG(info.st_mode) else b""
            found[str(path.relative_to(root))] = (info.st_mode, info.st_mtime_ns, data)
    return found


Guard = Any


@pytest.fixture
def refuse_writes(monkeypatch: pytest.MonkeyPatch) -> Any:
    """``refuse_writes()``: from then on, every opening of a file for writing is recorded and refused
    (the tests may run as root, where a read-only mode stops nobody)."""
    tried: list[str] = []
    real_open = os.open
    writing = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND

    def guarded(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if flags & writing:
            tried.append(str(path))
            raise PermissionError(13, "read-only in this test", str(path))
        return real_open(path, flags, *args, **kwargs)

    def install() -> list[str]:
        monkeypatch.setattr(os, "open", guarded)
        return tried

    return install


def set_modes(root: Path, *, read_only: bool) -> None:
    for folder, dirs, files in os.walk(root, topdown=False):
        for name in files:
            (Path(folder) / name).chmod(0o400 if read_only else 0o600)
        for name in dirs:
            (Path(folder) / name).chmod(0o500 if read_only else 0o700)
    root.chmod(0o500 if read_only else 0o700)


async def test_the_mirror_writes_nothing_on_a_read_only_folder(
    store: Store, sample_group: Group, clock: FakeClock, open_session: Any, refuse_writes: Any
) -> None:
    session = open_session(sample_group, clock=clock)
    session.start()
    session.save()
    lock = MeetingLock(store.meeting_path(sample_group.id, 1))
    lock.acquire()  # a runner has it open
    try:
        (store.root / "icebreakers.toml").write_text((Path(__file__).parents[2] / "icebreakers.toml").read_text())
        before = listing(store.root)
        set_modes(store.root, read_only=True)
        tried = refuse_writes()
        mirror = make_mirror_app(store.root, clock=clock)
        async with mirror.run_test(size=(100, 30)) as mp:
            await wait_for(mp, lambda: running(mirror), "the mirror on a read-only folder")
            for _ in range(3):  # several looks at the locks and the files
                mirror_of(mirror).follow()
                await mp.pause()
            assert t("mirror.left", stage=t("stage.opening")) in shown(mirror)
        assert tried == []
        set_modes(store.root, read_only=False)
        after = listing(store.root)
        assert {name: (mode & 0o7000, mtime, data) for name, (mode, mtime, data) in after.items()} == {
            name: (mode & 0o7000, mtime, data) for name, (mode, mtime, data) in before.items()
        }  # the same files, bytes and times: no lock, no index, no recovery copy, nothing
    finally:
        set_modes(store.root, read_only=False)
        lock.release()


async def test_f1_lists_the_mirrors_keys_and_q_closes_it(store: Store, clock: FakeClock) -> None:
    from homeroom_tui.screens.help import HelpScreen

    mirror = make_mirror_app(store.root, clock=clock, lang="id")
    async with mirror.run_test(size=(80, 24)) as mp:
        await wait_for(mp, lambda: t("mirror.none") in shown(mirror), "the mirror")
        await mp.press("f1")
        await wait_for_screen(mp, HelpScreen)
        assert t("cmd.mirror_quit")[:12] in shown(mirror)  # "Tutup cermin"
        assert t("help.hint_no_palette") in shown(mirror) and "Ctrl+P" not in shown(mirror)  # no palette here
        await mp.press("escape")
        await wait_for_screen(mp, MirrorScreen)
        await mp.press("q")
        await wait_for(mp, lambda: not mirror.is_running, "q to close the mirror")
    assert not store.root.exists()  # an empty data folder stays as it was: not even created
