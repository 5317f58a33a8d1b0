"""One member's record over the program, for the student's file or a referral. Imports no Textual.

The record is about one member: their attendance per meeting (with the reasons), their answers
per round, the counselor's five ratings per meeting with first-vs-last, name recall (how many
peers they named, and how many peers named them: counts only, never who), the observation notes
about them, their consent dates; their own ratings beside the counselor's (``counselor/own``, ``!``
where 2 or more apart), their questionnaire totals per administration (an incomplete one said so,
never guessed) and their interview notes, dated, with the kind. It appears under the member's own
name (``alias``: their id).

Everyone else is "another member", also inside this member's answers and notes: the same
:class:`~homeroom_tui.program.aliases.Aliaser` as every export, with every other member labelled
"another member", and another member's id (``K5``) written in a text replaced too. Other
members' faculties are never shown.

Left out on purpose: the meeting's private notes and the stage notes (they are about the group
and mention others), the member's private note on the roster, and the ice-breakers. The group's
name and id are replaced ("Group A") where they hold a member's name part.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from homeroom_tui.i18n import Lang, t_in
from homeroom_tui.i18n.numbers import points
from homeroom_tui.model import ANSWER_KEYS, INDICATORS, Group, Meeting, Member
from homeroom_tui.plain import visible
from homeroom_tui.program.agenda import Agenda, load_agenda
from homeroom_tui.program.aliases import Aliaser
from homeroom_tui.program.attendance import recall_peers, roster
from homeroom_tui.program.fidelity import appreciable_answers, arrival_text
from homeroom_tui.program.interviews import in_order
from homeroom_tui.program.recall import RecallScore, recall_change, recall_score
from homeroom_tui.program.report_data import DASH, Grid, score, signed
from homeroom_tui.program.scales import administrations, member_values, total
from homeroom_tui.program.triangulation import evidence


class UnknownMember(LookupError):
    """No member with that id in the group (the message names the id asked for, nothing else)."""


@dataclass
class Section:
    """One part of the record: a heading, the text that explains it, its table (no rows: nothing recorded)."""

    heading: str
    grid: Grid
    help: str = ""


@dataclass
class Record:
    """What a member's record shows, as plain text (each format makes it literal where it writes it)."""

    lang: Lang
    title: str
    notices: list[str]
    facts: list[tuple[str, str]]
    sections: list[Section] = field(default_factory=list)
    aliases: Aliaser | None = None
    """The aliaser used, to read what it replaced (:class:`~homeroom_tui.program.aliases.AliasStats`)."""


def find_member(group: Group, member_id: str) -> Member:
    """The member ``member_id`` (``k3`` is ``K3``), or :class:`UnknownMember`."""
    member = group.member(member_id.strip().upper())
    if member is None:
        raise UnknownMember(member_id)
    return member


def named_by(group: Group, meeting: Meeting, member_id: str) -> RecallScore | None:
    """How many of the peers who recalled names (and could name this member) named them; None if none could."""
    could = [
        other
        for other in meeting.name_recall
        if other != member_id and member_id in {m.id for m in recall_peers(group, meeting, other)}
    ]
    if not could:
        return None
    return RecallScore(sum(member_id in meeting.name_recall[other] for other in could), len(could))


class _Texts:
    """Free text as the record shows it: other members' names and ids as "another member"."""

    def __init__(self, group: Group, member: Member, lang: Lang, alias: bool) -> None:
        another = t_in(lang, "report.qdpx.another_member")
        others = [m.id for m in group.members if m.id != member.id]
        own = member.id if alias else visible(member.name)
        self.aliases = Aliaser(group, labels={**dict.fromkeys(others, another), member.id: own})
        self.another = another
        self._ids = (
            re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, others)) + r")(?!\w)", re.IGNORECASE) if others else None
        )

    def __call__(self, text: str) -> str:
        aliased = self.aliases(text)
        return self._ids.sub(self.another, aliased) if self._ids is not None else aliased


