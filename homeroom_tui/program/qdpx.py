"""The research export for qualitative-analysis software: a REFI-QDA project (``.qdpx``). Imports no Textual.

A ``.qdpx`` file is a zip holding ``project.qde`` (XML in the ``urn:QDA-XML:project:1.0`` namespace,
valid against the REFI-QDA project schema of March 2019) and ``Sources/``, the plain-text documents
it names. ATLAS.ti, NVivo, MAXQDA and QualCoder import it. What goes in:

- **cases**: one per member with recorded research consent (:mod:`homeroom_tui.program.consent`),
  named by alias (``K1``) or, with ``names``, "name (K1)"; their variables: meetings attended (present
  or late, :mod:`homeroom_tui.program.attendance`) of the meetings on their roster, name recall
  first and last (percent), each indicator first and last, still in the group, and the faculty
  where a report shows it (with names or ``faculty``);
- **sources**: one plain text per meeting with something recorded: each stage with its round
  prompt and the members' answers (``K1: ...``), the stage's notes, the observation notes, the
  reasons given for attendance, the ice-breaker's note, and the private notes only with ``private``;
- **selections**: every answer and note of a member is a ``PlainTextSelection`` over exactly the
  member's words, coded with the round's prompt (or the kind of note) and with the member's code,
  and listed by the member's case;
- **attached files** (photos, audio recordings, PDF forms: ``PictureSource``, ``AudioSource``,
  ``PDFSource``, their bytes in ``Sources/``): only those every member they concern has research
  consent for (:func:`homeroom_tui.program.attachments.may_research`; one concerning nobody in
  particular goes in only when everyone taking part in the meeting has it); other kinds and copies
  missing on disk are left out, and counted in the project's description;
- **codes**: the program's round prompts (of every planned meeting, from the agenda), grouped by
  the answer they ask for; the kinds of notes; one code per member;
- **interviews**: one plain text per interview of a member with research consent (kind and date in
  its name and description), the notes one selection coded "Interviews" and with the member's code,
  marked by alias, other members' names replaced as in every text.

Members without recorded research consent are left out entirely: no case, no code, no selection,
their answers and notes are not in the sources, and their names in other text are replaced by
"another member" (also with ``names``). Free text is aliased as in every report unless ``names``.
Characters XML 1.0 cannot carry (control characters, lone surrogates, U+FFFE, U+FFFF) become U+FFFD
*before* offsets are counted, and line breaks are ``\\n``: an offset counts Unicode code points of
the source text, from 0, the end not included. GUIDs are UUID 5 of the group's id and creation day
and the thing's place in the program, so exporting again gives the same GUIDs; times come from the
meetings (started, ended, amended), never from the clock, and the zip is the same byte for byte.
"""

from __future__ import annotations

import contextlib
import io
import re
import uuid
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final
from xml.etree import ElementTree as ET

from homeroom_tui import __version__
from homeroom_tui.i18n import Lang, t_count_in, t_in
from homeroom_tui.model import ANSWER_KEYS, INDICATORS, STAGE_KEYS, Attachment, Group, Meeting, Member
from homeroom_tui.model.texts import texts
from homeroom_tui.program.agenda import Agenda, Round, load_agenda
from homeroom_tui.program.aliases import Aliaser
from homeroom_tui.program.attachments import may_research
from homeroom_tui.program.attendance import is_present, roster
from homeroom_tui.program.consent import research_members, without_research_consent
from homeroom_tui.program.icebreakers import Library, load_library
from homeroom_tui.program.interviews import InterviewRecord, interview_records
from homeroom_tui.program.review import member_progress
from homeroom_tui.store.paths import attachments_folder

NAMESPACE: Final = "urn:QDA-XML:project:1.0"
"""The REFI-QDA project namespace."""
PROJECT_FILE: Final = "project.qde"
SOURCES_DIR: Final = "Sources"
_SOURCE_TAGS: Final = {"photo": "PictureSource", "audio": "AudioSource", "form": "PDFSource"}
"""The REFI-QDA source of each kind of attached file; other files are left out."""
GUID_NAMESPACE: Final = uuid.uuid5(uuid.NAMESPACE_URL, "homeroom-tui:refi-qda")
"""Where homeroom's GUIDs come from: UUID 5 of this and a thing's place in the program."""
ZIP_TIME: Final = (1980, 1, 1, 0, 0, 0)
"""Every zip entry's time: the file comes out the same byte for byte (the times are in the XML)."""
NOTE_KINDS: Final = {
    "stage": "report.stage_notes",
    "observation": "report.observation_notes",
    "attendance": "report.qdpx.note.attendance",
    "icebreaker": "report.qdpx.note.icebreaker",
    "private": "common.private_notes",
    "interview": "member.interview.heading",
}
"""The kinds of notes, each a code (its name's catalog key): a stage's notes, an observation note, ..."""

