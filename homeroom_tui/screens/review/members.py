"""F3, the members tab: each member over the program, picked from a list."""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from homeroom_tui.i18n import t
from homeroom_tui.i18n.numbers import number as fmt_number
from homeroom_tui.i18n.numbers import points, share
from homeroom_tui.model import ANSWER_KEYS, INDICATORS, Consent, Group, Meeting, Member
from homeroom_tui.program.consent import has_research_consent
from homeroom_tui.program.fidelity import appreciations, attendance_records
from homeroom_tui.program.interviews import in_order
from homeroom_tui.program.interviews import title as interview_title
from homeroom_tui.program.members import CONSENT_KINDS
from homeroom_tui.program.review import member_progress
from homeroom_tui.program.scales import member_changes
from homeroom_tui.screens.review.tab import ReviewTab
from homeroom_tui.widgets.plain import plain, plain_content

BARS = "▁▂▃▄▅▆▇█"


class MemberChosen(Message):
    """Show one member of a group on the members tab (a search hit in their interview)."""

    def __init__(self, group_id: str, member_id: str) -> None:
        super().__init__()
        self.group_id = group_id
        self.member_id = member_id


def bars(values: Sequence[int | None]) -> str:
    """A small chart on the absolute 1-5 scale: ``▁▃▅█``; ``·`` where no value was given."""
    return "".join("·" if v is None else BARS[round((v - 1) * (len(BARS) - 1) / 4)] for v in values)


def consent_line(member: Member) -> str:
    """``Consent: counseling 2024-01-10 · research — · guardian — (needed)``; the research line
    ends with whether research exports may include the member."""
    consent = member.consent or Consent()
    parts = []
    for kind in CONSENT_KINDS:
        day = getattr(consent, kind)
        shown = day.isoformat() if day else "—"
        if kind == "guardian" and consent.guardian_needed and day is None:
            shown += " " + t("review.consent_needed")
        parts.append(f"{t(f'review.consent.{kind}')} {shown}")
    use = t("review.consent_research_yes") if has_research_consent(member) else t("review.consent_research_no")
    return t("review.consent_line", consents=" · ".join(parts), use=use)


def member_text(group: Group, meetings: Sequence[Meeting], member_id: str) -> Content:
    """One member over the program: attendance (arrival, reasons), recall, appreciation (★),
    indicators with bars and change, answers."""
    progress = member_progress(group, meetings, member_id)
    stars = set(appreciations(meetings, member_id))
    numbers = " ".join(f"{n:>3}" for n in progress.numbers)
    recall_change = progress.recall_change()
    recall_tail = f"  {points(recall_change)}" if recall_change is not None else ""
    member = progress.member
    head = Content.assemble((f"{member.id} ", "bold"), plain_content(member.name, "bold"))
    if member.faculty:
        head = Content.assemble(head, " · ", plain_content(member.faculty))
    lines: list[Content | str] = [
        head,
        consent_line(member),
        *(plain_content(change.text()) for change in member_changes(group, member)),
        "",
        f"{t('common.meeting'):<26}{numbers}",
        f"{t('panel.attendance'):<26}" + " ".join(f"{t(f'review.att_short.{s}'):>3}" for s in progress.attendance),
        f"{t('panel.recall'):<26}"
        + " ".join(f"{s.named}/{s.possible:<1}" if s else "  -" for s in progress.recall)
        + recall_tail,
        f"{t('review.appreciated_in')[:25]:<26}"
        + " ".join(f"{'★' if n in stars else '·':>3}" for n in progress.numbers),
        "",
    ]
    for indicator in INDICATORS:
        values = progress.indicators[indicator]
        change = progress.change(indicator)
        change_text = f"{change:+d}" if change is not None else ""
        cells = " ".join(f"{v if v is not None else '-':>3}" for v in values)
        lines.append(f"{t(f'indicator.{indicator}')[:25]:<26}{cells}  {bars(values)} {change_text}")
    mean_change = progress.mean_change()
    if mean_change is not None:
        lines.append(t("review.mean_change", change=fmt_number(mean_change, sign=True)))
    shares = [share(s.named, s.possible) for s in progress.recall if s is not None]
    if shares:
        lines.append(t("review.recall_shares", shares=" → ".join(shares)))
    by_number = {m.number: m for m in meetings}
    for number in progress.numbers:
        records = attendance_records(group, by_number[number])
        record = next((r for r in records if r.member_id == member_id), None)
        if record is None or not (record.arrived_at or record.reason):
            continue
        said = f"  {t('review.meeting_short', number=number)}: {t(f'attendance.{record.status}')}"
        said += f" {t('review.arrived', time=record.arrived_at)}" if record.arrived_at else ""
        reason = plain_content(record.reason, "italic") if record.reason else ""
        lines.append(Content.assemble(said, f" · {t('review.reason')}: " if record.reason else "", reason))
    for number, answers in progress.answers:
        star = f"  {t('review.appreciated')}" if answers.appreciated else ""
        lines += ["", Content.assemble((t("review.meeting_short", number=number), "bold"), star)]
        for key in ANSWER_KEYS:
            value = getattr(answers, key)
            if value:
                lines.append(Content.assemble(f"  {t(f'review.answer.{key}')}: ", plain_content(value, multiline=True)))
    for number, note in progress.notes:
        lines.append(
            Content.assemble(
                ("  " + t("review.meeting_short", number=number) + ": ", "italic"),
                plain_content(note, "italic", multiline=True),
            )
        )
    interviews = in_order(member)
    if interviews:
        lines += ["", Content.assemble((t("member.interview.heading"), "bold"))]
    for _, interview in interviews:
        lines.append(Content.assemble((interview_title(interview), "italic")))
        lines.append(Content.assemble("  ", plain_content(interview.text, multiline=True)))
    return Content("\n").join(lines)


class MembersTab(ReviewTab):
    """The members on the left; the highlighted one over the program on the right."""

    FOCUS = "#member-list"

    group: Group | None = None
    meetings: Sequence[Meeting] = ()

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield OptionList(id="member-list")
            with VerticalScroll(id="member-detail"):
                yield Static("", id="member-text")

    def show(self, group: Group, meetings: Sequence[Meeting], select: str | None = None) -> None:
        """List ``group``'s members and show the first one (or the member ``select``)."""
        self.group = group
        self.meetings = meetings
        members = self.query_one("#member-list", OptionList)
        members.clear_options()
        members.add_options(Option(plain(f"{m.id:<3} {m.name}"), id=m.id) for m in group.members)
        if group.members:
            ids = [m.id for m in group.members]
            index = ids.index(select) if select in ids else 0
            members.highlighted = index
            self.show_member(ids[index])

    def highlighted_member(self) -> str | None:
        """The id of the member highlighted in the list."""
        members = self.query_one("#member-list", OptionList)
        if members.highlighted is None:
            return None
        return members.get_option_at_index(members.highlighted).id

    def show_member(self, member_id: str) -> None:
        """One member over the program."""
        assert self.group is not None
        self.query_one("#member-text", Static).update(member_text(self.group, self.meetings, member_id))

    @on(OptionList.OptionHighlighted, "#member-list")
    def _member(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id:
            self.show_member(event.option.id)