def member_record(
    group: Group,
    meetings: Sequence[Meeting],
    member_id: str,
    *,
    lang: Lang,
    alias: bool = False,
    faculty: bool = False,
    agenda: Agenda | None = None,
) -> Record:
    """The record of ``member_id`` in ``group`` over ``meetings`` (those held with the member on the roster).

    Raises :class:`UnknownMember`. ``alias``: the member appears by id, and their faculty only with
    ``faculty``. ``agenda`` says which answers could be appreciated (the built-in one when None).
    """
    member = find_member(group, member_id)
    agenda = agenda if agenda is not None else load_agenda()
    text = _Texts(group, member, lang, alias)

    def t(key: str, /, **values: object) -> str:
        return t_in(lang, key, **values)

    def m(number: int) -> str:
        return t("report.meeting_short", number=number)

    held = [
        mt
        for mt in sorted(meetings, key=lambda mt: mt.number)
        if mt.status != "planned" and any(x.id == member.id for x in roster(group, mt))
    ]
    who = member.id if alias else visible(member.name)
    group_name = text.aliases.group_name(lang)
    notices = [t("report.record.confidential")]
    if group_name != group.name:
        notices.append(t("report.group_aliased", name=group_name))
    notices.append(t("report.record.left_out"))

    consent = member.consent

    def day(value: object) -> str:
        return str(value) if value is not None else DASH

    guardian = day(consent.guardian if consent else None)
    if consent and consent.guardian_needed and consent.guardian is None:
        guardian = f"{DASH} ({t('member.field.guardian_needed')})"
    facts = [
        (t("report.group_row"), group_name),
        (t("common.counselor"), text(group.counselor) or DASH),
        (t("report.col.member"), who),
    ]
    if not alias or faculty:
        facts.append((t("report.col.faculty"), text(member.faculty or "") or DASH))
    facts += [
        (t("common.status"), t("report.member_active" if member.active else "report.member_left")),
        (t("report.dates"), ", ".join(f"{m(mt.number)} {mt.date.isoformat()}" for mt in held) or DASH),
        (t("member.field.consent.counseling"), day(consent.counseling if consent else None)),
        (t("member.field.consent.research"), day(consent.research if consent else None)),
        (t("member.field.consent.guardian"), guardian),
    ]
    record = Record(lang, t("report.record.title", name=who), notices, facts, aliases=text.aliases)
    if not held:
        return record

    # attendance, with the reasons
    rows = []
    for mt in held:
        entry = mt.attendance.get(member.id)
        rows.append(
            [
                m(mt.number),
                mt.date.isoformat(),
                arrival_text(group, mt, member.id, lang),
                text(entry.note) if entry else "",
            ]
        )
    header = [t("common.meeting"), t("common.date"), t("panel.attendance"), t("report.col.reason")]
    record.sections.append(Section(t("panel.attendance"), Grid(header, rows)))

    # their own words
    rows = [
        [
            m(mt.number),
            t(f"report.answer.{k}"),
            text(getattr(answer, k)),
            "★" if answer.appreciated and k in appreciable_answers(agenda, mt.number) else "",
        ]
        for mt in held
        if (answer := mt.answers.get(member.id)) is not None
        for k in ANSWER_KEYS
        if getattr(answer, k).strip()
    ]
    header = [t("common.meeting"), t("report.answers"), t("report.member_words"), "★"]
    record.sections.append(Section(t("report.answers"), Grid(header, rows)))

    # the counselor's ratings, first vs last
    rows = []
    for key in INDICATORS:
        values = [getattr(o, key) if (o := mt.observations.get(member.id)) else None for mt in held]
        known = [v for v in values if v is not None]
        change = f"{known[0]} → {known[-1]} ({signed(known[-1] - known[0])})" if len(known) >= 2 else DASH
        rows.append([t(f"indicator.{key}"), *(DASH if v is None else str(v) for v in values), change])
    if not any(v != DASH for row in rows for v in row[1:]):
        rows = []
    header = [t("report.record.indicator"), *(m(mt.number) for mt in held), t("report.record.first_last")]
    record.sections.append(Section(t("report.record.ratings"), Grid(header, rows), t("report.record.ratings_help")))
    record.sections.append(_self_ratings(group, held, member, lang))

    # name recall: counts only
    named = [recall_score(group, mt, member.id) for mt in held]
    by = [named_by(group, mt, member.id) for mt in held]
    rows = [[m(mt.number), score(a, lang), score(b, lang)] for mt, a, b in zip(held, named, by, strict=True)]
    if all(a is None and b is None for a, b in zip(named, by, strict=True)):
        rows = []
    else:
        rows.append([t("report.col.recall_change"), _change(named, lang), _change(by, lang)])
    header = [t("common.meeting"), t("report.record.named"), t("report.record.named_by")]
    record.sections.append(Section(t("report.recall"), Grid(header, rows), t("report.record.recall_help")))

    # the counselor's observation notes about them
    rows = [
        [m(mt.number), text(o.note)]
        for mt in held
        if (o := mt.observations.get(member.id)) is not None and o.note.strip()
    ]
    record.sections.append(
        Section(t("report.observation_notes"), Grid([t("common.meeting"), t("report.col.note")], rows))
    )
    record.sections += [_scales(group, member, lang, text), _interviews(member, lang, text)]
    return record


