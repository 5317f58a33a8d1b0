"""One table of actions per screen: its key bindings, footer, help screen and palette come from it.

A screen (or a widget, such as a runner panel) declares ``ACTIONS``, a tuple of :class:`Action`:
the keys, the action run, a short label and a longer description (both catalog keys, shown in
the user's language), whether the footer shows it, whether the command palette offers it, and
whether the footer must keep it at any width (back or quit, and help). From that one table:

- ``BINDINGS = bindings(ACTIONS)`` (descriptions are catalog keys, translated per instance by
  :func:`~homeroom_tui.widgets.localize.localize_bindings`);
- :class:`~homeroom_tui.widgets.keybar.KeyBar`, the footer, keeps the essential keys on its right at every width;
- :func:`help_sections` lists the keys for the help screen (``F1``, ``?``);
- :func:`palette_actions` gives the command palette's entries (run through ``App.run_action``,
  so that a screen's ``check_action`` applies to them as to a key);
- the README's key tables are checked against them by a test.

A widget without ``ACTIONS`` still shows in the help through its own ``BINDINGS`` (those
declared by homeroom's classes, not Textual's), so that the mechanism takes any panel.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from textual.binding import Binding, BindingType
from textual.dom import DOMNode
from textual.widget import Widget

from homeroom_tui.i18n import has, t


@dataclass(frozen=True)
class Action:
    """One thing a screen does: its keys, its words (catalog keys) and where it is offered."""

    keys: str
    """Textual key names, comma-separated (``"f1,question_mark"``); the first is the one the footer
    shows. Empty for an action offered only in the command palette."""
    action: str
    """The action run (``"next_stage"``, ``"extend(5)"``, ``"app.quit"``)."""
    label: str
    """Catalog key of the short label: footer, help and the palette's command name."""
    description: str = ""
    """Catalog key of the longer text: help and the palette's description (default: the label)."""
    footer: bool = True
    """Shown in the footer (when there is room; see ``essential``)."""
    palette: bool = True
    """Offered in the command palette."""
    essential: bool = False
    """Kept in the footer at every width: back or quit, and help."""
    priority: bool = False
    """Checked before the focused widget sees the key (Textual's priority binding)."""

    @property
    def key_list(self) -> list[str]:
        """The Textual key names, in order."""
        return [key.strip() for key in self.keys.split(",") if key.strip()]


ActionTable = Sequence[Action]


def bindings(table: ActionTable) -> list[BindingType]:
    """The Textual bindings of a table (actions without keys have none)."""
    return [
        Binding(action.keys, action.action, action.label, show=action.footer, priority=action.priority)
        for action in table
        if action.keys
    ]


def table_of(node: DOMNode | type[DOMNode]) -> ActionTable | None:
    """The ``ACTIONS`` table a screen or widget declares, if any."""
    table = getattr(node if isinstance(node, type) else type(node), "ACTIONS", None)
    return table if isinstance(table, tuple) else None


# --- how keys are written -------------------------------------------------------------------------

KEY_NAMES = {
    "space": "Space",
    "enter": "Enter",
    "escape": "Esc",
    "tab": "Tab",
    "backspace": "Backspace",
    "delete": "Del",
    "home": "Home",
    "end": "End",
    "pageup": "PgUp",
    "pagedown": "PgDn",
    "left": "←",
    "right": "→",
    "up": "↑",
    "down": "↓",
    "question_mark": "?",
    "slash": "/",
    "plus": "+",
    "minus": "-",
    "equals_sign": "=",
    "right_square_bracket": "]",
    "left_square_bracket": "[",
}


def key_name(key: str) -> str:
    """How help and README write a Textual key: ``Esc``, ``F1``, ``Ctrl+Z``, ``]``, ``←``, ``a``."""
    *modifiers, base = key.split("+")
    if base in KEY_NAMES:
        name = KEY_NAMES[base]
    elif (len(base) >= 2 and base[0] == "f" and base[1:].isdigit()) or modifiers:
        name = base.upper()
    else:
        name = base
    return "+".join([m.capitalize() for m in modifiers] + [name])


def keys_text(keys: Iterable[str]) -> str:
    """Keys for a help row: ``Space 1-9``, ``F1 ?`` (runs of digits are shortened)."""
    names = list(dict.fromkeys(key_name(k) for k in keys))
    out: list[str] = []
    run: list[int] = []

    def flush() -> None:
        if len(run) > 2:
            out.append(f"{run[0]}-{run[-1]}")
        else:
            out.extend(str(n) for n in run)
        run.clear()

    for name in names:
        if name.isdigit() and len(name) == 1 and (not run or int(name) == run[-1] + 1):
            run.append(int(name))
            continue
        flush()
        if name.isdigit() and len(name) == 1:
            run.append(int(name))
        else:
            out.append(name)
    flush()
    return " ".join(out)


