"""The clinic's appointment types (docs/clinical-rules.md, "Scheduling and reminders"). Admins edit them."""

from django.db import migrations

STANDARD_REMINDERS = [
    {"kind": "reminder", "channel": "email", "offset_hours": 72},
    {"kind": "reminder", "channel": "sms", "offset_hours": 24},
]
# Procedures also get their preparation 48 hours ahead and a check the day after.
PROCEDURE_REMINDERS = [
    *STANDARD_REMINDERS,
    {"kind": "preparation", "channel": "email", "offset_hours": 48},
    {"kind": "aftercare_check", "channel": "sms", "offset_hours": -24},
]
DUPLEX_PREPARATION = (
    "Wear loose, comfortable clothing; you may be asked to change into shorts. "
    "Do not put lotion on your legs that day. Eat and take your medicines as usual. "
    "The scan takes about 45 minutes."
)
PROCEDURE_PREPARATION = (
    "Eat a light meal beforehand and take your usual medicines unless your physician told you otherwise. "
    "Wear loose clothing and bring your compression stockings: you will put them on after the procedure. "
    "Plan to walk for a while afterwards; most people return to normal activity the next day."
)

TYPES = [
    # code, name, minutes, role, room kind, preparation, reminders, follows within hours, colour
    (
        "new_consult",
        "New consult",
        45,
        "physician",
        "exam",
        "Bring a list of your medicines, your insurance card, and any compression stockings you wear.",
        STANDARD_REMINDERS,
        None,
        "blue",
    ),
    (
        "duplex",
        "Duplex ultrasound",
        45,
        "sonographer",
        "ultrasound",
        DUPLEX_PREPARATION,
        STANDARD_REMINDERS,
        None,
        "teal",
    ),
    (
        "rfa",
        "Radiofrequency ablation (ClosureFast)",
        60,
        "physician",
        "procedure",
        PROCEDURE_PREPARATION,
        PROCEDURE_REMINDERS,
        None,
        "purple",
    ),
    (
        "venaseal",
        "VenaSeal closure",
        60,
        "physician",
        "procedure",
        PROCEDURE_PREPARATION,
        PROCEDURE_REMINDERS,
        None,
        "orange",
    ),
    (
        "varithena",
        "Varithena microfoam",
        45,
        "physician",
        "procedure",
        PROCEDURE_PREPARATION,
        PROCEDURE_REMINDERS,
        None,
        "pink",
    ),
    ("follow_up", "Follow-up", 20, "physician", "exam", "", STANDARD_REMINDERS, None, "green"),
    # After an ablation a duplex within 72 hours looks for heat-induced thrombosis (EHIT) or DVT.
    (
        "post_ablation_duplex",
        "Post-ablation duplex",
        30,
        "sonographer",
        "ultrasound",
        DUPLEX_PREPARATION,
        [{"kind": "reminder", "channel": "sms", "offset_hours": 24}],
        72,
        "grey",
    ),
]


def seed(apps, schema_editor):
    AppointmentType = apps.get_model("scheduling", "AppointmentType")
    for order, (code, name, minutes, role, room_kind, preparation, reminders, within, colour) in enumerate(TYPES):
        AppointmentType.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "duration_minutes": minutes,
                "provider_role": role,
                "room_kind": room_kind,
                "preparation_instructions": preparation,
                "reminder_policy": reminders,
                "follows_within_hours": within,
                "colour": colour,
                "sort_order": (order + 1) * 10,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("scheduling", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
