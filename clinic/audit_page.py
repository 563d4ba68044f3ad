"""The audit page's reading of the trail: keyset pages and one readable line per entry.

Every kind of entry auditlog writes is shown: a create (no prior values), an update,
a many-to-many change (a dict, not a pair), a delete, an access (no changes at all).
"""

import datetime
import re
from dataclasses import dataclass
from typing import Any

from clinic.audit import HIDDEN
from clinic.models import AuditEntry, AuditEntryQuerySet

PAGE_SIZE = 50
# Values longer than this are cut in the table; the admin shows the whole entry.
SHOWN_CHARACTERS = 60
EMPTY = (None, "", "None")


@dataclass(frozen=True)
class Cursor:
    """Where a page ends: an entry's (timestamp, id), written as ``<microseconds>.<id>``."""

    timestamp: datetime.datetime
    pk: int

    @classmethod
    def of(cls, entry: AuditEntry) -> "Cursor":
        return cls(entry.timestamp, entry.pk)

    @classmethod
    def parse(cls, text: str | None) -> "Cursor | None":
        """A cursor from the query string; anything unreadable means "from the newest"."""
        micros, _, pk = (text or "").partition(".")
        if (
            not (micros.isascii() and pk.isascii() and micros.isdigit() and pk.isdigit())
            or len(micros) > 17
            or len(pk) > 18
        ):
            return None
        try:
            stamp = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC) + datetime.timedelta(microseconds=int(micros))
        except OverflowError:
            return None
        return cls(stamp, int(pk))

    def __str__(self) -> str:
        delta = self.timestamp - datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
        return f"{delta // datetime.timedelta(microseconds=1)}.{self.pk}"


@dataclass
class AuditPage:
    entries: list[AuditEntry]
    older: Cursor | None = None
    newer: Cursor | None = None

    @classmethod
    def read(cls, entries: AuditEntryQuerySet, *, before: str | None, after: str | None) -> "AuditPage":
        """One page: newest first, or the entries just older than ``before``, or just newer than ``after``.

        Each reads one more row than it shows to know whether there is a next page:
        no COUNT, no OFFSET.
        """
        newer_than = Cursor.parse(after)
        if newer_than is not None:
            rows = list(
                entries.newer_than(newer_than.timestamp, newer_than.pk).order_by("timestamp", "pk")[: PAGE_SIZE + 1]
            )
            if len(rows) > PAGE_SIZE:
                rows = rows[:PAGE_SIZE][::-1]
                return cls(rows, older=Cursor.of(rows[-1]), newer=Cursor.of(rows[0]))
            # Back at the newest entries: show the first page as it is now.
        older_than = Cursor.parse(before) if newer_than is None else None
        if older_than is not None:
            entries = entries.older_than(older_than.timestamp, older_than.pk)
        rows = list(entries.newest_first()[: PAGE_SIZE + 1])
        page = cls(rows[:PAGE_SIZE])
        if len(rows) > PAGE_SIZE:
            page.older = Cursor.of(page.entries[-1])
        if older_than is not None and page.entries:
            page.newer = Cursor.of(page.entries[0])
        return page


@dataclass(frozen=True)
class Change:
    field: str
    text: str


# auditlog writes an unset reverse relation of a new record as "app.Model.None".
REVERSE_RELATION = re.compile(r"^\w+\.\w+\.None$")


def _is_empty(value: Any) -> bool:
    # Values may be lists or mappings (JSON fields such as a screening's findings): compare, never hash.
    if isinstance(value, str) and REVERSE_RELATION.match(value):
        return True
    return any(value == empty for empty in EMPTY) or value in ([], {})


def _shown(value: Any) -> str:
    text = "—" if _is_empty(value) else str(value)
    return text if len(text) <= SHOWN_CHARACTERS else text[: SHOWN_CHARACTERS - 1] + "…"


def describe(name: str, change: Any, action: int) -> str:
    """One field's change as a person reads it."""
    if isinstance(change, dict) and change.get("type") == "m2m":
        objects = ", ".join(str(o) for o in change.get("objects") or []) or "—"
        verb = {"add": "added", "delete": "removed"}.get(change.get("operation"), "changed")
        return f"{verb}: {_shown(objects)}"
    if isinstance(change, list | tuple) and len(change) == 2:
        before, after = change
        if HIDDEN in (before, after):
            return "set (the value is not recorded)"
        if action == AuditEntry.Action.CREATE:
            return _shown(after)
        if action == AuditEntry.Action.DELETE:
            return f"was {_shown(before)}"
        return f"{_shown(before)} → {_shown(after)}"
    return _shown(change)


def changes_of(entry: AuditEntry) -> list[Change]:
    changes = entry.changes
    if not isinstance(changes, dict):
        # An access has none; anything else that is not a mapping is shown as written.
        return [] if _is_empty(changes) else [Change("", _shown(changes))]
    rows = [Change(str(name), describe(str(name), change, entry.action)) for name, change in changes.items()]
    # A new record lists every field; the empty ones (and reverse relations auditlog
    # lists as None) say nothing.
    return [row for row in rows if not (entry.action == AuditEntry.Action.CREATE and row.text == "—")]


@dataclass(frozen=True)
class Row:
    entry: AuditEntry
    changes: list[Change]


def audit_row(entry: AuditEntry) -> Row:
    return Row(entry, changes_of(entry))
