"""The recall network in the HTML report (issue 14, item 5): an inline SVG circle layout, no JS, no
network, well-formed XML even with hostile names."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from homeroom_tui.model import Attendance, Meeting
from homeroom_tui.plain import visible
from homeroom_tui.program.demo import demo_group, demo_meetings
from homeroom_tui.program.html_report import NETWORK_SIZE, html_report, xml_text
from homeroom_tui.program.recall_network import recall_network

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = ['<svg onload="x()">&amp;', "]]><x/>", "Eka \u202eikswoL \x1b]2;t\x07", "quo\"te's", "\ufffe\x0b"]


def network_svg(html: str) -> ET.Element:
    found = re.search(r'<svg class="network".*?</svg>', html, re.S)
    assert found, "the report has the network"
    return ET.fromstring(found.group())


def test_the_demo_network_is_drawn_aliased() -> None:
    group, meetings = demo_group(), demo_meetings()
    html = html_report(group, meetings, lang="en")
    svg = network_svg(html)
    circles = svg.findall(f"{SVG}circle")
    assert len(circles) == 9 and not any("unnamed" in c.get("class", "") for c in circles)
    aliases = [t.text for t in svg.findall(f"{SVG}text") if t.get("class") == "alias"]
    assert aliases == [f"K{n}" for n in range(1, 10)]
    network = recall_network(group, meetings)
    lines = svg.findall(f"{SVG}line")
    assert len(lines) == len(network.counts())  # one arrow per pair, thicker for more meetings
    assert len(svg.findall(f"{SVG}polygon")) == len(lines)
    assert all("cross" in line.get("class", "") for line in lines)  # one member per faculty
    for element in svg.iter():
        for key in ("x", "y", "cx", "cy", "x1", "x2", "y1", "y2"):
            if key in element.attrib:
                assert 0 <= float(element.attrib[key]) <= NETWORK_SIZE, (element.tag, key)
    assert '<li><a href="#network">Who named whom</a></li>' in html
    assert "Names across faculties: " in html
    assert "Aisyah" not in svg.findtext(f"{SVG}title", "")


def test_hostile_names_keep_the_svg_well_formed() -> None:
    group = demo_group()
    members = [
        m.model_copy(update={"name": HOSTILE[i]}) if i < len(HOSTILE) else m for i, m in enumerate(group.members)
    ]
    group = group.model_copy(update={"members": members})
    meeting = Meeting.new(group, 1)
    meeting.status = "completed"
    meeting.attendance = {m.id: Attendance(status="present") for m in group.members}
    meeting.name_recall = {"K1": ["K2", "K3"], "K2": ["K1"]}
    html = html_report(group, [meeting], lang="en", names=True)
    svg = network_svg(html)  # parses: well-formed
    names = [t.text for t in svg.findall(f"{SVG}text") if t.get("class") == "name"]
    assert names[: len(HOSTILE)] == [xml_text(visible(n)) for n in HOSTILE]
    assert not any(el.tag.endswith("script") or el.tag == f"{SVG}svg" for el in svg.iter() if el is not svg)
    assert "\x1b" not in html and "\u202e" not in html.split('<svg class="network"')[1].split("</svg>")[0]
    unnamed = [c for c in svg.findall(f"{SVG}circle") if "unnamed" in c.get("class", "")]
    assert len(unnamed) == 6  # K4-K9 were there, nobody named them (K1 named K2, K3; K2 named K1)


def test_no_name_recall_no_network() -> None:
    group = demo_group()
    meeting = Meeting.new(group, 1)
    assert '<svg class="network"' not in html_report(group, [meeting], lang="id")
