"""The fictional practice behind `make run`: twelve offices (eleven in California and Oregon,
one in Arizona), their rooms, one user per role.

Addresses are invented and phone numbers use the 555-01xx block, which is reserved
for fiction, so nothing here can reach a real person.
"""

from base64 import b32decode
from dataclasses import dataclass
from urllib.parse import quote

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from clinic.models import Office, Room, StaffProfile
from clinic.roles import Role, sync_role_groups
from clinic.validators import npi_check_digit

DEMO_PASSWORD = "veinflow-demo"
# DEMO ONLY: every demo staff login's authenticator app shares this published key,
# so anyone can pass their second factor. A real login enrols its own device.
DEMO_TOTP_SECRET = "VEINFLOWDEMOVEINFLOWDEMOVEINFLOW"
DEMO_TOTP_DEVICE = "Demo authenticator (published key)"


def demo_totp_uri(username: str) -> str:
    """What an authenticator app scans (or is given) to add a demo login."""
    return f"otpauth://totp/VeinFlow%20demo:{quote(username)}?secret={DEMO_TOTP_SECRET}&issuer=VeinFlow%20demo"


@dataclass(frozen=True)
class DemoOffice:
    name: str
    street: str
    city: str
    state: str
    postal_code: str
    phone: str
    time_zone: str = "America/Los_Angeles"


OFFICES = [
    DemoOffice("Danville", "100 Example Oak Blvd, Suite 110", "Danville", "CA", "94526", "(925) 555-0101"),
    DemoOffice("Walnut Creek", "200 Sample Walnut Ave", "Walnut Creek", "CA", "94596", "(925) 555-0102"),
    DemoOffice("Lafayette", "300 Fictional Mount Diablo Blvd", "Lafayette", "CA", "94549", "(925) 555-0103"),
    DemoOffice("Concord", "400 Placeholder Clayton Rd", "Concord", "CA", "94520", "(925) 555-0104"),
    DemoOffice("Alameda", "500 Example Park St", "Alameda", "CA", "94501", "(510) 555-0105"),
    DemoOffice("Berkeley", "600 Sample Shattuck Ave", "Berkeley", "CA", "94704", "(510) 555-0106"),
    DemoOffice("Northwest Portland", "700 Example NW 23rd Ave", "Portland", "OR", "97209", "(503) 555-0107"),
    DemoOffice("Tigard", "800 Sample Pacific Hwy", "Tigard", "OR", "97223", "(503) 555-0108"),
    DemoOffice("Happy Valley", "900 Fictional Sunnyside Rd", "Happy Valley", "OR", "97086", "(503) 555-0109"),
    DemoOffice("Hillsboro", "1000 Placeholder Baseline St", "Hillsboro", "OR", "97124", "(503) 555-0110"),
    DemoOffice("Bend", "1100 Example Wall St", "Bend", "OR", "97701", "(541) 555-0111"),
    # The practice's first office outside the Pacific zone: Arizona keeps standard time all year.
    DemoOffice(
        "Scottsdale", "1200 Sample Camelback Rd", "Scottsdale", "AZ", "85251", "(480) 555-0112", "America/Phoenix"
    ),
]

ROOMS = [
    ("Exam 1", Room.Kind.EXAM),
    ("Exam 2", Room.Kind.EXAM),
    ("Ultrasound 1", Room.Kind.ULTRASOUND),
    ("Procedure 1", Room.Kind.PROCEDURE),
]


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    role: Role
    credentials: str = ""
    npi_prefix: str = ""


USERS = [
    DemoUser("frontdesk", "Fran", "Desmond", Role.FRONT_DESK),
    DemoUser("sonographer", "Sonia", "Graves", Role.SONOGRAPHER, "RVT"),
    DemoUser("physician", "Philip", "Vance", Role.PHYSICIAN, "MD", "123456789"),
    DemoUser("admin", "Ada", "Minh", Role.CLINIC_ADMIN),
]


def slug_for(name: str) -> str:
    return name.lower().replace(" ", "-")


@transaction.atomic
def load_demo() -> dict[str, int]:
    """Create or refresh the demo practice; running it again changes nothing."""
    sync_role_groups()
    offices = []
    for demo in OFFICES:
        office, _ = Office.objects.update_or_create(
            slug=slug_for(demo.name),
            defaults={
                "name": demo.name,
                "address_line1": demo.street,
                "city": demo.city,
                "state": demo.state,
                "postal_code": demo.postal_code,
                "phone": demo.phone,
                "time_zone": demo.time_zone,
                "directions": "Free parking behind the building; the entrance faces the street.",
            },
        )
        offices.append(office)
        for room_name, kind in ROOMS:
            Room.objects.update_or_create(office=office, name=room_name, defaults={"kind": kind})

    User = get_user_model()
    for demo in USERS:
        user, created = User.objects.get_or_create(
            username=demo.username,
            defaults={
                "first_name": demo.first_name,
                "last_name": demo.last_name,
                "email": f"{demo.username}@veinflow.invalid",
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        user.groups.add(Group.objects.get(name=demo.role.value))
        profile, _ = StaffProfile.objects.update_or_create(
            user=user,
            defaults={
                "home_office": offices[0],
                "credentials": demo.credentials,
                "npi": npi_check_digit(demo.npi_prefix) if demo.npi_prefix else "",
            },
        )
        profile.offices.set(offices)
        _demo_authenticator(user)
    return {"offices": len(offices), "rooms": Room.objects.count(), "users": len(USERS)}


def _demo_authenticator(user) -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.update_or_create(
        user=user,
        name=DEMO_TOTP_DEVICE,
        defaults={"key": b32decode(DEMO_TOTP_SECRET).hex(), "confirmed": True},
    )
