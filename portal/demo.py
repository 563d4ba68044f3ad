"""Demo portal: the first office books consults and follow-ups instantly, the others take
requests; the first demo patient has a portal login (username "patient") and has answered
the symptom questionnaire twice: before treatment and 6 weeks after a procedure."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from clinic.demo import DEMO_PASSWORD
from clinic.models import Office
from clinic.roles import Role
from intake.models import Occasion, Patient, SymptomScore
from intake.services import record_symptom_score
from scheduling.models import AppointmentType, OfficeBookingPolicy, SelfBookingMode

DEMO_PATIENT_USERNAME = "patient"


def load_demo() -> dict[str, int]:
    types = list(AppointmentType.objects.filter(code__in=["new_consult", "follow_up"]))
    offices = list(Office.objects.filter(is_active=True).order_by("name"))
    for index, office in enumerate(offices):
        mode = SelfBookingMode.INSTANT if index == 0 else SelfBookingMode.REQUEST
        policy, _created = OfficeBookingPolicy.objects.get_or_create(office=office, defaults={"mode": mode})
        policy.appointment_types.set(types)
    patient = Patient.objects.filter(user__isnull=True).order_by("pk").first()
    if patient is not None and not get_user_model().objects.filter(username=DEMO_PATIENT_USERNAME).exists():
        user = get_user_model().objects.create_user(
            username=DEMO_PATIENT_USERNAME,
            password=DEMO_PASSWORD,
            first_name=patient.first_name,
            last_name=patient.last_name,
            email=patient.email,
        )
        user.groups.add(Group.objects.get(name=Role.PATIENT.value))
        patient.user = user
        patient.save(update_fields=["user", "updated_at"])
    demo_patient = Patient.objects.filter(user__username=DEMO_PATIENT_USERNAME).select_related("user").first()
    if demo_patient is not None and not SymptomScore.objects.filter(patient=demo_patient).exists():
        now = timezone.now()
        for occasion, days_ago, scores in DEMO_SYMPTOM_SCORES:
            record_symptom_score(
                patient=demo_patient,
                scores=scores,
                occasion=occasion,
                source=SymptomScore.Source.PATIENT,
                entered_by=demo_patient.user,
                now=now - datetime.timedelta(days=days_ago),
            )
    return {
        "booking_policies": len(offices),
        "patient_logins": Patient.objects.filter(user__isnull=False).count(),
        "symptom_scores": SymptomScore.objects.count(),
    }


# Before treatment (total 17) and 6 weeks after an ablation (total 6).
DEMO_SYMPTOM_SCORES = [
    (Occasion.BASELINE, 90, {"heaviness": 4, "achiness": 4, "swelling": 3, "throbbing": 3, "itching": 3}),
    (Occasion.SIX_WEEKS, 7, {"heaviness": 1, "achiness": 2, "swelling": 1, "throbbing": 1, "itching": 1}),
]
