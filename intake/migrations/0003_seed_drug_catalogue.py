"""Seed the cramp-linked drug catalogue so a fresh database can match medications."""

from django.db import migrations

from intake.drug_catalogue import seed_catalogue


def seed(apps, schema_editor) -> None:
    seed_catalogue(apps.get_model("intake", "DrugClass"), apps.get_model("intake", "DrugName"))


class Migration(migrations.Migration):
    dependencies = [("intake", "0002_screening_intake_drugs")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
