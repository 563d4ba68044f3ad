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
]

GRANTS: dict[Role, list[str]] = {
    # The front desk sees plans (to book and to chase authorizations) but not the notes.
    Role.FRONT_DESK: [
        "evaluations.view_treatmentplan",
        "evaluations.view_planitem",
        "evaluations.view_payerruleset",
        "evaluations.view_payercriterion",
        "evaluations.change_planitem",
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
        "evaluations.add_treatmentplan",
        "evaluations.change_treatmentplan",
        "evaluations.sign_treatmentplan",
        "evaluations.add_planitem",
        "evaluations.change_planitem",
        "evaluations.delete_planitem",
    ],
    Role.CLINIC_ADMIN: [
        "evaluations.view_payerruleset",
        "evaluations.add_payerruleset",
        "evaluations.change_payerruleset",
        "evaluations.view_payercriterion",
        "evaluations.add_payercriterion",
        "evaluations.change_payercriterion",
        "evaluations.delete_payercriterion",
    ],
}
