"""The name-recall network (issue 14, item 5): edges, members nobody named, names across faculties,
the review's matrix, the CSV edge list; research members only where asked."""

import csv
import datetime as dt
import io

from homeroom_tui.model import Attendance, Group, Meeting
from homeroom_tui.program.recall_network import EDGE_COLUMNS, edge_list_csv, fit, matrix_rows, recall_network


def group_of_four() -> Group:
    group = Group(id="g", name="G", created=dt.date(2024, 1, 1))
    group.add_member("Ani", "Psikologi")
    group.add_member("Budi", "Syariah")
    group.add_member("Citra", "psikologi ")  # the same faculty, written differently
    group.add_member("Dedi")  # no faculty recorded
    return group


def meeting(group: Group, number: int, recall: dict[str, list[str]], away: tuple[str, ...] = ()) -> Meeting:
    m = Meeting.new(group, number)
    m.attendance = {x.id: Attendance(status="absent" if x.id in away else "present") for x in group.members}
    m.name_recall = recall
    return m


def test_edges_follow_the_recall_rule_and_mark_names_across_faculties() -> None:
    group = group_of_four()
    first = meeting(group, 1, {"K1": ["K2", "K3"], "K2": ["K1", "K4"]}, away=("K4",))  # K4 absent: not counted
    second = meeting(group, 2, {"K1": ["K2", "K3", "K4"], "K3": ["K1"]})
    network = recall_network(group, [second, first])
    assert network.meetings == [1, 2]
    assert [(e.meeting, e.namer, e.named, e.cross_faculty) for e in network.edges] == [
        (1, "K1", "K2", True),  # Psikologi -> Syariah
        (1, "K1", "K3", False),  # the same faculty, in another case and with a space
        (1, "K2", "K1", True),
        (2, "K1", "K2", True),
        (2, "K1", "K3", False),
        (2, "K1", "K4", False),  # K4's faculty is not recorded: not counted as across
        (2, "K3", "K1", False),
    ]
    assert network.counts()[("K1", "K2")] == 2
    assert len(network.cross_faculty(1)) == 2 and len(network.cross_faculty()) == 3
    assert [(e.meeting, e.namer, e.named) for e in network.first_times()][-2:] == [(2, "K1", "K4"), (2, "K3", "K1")]


def test_members_nobody_named_are_those_there_to_be_named() -> None:
    group = group_of_four()
    first = meeting(group, 1, {"K1": ["K2"], "K2": ["K1"]}, away=("K4",))
    network = recall_network(group, [first])
    assert network.unnamed(1) == ["K3"]  # K4 was absent: not "nobody named", just not there
    second = meeting(group, 2, {"K1": ["K3"]})
    network = recall_network(group, [first, second])
    assert network.unnamed(2) == ["K2", "K4"]
    assert network.unnamed() == ["K4"]  # K2 and K3 were named at some meeting
    assert recall_network(group, [Meeting.new(group, 1)]).meetings == []  # no recall: no network


def test_research_members_only_leave_out_every_edge_to_or_from_the_others() -> None:
    group = group_of_four()
    network = recall_network(
        group,
        [meeting(group, 1, {"K1": ["K2", "K3"], "K2": ["K1"], "K3": ["K2"]})],
        [
            group.members[0],
            group.members[2],
        ],
    )
    assert [(e.namer, e.named) for e in network.edges] == [("K1", "K3")]
    assert [m.id for m in network.members] == ["K1", "K3"]
    assert network.unnamed(1) == ["K1"]


def test_matrix_rows_at_a_meeting_and_over_the_program() -> None:
    group = group_of_four()
    first = meeting(group, 1, {"K1": ["K2"]}, away=("K4",))
    second = meeting(group, 2, {"K1": ["K2", "K3"]})
    network = recall_network(group, [first, second])
    at_first = {m.id: ([c.text for c in cells], gave) for m, cells, gave in matrix_rows(network, 1)}
    assert at_first["K1"] == (["-", "✔", "·", ""], 1)  # K3 there but not named; K4 not there
    assert at_first["K2"] == (["", "-", "", ""], None)  # K2 did not recall: nothing to say, not "not named"
    over = {m.id: [(c.text, c.cross) for c in cells] for m, cells, _ in matrix_rows(network)}
    assert over["K1"] == [("-", False), ("2", True), ("1", False), ("·", False)]


def test_fit_cuts_and_pads_to_terminal_columns() -> None:
    assert fit("Ani", 5) == "Ani  "
    assert fit("Muhammad Rizky Aditya", 8) == "Muhammad"[:7] + "…"
    assert fit("山田太郎です", 7) == "山田太…"  # wide characters take two columns
    assert len(fit("é" * 20, 4)) == 4


def test_edge_list_csv_uses_who_and_neutralises_formulas() -> None:
    group = group_of_four()
    network = recall_network(group, [meeting(group, 1, {"K1": ["K2"]}), meeting(group, 2, {"K1": ["K2"]})])
    text = edge_list_csv(network, "g", {"K1": "=cmd()", "K2": "Budi"}.__getitem__)
    rows = list(csv.reader(io.StringIO(text)))
    assert tuple(rows[0]) == EDGE_COLUMNS
    assert rows[1:] == [["g", "1", "'=cmd()", "Budi", "true", "true"], ["g", "2", "'=cmd()", "Budi", "true", "false"]]
