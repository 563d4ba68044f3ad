"""The cramp-cause summary on the patient chart.

Each line says what may be behind the patient's cramps and names the answer that
caused it, so the physician can check it against what the patient wrote.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from intake.medications import DrugCatalogue
from intake.models import Condition, IntakeRecord, Patient, Pregnancy, Smoking
from intake.models.answers import SYMPTOM_FIELDS, Side
from intake.triage import TriageLevel, triage

# Night cramps grow commoner with age (Allen and Kirby, Am Fam Physician 2012); 50 is the clinic's line.
NIGHT_CRAMP_AGE = 50
# Conditions linked to cramps; a past DVT is asked for the clot rules instead.
CRAMP_CONDITIONS = frozenset(Condition) - {Condition.PREVIOUS_DVT}


@dataclass(frozen=True)
class SummaryLine:
    text: str
    because: str


@dataclass
class CrampCauseSummary:
    record: IntakeRecord | None
    medications: list[SummaryLine] = field(default_factory=list)
    conditions: list[SummaryLine] = field(default_factory=list)
    risk_factors: list[SummaryLine] = field(default_factory=list)
    cvi_signs: list[SummaryLine] = field(default_factory=list)
    red_flags: list[SummaryLine] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.medications or self.conditions or self.risk_factors or self.cvi_signs or self.red_flags)


def cramp_cause_summary(patient: Patient, record: IntakeRecord | None, catalogue: DrugCatalogue) -> CrampCauseSummary:
    summary = CrampCauseSummary(record=record)
    if record is None:
        return summary

    for match in catalogue.cramp_causes(record.medication_lines()):
        summary.medications.append(
            SummaryLine(
                _("Possible medication-related cramps: %(drug)s") % {"drug": match.describe},
                _('Medications: "%(written)s"') % {"written": match.written},
            )
        )

    for value in record.conditions:
        if value in CRAMP_CONDITIONS:
            label = Condition(value).label
            summary.conditions.append(
                SummaryLine(
                    _("Condition linked to cramps: %(c)s") % {"c": label}, _("Conditions: %(c)s") % {"c": label}
                )
            )
    if record.pregnancy == Pregnancy.YES:
        summary.conditions.append(
            SummaryLine(_("Pregnancy: cramps, above all at night, are commoner"), record.answer_text("pregnancy"))
        )
    if record.smoking == Smoking.CURRENT:
        summary.conditions.append(SummaryLine(_("Habitual smoking"), record.answer_text("smoking")))

    if record.cramps_at_night and patient.age > NIGHT_CRAMP_AGE:
        summary.risk_factors.append(
            SummaryLine(
                _("Night cramps over age %(age)s") % {"age": NIGHT_CRAMP_AGE},
                _("%(answer)s; age %(years)s")
                % {"answer": record.answer_text("cramps_at_night"), "years": patient.age},
            )
        )
    for field_name, text in (
        ("prolonged_standing", _("Long periods of standing")),
        ("prolonged_sitting", _("Long periods of sitting")),
        ("hard_floors", _("Work on hard floors")),
    ):
        if getattr(record, field_name):
            summary.risk_factors.append(SummaryLine(text, record.answer_text(field_name)))

    if record.cramps_at_night and record.cramps != Side.NONE:
        summary.cvi_signs.append(
            SummaryLine(_("Night cramps can come from venous insufficiency"), record.answer_text("cramps_at_night"))
        )
    for field_name in SYMPTOM_FIELDS:
        if field_name != "cramps" and getattr(record, field_name) != Side.NONE:
            label = str(record._meta.get_field(field_name).verbose_name)
            summary.cvi_signs.append(SummaryLine(label, record.answer_text(field_name)))

    for finding in triage(record).findings:
        if finding.level <= TriageLevel.URGENT:
            summary.red_flags.append(SummaryLine(finding.title, "; ".join(finding.answers)))
    return summary