_NOT_XML: Final = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters XML 1.0 cannot carry: C0 controls but tab and line breaks, surrogates, U+FFFE, U+FFFF."""


def xml_text(text: str) -> str:
    """``text`` as XML 1.0 and the sources carry it: ``\\r\\n`` and ``\\r`` as ``\\n``, other bad characters U+FFFD."""
    return _NOT_XML.sub("\ufffd", text.replace("\r\n", "\n").replace("\r", "\n"))


class NoResearchConsent(ValueError):
    """Nobody in the group has recorded research consent: there is nothing to export."""


@dataclass
class Qdpx:
    """A written ``.qdpx``: its bytes and what the counselor must be told."""

    data: bytes
    """The zip file."""
    left_out: list[str]
    """Ids of the members left out (no research consent recorded), in the group's order."""
    aliases: Aliaser
    """The aliaser used (its ``stats`` say what it replaced)."""
    sources: int
    """Meetings written as sources."""
    attachments: int = 0
    """Attached files written as sources (photos, recordings, PDF forms)."""
    attachments_left_out: int = 0
    """Attached files left out: without everyone's research consent, of another kind, or missing."""
    interviews: int = 0
    """Interviews written as sources."""


@dataclass
class _Selection:
    guid: str
    name: str
    start: int
    end: int
    codes: list[str]
    member_id: str | None


@dataclass
class _Text:
    """A source's text as it grows, with its selections (offsets in code points of the cleaned text)."""

    parts: list[str] = field(default_factory=list)
    length: int = 0
    selections: list[_Selection] = field(default_factory=list)

    def add(self, text: str) -> tuple[int, int]:
        clean = xml_text(text)
        start = self.length
        self.parts.append(clean)
        self.length += len(clean)
        return start, self.length

    def line(self, text: str = "") -> None:
        self.add(text + "\n")

    @property
    def text(self) -> str:
        return "".join(self.parts)


@dataclass
class _Code:
    guid: str
    name: str
    codable: bool = True
    description: str = ""
    children: list[_Code] = field(default_factory=list)


