"""Evaluation notes: a physician discards their own draft; one open draft per patient and
physician; a signed note keeps the attestation its signer confirmed.

Before the one-draft rule, pressing "Evaluate" again made another draft. Those extra
drafts that nobody ever saved (no last_edited_by: only the prefill from the duplex) and
that no plan was started from are removed here, keeping each physician's newest draft per
patient. A pair of drafts that were both typed in is left for the physicians: the
migration stops and names them, since only they can say which one is the note.
"""

from django.conf import settings
from django.db import migrations, models
from django.db.models import Count

from evaluations import triggers


def drop_untouched_duplicate_drafts(apps, schema_editor):
    Evaluation = apps.get_model("evaluations", "Evaluation")
    drafts = Evaluation.objects.filter(status="draft")
    doubled = drafts.values("patient_id", "physician_id").annotate(n=Count("pk")).filter(n__gt=1)
    unresolved = []
    for pair in doubled:
        same = list(
            drafts.filter(patient_id=pair["patient_id"], physician_id=pair["physician_id"]).order_by(
                "-updated_at", "-pk"
            )
        )
        keep, rest = same[0], same[1:]
        for extra in rest:
            if extra.last_edited_by_id is None and not extra.treatment_plans.exists():
                extra.legs.all().delete()
                extra.delete()
            else:
                unresolved.append(extra.pk)
        if unresolved and keep.pk not in unresolved:
            unresolved.append(keep.pk)
    if unresolved:
        raise RuntimeError(
            "These draft notes are open twice for the same patient and physician and both were edited; "
            f"sign or discard one of each pair, then migrate again: {sorted(unresolved)}"
        )


def install_triggers(apps, schema_editor):
    triggers.install(schema_editor.connection)


def uninstall_triggers(apps, schema_editor):
    triggers.uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("evaluations", "0009_icd10_diagnoses"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # SQLite rebuilds the notes table for each change below; the lock triggers that name it
        # come off first and go back on at the end, with the new column in their list.
        migrations.RunPython(uninstall_triggers, install_triggers),
        migrations.AlterModelOptions(
            name="evaluation",
            options={
                "ordering": ["-visit_date", "-pk"],
                "permissions": [
                    ("sign_evaluation", "Can sign their own evaluation note"),
                    ("take_over_evaluation", "Can take over another physician's draft note"),
                    ("discard_evaluation", "Can discard their own draft note"),
                ],
            },
        ),
        migrations.AddField(
            model_name="evaluation",
            name="attestation",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.AddConstraint(
            model_name="evaluation",
            constraint=models.CheckConstraint(
                condition=models.Q(("status", "signed"), ("attestation", ""), _connector="OR"),
                name="evaluation_draft_has_no_attestation",
            ),
        ),
        migrations.RunPython(drop_untouched_duplicate_drafts, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="evaluation",
            constraint=models.UniqueConstraint(
                condition=models.Q(("status", "draft")),
                fields=("patient", "physician"),
                name="evaluation_one_open_draft_per_physician",
            ),
        ),
        migrations.RunPython(install_triggers, uninstall_triggers),
    ]
