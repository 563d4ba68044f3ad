"""What a metric hands the page: a table of display strings, a chart of the same numbers, headlines.

The table's cells are the strings the page shows and the CSV holds, so the two
cannot disagree.
"""

import datetime
import zoneinfo
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Q

from clinic.models import Office
from reports.charts import Chart


@dataclass(frozen=True)
class Scope:
    """Which offices and which local days a dashboard covers, read in ``zone``.

    One office: its own zone. All offices: the clinic's zone (settings.TIME_ZONE), so a
    day means the same hours across the table.
    """

    office: Office | None
    offices: tuple[Office, ...]
    first: datetime.date
    last: datetime.date
    zone: zoneinfo.ZoneInfo
    now: datetime.datetime

    @cached_property
    def start(self) -> datetime.datetime:
        return datetime.datetime.combine(self.first, datetime.time.min, tzinfo=self.zone)

    @cached_property
    def end(self) -> datetime.datetime:
        """Exclusive: the start of the day after ``last``."""
        return datetime.datetime.combine(self.last + datetime.timedelta(days=1), datetime.time.min, tzinfo=self.zone)

    def at_office(self, path: str) -> Q:
        """Rows at the chosen office (``path`` names the row's office); every row for all offices."""
        return Q(**{path: self.office}) if self.office is not None else Q()

    @cached_property
    def weeks(self) -> list[datetime.date]:
        """The Mondays of the weeks the range touches, in order."""
        monday = self.first - datetime.timedelta(days=self.first.weekday())
        count = (self.last - monday).days // 7 + 1
        return [monday + datetime.timedelta(weeks=n) for n in range(count)]

    def week_of(self, value: datetime.date | datetime.datetime) -> datetime.date:
        """A truncated week from the database (a date, or a local midnight) as its Monday."""
        if isinstance(value, datetime.datetime):
            value = value.astimezone(self.zone).date() if value.tzinfo else value.date()
        return value - datetime.timedelta(days=value.weekday())


@dataclass
class Table:
    columns: list[str]
    rows: list[list[str]] = field(default_factory=list)

    @property
    def wide(self) -> bool:
        """More columns than fit beside a chart on a laptop: the table goes under the chart."""
        return len(self.columns) > 4

    @property
    def long(self) -> bool:
        """A year of weeks: the table scrolls in a box of the chart's height, its header kept."""
        return len(self.rows) > 14


@dataclass
class Figure:
    key: str  # the CSV's name and the page anchor
    title: str
    description: str  # what is counted, and how (definitions a manager would ask for)
    table: Table
    chart: Chart | None = None
    headlines: list[tuple[str, str]] = field(default_factory=list)


def count(value: int | None) -> str:
    return f"{value or 0:,}"


def share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "–"


def days(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def hours(value: float) -> str:
    return f"{value:,.1f}"
