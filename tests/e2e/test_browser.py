"""The HTML report in a real browser: headless Chromium loads it, logs no console message, prints it to
PDF with a page of its own for every member after the summary; the PDF's text (poppler's pdftotext)
holds the aliases and none of the members' names.

Skipped (not failed) only where ``chromium`` or ``pdftotext`` cannot be found (.ci/run installs
Debian's ``chromium`` and ``poppler-utils``). Chromium is kept offline too: every host name resolves
to nothing.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from homeroom_tui.cli import main
from homeroom_tui.program.demo import DEMO_GROUP_ID, DEMO_MEMBERS, write_demo

CHROMIUM = next((found for name in ("chromium", "chromium-browser") if (found := shutil.which(name))), None)
PDFTOTEXT = shutil.which("pdftotext")

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed"),
    pytest.mark.skipif(PDFTOTEXT is None, reason="pdftotext (poppler-utils) is not installed"),
]

CONSOLE = re.compile(r":CONSOLE[(:]")
"""How Chromium's log (``--enable-logging=stderr``) marks a message of the page's console."""


def print_to_pdf(page: Path, pdf: Path, profile: Path) -> list[str]:
    """Load ``page`` in headless Chromium and print it to ``pdf``; the page's console messages."""
    assert CHROMIUM is not None
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",  # needed as root (CI); harmless otherwise for a local file
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--host-resolver-rules=MAP * ~NOTFOUND",  # offline: no name resolves
        f"--user-data-dir={profile}",
        "--enable-logging=stderr",
        "--v=0",
        "--no-pdf-header-footer",
        f"--print-to-pdf={pdf}",
        page.as_uri(),
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)
    assert pdf.exists(), result.stderr[-2000:]
    return [line for line in result.stderr.splitlines() if CONSOLE.search(line)]


def pdf_pages(pdf: Path) -> list[str]:
    assert PDFTOTEXT is not None
    text = subprocess.run([PDFTOTEXT, str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")


def test_console_messages_are_seen(tmp_path: Path) -> None:
    """The check below can fail: a page that logs to the console is caught."""
    page = tmp_path / "noisy.html"
    page.write_text("<!DOCTYPE html><p>x</p><script>console.error('noisy page')</script>", encoding="utf-8")
    messages = print_to_pdf(page, tmp_path / "noisy.pdf", tmp_path / "profile")
    assert any("noisy page" in line for line in messages)


def test_report_prints_a_page_per_member_with_aliases_only(tmp_path: Path) -> None:
    root = write_demo(tmp_path / "d").root
    page = tmp_path / "report.html"
    assert main(["--data-dir", str(root), "export", DEMO_GROUP_ID, "--format", "html", "--out", str(page)]) == 0
    pdf = tmp_path / "report.pdf"
    assert print_to_pdf(page, pdf, tmp_path / "profile") == []  # no console error, warning or message
    pages = pdf_pages(pdf)
    members = [f"K{n}" for n in range(1, len(DEMO_MEMBERS) + 1)]
    assert len(pages) >= 1 + len(members)
    assert "Program report" in pages[0] and "Program summary" in pages[0]
    starts = []
    for alias in members:
        found = [i for i, text in enumerate(pages) if re.search(rf"^Member {alias}$", text, re.MULTILINE)]
        assert len(found) == 1, (alias, found)
        assert pages[found[0]].lstrip().startswith(f"Member {alias}")  # a page break before each member
        starts.append(found[0])
    assert starts == sorted(starts) and len(set(starts)) == len(starts) and starts[0] > 0
    words = set(re.findall(r"\w+", " ".join(pages).lower()))
    parts = {part.lower() for name, _ in DEMO_MEMBERS for part in name.split() if len(part) >= 3}
    assert not parts & words, parts & words
    assert {a.lower() for a in members} <= words
