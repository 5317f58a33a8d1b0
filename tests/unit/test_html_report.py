"""The printable HTML report: self-contained, escaped, aliased, with charts; golden outlines of the demo.

Golden files (tests/unit/golden/demo-report.{en,id}.html.txt) hold the report's parsed outline
(structure and text, not pixels: see html_outline.py). Regenerate after an intended change with

    HOMEROOM_UPDATE_GOLDEN=1 PYTHONPATH=. python -m pytest -q tests/unit/test_html_report.py

and review the diff before committing.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import pytest

from homeroom_tui.cli import main
from homeroom_tui.i18n import Lang, t_in
from homeroom_tui.model import Group, Member
from homeroom_tui.program.demo import DEMO_GROUP_ID, DEMO_MEMBERS, demo_group, demo_meetings, write_demo
from homeroom_tui.program.html_report import CHART_HEIGHT, CHART_WIDTH, chart_points, html_report
from homeroom_tui.program.icebreakers import load_library
from homeroom_tui.program.report import markdown_report
from tests.unit.html_outline import outline, outline_text

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("HOMEROOM_UPDATE_GOLDEN") == "1"
HOSTILE = '<script>alert(1)</script><img src="http://x.invalid/a.png">&amp; "quoted" \x1b[31m'
ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "header", "main", "footer", "section", "article",
    "nav", "h1", "h2", "h3", "h4", "p", "ol", "ul", "li", "a", "dl", "dt", "dd", "table", "thead", "tbody",
    "tr", "th", "td", "div", "figure", "figcaption", "svg", "line", "text", "polyline", "circle", "blockquote",
    "polygon",
}  # fmt: skip


def name_parts() -> set[str]:
    return {part.lower() for name, _ in DEMO_MEMBERS for part in name.split() if len(part) >= 3}


def demo_html(lang: Lang = "en", *, names: bool = False, private: bool = False) -> str:
    return html_report(demo_group(), demo_meetings(), lang=lang, names=names, private=private, library=load_library())


@pytest.mark.parametrize("lang", ["en", "id"])
def test_golden_html_outline(lang: Lang) -> None:
    text = outline_text(demo_html(lang))
    path = GOLDEN / f"demo-report.{lang}.html.txt"
    if UPDATE:
        path.write_text(text, encoding="utf-8")
        return
    assert path.exists(), f"{path} is missing: run with HOMEROOM_UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8"), (
        f"{path.name} differs: run with HOMEROOM_UPDATE_GOLDEN=1 and review"
    )


def test_self_contained_no_script_no_network() -> None:
    html = demo_html()
    parsed = outline(html)
    tags = {tag for tag, _ in parsed.tags}
    assert tags <= ALLOWED_TAGS, tags - ALLOWED_TAGS
    for tag, attrs in parsed.tags:
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)  # no event handlers
        assert "src" not in attrs, tag
        if tag == "a":
            assert str(attrs["href"]).startswith("#")  # links only inside the page
    assert "url(" not in html and "@import" not in html
    # the only URL is SVG's namespace name, which is never fetched
    assert set(re.findall(r"https?://[^\s\"'<>]+", html)) == {"http://www.w3.org/2000/svg"}
    assert "default-src 'none'" in html  # and the page says so to the browser


def test_print_stylesheet_a4_page_per_member() -> None:
    html = demo_html()
    assert "size: A4" in html
    print_css = html[html.index("@media print") :]
    assert re.search(r"section\.member \{[^}]*break-before: page", print_css)
    assert re.search(r"table, [^{]*\{[^}]*break-inside: avoid", print_css)
    assert html.count('<section class="member"') == 9


def test_aliased_by_default_names_on_request() -> None:
    text = " ".join(outline(demo_html()).lines).lower()
    assert not any(part in re.findall(r"\w+", text) for part in name_parts())
    for n in range(1, 10):
        assert f"member k{n}" in text
    named = " ".join(outline(demo_html(names=True)).lines)
    assert "Member Aisyah Putri (K1)" in named


def test_private_notes_only_when_asked() -> None:
    private = demo_meetings()[2].private_notes.splitlines()[0][:30]
    assert private
    assert "Private notes" not in demo_html()
    with_private = demo_html(private=True)
    assert "Private notes" in with_private and "Includes the counselor&#39;s private notes." in with_private


def test_text_from_people_is_escaped_everywhere() -> None:
    group = demo_group()
    members = [m.model_copy(update={"faculty": HOSTILE}) if m.id == "K1" else m for m in group.members]
    group = group.model_copy(update={"members": members, "name": HOSTILE, "counselor": HOSTILE})
    meetings = demo_meetings()
    first = meetings[0]
    first.stages.opening.notes = HOSTILE
    first.answers["K1"] = first.answers["K1"].model_copy(update={"checkin": HOSTILE})
    html = html_report(group, meetings, lang="en", names=True, library=load_library())
    parsed = outline(html)
    assert {tag for tag, _ in parsed.tags} <= ALLOWED_TAGS  # no <script>, no <img>
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "\x1b" not in html and "\\x1b[31m" in html  # control characters made visible
    assert any("<script>alert(1)</script>" in line for line in parsed.lines)  # shown as text


def test_charts_are_plain_svg_inside_their_box() -> None:
    lines, dots = chart_points([1, 3, None, 5], ["M1", "M2", "M3", "M4"])
    assert len(dots) == 3 and len(lines) == 1  # a gap where the member was not observed
    for x, y in dots:
        assert 0 <= x <= CHART_WIDTH and 0 <= y <= CHART_HEIGHT
    assert dots[0][1] > dots[1][1] > dots[2][1]  # higher scores higher up
    lines, dots = chart_points([4], ["M1"])
    assert lines == [] and len(dots) == 1
    page = outline(demo_html())
    charts = [line for line in page.lines if "(chart:" in line]
    assert charts.pop(0) == "  (chart: 0 line(s), 9 dot(s))"  # the recall network: nine members, no polyline
    assert len(charts) == 9 * 5
    assert all("1 line(s), 4 dot(s)" in c for c in charts[:5])  # K1 observed in all four meetings


def test_indonesian_report_uses_decimal_comma_and_words() -> None:
    html = demo_html("id")
    assert '<html lang="id">' in html
    assert "Kesesuaian: apakah setiap pertemuan dijalankan sesuai teknik?" in html
    assert "13,3" in html and "13.3" not in html


def test_group_without_meetings() -> None:
    group = Group(
        id="kosong", name="Kosong", created=demo_group().created, members=[Member(id="K1", name="Ani Lestari")]
    )
    html = html_report(group, [], lang="en", library=load_library())
    assert "No meetings recorded yet." in html and "Ani" not in html


def test_export_html_from_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = write_demo(tmp_path / "d").root
    out = tmp_path / "out" / "report.html"
    args = ["--data-dir", str(root), "--lang", "id", "export", DEMO_GROUP_ID, "--format", "html", "--out", str(out)]
    assert main(args) == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    first = out.read_text(encoding="utf-8")
    assert first.startswith("<!DOCTYPE html>") and '<html lang="id">' in first
    assert main(args) == 2  # never over an existing file
    assert "--force" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == first
    assert main([*args, "--force"]) == 0
    inside = root / "groups" / DEMO_GROUP_ID / "report.html"
    assert main([*args[:-1], str(inside)]) == 2 and not inside.exists()
    assert main(["--data-dir", str(root), "export", DEMO_GROUP_ID, "--format", "html"]) == 0
    assert capsys.readouterr().out.startswith("<!DOCTYPE html>")


def test_templates_are_inside_the_package() -> None:
    """The wheel ships the package folder whole (pyproject: packages = ["homeroom_tui"])."""
    from importlib import resources

    folder = resources.files("homeroom_tui").joinpath("templates")
    assert folder.joinpath("report.html.j2").is_file() and folder.joinpath("report.css").is_file()


def test_csv_is_the_same_in_both_languages() -> None:
    """The CSV is for R or a spreadsheet: English column names, decimal points, whatever the language.

    One golden file (demo.csv, test_report.py) therefore stands for both languages.
    """
    from homeroom_tui.i18n import set_language
    from homeroom_tui.program.report import csv_report

    english = csv_report(demo_group(), demo_meetings())
    set_language("id")
    assert csv_report(demo_group(), demo_meetings()) == english
    assert english == (GOLDEN / "demo.csv").read_text(encoding="utf-8")


# --- the same rules as the Markdown report (aliases, faculties, numbers, the stderr summary) ---------


def test_faculties_only_when_asked_and_the_report_says_so() -> None:
    for lang in ("en", "id"):
        left_out = t_in(lang, "report.faculty_left_out")
        html = demo_html(lang)
        assert "| K9 | Psikologi |" not in outline_text(html) and left_out in outline_text(html)
        asked = html_report(demo_group(), demo_meetings(), lang=lang, faculty=True, library=load_library())
        assert "| K9 | Psikologi |" in outline_text(asked) and left_out not in outline_text(asked)
        assert "| Psikologi |" in outline_text(demo_html(lang, names=True))


def test_numbers_and_recall_as_the_markdown_report_writes_them() -> None:
    html = outline_text(demo_html())
    markdown = markdown_report(demo_group(), demo_meetings(), lang="en", library=load_library())
    for same in ("3/7 (42.9%)", "22/56 (39.3%)", "+55.4 pp", "| 1.6 | 1.4 |", "| +57.1 pp |"):
        assert same in html and same in markdown
    assert "39%)" not in html and "1.56" not in html
    assert "+55,4 poin" in outline_text(demo_html("id"))


def test_group_named_after_a_member_and_the_same_aliases_as_markdown(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "d"
    assert main(["--data-dir", str(root), "group", "new", "Kelompok Bagus", "--member", "Bagus Santoso",
                 "--member", "Ayu Lestari"]) == 0  # fmt: skip
    group_id = capsys.readouterr().out.strip().splitlines()[-1]
    assert main(["--data-dir", str(root), "export", group_id, "--format", "html"]) == 0
    html = capsys.readouterr().out
    assert "bagus" not in html.casefold() and "<h1>Program report: Group A</h1>" in html
    assert t_in("en", "report.group_aliased", name="Group A") in outline_text(html)


def test_export_html_says_what_it_replaced_on_stderr(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = write_demo(tmp_path / "d").root
    assert main(["--data-dir", str(root), "export", DEMO_GROUP_ID]) == 0
    markdown_err = capsys.readouterr().err
    assert main(["--data-dir", str(root), "export", DEMO_GROUP_ID, "--format", "html"]) == 0
    captured = capsys.readouterr()
    assert "homeroom: Aliases:" in captured.err and "Aliases:" not in captured.out
    assert "Capitalised at the start of a sentence, replaced (check them): Fajar" in captured.err
    assert not any(part in re.findall(r"\w+", outline_text(captured.out).lower()) for part in name_parts())
    out = tmp_path / "r.html"
    args = ["--data-dir", str(root), "--lang", "id", "export", DEMO_GROUP_ID, "--format", "html", "--out", str(out)]
    assert main(args) == 0
    assert "Alias:" in capsys.readouterr().err
    assert main(["--data-dir", str(root), "export", DEMO_GROUP_ID, "--format", "html", "--names"]) == 0
    assert "Aliases:" not in capsys.readouterr().err
    assert markdown_err.startswith("homeroom: Aliases:")
