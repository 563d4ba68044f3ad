"""English and Spanish words for every message kind and channel; admins edit them afterwards."""

from django.db import migrations

from scheduling.reminders.defaults import TEXTS


def seed(apps, schema_editor) -> None:
    ReminderTemplate = apps.get_model("scheduling", "ReminderTemplate")
    for (kind, channel, language), (subject, body) in TEXTS.items():
        ReminderTemplate.objects.get_or_create(
            kind=kind, channel=channel, language=language, defaults={"subject": subject, "body": body}
        )


class Migration(migrations.Migration):
    dependencies = [("scheduling", "0003_reminders")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
