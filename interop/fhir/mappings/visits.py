"""Appointment and Encounter, from VeinFlow's appointments."""

from fhir.resources.R4B.appointment import Appointment as FhirAppointment
from fhir.resources.R4B.encounter import Encounter

from interop.fhir import valuesets as vs
from interop.fhir.mappings.common import instant, location_ref, organization_ref, patient_ref, practitioner_ref
from interop.fhir.registry import identifier, register, resource_id
from scheduling.models import Appointment
from scheduling.models.appointments import Status

# VeinFlow status -> FHIR AppointmentStatus. "Confirmed" has no code of its own: FHIR's
# "booked" is an appointment all participants have accepted, which a confirmation is.
APPOINTMENT_STATUS = {
    Status.BOOKED: "booked",
    Status.CONFIRMED: "booked",
    Status.CHECKED_IN: "checked-in",
    Status.COMPLETED: "fulfilled",
    Status.CANCELLED: "cancelled",
    Status.NO_SHOW: "noshow",
}
# A visit becomes an encounter once the patient has arrived.
ENCOUNTER_STATUS = {Status.CHECKED_IN: "in-progress", Status.COMPLETED: "finished"}


def _appointments():
    return Appointment.objects.select_related("appointment_type", "provider__user", "office")


@register(
    "Appointment",
    prefix="appointment",
    queryset=_appointments,
    patient="patient_id",
    date="start",
)
def appointment(row: Appointment) -> FhirAppointment:
    status = vs.APPOINTMENT_STATUS.code(APPOINTMENT_STATUS[row.status])
    accepted = vs.PARTICIPATION_STATUS.code("accepted")
    return FhirAppointment(
        id=resource_id("appointment", row.pk),
        identifier=[identifier("appointment", row.pk)],
        status=status,
        cancelationReason={"text": row.cancel_reason} if row.cancel_reason else None,
        serviceType=[{"text": row.appointment_type.name}],
        appointmentType={"text": row.appointment_type.name},
        start=instant(row.start),
        end=instant(row.end),
        minutesDuration=int((row.end - row.start).total_seconds() // 60),
        created=instant(row.created_at),
        participant=[
            {"actor": patient_ref(row.patient_id), "status": accepted},
            {"actor": practitioner_ref(row.provider.user_id), "status": accepted},
            {"actor": location_ref(row.office_id), "status": accepted},
        ],
    )


@register(
    "Encounter",
    prefix="encounter",
    queryset=lambda: _appointments().filter(status__in=list(ENCOUNTER_STATUS)),
    patient="patient_id",
    date="start",
)
def encounter(row: Appointment) -> Encounter:
    """The visit itself, once the patient has checked in; shares its key with its appointment."""
    return Encounter(
        id=resource_id("encounter", row.pk),
        identifier=[identifier("encounter", row.pk)],
        status=vs.ENCOUNTER_STATUS.code(ENCOUNTER_STATUS[row.status]),
        **{"class": vs.ENCOUNTER_CLASS.coding("AMB", "ambulatory")},
        type=[{"text": row.appointment_type.name}],
        subject=patient_ref(row.patient_id),
        participant=[{"individual": practitioner_ref(row.provider.user_id)}],
        appointment=[{"reference": f"Appointment/{resource_id('appointment', row.pk)}"}],
        period={"start": instant(row.start), "end": instant(row.end) if row.status == Status.COMPLETED else None},
        location=[{"location": location_ref(row.office_id)}],
        serviceProvider=organization_ref(row.office_id),
    )
