"""Patient-facing words for things other apps name in the clinic's English.

Appointment statuses, appointment type names and their seeded preparation texts
are data or labels written for staff; the portal shows them through gettext so
the Spanish catalogue can carry them. Text an admin later rewrites is shown as
written until the catalogue has it.
"""

from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from scheduling.models import Status

STATUS = {
    Status.BOOKED: _("Booked: please confirm"),
    Status.CONFIRMED: _("Confirmed"),
    Status.CHECKED_IN: _("Checked in"),
    Status.COMPLETED: _("Completed"),
    Status.CANCELLED: _("Cancelled"),
    Status.NO_SHOW: _("Missed"),
}

# The seeded appointment types (scheduling migration 0002), for the catalogue.
SEEDED_TEXT = [
    gettext_noop("New consult"),
    gettext_noop("Duplex ultrasound"),
    gettext_noop("Radiofrequency ablation (ClosureFast)"),
    gettext_noop("VenaSeal closure"),
    gettext_noop("Varithena microfoam"),
    gettext_noop("Follow-up"),
    gettext_noop("Post-ablation duplex"),
    gettext_noop("Bring a list of your medicines, your insurance card, and any compression stockings you wear."),
    gettext_noop(
        "Wear loose, comfortable clothing; you may be asked to change into shorts. "
        "Do not put lotion on your legs that day. Eat and take your medicines as usual. "
        "The scan takes about 45 minutes."
    ),
    gettext_noop(
        "Eat a light meal beforehand and take your usual medicines unless your physician told you otherwise. "
        "Wear loose clothing and bring your compression stockings: you will put them on after the procedure. "
        "Plan to walk for a while afterwards; most people return to normal activity the next day."
    ),
]


def status_label(status: str) -> str:
    return str(STATUS.get(status, status))


def translated(text: str) -> str:
    """Clinic data shown to a patient: the catalogue's translation when there is one."""
    return gettext(text) if text else ""
