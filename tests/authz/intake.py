from tests.authz import ADMIN, FRONT_DESK, PHYSICIAN, STAFF, Case, grid, staff_only
from tests.factories import IntakeRecordFactory, PatientFactory, ScreeningFactory
from tests.factories.intake import AllergyFactory

QUEUE = (FRONT_DESK, PHYSICIAN, ADMIN)
REGISTRARS = (FRONT_DESK, ADMIN)


def a_screening(user) -> dict:
    return {"pk": ScreeningFactory().pk}


def a_patient(user) -> dict:
    return {"pk": PatientFactory().pk}


def an_allergy(user) -> dict:
    allergy = AllergyFactory()
    return {"pk": allergy.patient_id, "allergy_pk": allergy.pk}


def a_record(user) -> dict:
    record = IntakeRecordFactory()
    return {"pk": record.patient_id, "record_pk": record.pk}


CASES = [
    Case("screening_form", grid(200), note="the public front door"),
    Case("screening_thanks", grid(302), note="without a submission in the session it goes back to the form"),
    Case("screening_queue", staff_only(*QUEUE)),
    Case("screening_detail", staff_only(*QUEUE), kwargs=a_screening),
    Case("screening_convert", staff_only(*REGISTRARS), kwargs=a_screening),
    Case(
        "screening_mark",
        staff_only(*REGISTRARS),
        kwargs=a_screening,
        method="post",
        note="an empty outcome re-renders the screening with the error",
    ),
    Case("patient_list", staff_only(*STAFF)),
    Case("patient_create", staff_only(*REGISTRARS)),
    Case("patient_chart", staff_only(*STAFF), kwargs=a_patient),
    Case("patient_edit", staff_only(*REGISTRARS), kwargs=a_patient),
    Case("intake_record_create", staff_only(FRONT_DESK, PHYSICIAN, ADMIN), kwargs=a_patient),
    Case("intake_record_detail", staff_only(*STAFF), kwargs=a_record),
    Case("allergy_add", staff_only(FRONT_DESK, PHYSICIAN), kwargs=a_patient),
    Case(
        "allergy_remove",
        staff_only(PHYSICIAN, ok=302),
        kwargs=an_allergy,
        method="post",
        note="only a physician takes an allergy off the chart",
    ),
    Case("symptom_score_create", staff_only(FRONT_DESK, PHYSICIAN, ADMIN), kwargs=a_patient),
]
