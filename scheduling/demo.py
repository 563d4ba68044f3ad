"""Demo schedules: the demo sonographer and physician see patients across three offices."""

import datetime

from django.db import transaction

from clinic.models import Office, StaffProfile
from scheduling.models import Availability

# (username, office slug, weekdays, start, end): a week a small practice might run.
SESSIONS = [
    ("sonographer", "danville", (0, 2, 4), datetime.time(8), datetime.time(16)),
    ("sonographer", "walnut-creek", (1, 3), datetime.time(8), datetime.time(16)),
    ("physician", "danville", (0, 1), datetime.time(8), datetime.time(17)),
    ("physician", "lafayette", (2, 3), datetime.time(8), datetime.time(17)),
    ("physician", "walnut-creek", (4,), datetime.time(8), datetime.time(12)),
]
DEMO_START = datetime.date(2026, 1, 5)


@transaction.atomic
def load_demo() -> dict[str, int]:
    created = 0
    for username, slug, weekdays, start, end in SESSIONS:
        provider = StaffProfile.objects.filter(user__username=username).first()
        office = Office.objects.filter(slug=slug).first()
        if provider is None or office is None:
            continue
        for weekday in weekdays:
            _, made = Availability.objects.get_or_create(
                provider=provider,
                office=office,
                weekday=weekday,
                start_time=start,
                defaults={"end_time": end, "valid_from": DEMO_START},
            )
            created += made
    return {"weekly sessions": Availability.objects.count(), "new": created}
