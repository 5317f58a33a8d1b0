"""One meeting in full, read-only (``Enter`` on a meeting in the review): the screen and its renderer."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Label, OptionList, Static
from textual.widgets.option_list import Option

from homeroom_tui.i18n import get_language, t, t_count
from homeroom_tui.i18n.numbers import number as fmt_number
from homeroom_tui.i18n.numbers import share
from homeroom_tui.model import ANSWER_KEYS, INDICATORS, STAGE_KEYS, AnswerKey, Group, Meeting
from homeroom_tui.plain import visible
from homeroom_tui.program.agenda import Agenda
from homeroom_tui.program.agreed_end import summary as agreed_end_summary
from homeroom_tui.program.attachments import review_lines
from homeroom_tui.program.attendance import present_ids, roster
from homeroom_tui.program.displays import short
from homeroom_tui.program.fidelity import appreciated, attendance_records, meeting_fidelity, missing_words
from homeroom_tui.program.icebreakers import Library
from homeroom_tui.program.recall import group_recall, recall_score
from homeroom_tui.program.timer import clock_text
from homeroom_tui.screens.dialogs import DateDialog
from homeroom_tui.screens.messages import AmendMeeting, CorrectDateHeld, MarkQuote
from homeroom_tui.store.paths import attachments_folder
from homeroom_tui.widgets.keybar import KeyBar
from homeroom_tui.widgets.keys import HELP, Action, bindings
from homeroom_tui.widgets.localize import localize_bindings
from homeroom_tui.widgets.plain import plain, plain_content

QUOTE_MARK = "❝"
"""Beside the answer the counselor chose as the member's quote of the meeting (the study's displays)."""


def quote_options(group: Group, meeting: Meeting) -> list[Option]:
    """Every answer of the meeting that says something, one line each, ❝ on the one chosen as the quote.

    The option's id is ``member:answer`` (``K1:change``)."""
    options = []
    for member in roster(group, meeting):
        answers = meeting.answers.get(member.id)
        if answers is None:
            continue
        for key in ANSWER_KEYS:
            said = getattr(answers, key)
            if not said.strip():
                continue
            mark = QUOTE_MARK if answers.quote == key else " "
            line = f"{mark} {member.id:<3} {member.name} · {t(f'review.answer.{key}')}: {short(said, 150)}"
            options.append(Option(plain(line), id=f"{member.id}:{key}"))
    return options


