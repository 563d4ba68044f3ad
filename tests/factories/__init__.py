"""factory_boy factories, one module per app. The core ones are re-exported here."""

from tests.factories.clinic import (
    PASSWORD,
    OfficeFactory,
    RoomFactory,
    StaffFactory,
    UserFactory,
)
from tests.factories.intake import IntakeRecordFactory, PatientFactory, ScreeningFactory

__all__ = [
    "PASSWORD",
    "IntakeRecordFactory",
    "OfficeFactory",
    "PatientFactory",
    "RoomFactory",
    "ScreeningFactory",
    "StaffFactory",
    "UserFactory",
]