# --- the help screen's rows ----------------------------------------------------------------------


@dataclass(frozen=True)
class HelpRow:
    """One line of the help: the keys and what they do, in the current language."""

    keys: tuple[str, ...]
    """Textual key names."""
    label: str
    description: str

    @property
    def keys_shown(self) -> str:
        """``F1 ?``."""
        return keys_text(self.keys)


@dataclass(frozen=True)
class HelpSection:
    """A titled group of rows: the screen's keys, a panel's, the keys that work everywhere."""

    title: str
    rows: tuple[HelpRow, ...]


def _merged(rows: Iterable[HelpRow]) -> tuple[HelpRow, ...]:
    """Rows with the same words become one row (``1`` ... ``9`` "Tick" is one row ``1-9``)."""
    merged: dict[tuple[str, str], list[str]] = {}
    for row in rows:
        merged.setdefault((row.label, row.description), []).extend(row.keys)
    return tuple(HelpRow(tuple(keys), label, description) for (label, description), keys in merged.items())


def table_rows(table: ActionTable) -> tuple[HelpRow, ...]:
    """The help rows of an actions table (actions with keys only)."""
    return _merged(
        HelpRow(tuple(action.key_list), t(action.label), t(action.description or action.label))
        for action in table
        if action.keys
    )


def _own_bindings(cls: type[DOMNode]) -> list[Binding]:
    """The bindings declared by homeroom's own classes in ``cls``'s ancestry (not Textual's)."""
    found: list[Binding] = []
    for klass in reversed(cls.__mro__):
        if not klass.__module__.startswith("homeroom_tui"):
            continue
        found.extend(Binding.make_bindings(klass.__dict__.get("BINDINGS", ())))
    return found


def binding_rows(cls: type[DOMNode]) -> tuple[HelpRow, ...]:
    """Help rows from a widget's own ``BINDINGS``, for widgets that declare no ``ACTIONS`` table."""
    rows = []
    for binding in _own_bindings(cls):
        label = t(binding.description) if has(binding.description) else binding.description
        if label:
            rows.append(HelpRow((binding.key,), label, label))
    return _merged(rows)


def node_rows(node: DOMNode) -> tuple[HelpRow, ...]:
    """A widget's or screen's keys: its ``ACTIONS`` table, else its own bindings."""
    table = table_of(node)
    return table_rows(table) if table is not None else binding_rows(type(node))


def widget_rows(root: Widget) -> tuple[HelpRow, ...]:
    """The keys of ``root`` and every widget inside it (a runner panel and its lists)."""
    rows: list[HelpRow] = []
    for node in (root, *root.walk_children(Widget)):
        rows.extend(node_rows(node))
    return _merged(rows)


def help_sections(screen: DOMNode) -> list[HelpSection]:
    """What the help screen lists for ``screen``, in the current language.

    The screen's own table first (titled by its ``HELP_TITLE`` catalog key); then what the
    screen's ``extra_help()`` adds (the runner: its panels), or else the keys of the focused
    widget and its containers; last, the app's keys that work everywhere.
    """
    title_key = getattr(screen, "HELP_TITLE", "help.section.screen")
    sections = [HelpSection(t(title_key), node_rows(screen))]
    extra = getattr(screen, "extra_help", None)
    added: list[HelpSection] = list(extra()) if callable(extra) else []
    if not added:
        focused = getattr(screen, "focused", None)
        chain: list[HelpRow] = []
        node = focused
        while isinstance(node, Widget) and node is not screen:
            chain.extend(node_rows(node))
            node = node.parent
        if chain:
            added.append(HelpSection(t("help.section.focused"), _merged(chain)))
    sections += [section for section in added if section.rows]
    app_table = table_of(screen.app)
    if app_table is not None:
        sections.append(HelpSection(t("help.section.app"), table_rows(app_table)))
    return sections


# --- the command palette -----------------------------------------------------------------------


def palette_actions(node: DOMNode) -> list[Action]:
    """The actions of ``node``'s table that the command palette offers."""
    return [action for action in table_of(node) or () if action.palette]


HELP = Action("f1,question_mark", "app.help", "key.help", "cmd.help", essential=True)
"""Every screen's help key: F1, or ``?`` outside a text field (a text field takes ``?`` as text)."""
