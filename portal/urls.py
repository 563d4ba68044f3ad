from django.urls import path

from portal.views import account, appointments, booking, desk, plan, questionnaire, symptoms

app_name = "portal"

urlpatterns = [
    # The patient's own pages.
    path("", appointments.home, name="home"),
    path("appointments/<int:pk>/", appointments.appointment_detail, name="appointment"),
    path("appointments/<int:pk>/confirm/", appointments.appointment_confirm, name="appointment_confirm"),
    path("appointments/<int:pk>/cancel/", appointments.appointment_cancel, name="appointment_cancel"),
    path("appointments/<int:pk>/move/", booking.appointment_move, name="appointment_move"),
    path("requests/<int:pk>/withdraw/", appointments.request_withdraw, name="request_withdraw"),
    path("book/", booking.book, name="book"),
    path("book/confirm/", booking.book_confirm, name="book_confirm"),
    path("intake/", questionnaire.intake, name="intake"),
    path("intake/autosave/", questionnaire.intake_autosave, name="intake_autosave"),
    path("symptoms/", symptoms.symptoms, name="symptoms"),
    path("plan/", plan.my_plan, name="plan"),
    path("visits/<int:pk>/summary/", plan.visit_summary, name="visit_summary"),
    path("preferences/", account.preferences, name="preferences"),
    path("preferences/identity/", account.identity_change, name="identity_change"),
    # The link in the invitation email (no login yet).
    path("welcome/<str:token>/", account.accept_invitation, name="accept_invitation"),
    # The front desk's side of the portal.
    path("desk/patients/<int:pk>/invite/", desk.invite, name="invite"),
    path("desk/screenings/<int:pk>/invite/", desk.invite_from_screening, name="invite_screening"),
    path("desk/invitations/<int:pk>/revoke/", desk.invitation_revoke, name="invitation_revoke"),
    path("desk/requests/", desk.requests, name="requests"),
    path("desk/requests/<int:pk>/", desk.request_decide, name="request_decide"),
    path("desk/identity-changes/<int:pk>/", desk.identity_change_decide, name="identity_change_decide"),
]
