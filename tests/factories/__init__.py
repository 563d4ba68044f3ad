"""factory_boy factories, one module per app. The core ones are re-exported here."""

from tests.factories.clinic import (
    PASSWORD,
    OfficeFactory,
    RoomFactory,
    StaffFactory,
    UserFactory,
)
from tests.factories.intake import PatientFactory

__all__ = ["PASSWORD", "OfficeFactory", "PatientFactory", "RoomFactory", "StaffFactory", "UserFactory"]