class _Builder:
    """Builds ``project.qde`` and the sources of one group; see the module's notes."""

    def __init__(
        self,
        group: Group,
        meetings: Sequence[Meeting],
        *,
        lang: Lang,
        names: bool,
        private: bool,
        faculty: bool,
        agenda: Agenda,
        library: Library,
        group_folder: Path | None = None,
    ) -> None:
        self.group, self.lang, self.names, self.private = group, lang, names, private
        self.group_folder = group_folder
        self.attached = 0
        self.attached_left_out = 0
        self.show_faculty = names or faculty
        self.agenda, self.library = agenda, library
        self.meetings = sorted(meetings, key=lambda m: m.number)
        self.members = research_members(group)
        self.included = {m.id for m in self.members}
        self.left_out = [m.id for m in without_research_consent(group)]
        other = {member_id: self.t("report.qdpx.another_member") for member_id in self.left_out}
        if names:  # only the names of those left out are replaced
            kept = [m for m in group.members if m.id not in self.included]
            self.aliases = Aliaser(group.model_copy(update={"members": kept}), labels=other)
        else:
            self.aliases = Aliaser(group, labels=other)
        self.selection_refs: dict[str, list[str]] = {m.id: [] for m in self.members}
        self.interview_count = 0

    # words ------------------------------------------------------------------------------------------

    def t(self, key: str, /, **values: object) -> str:
        return t_in(self.lang, key, **values)

    def text(self, value: str) -> str:
        """Free text as it may leave: the names of those left out replaced, and all names unless ``names``."""
        return self.aliases(value)

    def who(self, member: Member) -> str:
        return f"{member.name} ({member.id})" if self.names else member.id

    @property
    def group_name(self) -> str:
        return self.aliases.group_name(self.lang)

    def guid(self, *parts: object) -> str:
        key = "/".join(str(p) for p in (self.group.id, self.group.created.isoformat(), *parts))
        return str(uuid.uuid5(GUID_NAMESPACE, key))

    @property
    def user(self) -> str:
        return self.guid("user", "counselor")

    # codes ------------------------------------------------------------------------------------------

    def round_code_guid(self, answer: str, round_: Round | None) -> str:
        """The code of a round's prompt (the same in either language), or of its kind of answer when None."""
        return self.guid("code", "round", answer, round_.text("en") if round_ is not None else "")

    def codebook(self) -> list[_Code]:
        numbers = sorted({*range(1, self.group.meetings_planned + 1), *(m.number for m in self.meetings)})
        by_answer: dict[str, _Code] = {
            k: _Code(self.round_code_guid(k, None), self.t(f"report.answer.{k}")) for k in ANSWER_KEYS
        }
        seen: set[str] = set()
        for number in numbers:
            plan = self.agenda.for_meeting(number)
            for stage in STAGE_KEYS:
                round_ = plan.stage(stage).round
                if round_ is None or round_.answer not in by_answer:
                    continue
                prompt = self.text(round_.text(self.lang))
                code_guid = self.round_code_guid(round_.answer, round_)
                if code_guid in seen:
                    continue
                seen.add(code_guid)
                label = self.t("report.qdpx.prompt_code", meeting=number, prompt=prompt)
                by_answer[round_.answer].children.append(_Code(code_guid, label))
        rounds = _Code(self.guid("code", "rounds"), self.t("report.qdpx.rounds"), codable=False)
        rounds.children = list(by_answer.values())
        rounds.description = self.t("report.qdpx.rounds_description")
        notes = _Code(self.guid("code", "notes"), self.t("panel.notes"), codable=False)
        notes.children = [_Code(self.guid("code", "note", k), self.t(key)) for k, key in NOTE_KINDS.items()]
        members = _Code(self.guid("code", "members"), self.t("common.members"), codable=False)
        members.children = [_Code(self.guid("code", "member", m.id), self.who(m)) for m in self.members]
        members.description = self.t("report.qdpx.members_description")
        return [rounds, notes, members]

    # sources ----------------------------------------------------------------------------------------

    def holds_something(self, meeting: Meeting) -> bool:
        return meeting.status != "planned" or any(True for _ in texts(meeting))

    def mark(
        self, source: _Text, meeting: Meeting, value: str, code: str, member: Member | None, label: str, key: str
    ) -> None:
        """Write ``value`` (a member's words or a note) into ``source`` as a selection coded ``code``.

        ``key`` names the selection's place in the meeting (``answer/K1/checkin``): its GUID comes from it.
        """
        start, end = source.add(self.text(value))
        source.line()
        codes = [code]
        if member is not None:
            codes.append(self.guid("code", "member", member.id))
        guid = self.guid("meeting", meeting.number, "selection", key)
        name = f"{member.id} · {label}" if member is not None else label
        source.selections.append(_Selection(guid, name, start, end, codes, member.id if member else None))
        if member is not None:
            self.selection_refs[member.id].append(guid)

    def source(self, meeting: Meeting) -> _Text:
        source, lang = _Text(), self.lang
        title = self.t("common.meeting_title", number=meeting.number, date=meeting.date.isoformat())
        source.line(f"{self.group_name} — {title}")
        people = [m for m in roster(self.group, meeting) if m.id in self.included]
        plan = self.agenda.for_meeting(meeting.number)
        placed: set[str] = set()
        for stage in STAGE_KEYS:
            source.line()
            source.line(f"== {self.t(f'stage.{stage}')} ==")
            round_ = plan.stage(stage).round
            if round_ is not None and round_.answer in ANSWER_KEYS and round_.answer not in placed:
                placed.add(round_.answer)
                self.answers(source, meeting, people, round_.answer, round_)
            notes = meeting.stages[stage].notes
            if notes.strip():
                source.line()
                source.line(self.t("report.qdpx.stage_notes", stage=self.t(f"stage.{stage}")))
                code, label = self.guid("code", "note", "stage"), self.t(f"stage.{stage}")
                self.mark(source, meeting, notes, code, None, label, f"stage/{stage}")
        for key in ANSWER_KEYS:  # answers no round of this meeting's agenda asks for (an agenda changed since)
            if key not in placed and any(self.said(meeting, m, key) for m in people):
                source.line()
                self.answers(source, meeting, people, key, None)
        self.member_notes(source, meeting, people)
        use = meeting.icebreaker
        if use is not None and use.note.strip():
            item = self.library.get(use.id)
            name = item.name.text(lang) if item else use.id
            source.line()
            source.line(f"== {self.t('common.icebreaker')}: {name} ==")
            self.mark(source, meeting, use.note, self.guid("code", "note", "icebreaker"), None, name, "icebreaker")
        if self.private and meeting.private_notes.strip():
            source.line()
            source.line(f"== {self.t('common.private_notes')} ==")
            label = self.t("common.private_notes")
            code = self.guid("code", "note", "private")
            self.mark(source, meeting, meeting.private_notes, code, None, label, "private")
        return source

    @staticmethod
    def said(meeting: Meeting, member: Member, key: str) -> str:
        answers = meeting.answers.get(member.id)
        value: str = getattr(answers, key) if answers else ""
        return value if value.strip() else ""

    def answers(self, source: _Text, meeting: Meeting, people: list[Member], key: str, round_: Round | None) -> None:
        said = [(m, self.said(meeting, m, key)) for m in people]
        said = [(m, value) for m, value in said if value]
        if not said:
            return
        source.line(self.text(round_.text(self.lang)) if round_ is not None else self.t(f"report.answer.{key}"))
        code = self.round_code_guid(key, round_)
        for member, value in said:
            source.add(f"{member.id}: ")
            self.mark(source, meeting, value, code, member, self.t(f"report.answer.{key}"), f"answer/{member.id}/{key}")

    def member_notes(self, source: _Text, meeting: Meeting, people: list[Member]) -> None:
        observed = [(m, meeting.observations[m.id].note) for m in people if m.id in meeting.observations]
        observed = [(m, note) for m, note in observed if note.strip()]
        if observed:
            source.line()
            source.line(f"== {self.t('report.observation_notes')} ==")
            for member, note in observed:
                source.add(f"{member.id}: ")
                code = self.guid("code", "note", "observation")
                label = self.t("report.observation_notes")
                self.mark(source, meeting, note, code, member, label, f"observation/{member.id}")
        reasons = [(m, meeting.attendance[m.id]) for m in people if m.id in meeting.attendance]
        reasons = [(m, a) for m, a in reasons if a.note.strip()]
        if reasons:
            source.line()
            source.line(f"== {self.t('report.qdpx.note.attendance')} ==")
            for member, record in reasons:
                status = self.t(f"attendance.{record.status}")
                if record.arrived_at is not None:
                    status += f" {record.arrived_at.strftime('%H:%M')}"
                source.add(f"{member.id} ({status}): ")
                code = self.guid("code", "note", "attendance")
                label = self.t("report.qdpx.note.attendance")
                self.mark(source, meeting, record.note, code, member, label, f"attendance/{member.id}")

    # interviews -------------------------------------------------------------------------------------

    def interview_name(self, record: InterviewRecord) -> str:
        kind = self.t(f"member.interview.kind.{record.kind}")
        return self.t("report.qdpx.interview_name", member=record.member_id, kind=kind, date=record.date.isoformat())

    def interview(self, record: InterviewRecord) -> _Text:
        """One interview as a source: a title line, then ``K1: `` and the notes, one selection."""
        source = _Text()
        source.line(f"{self.group_name} — {self.interview_name(record)}")
        source.line()
        source.add(f"{record.member_id}: ")
        start, end = source.add(self.text(record.text))
        source.line()
        guid = self.guid("interview", record.member_id, record.index, "selection")
        codes = [self.guid("code", "note", "interview"), self.guid("code", "member", record.member_id)]
        name = f"{record.member_id} · {self.t('member.interview.heading')}"
        source.selections.append(_Selection(guid, name, start, end, codes, record.member_id))
        self.selection_refs[record.member_id].append(guid)
        return source

    def selections(self, element: ET.Element, text: _Text) -> None:
        """Add ``text``'s selections to its source ``element``, each with its codings."""
        for selection in text.selections:
            selection_el = _sub(
                element,
                "PlainTextSelection",
                guid=selection.guid,
                name=selection.name,
                startPosition=str(selection.start),
                endPosition=str(selection.end),
                creatingUser=self.user,
            )
            for n, code in enumerate(selection.codes):
                coding = _sub(
                    selection_el, "Coding", guid=self.guid(selection.guid, "coding", n), creatingUser=self.user
                )
                _sub(coding, "CodeRef", targetGUID=code)

    def interview_element(self, parent: ET.Element, record: InterviewRecord, text: _Text) -> str:
        """Add the interview's ``TextSource`` to ``parent``; returns its file name in ``Sources/``."""
        guid = self.guid("interview", record.member_id, record.index, "source")
        name = self.interview_name(record)
        attributes = {"guid": guid, "name": name, "plainTextPath": f"internal://{guid}.txt", "creatingUser": self.user}
        element = _sub(parent, "TextSource", **attributes)
        kind = self.t(f"member.interview.kind.{record.kind}")
        description = self.t("report.qdpx.interview_description", kind=kind, date=record.date.isoformat())
        _sub(element, "Description", text=description)
        self.selections(element, text)
        return f"{guid}.txt"

    # cases and their variables ----------------------------------------------------------------------

    def variables(self) -> list[tuple[str, str, str]]:
        """(guid, name, type) of every variable, in order."""
        out: list[tuple[str, str, str]] = []
        if self.show_faculty:
            out.append((self.guid("variable", "faculty"), self.t("report.col.faculty"), "Text"))
        out += [
            (self.guid("variable", "active"), self.t("report.qdpx.var.active"), "Boolean"),
            (self.guid("variable", "attended"), self.t("report.qdpx.var.attended"), "Integer"),
            (self.guid("variable", "meetings"), self.t("report.qdpx.var.meetings"), "Integer"),
            (self.guid("variable", "recall_first"), self.t("report.qdpx.var.recall_first"), "Float"),
            (self.guid("variable", "recall_last"), self.t("report.qdpx.var.recall_last"), "Float"),
        ]
        for key in INDICATORS:
            name = self.t(f"indicator.{key}")
            out.append((self.guid("variable", key, "first"), self.t("report.qdpx.var.first", name=name), "Integer"))
            out.append((self.guid("variable", key, "last"), self.t("report.qdpx.var.last", name=name), "Integer"))
        out += [
            (self.guid("variable", "meeting_number"), self.t("report.qdpx.var.meeting_number"), "Integer"),
            (self.guid("variable", "meeting_date"), self.t("report.qdpx.var.meeting_date"), "Date"),
        ]
        return out

    def values(self, member: Member) -> list[tuple[str, str, str]]:
        """(variable guid, value element, value) of one member's case; unknown values are left out."""
        out: list[tuple[str, str, str]] = []
        if self.show_faculty and member.faculty:
            out.append((self.guid("variable", "faculty"), "TextValue", self.text(member.faculty)))
        out.append((self.guid("variable", "active"), "BooleanValue", "true" if member.active else "false"))
        on_roster = [m for m in self.meetings if any(r.id == member.id for r in roster(self.group, m))]
        attended = sum(is_present(m, member.id) for m in on_roster)
        out.append((self.guid("variable", "attended"), "IntegerValue", str(attended)))
        out.append((self.guid("variable", "meetings"), "IntegerValue", str(len(on_roster))))
        progress = member_progress(self.group, self.meetings, member.id)
        recalls = [s.fraction for s in progress.recall if s is not None and s.fraction is not None]
        if recalls:
            out.append((self.guid("variable", "recall_first"), "FloatValue", f"{recalls[0] * 100:.1f}"))
            out.append((self.guid("variable", "recall_last"), "FloatValue", f"{recalls[-1] * 100:.1f}"))
        for key in INDICATORS:
            seen = [v for v in progress.indicators[key] if v is not None]
            if seen:
                out.append((self.guid("variable", key, "first"), "IntegerValue", str(seen[0])))
                out.append((self.guid("variable", key, "last"), "IntegerValue", str(seen[-1])))
        return out

    # the project ------------------------------------------------------------------------------------

    def build(self) -> tuple[bytes, int]:
        if not self.members:
            raise NoResearchConsent(self.group.id)
        held = [m for m in self.meetings if self.holds_something(m)]
        sources = [(meeting, self.source(meeting)) for meeting in held]
        interviews = [(r, self.interview(r)) for r in interview_records(self.group) if r.member_id in self.included]
        root = ET.Element(_tag("Project"), {"xmlns": NAMESPACE, **self.project_attributes(held)})
        users = _sub(root, "Users")
        counselor = self.text(self.group.counselor) or self.t("common.counselor")
        _sub(users, "User", guid=self.user, name=counselor)
        codes = _sub(_sub(root, "CodeBook"), "Codes")
        for code in self.codebook():
            _code(codes, code)
        variables = _sub(root, "Variables")
        for guid, name, kind in self.variables():
            _sub(variables, "Variable", guid=guid, name=name, typeOfVariable=kind)
        cases = _sub(root, "Cases")
        for member in self.members:
            case = _sub(cases, "Case", guid=self.guid("case", member.id), name=self.who(member))
            if self.private and member.note:
                _sub(case, "Description", text=self.text(member.note))
            for guid, element, value in self.values(member):
                _value(case, guid, element, value)
            for ref in self.selection_refs[member.id]:
                _sub(case, "SelectionRef", targetGUID=ref)
        files: dict[str, bytes] = {}
        attached = self.attached_files()
        if sources or interviews or attached:
            sources_el = _sub(root, "Sources")
            for meeting, text in sources:
                files[self.source_element(sources_el, meeting, text)] = text.text.encode("utf-8")
            for record, text in interviews:
                files[self.interview_element(sources_el, record, text)] = text.text.encode("utf-8")
            for meeting, attachment, data in attached:
                files[self.attachment_element(sources_el, meeting, attachment)] = data
        _sub(root, "Description", text=self.description(len(sources), len(interviews)))
        ET.indent(root)
        project = ET.tostring(root, encoding="utf-8", xml_declaration=True)
        self.interview_count = len(interviews)
        return _zip(project, files), len(sources)

    def project_attributes(self, held: Iterable[Meeting]) -> dict[str, str]:
        attributes = {"name": self.group_name, "origin": f"homeroom {__version__}", "creatingUserGUID": self.user}
        held = list(held)
        started = [m.started_at for m in held if m.started_at is not None]
        changed = [t for m in held for t in (m.ended_at, m.amended_at) if t is not None]
        if started:
            attributes["creationDateTime"] = min(started).isoformat()
        if changed:
            attributes["modifyingUserGUID"] = self.user
            attributes["modifiedDateTime"] = max(changed).isoformat()
        return attributes

    def source_element(self, parent: ET.Element, meeting: Meeting, text: _Text) -> str:
        """Add the meeting's ``TextSource`` to ``parent``; returns its file name in ``Sources/``."""
        guid = self.guid("meeting", meeting.number, "source")
        name = self.t("report.qdpx.source_name", number=meeting.number, date=meeting.date.isoformat())
        attributes = {"guid": guid, "name": name, "plainTextPath": f"internal://{guid}.txt", "creatingUser": self.user}
        if meeting.started_at is not None:
            attributes["creationDateTime"] = meeting.started_at.isoformat()
        modified = meeting.amended_at or meeting.ended_at
        if modified is not None:
            attributes["modifyingUser"] = self.user
            attributes["modifiedDateTime"] = modified.isoformat()
        element = _sub(parent, "TextSource", **attributes)
        status = self.t(f"meeting_status.{meeting.status}")
        _sub(element, "Description", text=self.t("report.qdpx.source_description", status=status))
        self.selections(element, text)
        _value(element, self.guid("variable", "meeting_number"), "IntegerValue", str(meeting.number))
        _value(element, self.guid("variable", "meeting_date"), "DateValue", meeting.date.isoformat())
        return f"{guid}.txt"

    def attached_files(self) -> list[tuple[Meeting, Attachment, bytes]]:
        """The attached files that may go in (:func:`~homeroom_tui.program.attachments.may_research`), with their bytes.

        Photos, audio and PDF forms only (the kinds REFI-QDA has sources for); a copy missing on disk
        is left out (``homeroom check`` names it). Every one left out is counted in the description.
        """
        found: list[tuple[Meeting, Attachment, bytes]] = []
        for meeting in self.meetings:
            for attachment in meeting.attachments:
                data = None
                wanted = attachment.kind in _SOURCE_TAGS and may_research(attachment, meeting, self.group)
                if self.group_folder is not None and wanted:
                    folder = attachments_folder(self.group_folder, meeting.number)
                    with contextlib.suppress(OSError):
                        data = (folder / attachment.file).read_bytes()
                if data is None:
                    self.attached_left_out += 1
                else:
                    found.append((meeting, attachment, data))
        self.attached = len(found)
        return found

    def attachment_element(self, parent: ET.Element, meeting: Meeting, attachment: Attachment) -> str:
        """Add a ``PictureSource``, ``AudioSource`` or ``PDFSource``; returns its file name in ``Sources/``."""
        guid = self.guid("meeting", meeting.number, "attachment", attachment.file)
        suffix = Path(attachment.file).suffix.lower()
        name = f"{guid}{suffix}"
        attributes = {
            "guid": guid,
            "name": self.text(attachment.file),
            "path": f"internal://{name}",
            "creatingUser": self.user,
            "creationDateTime": attachment.added_at.isoformat(),
        }
        element = _sub(parent, _SOURCE_TAGS[attachment.kind], **attributes)
        about = self.t("report.qdpx.attachment_description", number=meeting.number, date=meeting.date.isoformat())
        if attachment.note:
            about += "\n" + self.text(attachment.note)
        _sub(element, "Description", text=about)
        _value(element, self.guid("variable", "meeting_number"), "IntegerValue", str(meeting.number))
        _value(element, self.guid("variable", "meeting_date"), "DateValue", meeting.date.isoformat())
        return name

    def description(self, sources: int, interviews: int) -> str:
        lines = [self.t("report.qdpx.description", name=self.group_name)]
        lines.append(t_count_in(self.lang, "report.qdpx.sources", sources))
        if interviews:
            lines.append(t_count_in(self.lang, "report.qdpx.interviews", interviews))
        if self.attached:
            lines.append(t_count_in(self.lang, "report.qdpx.attachments", self.attached))
        if self.attached_left_out:
            lines.append(t_count_in(self.lang, "report.qdpx.attachments_left_out", self.attached_left_out))
        if self.left_out:
            lines.append(t_count_in(self.lang, "report.qdpx.left_out", len(self.left_out)))
        lines.append(self.t("report.qdpx.names" if self.names else "report.qdpx.aliased"))
        if not self.private:
            lines.append(self.t("report.qdpx.private_left_out"))
        return "\n".join(lines)


