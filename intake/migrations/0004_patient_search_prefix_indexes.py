"""Prefix-search indexes for the front-desk patient search, PostgreSQL only.

PatientQuerySet.search() asks `lower(last_name) LIKE 'smi%'`. Under any collation
other than C, PostgreSQL can only answer a LIKE prefix from a b-tree built with
text_pattern_ops; Django cannot express an operator class on an expression index
portably (SQLite has none), so these live here and only run on PostgreSQL.
"""

from django.db import migrations

INDEXES = {
    # search("smith"), search("smith, jo"), search("jo smith")
    "patient_last_first_prefix": "(lower(last_name) text_pattern_ops, lower(first_name) text_pattern_ops)",
    # search("maria"): a first name alone
    "patient_first_prefix": "(lower(first_name) text_pattern_ops)",
    # search("503555"): the leading digits of a phone number
    "patient_phone_prefix": "(phone text_pattern_ops)",
}


def create(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, columns in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON intake_patient {columns}")


def drop(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("intake", "0003_seed_drug_catalogue")]

    operations = [migrations.RunPython(create, drop)]
