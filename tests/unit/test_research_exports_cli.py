"""``homeroom export --format network|displays|displays-csv`` (issue 14, items 5, 6 and 3): research
exports, aliased by default, leaving out every member without recorded research consent and saying so."""

import csv
import datetime as dt
import io
from pathlib import Path

import pytest

from homeroom_tui.cli import main
from homeroom_tui.model import Consent
from homeroom_tui.program.demo import DEMO_GROUP_ID, DEMO_MEMBERS, write_demo
from tests.plain_demo import strip_research_consent

KEPT = ("K1", "K2", "K3", "K4", "K5", "K6")
"""The demo members given research consent here; K7 (none), K8 (guardian needed, not given) and K9 are left out."""


@pytest.fixture
def root(tmp_path: Path) -> Path:
    store = write_demo(tmp_path / "d")
    group = store.load_group(DEMO_GROUP_ID)
    for member in group.members:  # the demo's own consent (all but K9) replaced: set here, member by member
        member.consent = Consent(research=dt.date(2024, 1, 10)) if member.id in KEPT else None
    group.members[7].consent = Consent(research=dt.date(2024, 1, 10), guardian_needed=True)
    store.save_group(group)
    return store.root


def excluded_name_parts() -> set[str]:
    return {part for name, _ in DEMO_MEMBERS[6:] for part in name.split()}


def export(root: Path, *args: str) -> int:
    return main(["--data-dir", str(root), "export", DEMO_GROUP_ID, *args])


@pytest.mark.parametrize("kind", ["network", "displays", "displays-csv"])
@pytest.mark.parametrize("names", [False, True])
def test_members_without_research_consent_are_nowhere_and_it_is_said(
    root: Path, kind: str, names: bool, capsys: pytest.CaptureFixture[str]
) -> None:
    assert export(root, "--format", kind, *(["--names"] if names else [])) == 0
    captured = capsys.readouterr()
    assert "3 members without recorded research consent are left out of this export." in captured.err
    for part in excluded_name_parts():
        assert part not in captured.out, part
    for alias in ("K7", "K8", "K9"):
        assert alias not in captured.out, alias
    kept_names = [name for name, _ in DEMO_MEMBERS[:6]]
    assert any(name in captured.out for name in kept_names) is names
    if not names:
        assert "K1" in captured.out


def test_network_edge_list(root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "network.csv"
    assert export(root, "--format", "network", "--out", str(out)) == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    assert (out.stat().st_mode & 0o777) == 0o600
    assert rows and {r["namer"] for r in rows} <= set(KEPT) and {r["named"] for r in rows} <= set(KEPT)
    assert {r["meeting"] for r in rows} == {"2", "3", "4"}  # meeting 1 had introductions, no name recall
    assert all(r["cross_faculty"] == "true" for r in rows)  # one member per faculty
    assert "Aliases" in capsys.readouterr().err


def test_displays_markdown_in_indonesian(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(root), "--lang", "id", "export", DEMO_GROUP_ID, "--format", "displays"]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("# Penyajian data: Home Room 2024")
    assert "## Anggota × pertemuan" in captured.out and "## Efek: penilaian pertama dibanding terakhir" in captured.out
    assert "3 anggota tanpa persetujuan penelitian yang tercatat tidak disertakan" in captured.err


@pytest.mark.parametrize("kind", ["network", "displays", "displays-csv"])
def test_nobody_with_consent_is_refused_as_qdpx_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    store = write_demo(tmp_path / "d")
    strip_research_consent(store, DEMO_GROUP_ID)
    root = store.root
    assert export(root, "--format", kind) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "nobody in home-room-2024 has research consent recorded" in captured.err
    out = tmp_path / f"study.{kind}"
    assert export(root, "--format", kind, "--out", str(out)) == 2 and not out.exists()
    capsys.readouterr()
    assert main(["--data-dir", str(root), "--lang", "id", "export", DEMO_GROUP_ID, "--format", kind]) == 2
    assert "persetujuan penelitiannya tercatat" in capsys.readouterr().err


@pytest.mark.parametrize("kind", ["network", "displays", "displays-csv"])
def test_the_demo_as_shipped_leaves_out_only_k9(tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str) -> None:
    """The demo records research consent for all but K9 (Intan Permata): K9 is nowhere, the others are there."""
    root = write_demo(tmp_path / "d").root
    assert export(root, "--format", kind, "--names") == 0
    captured = capsys.readouterr()
    assert "1 member without recorded research consent is left out of this export." in captured.err
    assert "Intan" not in captured.out and "Permata" not in captured.out and "K9" not in captured.out
    assert "Aisyah Putri" in captured.out and "Gita Anggraini" in captured.out
