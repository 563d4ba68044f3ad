"""Symptom questionnaire messages (HASTI) 6 weeks and 6 months after a procedure, with their words."""

from django.db import migrations, models

from scheduling.reminders.defaults import SYMPTOM_SURVEY_TEXTS


def seed_survey_templates(apps, schema_editor) -> None:
    ReminderTemplate = apps.get_model("scheduling", "ReminderTemplate")
    for (kind, channel, language), (subject, body) in SYMPTOM_SURVEY_TEXTS.items():
        ReminderTemplate.objects.get_or_create(
            kind=kind, channel=channel, language=language, defaults={"subject": subject, "body": body}
        )


class Migration(migrations.Migration):
    dependencies = [
        ("clinic", "0007_form_draft"),
        ("intake", "0011_symptom_scores"),
        ("scheduling", "0008_closure_added_once"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="reminder",
            name="reminder_kind_valid",
        ),
        migrations.RemoveConstraint(
            model_name="remindertemplate",
            name="reminder_template_kind_valid",
        ),
        migrations.AddField(
            model_name="reminder",
            name="occasion",
            field=models.CharField(blank=True, default="", max_length=10),
        ),
        migrations.AlterField(
            model_name="reminder",
            name="kind",
            field=models.CharField(
                choices=[
                    ("reminder", "Appointment reminder"),
                    ("preparation", "Preparation instructions"),
                    ("aftercare_check", "Check after the visit"),
                    ("waitlist_offer", "Waitlist offer"),
                    ("compression_trial", "Compression trial ending"),
                    ("symptom_survey", "Symptom questionnaire"),
                ],
                max_length=20,
            ),
        ),
        migrations.AlterField(
            model_name="remindertemplate",
            name="kind",
            field=models.CharField(
                choices=[
                    ("reminder", "Appointment reminder"),
                    ("preparation", "Preparation instructions"),
                    ("aftercare_check", "Check after the visit"),
                    ("waitlist_offer", "Waitlist offer"),
                    ("compression_trial", "Compression trial ending"),
                    ("symptom_survey", "Symptom questionnaire"),
                ],
                max_length=20,
            ),
        ),
        migrations.AddConstraint(
            model_name="reminder",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    (
                        "kind__in",
                        [
                            "reminder",
                            "preparation",
                            "aftercare_check",
                            "waitlist_offer",
                            "compression_trial",
                            "symptom_survey",
                        ],
                    )
                ),
                name="reminder_kind_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="reminder",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(
                        ("kind", "symptom_survey"),
                        ("occasion__in", ["six_weeks", "six_months"]),
                        ("subject_time__isnull", False),
                    ),
                    models.Q(models.Q(("kind", "symptom_survey"), _negated=True), ("occasion", "")),
                    _connector="OR",
                ),
                name="reminder_survey_has_occasion_and_day",
            ),
        ),
        migrations.AddConstraint(
            model_name="reminder",
            constraint=models.UniqueConstraint(
                condition=models.Q(("kind", "symptom_survey")),
                fields=("patient", "channel", "occasion", "subject_time"),
                name="reminder_one_survey_per_occasion_day",
            ),
        ),
        migrations.AddConstraint(
            model_name="remindertemplate",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    (
                        "kind__in",
                        [
                            "reminder",
                            "preparation",
                            "aftercare_check",
                            "waitlist_offer",
                            "compression_trial",
                            "symptom_survey",
                        ],
                    )
                ),
                name="reminder_template_kind_valid",
            ),
        ),
        migrations.RunPython(seed_survey_templates, migrations.RunPython.noop),
    ]
