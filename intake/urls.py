from django.urls import path

from intake.views import patients, public, screening

urlpatterns = [
    path("screening/", public.screening_form, name="screening_form"),
    path("screening/thanks/", public.screening_thanks, name="screening_thanks"),
    path("screenings/", screening.screening_queue, name="screening_queue"),
    path("screenings/<int:pk>/", screening.screening_detail, name="screening_detail"),
    path("screenings/<int:pk>/convert/", screening.screening_convert, name="screening_convert"),
    path("screenings/<int:pk>/outcome/", screening.screening_mark, name="screening_mark"),
    path("patients/", patients.patient_list, name="patient_list"),
    path("patients/new/", patients.patient_create, name="patient_create"),
    path("patients/<int:pk>/", patients.patient_chart, name="patient_chart"),
    path("patients/<int:pk>/edit/", patients.patient_edit, name="patient_edit"),
    path("patients/<int:pk>/allergies/new/", patients.allergy_add, name="allergy_add"),
    path("patients/<int:pk>/allergies/<int:allergy_pk>/remove/", patients.allergy_remove, name="allergy_remove"),
    path("patients/<int:pk>/intake/new/", patients.intake_record_create, name="intake_record_create"),
    path("patients/<int:pk>/symptoms/new/", patients.symptom_score_create, name="symptom_score_create"),
    path("patients/<int:pk>/intake/<int:record_pk>/", patients.intake_record_detail, name="intake_record_detail"),
]
