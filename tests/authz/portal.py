from clinic.roles import Role
from tests.authz import ADMIN, ANON, FRONT_DESK, LOGIN, PATIENT, ROLES, Case, grid, staff_only
from tests.factories import PatientFactory, ScreeningFactory, UserFactory
from tests.factories.evaluations import signed_evaluation
from tests.factories.portal import BookingPolicyFactory, BookingRequestFactory, invitation_link
from tests.factories.scheduling import AppointmentFactory

DESK = (FRONT_DESK, ADMIN)


def patient_only(ok: int = 200) -> dict:
    """The portal: the patient gets ``ok``, staff 403, anonymous the login page."""
    return {role: (LOGIN if role == ANON else ok if role == PATIENT else 403) for role in ROLES}


def patient_of(user):
    return getattr(user, "patient", None) if user is not None else None


def own_appointment(user) -> dict:
    appointment = AppointmentFactory(patient=patient_of(user) or PatientFactory())
    BookingPolicyFactory(office=appointment.office)
    return {"pk": appointment.pk}


def own_request(user) -> dict:
    return {"pk": BookingRequestFactory(patient=patient_of(user) or PatientFactory()).pk}


def own_summary(user) -> dict:
    return {"pk": signed_evaluation(patient_of(user) or PatientFactory()).pk}


def a_patient(user) -> dict:
    return {"pk": PatientFactory().pk}


def a_screening(user) -> dict:
    return {"pk": ScreeningFactory().pk}


def an_invitation(user) -> dict:
    invitation, _link = invitation_link(by=UserFactory(role=Role.FRONT_DESK))
    return {"pk": invitation.pk}


def a_token(user) -> dict:
    invitation, link = invitation_link(by=UserFactory(role=Role.FRONT_DESK))
    return {"token": link.rstrip("/").rsplit("/", 1)[1]}


def a_booking_request(user) -> dict:
    return {"pk": BookingRequestFactory().pk}


def an_identity_change(user) -> dict:
    from intake.accounts import request_identity_change

    patient = PatientFactory()
    change = request_identity_change(
        patient=patient,
        first_name="New",
        last_name=patient.last_name,
        date_of_birth=patient.date_of_birth,
        by=user or UserFactory(role=Role.PATIENT),
    )
    return {"pk": change.pk}


CASES = [
    Case("portal:home", patient_only()),
    Case("portal:appointment", patient_only(), kwargs=own_appointment),
    Case("portal:appointment_confirm", patient_only(302), kwargs=own_appointment, method="post"),
    Case("portal:appointment_cancel", patient_only(), kwargs=own_appointment),
    Case("portal:appointment_move", patient_only(), kwargs=own_appointment),
    Case("portal:request_withdraw", patient_only(302), kwargs=own_request, method="post"),
    Case("portal:book", patient_only(), note="no office open to patients: the call-us page"),
    Case("portal:book_confirm", patient_only(302), note="without an office and visit it goes back to the choice"),
    Case("portal:intake", patient_only()),
    Case("portal:intake_autosave", patient_only(), method="post"),
    Case("portal:symptoms", patient_only()),
    Case("portal:plan", patient_only()),
    Case("portal:visit_summary", patient_only(), kwargs=own_summary),
    Case("portal:preferences", patient_only()),
    Case("portal:identity_change", patient_only()),
    Case("portal:accept_invitation", grid(200), kwargs=a_token, note="the emailed link itself is the credential"),
    Case("portal:invite", staff_only(*DESK), kwargs=a_patient),
    Case("portal:invite_screening", staff_only(*DESK, ok=302), kwargs=a_screening),
    Case("portal:invitation_revoke", staff_only(*DESK, ok=302), kwargs=an_invitation, method="post"),
    Case("portal:requests", staff_only(*DESK)),
    Case("portal:request_decide", staff_only(*DESK, ok=302), kwargs=a_booking_request, method="post"),
    Case("portal:identity_change_decide", staff_only(*DESK, ok=302), kwargs=an_identity_change, method="post"),
]
