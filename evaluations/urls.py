from django.urls import path

from evaluations.views import authorizations, duplex, notes, plans, wells

app_name = "evaluations"

urlpatterns = [
    path("vein/", duplex.worklist, name="worklist"),
    path("vein/patients/<int:pk>/", duplex.patient_overview, name="patient_overview"),
    path("vein/patients/<int:pk>/duplex/new/", duplex.study_start, name="study_start"),
    path("vein/duplex/<int:pk>/", duplex.study_detail, name="study_detail"),
    path("vein/duplex/<int:pk>/finalize/", duplex.study_finalize, name="study_finalize"),
    path("vein/duplex/<int:pk>/take-over/", duplex.study_take_over, name="study_take_over"),
    path("vein/findings/<int:pk>/", duplex.finding_edit, name="finding_edit"),
    path("vein/findings/<int:pk>/acknowledge/", duplex.finding_acknowledge, name="finding_acknowledge"),
    path("vein/patients/<int:pk>/evaluations/new/", notes.evaluation_start, name="evaluation_start"),
    path("vein/evaluations/<int:pk>/", notes.evaluation_detail, name="evaluation_detail"),
    path("vein/evaluations/<int:pk>/edit/", notes.evaluation_edit, name="evaluation_edit"),
    path("vein/evaluations/<int:pk>/sign/", notes.evaluation_sign, name="evaluation_sign"),
    path("vein/evaluations/<int:pk>/discard/", notes.evaluation_discard, name="evaluation_discard"),
    path("vein/evaluations/<int:pk>/take-over/", notes.evaluation_take_over, name="evaluation_take_over"),
    path("vein/evaluations/<int:pk>/addenda/", notes.addendum_add, name="addendum_add"),
    path("vein/evaluations/<int:pk>/summary/", notes.visit_summary, name="visit_summary"),
    path("vein/patients/<int:pk>/wells/new/", wells.wells_new, name="wells_new"),
    path("vein/wells/<int:pk>/", wells.wells_detail, name="wells_detail"),
    path("vein/patients/<int:pk>/plans/new/", plans.plan_start, name="plan_start"),
    path("vein/plans/<int:pk>/", plans.plan_detail, name="plan_detail"),
    path("vein/plans/<int:pk>/payer/", plans.plan_payer, name="plan_payer"),
    path("vein/plans/<int:pk>/items/", plans.plan_item_add, name="plan_item_add"),
    path("vein/plans/<int:pk>/sign/", plans.plan_sign, name="plan_sign"),
    path("vein/plan-items/<int:pk>/schedule/", plans.plan_item_schedule, name="plan_item_schedule"),
    path("vein/plan-items/<int:pk>/status/", plans.plan_item_status, name="plan_item_status"),
    path("vein/plan-items/<int:pk>/prior-authorization/", plans.prior_authorization, name="prior_authorization"),
    path(
        "vein/plan-items/<int:pk>/prior-authorization/update/",
        plans.prior_authorization_update,
        name="prior_authorization_update",
    ),
    path("vein/prior-authorizations/", authorizations.prior_auth_queue, name="prior_auth_queue"),
    path("vein/plan-items/<int:pk>/prior-authorization.pdf", plans.prior_authorization_pdf, name="packet_pdf"),
]