def _self_ratings(group: Group, held: Sequence[Meeting], member: Member, lang: Lang) -> Section:
    """The member's own ratings beside the counselor's, per meeting held; first → last of their own."""
    seen = [evidence(group, mt, member.id) for mt in held]
    rows = []
    for key in INDICATORS:
        cells = []
        for e in seen:
            theirs, own = e.counselor[key], e.own[key]
            cell = (
                DASH
                if own is None and theirs is None
                else f"{DASH if theirs is None else theirs}/{DASH if own is None else own}"
            )
            cells.append(cell + " !" if e.disagrees(key) else cell)
        own_known = [v for e in seen if (v := e.own[key]) is not None]
        change = (
            f"{own_known[0]} → {own_known[-1]} ({signed(own_known[-1] - own_known[0])})"
            if len(own_known) >= 2
            else DASH
        )
        rows.append([t_in(lang, f"indicator.{key}"), *cells, change])
    if not any(v is not None for e in seen for v in e.own.values()):
        rows = []
    header = [
        t_in(lang, "report.record.indicator"),
        *(t_in(lang, "report.meeting_short", number=mt.number) for mt in held),
        t_in(lang, "report.record.first_last"),
    ]
    return Section(
        t_in(lang, "report.record.self_ratings"), Grid(header, rows), t_in(lang, "report.record.self_ratings_help")
    )


def _scales(group: Group, member: Member, lang: Lang, text: _Texts) -> Section:
    """The member's total on each scale at each administration with a score: incomplete said, never guessed."""
    rows = []
    for scale, number in administrations(group, member):
        values = member_values(member, scale, number)
        if all(v is None for v in values):
            continue
        result = total(scale, values, number)
        shown = (
            str(result.value)
            if result.value is not None
            else t_in(lang, "member.scale.incomplete", missing=result.missing, items=scale.items)
        )
        rows.append([text(scale.name), t_in(lang, "report.meeting_short", number=number), shown])
    header = [t_in(lang, "report.record.scale"), t_in(lang, "common.meeting"), t_in(lang, "report.col.total")]
    return Section(t_in(lang, "member.scale.heading"), Grid(header, rows), t_in(lang, "report.record.scales_help"))


def _interviews(member: Member, lang: Lang, text: _Texts) -> Section:
    """The member's interview notes by date, with the kind; other members' names replaced."""
    rows = [
        [interview.date.isoformat(), t_in(lang, f"member.interview.kind.{interview.kind}"), text(interview.text)]
        for _, interview in in_order(member)
    ]
    header = [t_in(lang, "common.date"), t_in(lang, "report.record.kind"), t_in(lang, "report.col.note")]
    return Section(t_in(lang, "member.interview.heading"), Grid(header, rows))


def _change(scores: list[RecallScore | None], lang: Lang) -> str:
    done = [s for s in scores if s is not None and s.fraction is not None]
    change = recall_change(done[0], done[-1]) if len(done) >= 2 else None
    return DASH if change is None else points(change, lang)


# --- Markdown ----------------------------------------------------------------------------------


def record_markdown(record: Record) -> str:
    """The record as Markdown: every cell and name made literal (no tag, link, code or heading from data)."""
    from homeroom_tui.program.report import md_inline, md_text, table

    nothing = t_in(record.lang, "report.nothing")
    lines = [f"# {md_text(record.title)}", ""]
    for notice in record.notices:
        lines += [md_text(notice), ""]
    lines += [f"- {md_text(k)}: {' '.join(md_text(v).split())}" for k, v in record.facts] + [""]
    for section in record.sections:
        lines += [f"## {md_text(section.heading)}", ""]
        lines += [md_text(section.help), ""] if section.help and section.grid.rows else []
        if section.grid.rows:
            lines += table(
                [md_inline(h) for h in section.grid.header], [[md_inline(c) for c in row] for row in section.grid.rows]
            )
        else:
            lines += [nothing, ""]
    return "\n".join(lines).rstrip("\n") + "\n"


# --- HTML --------------------------------------------------------------------------------------


def record_html(record: Record) -> str:
    """The record as one printable HTML page: no script, nothing from a network, every value escaped."""
    from homeroom_tui.program.html_report import templates

    env = templates()
    labels = {
        "nothing": t_in(record.lang, "report.nothing"),
        "generated_by": t_in(record.lang, "report.generated_by"),
    }

    def shown(value: str) -> str:  # control characters as escapes, as in the program report
        return visible(value, multiline=True)

    page = Record(
        record.lang,
        visible(record.title),
        [shown(n) for n in record.notices],
        [(shown(k), shown(v)) for k, v in record.facts],
        [
            Section(
                shown(s.heading),
                Grid([shown(h) for h in s.grid.header], [[shown(c) for c in row] for row in s.grid.rows]),
                shown(s.help),
            )
            for s in record.sections
        ],
    )
    return env.get_template("record.html.j2").render(record=page, labels=labels)
