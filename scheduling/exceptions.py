"""What the booking service says when it refuses: reasons the front desk understands."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from scheduling.services.slots import Slot


class BookingError(Exception):
    """A booking, move or status change that cannot be made, with the reason why."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class BookingRefused(BookingError):
    """The request itself is wrong: past time, wrong room kind, outside availability."""


class BookingConflict(BookingError):
    """Someone or something is already booked at that time.

    ``resource`` is "provider", "room" or "patient"; the view offers ``next_slots``.
    """

    def __init__(self, message: str, *, resource: str, next_slots: list[Slot] | None = None) -> None:
        super().__init__(message)
        self.resource = resource
        self.next_slots = next_slots or []


class InvalidTransition(BookingError):
    """A status change the appointment's current status does not allow."""
