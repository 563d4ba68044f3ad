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


def _rewrite(apps, *, forward: bool) -> None:
    PayerRuleSet = apps.get_model("evaluations", "PayerRuleSet")
    for rule_set in PayerRuleSet.objects.filter(name__in=POLICIES):
        seeded, cited, notes = POLICIES[rule_set.name]
        policy_from, policy_to = (seeded, cited) if forward else (cited, seeded)
        notes_from, notes_to = ("", notes) if forward else (notes, "")
        changed = []
        if rule_set.policy == policy_from:
            rule_set.policy = policy_to
            changed.append("policy")
        if rule_set.notes.strip() == notes_from:
            rule_set.notes = notes_to
            changed.append("notes")
        if changed:
            rule_set.save(update_fields=changed)


def cite_policies(apps, schema_editor) -> None:
    _rewrite(apps, forward=True)


def uncite_policies(apps, schema_editor) -> None:
    _rewrite(apps, forward=False)


class Migration(migrations.Migration):
    dependencies = [("evaluations", "0003_appointment_links")]

    operations = [migrations.RunPython(cite_policies, uncite_policies)]
