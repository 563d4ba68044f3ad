from django.urls import path

from scheduling.views import appointments, availability, booking, calendar, reminders, reschedule_queue, waitlist

app_name = "scheduling"

urlpatterns = [
    path("calendar/", calendar.calendar, name="calendar"),
    path("calendar/offices/<str:day>/", calendar.offices_day, name="offices_day"),
    path("calendar/<slug:slug>/<str:day>/", calendar.office_day, name="office_day"),
    path("calendar/providers/<int:pk>/week/<str:day>/", calendar.provider_week, name="provider_week"),
    path("scheduling/slots/", booking.slot_finder, name="slot_finder"),
    path("scheduling/book/", booking.book, name="book"),
    path("appointments/<int:pk>/", appointments.appointment_detail, name="appointment_detail"),
    path("appointments/<int:pk>/status/", appointments.appointment_status, name="appointment_status"),
    path("appointments/<int:pk>/cancel/", appointments.appointment_cancel, name="appointment_cancel"),
    path("appointments/<int:pk>/reschedule/", appointments.appointment_reschedule, name="appointment_reschedule"),
    path("scheduling/waitlist/", waitlist.waitlist, name="waitlist"),
    path("scheduling/waitlist/<int:pk>/withdraw/", waitlist.waitlist_withdraw, name="waitlist_withdraw"),
    path("scheduling/availability/", availability.availability, name="availability"),
    path(
        "scheduling/availability/exceptions/<int:pk>/delete/",
        availability.availability_exception_delete,
        name="availability_exception_delete",
    ),
    path("r/<str:purpose>/<str:token>/", reminders.reminder_link, name="reminder_link"),
    path("hooks/sms/inbound/", reminders.sms_inbound, name="sms_inbound"),
    path("scheduling/reminders/attention/", reminders.reminder_attention, name="reminder_attention"),
    path("scheduling/reminders/<int:pk>/retry/", reminders.reminder_retry, name="reminder_retry"),
    path("scheduling/reschedule-requests/", reschedule_queue.reschedule_queue, name="reschedule_queue"),
    path(
        "scheduling/reschedule-requests/<int:pk>/handled/",
        reminders.reschedule_request_close,
        name="reschedule_request_close",
    ),
    path("patients/<int:pk>/reminders/", reminders.reminder_preferences, name="reminder_preferences"),
]