def meeting_detail(
    group: Group, meeting: Meeting, agenda: Agenda, library: Library, attachments: Path | None = None
) -> Content:
    """One meeting in full: the fidelity verdict, the ice-breaker with its rating and note, stages with
    checklists and times, rounds with appreciation (★), attendance with arrival times and reasons,
    recall, observations, notes, and the attached files with where their copies are (``attachments``:
    the meeting's attachments folder; never opened).

    Names, answers, notes and the agenda's and ice-breakers' texts are data: nothing is parsed as
    markup and control characters are shown as escapes.
    """
    lang = get_language()
    plan = agenda.for_meeting(meeting.number)
    members = roster(group, meeting)
    accent = "bold $accent"
    lines: list[Content] = [
        Content.assemble(
            (t("common.meeting_title", number=meeting.number, date=meeting.date.isoformat()), "bold"),
            " · " + t(f"meeting_status.{meeting.status}"),
        )
    ]
    if meeting.planned_date is not None and meeting.planned_date != meeting.date:
        lines.append(Content.styled(t("review.planned_date", date=meeting.planned_date.isoformat()), "dim"))
    if meeting.agreed_end:
        lines.append(Content(agreed_end_summary(meeting) or ""))
    if meeting.amended_at:
        lines.append(Content.styled(t("review.amended", when=meeting.amended_at.isoformat(timespec="minutes")), "dim"))
    check = meeting_fidelity(meeting, agenda)
    verdict = (
        t("review.fidelity_ok")
        if check.as_prescribed
        else t("review.fidelity_missing", missing="; ".join(missing_words(check, lang)))
    )
    lines.append(Content(f"{t('review.fidelity')}: {verdict}"))
    if meeting.icebreaker:
        item = library.get(meeting.icebreaker.id)
        name = item.name.text(lang) if item else meeting.icebreaker.id
        rating = f" {'★' * meeting.icebreaker.rating}" if meeting.icebreaker.rating else ""
        lines.append(Content.assemble(f"{t('common.icebreaker')}: ", plain_content(name), rating))
        if meeting.icebreaker.note:
            how = plain_content(meeting.icebreaker.note, "italic", multiline=True)
            lines.append(Content.assemble(f"  {t('review.icebreaker_note')}: ", how))
    for key, stage_check in zip(STAGE_KEYS, check.stages, strict=True):
        stage = meeting.stages[key]
        planned = stage.planned_min + stage.extended_min
        minutes = t("review.stage_minutes", actual=clock_text(stage.actual_seconds), planned=planned)
        count = t("review.checklist_count", ticked=stage_check.ticked, items=stage_check.items)
        lines += [Content(), Content.assemble((t(f"stage.{key}"), accent), f" {minutes} · {count}")]
        ticked = set(stage.checklist)
        for entry in plan.stage(key).checklist:
            mark = "☑" if entry.key in ticked else "☐"
            lines.append(Content.assemble(f"  {mark} ", plain_content(entry.text(lang))))
        round_plan = plan.stage(key).round
        if round_plan and round_plan.answer != "ready":
            for member in members:
                answer = (
                    getattr(meeting.answers.get(member.id), round_plan.answer, "")
                    if meeting.answers.get(member.id)
                    else ""
                )
                if answer:
                    answers = meeting.answers[member.id]
                    star = f"  {t('review.appreciated')}" if round_plan.appreciate and answers.appreciated else ""
                    star += f"  {QUOTE_MARK}" if answers.quote == round_plan.answer else ""
                    lines.append(
                        Content.assemble(
                            "  ",
                            (member.id, "bold"),
                            " ",
                            plain_content(member.name),
                            ": ",
                            plain_content(answer, multiline=True),
                            star,
                        )
                    )
        if stage.notes:
            lines.append(Content.assemble("  ", plain_content(stage.notes, "italic", multiline=True)))
    lines += [Content(), Content.styled(t("panel.attendance"), accent)]
    for member, record in zip(members, attendance_records(group, meeting), strict=True):
        extra = f" {t('review.arrived', time=record.arrived_at)}" if record.arrived_at else ""
        row = Content(f"  {member.id:<3} {visible(member.name):<24} {t(f'attendance.{record.status}')}{extra}")
        if record.reason:
            row = Content.assemble(row, f" · {t('review.reason')}: ", plain_content(record.reason, "italic"))
        lines.append(row)
    stars = appreciated(meeting)
    if stars:
        lines += [Content(), Content.assemble((t("review.appreciated_in"), accent), "  " + " ".join(stars))]
    if meeting.name_recall:
        lines += [Content(), Content.styled(t("panel.recall"), accent)]
        here = present_ids(group, meeting)
        present = [m for m in members if m.id in here]
        lines.append(Content("       " + " ".join(f"{m.id:>3}" for m in present)))
        for member in present:
            named = set(meeting.name_recall.get(member.id, []))
            cells = " ".join("  -" if p.id == member.id else ("  ✔" if p.id in named else "  ·") for p in present)
            score = recall_score(group, meeting, member.id)
            tail = f"  {share(score.named, score.possible)}" if score else ""
            lines.append(Content(f"  {member.id:<4} {cells}{tail}"))
        total = group_recall(group, meeting)
        if total and total.fraction is not None:
            pct = fmt_number(total.fraction * 100)
            lines.append(Content("  " + t("run.recall_group", named=total.named, possible=total.possible, pct=pct)))
    if meeting.observations:
        lines += [
            Content(),
            Content.assemble(
                (t("panel.observations"), accent), "  " + " ".join(t(f"review.ind_short.{i}") for i in INDICATORS)
            ),
        ]
        for member in members:
            seen = meeting.observations.get(member.id)
            if seen is None:
                continue
            values = "  ".join(f"{getattr(seen, i) or '-':>2}" for i in INDICATORS)
            note = Content.assemble("  ", plain_content(seen.note, "italic", multiline=True)) if seen.note else ""
            lines.append(Content.assemble(f"  {member.id:<4} {values}", note))
    if meeting.private_notes:
        lines += [
            Content(),
            Content.styled(t("common.private_notes"), accent),
            plain_content(meeting.private_notes, multiline=True),
        ]
    if meeting.attachments and attachments is not None:
        lines += [Content(), Content.styled(t_count("review.attachments", len(meeting.attachments)), accent)]
        for attached in review_lines(meeting, attachments):
            lines.append(
                Content.assemble(
                    "  ",
                    plain_content(attached.file, "bold"),
                    f"  {attached.kind} · {attached.size} · ",
                    plain_content(attached.who),
                )
            )
            lines.append(Content.assemble("    ", plain_content(attached.where, "dim")))
            if attached.note:
                lines.append(Content.assemble("    ", plain_content(attached.note, "italic", multiline=True)))
    return Content("\n").join(lines)


