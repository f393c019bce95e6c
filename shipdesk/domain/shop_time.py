"""The shop's clock: Dutch shops (DHL Parcel NL, GLS NL) count days in Europe/Amsterdam, while
Amazon and ShipDesk's tables write moments in UTC ("2026-12-04T09:30:00Z")."""

from __future__ import annotations

import datetime as dt
import itertools
from zoneinfo import ZoneInfo

SHOP_TIME_ZONE = ZoneInfo("Europe/Amsterdam")


def moment(text: str | None) -> dt.datetime | None:
    """A stored moment (ISO 8601, "Z" or an offset) as an aware datetime; None when empty or
    unreadable (data from outside is not trusted to be well formed)."""
    if not text:
        return None
    try:
        parsed = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


def local_day(when: dt.datetime) -> dt.date:
    """The shop's date of a moment."""
    return when.astimezone(SHOP_TIME_ZONE).date()


def day_start(day: dt.date) -> dt.datetime:
    """Midnight at the start of the shop's `day`, in UTC (23 or 25 hours apart around DST)."""
    return dt.datetime.combine(day, dt.time(), SHOP_TIME_ZONE).astimezone(dt.UTC)


def days(first: dt.date, last: dt.date) -> list[dt.date]:
    """Every date from `first` to `last`, both included."""
    return [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]


def local_date_sql(column: str, first: dt.date, last: dt.date) -> str:
    """An SQL expression giving the shop's date ('YYYY-MM-DD') of the UTC moment in `column`,
    right for moments from a day before `first` to a day after `last`: SQLite knows no time
    zones, so the expression adds the offset in force, switching at each DST change."""
    start, end = day_start(first - dt.timedelta(days=1)), day_start(last + dt.timedelta(days=2))
    changes: list[tuple[dt.datetime, int]] = []  # (from this UTC moment, offset in minutes)
    hour = start
    offset = _offset_minutes(hour)
    changes.append((hour, offset))
    while hour < end:
        hour += dt.timedelta(hours=1)
        if _offset_minutes(hour) != offset:
            offset = _offset_minutes(hour)
            changes.append((hour, offset))
    if len(changes) == 1:
        return f"date({column}, '{changes[0][1]:+d} minutes')"
    branches = " ".join(
        f"WHEN {column} < '{until.strftime('%Y-%m-%dT%H:%M:%SZ')}' THEN '{offset:+d} minutes'"
        for (_, offset), (until, _) in itertools.pairwise(changes)
    )
    return f"date({column}, CASE {branches} ELSE '{changes[-1][1]:+d} minutes' END)"


def _offset_minutes(moment_utc: dt.datetime) -> int:
    offset = moment_utc.astimezone(SHOP_TIME_ZONE).utcoffset() or dt.timedelta()
    return int(offset.total_seconds() // 60)