def _tag(name: str) -> str:
    """Elements are written unqualified, in the default namespace the root declares (``xmlns``)."""
    return name


def _sub(parent: ET.Element, tag: str, /, text: str | None = None, **attributes: str) -> ET.Element:
    """A child element; every value made XML 1.0 text (:func:`xml_text`)."""
    element = ET.SubElement(parent, _tag(tag), {k: xml_text(v) for k, v in attributes.items()})
    if text is not None:
        element.text = xml_text(text)
    return element


def _value(parent: ET.Element, variable: str, element: str, value: str) -> None:
    holder = _sub(parent, "VariableValue")
    _sub(holder, "VariableRef", targetGUID=variable)
    _sub(holder, element, text=value)


def _code(parent: ET.Element, code: _Code) -> None:
    element = _sub(parent, "Code", guid=code.guid, name=code.name, isCodable="true" if code.codable else "false")
    if code.description:
        _sub(element, "Description", text=code.description)
    for child in code.children:
        _code(element, child)


def _zip(project: bytes, sources: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in [(PROJECT_FILE, project), *((f"{SOURCES_DIR}/{n}", d) for n, d in sources.items())]:
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            archive.writestr(info, data)
    return buffer.getvalue()


def qdpx_export(
    group: Group,
    meetings: Sequence[Meeting],
    *,
    lang: Lang,
    names: bool = False,
    private: bool = False,
    faculty: bool = False,
    agenda: Agenda | None = None,
    library: Library | None = None,
    group_folder: Path | None = None,
) -> Qdpx:
    """The ``.qdpx`` of ``group``; raises :class:`NoResearchConsent` when nobody's research consent is recorded."""
    builder = _Builder(
        group,
        meetings,
        lang=lang,
        names=names,
        private=private,
        faculty=faculty,
        agenda=agenda if agenda is not None else load_agenda(),
        library=library if library is not None else load_library(),
        group_folder=group_folder,
    )
    data, sources = builder.build()
    return Qdpx(
        data=data,
        left_out=builder.left_out,
        aliases=builder.aliases,
        sources=sources,
        attachments=builder.attached,
        attachments_left_out=builder.attached_left_out,
        interviews=builder.interview_count,
    )
