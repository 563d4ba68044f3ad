"""Stored screening findings get the source line each triage rule now shows staff.

A screening keeps the findings of the moment it was submitted, source line
included. Older rows carry a source text that pointed at notes outside this
project; this rewrites it, per rule code, to the line intake/triage.py writes
today (docs/clinical-rules.md, "Triage", has the references behind each).
The lines are copied here, not imported, so the migration keeps meaning what it
meant when the rules change again.
"""

from django.db import migrations

SOURCES = {
    "chest_symptoms": "Clinic triage policy: chest pain or breathlessness means emergency care "
    "(a clot may have reached the lungs)",
    "possible_dvt": "Clinic triage policy: a swollen leg with pain, redness or warmth may be a clot (DVT): "
    "same-day evaluation",
    "bleeding_vein": "Clinic triage policy: a bleeding varicose vein is seen urgently",
    "infected_ulcer": "Clinic triage policy: an open ulcer (CEAP C6) with signs of infection is seen urgently",
    "clot_signs_both_legs": "Clinic triage policy: clot signs in both legs, not sudden, are less likely a clot: "
    "priority visit",
    "skin_changes": "CEAP 2020 (Lurie et al.): skin changes near the ankle are class C4; priority visit by clinic policy",
    "ulcer": "CEAP 2020 (Lurie et al.): a healed ulcer is C5, an active ulcer C6; priority visit by clinic policy",
}
BATCH = 500


def rewritten(findings: list) -> list | None:
    """The findings with each known rule's source line replaced; None when nothing changes."""
    changed = False
    result = []
    for finding in findings:
        wanted = SOURCES.get(finding.get("code")) if isinstance(finding, dict) else None
        if wanted is not None and finding.get("source") != wanted:
            finding = {**finding, "source": wanted}
            changed = True
        result.append(finding)
    return result if changed else None


def rewrite_sources(apps, schema_editor) -> None:
    ScreeningSubmission = apps.get_model("intake", "ScreeningSubmission")
    # Routine screenings have no findings; only rows with at least one are read.
    rows = ScreeningSubmission.objects.exclude(triage_findings=[]).only("pk", "triage_findings").order_by("pk")
    pending = []
    for row in rows.iterator(chunk_size=BATCH):
        findings = rewritten(row.triage_findings or [])
        if findings is None:
            continue
        row.triage_findings = findings
        pending.append(row)
        if len(pending) >= BATCH:
            ScreeningSubmission.objects.bulk_update(pending, ["triage_findings"])
            pending = []
    if pending:
        ScreeningSubmission.objects.bulk_update(pending, ["triage_findings"])


class Migration(migrations.Migration):
    dependencies = [("intake", "0005_invitations_drafts_identity_changes")]

    # Going back leaves the new source lines: the old text named files a clinic never had.
    operations = [migrations.RunPython(rewrite_sources, migrations.RunPython.noop)]
