"""``homeroom export``: the program report (Markdown, CSV, printable HTML) or a research export
(qdpx, the recall network, the study's displays), aliased."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from homeroom_tui.cli.common import err, find_group, library, print_problems
from homeroom_tui.i18n import get_language, t, t_count
from homeroom_tui.model import Group, Meeting
from homeroom_tui.program.agenda import Agenda, load_agenda
from homeroom_tui.program.aliases import Aliaser, summary_lines
from homeroom_tui.program.html_report import html_report
from homeroom_tui.program.report import csv_report, markdown_report
from homeroom_tui.program.research_scope import ResearchScope
from homeroom_tui.store import Store, atomic_write, os_reason
from homeroom_tui.store.exports import inside_groups, write_new

RESEARCH_FORMATS = ("network", "displays", "displays-csv")
"""The research exports: only members with recorded research consent (``program/consent.py``)."""


def research_export(kind: str, scope: ResearchScope, meetings: list[Meeting]) -> str:
    """A research export of ``scope``'s members: the recall network's edge list or the study's displays."""
    from homeroom_tui.program.displays import displays_csv, displays_markdown
    from homeroom_tui.program.recall_network import edge_list_csv, recall_network

    if kind == "network":
        return edge_list_csv(recall_network(scope.group, meetings, scope.members), scope.group_id, scope.who)
    if kind == "displays-csv":
        return displays_csv(scope, meetings)
    return displays_markdown(scope, meetings)


def cmd_export(args: argparse.Namespace) -> int:
    if args.member is not None or args.alias:
        return _export_record(args)
    if args.format == "qdpx":
        return _export_qdpx(args)
    read = _read(args)
    if isinstance(read, int):
        return read
    store, group, meetings = read
    aliases = Aliaser(group)
    research = None
    if args.format in RESEARCH_FORMATS:  # members without research consent are left out, and it is said
        research = ResearchScope(group, get_language(), names=args.names)
        if not research.members:  # as qdpx refuses: an export of nobody, written nowhere
            err(t("cli.qdpx_no_consent", group=group.id))
            return 2
        text = research_export(args.format, research, meetings)
    elif args.format == "csv":
        text = csv_report(group, meetings, names=args.names, aliases=aliases)
    else:
        ice_library = library(args)  # a damaged file of the counselor's is said, as every command says it
        agenda = _agenda(store)  # the checklists of the fidelity table: the counselor's own, if any
        report = markdown_report
        if args.format == "html":
            report = html_report
        text = report(
            group,
            meetings,
            lang=get_language(),
            names=args.names,
            private=args.private,
            library=ice_library,
            agenda=agenda,
            faculty=args.faculty,
            aliases=aliases,
        )

    def say_aliases() -> None:  # what aliasing did, for the counselor to check: never into the export itself
        if research is not None:
            if research.excluded:
                _tell(t_count("report.left_out", len(research.excluded)))
            if not args.names or research.excluded:
                _tell(*summary_lines(research.stats, get_language()))
            return
        if not args.names:
            _tell(*summary_lines(aliases.stats, get_language()))

    if not args.out:
        sys.stdout.write(text)
        sys.stdout.flush()
        say_aliases()
        return 0
    written = _write_out(args, store, text.encode("utf-8"))
    if written:
        return written
    say_aliases()
    return 0


def _read(args: argparse.Namespace) -> tuple[Store, Group, list[Meeting]] | int:
    """The group asked for and its meetings, the problems of any file said; or the exit code."""
    found = find_group(args)
    if isinstance(found, int):
        return found
    store, group = found
    meetings, problems = store.load_meetings(group)
    print_problems(problems)
    return store, group, meetings


def _tell(*lines: str) -> None:
    """What an export did, for the counselor to check (left out, aliases): on stderr, never in the export."""
    for line in lines:
        print(f"homeroom: {line}", file=sys.stderr)


def _agenda(store: Store) -> Agenda:
    """The agenda (the counselor's own, if any), its problems said."""
    agenda = load_agenda(store.root)
    print_problems(agenda.problems)
    return agenda


def _write_out(args: argparse.Namespace, store: Store, data: bytes) -> int:
    """Write ``data`` to ``--out`` (0600, not into ``groups/``, not over a file unless ``--force``): 0 or exit code."""
    out = Path(args.out)
    if out.exists() and out.is_dir():
        err(t("cli.out_is_dir", path=out))
        return 2
    if inside_groups(out, store.root):  # a report must never take the place of a meeting or group file
        err(t("cli.out_in_groups", path=out, groups=store.groups_dir))
        return 2
    if os.path.lexists(out) and not args.force:
        err(t("cli.out_exists", path=out))
        return 2
    try:
        if args.force:
            atomic_write(out, data)
        else:
            write_new(out, data)  # also when another program creates it meanwhile
    except FileExistsError:
        err(t("cli.out_exists", path=out))
        return 2
    except OSError as exc:
        err(t("cli.cannot_write", path=out, reason=os_reason(exc)))
        return 1
    print(t("cli.exported", path=out), file=sys.stderr)
    return 0


def _export_qdpx(args: argparse.Namespace) -> int:
    """The research export (REFI-QDA): a zip, so only into a file; members without research consent left out."""
    from homeroom_tui.program.qdpx import NoResearchConsent, qdpx_export

    if not args.out:  # a zip is never written to a terminal, nor to a pipe (one way, easy to say)
        err(t("cli.qdpx_needs_out"))
        return 2
    read = _read(args)
    if isinstance(read, int):
        return read
    store, group, meetings = read
    ice_library = library(args)
    agenda = _agenda(store)  # the round prompts: the counselor's own, if any
    try:
        export = qdpx_export(
            group,
            meetings,
            lang=get_language(),
            names=args.names,
            private=args.private,
            faculty=args.faculty,
            agenda=agenda,
            library=ice_library,
            group_folder=store.group_dir(group.id),
        )
    except NoResearchConsent:
        err(t("cli.qdpx_no_consent", group=group.id))
        return 2
    written = _write_out(args, store, export.data)
    if written:
        return written
    if export.left_out:
        left_out = t_count("cli.qdpx_left_out", len(export.left_out), ids=", ".join(export.left_out))
        _tell(left_out)
    if export.attachments_left_out:
        _tell(t_count("cli.qdpx_attachments_left_out", export.attachments_left_out))
    if not args.names or export.left_out:
        _tell(*summary_lines(export.aliases.stats, get_language()))
    return 0


def _export_record(args: argparse.Namespace) -> int:
    """One member's record (Markdown or HTML): under their own name, every other member as "another member"."""
    from homeroom_tui.program.record import UnknownMember, member_record, record_html, record_markdown

    if args.member is None:
        err(t("cli.alias_needs_member"))
        return 2
    if args.format not in ("markdown", "html"):
        err(t("cli.record_format", format=args.format))
        return 2
    if args.private:
        err(t("cli.record_private"))
        return 2
    read = _read(args)
    if isinstance(read, int):
        return read
    store, group, meetings = read
    agenda = _agenda(store)  # which answers could be appreciated: the counselor's own, if any
    try:
        record = member_record(
            group, meetings, args.member, lang=get_language(), alias=args.alias, faculty=args.faculty, agenda=agenda
        )
    except UnknownMember:
        err(t("cli.record_unknown_member", group=group.id, member=args.member))
        return 2
    text = record_html(record) if args.format == "html" else record_markdown(record)
    if args.out:
        written = _write_out(args, store, text.encode("utf-8"))
        if written:
            return written
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
    if record.aliases is not None:
        _tell(*summary_lines(record.aliases.stats, get_language()))
    return 0