class MeetingDetailScreen(Screen[None]):
    """One meeting in full, read-only; ``e`` amends it in the runner (which records ``amended_at``)."""

    ACTIONS = (  # footer, help, palette and README come from this table (widgets/keys.py)
        Action("e", "amend", "key.amend", "cmd.amend"),
        Action("d", "date_held", "key.date_held", "cmd.date_held"),
        Action("c", "quote", "key.quote", "cmd.quote"),
        HELP,
        Action("q,escape", "close", "key.back", "cmd.back_to_review", essential=True),
    )
    BINDINGS = bindings(ACTIONS)
    HELP_TITLE = "help.section.detail"

    def __init__(
        self, group: Group, meeting: Meeting, agenda: Agenda, library: Library, group_folder: Path | None = None
    ) -> None:
        super().__init__()
        self.group_folder = group_folder
        """The group's folder, to say where the meeting's attached files are."""
        self.group = group
        self.meeting = meeting
        self.agenda = agenda
        self.library_ = library
        self.changed = False
        """The meeting was changed here (its date): the review reads the files again on return."""
        localize_bindings(self)

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="detail"):
            yield Static(
                meeting_detail(self.group, self.meeting, self.agenda, self.library_, self._attachments()),
                id="detail-text",
            )
        yield Label(t("review.quotes"), id="detail-quotes-title")
        yield OptionList(id="detail-quotes")
        yield KeyBar()

    def _attachments(self) -> Path | None:
        return None if self.group_folder is None else attachments_folder(self.group_folder, self.meeting.number)

    def on_mount(self) -> None:
        self.title = self.group.name
        self.sub_title = t("review.read_only")
        self.query_one("#detail").focus()
        self._show_quotes()

    def _show_quotes(self) -> None:
        """The answers to choose a quote from (hidden when the meeting has none), the highlight kept."""
        quotes = self.query_one("#detail-quotes", OptionList)
        at = quotes.highlighted
        options = quote_options(self.group, self.meeting)
        quotes.clear_options()
        quotes.add_options(options)
        quotes.display = bool(options)
        self.query_one("#detail-quotes-title").display = bool(options)
        if options:
            quotes.highlighted = min(at or 0, len(options) - 1)

    def action_quote(self) -> None:
        """``c``: in the answers, mark the highlighted one as the member's quote (again: unmark it);
        elsewhere, go to the answers first."""
        quotes = self.query_one("#detail-quotes", OptionList)
        if not quotes.option_count:
            self.notify(t("review.quotes_none"), severity="warning")
            return
        if not quotes.has_focus:
            quotes.focus()
            self.notify(t("review.quote_pick"))
            return
        if quotes.highlighted is None:
            return
        option_id = quotes.get_option_at_index(quotes.highlighted).id or ""
        member_id, _, key = option_id.partition(":")
        answers = self.meeting.answers.get(member_id)
        if answers is None or key not in ANSWER_KEYS:
            return
        chosen: AnswerKey | None = None if answers.quote == key else next(k for k in ANSWER_KEYS if k == key)
        self.post_message(MarkQuote(self, self.group, self.meeting.number, member_id, chosen))

    def action_amend(self) -> None:
        self.post_message(AmendMeeting(self.group, self.meeting))

    def action_date_held(self) -> None:
        """``d``: correct the day the meeting was held (a small date dialog)."""

        meeting = self.meeting
        if meeting.status == "planned":
            self.notify(t("review.date_not_held", number=meeting.number), severity="warning")
            return

        def chosen(day: dt.date | None) -> None:
            if day is not None and day != meeting.date:
                self.post_message(CorrectDateHeld(self, self.group, meeting.number, day))

        self.app.push_screen(
            DateDialog(t("review.date_title", number=meeting.number), meeting.date, id="date-held"), chosen
        )

    def show_meeting(self, meeting: Meeting) -> None:
        """Show ``meeting`` as it is now saved."""
        self.meeting = meeting
        self.changed = True
        self.query_one("#detail-text", Static).update(
            meeting_detail(self.group, meeting, self.agenda, self.library_, self._attachments())
        )
        self._show_quotes()

    def action_close(self) -> None:
        self.dismiss(None)
