"""What a procedure must not miss on a chart: allergies, blood thinners, pregnancy.

The chart shows these at the top (the alert strip), and evaluations' procedure gates
read the same facts (docs/clinical-rules.md, "Allergies", "Anticoagulants and antiplatelets").
"""

from dataclasses import dataclass, field

from intake.medications import DrugCatalogue, MedicationMatch
from intake.models import Allergy, IntakeRecord, Patient, Pregnancy


@dataclass(frozen=True)
class ChartAlerts:
    allergies: list[Allergy] = field(default_factory=list)
    blood_thinners: list[MedicationMatch] = field(default_factory=list)
    # From the latest intake answers; None when there are none.
    record: IntakeRecord | None = None

    @property
    def pregnant(self) -> bool:
        return self.record is not None and self.record.pregnancy == Pregnancy.YES

    @property
    def maybe_pregnant(self) -> bool:
        return self.record is not None and self.record.pregnancy == Pregnancy.UNSURE

    @property
    def allergy_agents(self) -> frozenset[str]:
        return frozenset(a.agent for a in self.allergies)

    @property
    def is_empty(self) -> bool:
        return not (self.allergies or self.blood_thinners or self.pregnant or self.maybe_pregnant)


def chart_alerts(
    patient: Patient, *, record: IntakeRecord | None, catalogue: DrugCatalogue | None = None
) -> ChartAlerts:
    """The alerts for ``patient``, given their latest intake record: one query, two without a catalogue."""
    allergies = list(Allergy.objects.for_patient(patient))
    thinners: list[MedicationMatch] = []
    if record is not None:
        lines = record.medication_lines()
        thinners = (catalogue if catalogue is not None else DrugCatalogue.for_lines(lines)).blood_thinners(lines)
    return ChartAlerts(allergies=allergies, blood_thinners=thinners, record=record)


def latest_record(patient: Patient) -> IntakeRecord | None:
    return IntakeRecord.objects.filter(patient=patient).order_by("-recorded_at", "-pk").first()
