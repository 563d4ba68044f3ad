from tests.authz import FRONT_DESK, PHYSICIAN, SONOGRAPHER, Case, staff_only
from tests.factories import PatientFactory
from tests.factories.evaluations import (
    DuplexStudyFactory,
    EvaluationFactory,
    LegAssessmentFactory,
    PlanItemFactory,
    SegmentFindingFactory,
    WellsAssessmentFactory,
    signed_evaluation,
)

CLINICAL = (SONOGRAPHER, PHYSICIAN)
PLAN_READERS = (FRONT_DESK, SONOGRAPHER, PHYSICIAN)


def patient(user) -> dict:
    return {"pk": PatientFactory().pk}


def study(user) -> dict:
    return {"pk": DuplexStudyFactory().pk}


def own_study(user) -> dict:
    """The requesting sonographer's own study (anyone else's, for other roles)."""
    mine = user is not None and user.has_perm("evaluations.add_duplexstudy")
    return {"pk": (DuplexStudyFactory(sonographer=user) if mine else DuplexStudyFactory()).pk}


def finding(user) -> dict:
    return {"pk": SegmentFindingFactory().pk}


def thrombus(user) -> dict:
    return {"pk": SegmentFindingFactory(segment="FV", compressibility="none", thrombus="acute").pk}


def draft(user) -> dict:
    evaluation = EvaluationFactory()
    LegAssessmentFactory(evaluation=evaluation, side="R")
    return {"pk": evaluation.pk}


def own_draft(user) -> dict:
    """The requesting physician's own draft (another physician's, for other roles)."""
    mine = user is not None and user.has_perm("evaluations.add_evaluation")
    evaluation = EvaluationFactory(physician=user) if mine else EvaluationFactory()
    LegAssessmentFactory(evaluation=evaluation, side="R")
    return {"pk": evaluation.pk}


def signed(user) -> dict:
    return {"pk": signed_evaluation(PatientFactory()).pk}


def plan(user) -> dict:
    return {"pk": PlanItemFactory().plan_id}


def wells(user) -> dict:
    return {"pk": WellsAssessmentFactory().pk}


def item(user) -> dict:
    return {"pk": PlanItemFactory().pk}


CASES = [
    Case("evaluations:worklist", staff_only(*CLINICAL)),
    Case("evaluations:patient_overview", staff_only(*CLINICAL), kwargs=patient),
    Case("evaluations:study_start", staff_only(SONOGRAPHER), kwargs=patient),
    Case("evaluations:study_detail", staff_only(*CLINICAL), kwargs=study),
    Case(
        "evaluations:study_finalize",
        staff_only(SONOGRAPHER, ok=302),
        kwargs=own_study,
        method="post",
        data=lambda user: {"impression": "No reflux."},
    ),
    Case(
        "evaluations:study_take_over",
        staff_only(SONOGRAPHER),
        kwargs=study,
        note="another sonographer's study in progress: the confirmation page",
    ),
    Case("evaluations:finding_edit", staff_only(SONOGRAPHER), kwargs=finding),
    Case("evaluations:finding_acknowledge", staff_only(PHYSICIAN, ok=302), kwargs=thrombus, method="post"),
    Case("evaluations:evaluation_start", staff_only(PHYSICIAN, ok=302), kwargs=patient, method="post"),
    Case("evaluations:evaluation_detail", staff_only(*CLINICAL), kwargs=signed, note="signed notes: clinical staff"),
    Case("evaluations:evaluation_edit", staff_only(PHYSICIAN), kwargs=own_draft),
    Case("evaluations:evaluation_sign", staff_only(PHYSICIAN, ok=302), kwargs=own_draft, method="post"),
    Case(
        "evaluations:evaluation_discard",
        staff_only(PHYSICIAN, ok=302),
        kwargs=own_draft,
        method="post",
        note="the physician's own draft: discarded, back to the vein record",
    ),
    Case(
        "evaluations:evaluation_take_over",
        staff_only(PHYSICIAN),
        kwargs=draft,
        note="another physician's draft: the confirmation page",
    ),
    Case(
        "evaluations:addendum_add",
        staff_only(PHYSICIAN, ok=302),
        kwargs=signed,
        method="post",
        data=lambda user: {"text": "Reviewed with the patient."},
    ),
    Case("evaluations:visit_summary", staff_only(*CLINICAL), kwargs=signed),
    Case("evaluations:plan_start", staff_only(PHYSICIAN, ok=302), kwargs=patient, method="post"),
    Case("evaluations:plan_detail", staff_only(*PLAN_READERS), kwargs=plan),
    Case("evaluations:plan_payer", staff_only(PHYSICIAN, ok=302), kwargs=plan, method="post"),
    Case(
        "evaluations:plan_item_add",
        staff_only(PHYSICIAN, ok=302),
        kwargs=plan,
        method="post",
        data=lambda user: {"kind": "exercise", "side": "B"},
    ),
    Case("evaluations:plan_sign", staff_only(PHYSICIAN, ok=302), kwargs=plan, method="post"),
    Case("evaluations:plan_item_schedule", staff_only(FRONT_DESK, PHYSICIAN, ok=302), kwargs=item, method="post"),
    Case(
        "evaluations:plan_item_status",
        staff_only(FRONT_DESK, PHYSICIAN, ok=302),
        kwargs=item,
        method="post",
        data=lambda user: {"status": "authorized", "authorization_number": "A-1"},
    ),
    Case("evaluations:prior_authorization", staff_only(*PLAN_READERS), kwargs=item),
    Case("evaluations:wells_new", staff_only(*CLINICAL), kwargs=patient, note="the form for today's visit"),
    Case(
        "evaluations:wells_new",
        staff_only(*CLINICAL, ok=302),
        kwargs=patient,
        method="post",
        data=lambda user: {"side": "L", "entire_leg_swollen": "on", "previous_dvt": "on"},
        note="entering a score: physician or sonographer, never the front desk",
    ),
    Case("evaluations:wells_detail", staff_only(*CLINICAL), kwargs=wells),
    Case(
        "evaluations:prior_authorization_update",
        staff_only(FRONT_DESK, PHYSICIAN, ok=302),
        kwargs=item,
        method="post",
        data=lambda user: {"required": "on", "status": "pending", "submitted_on": "2030-06-01"},
    ),
    Case("evaluations:prior_auth_queue", staff_only(FRONT_DESK, PHYSICIAN)),
    Case("evaluations:packet_pdf", staff_only(*PLAN_READERS), kwargs=item),
]
