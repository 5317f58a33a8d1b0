"""The review and the report write numbers alike (one decimal, the language's separator, recall as
a share with its change in percentage points), and an export started in the app says what its
aliases replaced and holds no member's name, the group's name and id included."""

from __future__ import annotations

from pathlib import Path

import pytest

from homeroom_tui.app import HomeroomApp, make_app
from homeroom_tui.i18n import Lang, set_language, t_in
from homeroom_tui.model import Answers, Meeting
from homeroom_tui.program.demo import write_demo
from homeroom_tui.program.timer import FakeClock
from homeroom_tui.store import Store
from tests.tui.test_review import open_review, shown


def overview_rows(text: str) -> dict[str, list[str]]:
    """The overview's lines per meeting: present, recall, the five averages (``-`` as the report's ``–``)."""
    rows = {}
    for line in text.splitlines()[1:]:
        if not line[:1].isdigit():
            break
        number, present, recall, values = line[:8].strip(), line[8:18].strip(), line[18:34].strip(), line[34:]
        rows[number] = [c.replace("-", "–") for c in (present, recall, *values.split())]
    return rows


def report_rows(report: str, lang: Lang) -> dict[str, list[str]]:
    """The report's group averages per meeting, as the same cells."""
    section = report.split(f"### {t_in(lang, 'report.group_averages')}")[1].split("###")[0]
    rows = {}
    for line in [line for line in section.splitlines() if line.startswith("|")][2:]:
        cells = [c.strip() for c in line.strip("|").split("|")]
        rows[cells[0].lstrip("MP")] = cells[1:]
    return rows


@pytest.mark.parametrize("lang", ["en", "id"])
async def test_review_and_report_write_the_same_numbers(tmp_path: Path, lang: Lang) -> None:
    demo = write_demo(tmp_path / "demo")
    app = make_app(demo.root, lang=lang, clock=FakeClock())
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await open_review(app, pilot)
            await pilot.press("f4")
            overview = shown(app, "#overview-text")
            await pilot.press("f3")  # K1's timeline: recall change in percentage points
            timeline = shown(app, "#member-text")
            await pilot.press("x")
            await pilot.pause()
    finally:
        set_language("en")
    report = next((demo.root / "exports").glob("*.md")).read_text(encoding="utf-8")
    shown_rows, written_rows = overview_rows(overview), report_rows(report, lang)
    assert shown_rows.keys() == written_rows.keys() == {"1", "2", "3", "4"}
    assert shown_rows == written_rows
    comma = lang == "id"
    assert shown_rows["2"][1] == ("22/56 (39,3%)" if comma else "22/56 (39.3%)")
    assert shown_rows["2"][2:4] == (["2,5", "2,3"] if comma else ["2.5", "2.3"])  # 2.25 is 2.3, as taught
    change = "+57,1 poin" if comma else "+57.1 pp"  # 3/7 then 7/7: 42.9% to 100%
    recall_row = next(line for line in report.splitlines() if line.startswith("| K1 | – | 3/7"))
    assert change in timeline and recall_row.endswith(f"| {change} |")
    assert recall_row.startswith(f"| K1 | – | {'3/7 (42,9%)' if comma else '3/7 (42.9%)'} |")
    least = overview.split(t_in(lang, "common.least_changed"))[1].splitlines()[1].split()[-1]
    assert f"K6: {t_in(lang, 'report.least_changed_item', member='K6', change=least).split(': ', 1)[1]}" in report


async def test_an_export_in_the_app_names_nobody_and_says_what_it_replaced(tmp_path: Path) -> None:
    store = Store(tmp_path / "data")
    from homeroom_tui.cli import main

    assert main(["--data-dir", str(store.root), "group", "new", "Kelompok Bagus", "--member", "Bagus Santoso",
                 "--member", "Ayu Lestari", "--counselor", "Bu Ratna Dewi, S.Pd."]) == 0  # fmt: skip
    group = store.load_group("kelompok-bagus")
    meeting = Meeting.new(group, 1)
    meeting.status = "completed"
    meeting.answers = {"K2": Answers(checkin="Bagus membantu Ayu. Diskusinya bagus, kata Bu Ratna Dewi, S.Pd.")}
    store.save_meeting(meeting)
    app: HomeroomApp = make_app(store.root, lang="en", clock=FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await open_review(app, pilot)
        await pilot.press("x")
        await pilot.pause()
        said = "\n".join(str(n.message) for n in app._notifications)
    # the answer is in the report twice (the meeting's rounds, the member over the program): 2 names each time
    assert "Aliases: 4 names replaced." in said
    assert "Name parts also written as ordinary lowercase words, left as written (check them): bagus (2×)" in said
    assert "Capitalised at the start of a sentence, replaced (check them): Bagus (2×)" in said
    exports = sorted(p.name for p in (store.root / "exports").iterdir())
    assert exports == ["group-a-2024-01-15.csv", "group-a-2024-01-15.md"]  # no name in the file names either
    report = (store.root / "exports" / "group-a-2024-01-15.md").read_text(encoding="utf-8")
    assert "K1 membantu K2. Diskusinya bagus, kata Bu Ratna Dewi, S.Pd." in report
    assert "# Program report: Group A" in report and "- Counselor: Bu Ratna Dewi, S.Pd." in report
    for text in (report, (store.root / "exports" / "group-a-2024-01-15.csv").read_text(encoding="utf-8")):
        assert "Santoso" not in text and "Lestari" not in text and "Bagus" not in text
        assert "Ayu" not in text and "kelompok-bagus" not in text
