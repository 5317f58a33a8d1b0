"""Words for who holds a meeting's lock (another homeroom here, or another computer). Imports no Textual."""

from __future__ import annotations

import datetime as dt

from homeroom_tui.i18n import t
from homeroom_tui.store.lock import Holder


def age_text(holder: Holder, now: dt.datetime | None = None) -> str:
    """``25 min ago``, ``3 h 5 min ago``, ``2 days ago``: how long ago the lock was taken."""
    minutes = holder.age_minutes(now)
    if minutes is None:
        return t("lock.age.unknown")
    if minutes < 60:
        return t("lock.age.minutes", minutes=minutes)
    if minutes < 48 * 60:
        return t("lock.age.hours", hours=minutes // 60, minutes=minutes % 60)
    return t("lock.age.days", days=minutes // (24 * 60))


def where_text(holder: Holder, now: dt.datetime | None = None) -> str:
    """``process 123 on this computer`` or ``the computer laptop-x, opened 5 min ago``."""
    if holder.foreign:
        return t("lock.where.computer", host=holder.host, age=age_text(holder, now))
    return t("lock.where.process", pid=holder.pid)
