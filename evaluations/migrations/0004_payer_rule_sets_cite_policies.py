"""The seeded payer rule sets name their policy in full: payer, policy number and title.

Migration 0002 seeded a bare "CPB 0050" or "UHC varicose vein treatment policy". A rule set
still holding those exact words gets the payer's own policy name and number, and empty notes
get the full reference and what to check (docs/clinical-rules.md, "Payer medical necessity").
A rule set an admin has already edited keeps its words.
"""

from django.db import migrations

POLICIES = {
    # rule-set name: (policy as seeded, policy as cited, notes)
    "Aetna-style": (
        "CPB 0050",
        "Aetna CPB 0050, Varicose Veins",
        "Aetna Clinical Policy Bulletin 0050, Varicose Veins. Aetna reviews the bulletin every year; "
        "compare these criteria with the current version before relying on them.",
    ),
    "UnitedHealthcare-style": (
        "UHC varicose vein treatment policy",
        "UnitedHealthcare medical policy 2024T0447MM",
        "UnitedHealthcare Commercial Medical Policy, Surgical and Ablative Procedures for Venous "
        "Insufficiency and Varicose Veins, version 2024T0447MM (April 2024). Later versions changed the "
        "vein-size thresholds and the procedures covered (Varithena); edit these criteria to the version "
        "your contract follows.",
    ),
    "Medicare LCD-style": (
        "LCD L33575, L38720",
        "CMS LCD L33575, L38720",
        "Medicare Local Coverage Determinations L33575 and L38720, published by Medicare Administrative "
        "Contractors in the CMS Medicare Coverage Database. Each contractor publishes its own LCD (L39121 "
        "is another); use the one that covers the clinic's state.",
    ),
}


def cite_policies(apps, schema_editor) -> None:
    PayerRuleSet = apps.get_model("evaluations", "PayerRuleSet")
    for rule_set in PayerRuleSet.objects.filter(name__in=POLICIES):
        seeded, cited, notes = POLICIES[rule_set.name]
        changed = []
        if rule_set.policy == seeded:
            rule_set.policy = cited
            changed.append("policy")
        if not rule_set.notes.strip():
            rule_set.notes = notes
            changed.append("notes")
        if changed:
            rule_set.save(update_fields=changed)


def uncite_policies(apps, schema_editor) -> None:
    PayerRuleSet = apps.get_model("evaluations", "PayerRuleSet")
    for rule_set in PayerRuleSet.objects.filter(name__in=POLICIES):
        seeded, cited, notes = POLICIES[rule_set.name]
        changed = []
        if rule_set.policy == cited:
            rule_set.policy = seeded
            changed.append("policy")
        if rule_set.notes == notes:
            rule_set.notes = ""
            changed.append("notes")
        if changed:
            rule_set.save(update_fields=changed)


class Migration(migrations.Migration):
    dependencies = [("evaluations", "0003_appointment_links")]

    operations = [migrations.RunPython(cite_policies, uncite_policies)]
