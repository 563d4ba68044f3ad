"""What each role may do with duplex studies, notes, plans and payer rules."""

from clinic.roles import Role

_READ_CLINICAL = [
    "evaluations.view_duplexstudy",
    "evaluations.view_segmentfinding",
    "evaluations.view_treatmentplan",
    "evaluations.view_planitem",
    "evaluations.view_payerruleset",
    "evaluations.view_payercriterion",
    # Signed notes only (EvaluationQuerySet.visible_to): drafts are the physicians'.
    "evaluations.view_evaluation",
    "evaluations.view_legassessment",
    "evaluations.view_addendum",
    "evaluations.view_wellsassessment",
    "evaluations.view_gateoverride",
    "evaluations.view_diagnosis",
    "evaluations.view_icd10code",
]

# The desk submits and chases prior authorizations; a physician may record the payer's answer too.
_CHASE_AUTHORIZATIONS = [
    "evaluations.view_priorauthorization",
    "evaluations.add_priorauthorization",
    "evaluations.change_priorauthorization",
]

GRANTS: dict[Role, list[str]] = {
    # The front desk sees plans (to book and to chase authorizations) but not the notes.
    Role.FRONT_DESK: [
        "evaluations.view_treatmentplan",
        "evaluations.view_planitem",
        "evaluations.view_payerruleset",
        "evaluations.view_payercriterion",
        "evaluations.change_planitem",
        *_CHASE_AUTHORIZATIONS,
    ],
    Role.SONOGRAPHER: [
        *_READ_CLINICAL,
        "evaluations.add_duplexstudy",
        "evaluations.change_duplexstudy",
        "evaluations.add_segmentfinding",
        "evaluations.change_segmentfinding",
        "evaluations.delete_segmentfinding",
        # Their own study (DuplexStudy.permits); another's only after taking it over.
        "evaluations.finalize_duplexstudy",
        "evaluations.take_over_duplexstudy",
        # Append-only: a correction is a new assessment (no change or delete permission exists in use).
        "evaluations.add_wellsassessment",
    ],
    Role.PHYSICIAN: [
        *_READ_CLINICAL,
        "evaluations.acknowledge_segmentfinding",
        "evaluations.add_evaluation",
        # Their own drafts (Evaluation.permits); another's only after taking it over.
        "evaluations.change_evaluation",
        "evaluations.sign_evaluation",
        "evaluations.take_over_evaluation",
        # Their own drafts only (Evaluation.permits); a signed note is never removed.
        "evaluations.discard_evaluation",
        "evaluations.add_legassessment",
        "evaluations.change_legassessment",
        "evaluations.add_addendum",
        "evaluations.add_wellsassessment",
        # Confirmed on their own draft note (Evaluation.permits), locked when it is signed.
        "evaluations.add_diagnosis",
        "evaluations.change_diagnosis",
        "evaluations.delete_diagnosis",
        "evaluations.add_treatmentplan",
        "evaluations.change_treatmentplan",
        "evaluations.sign_treatmentplan",
        "evaluations.add_planitem",
        "evaluations.change_planitem",
        "evaluations.delete_planitem",
        *_CHASE_AUTHORIZATIONS,
        # Booking a procedure past a closed safety gate, with a written reason (GateOverride).
        "evaluations.override_safety_gate",
    ],
    Role.CLINIC_ADMIN: [
        "evaluations.view_payerruleset",
        "evaluations.add_payerruleset",
        "evaluations.change_payerruleset",
        "evaluations.view_payercriterion",
        "evaluations.add_payercriterion",
        "evaluations.change_payercriterion",
        "evaluations.delete_payercriterion",
        # The ICD-10-CM code list is data: an admin adds codes and retires old ones (never deletes).
        "evaluations.view_icd10code",
        "evaluations.add_icd10code",
        "evaluations.change_icd10code",
    ],
}
