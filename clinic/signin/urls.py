from django.urls import include, path

from clinic.signin import views

urlpatterns = [
    path("accounts/password_reset/", views.ThrottledPasswordResetView.as_view(), name="password_reset"),
    path("accounts/password_change/", views.ThrottledPasswordChangeView.as_view(), name="password_change"),
    path("accounts/two-step/", views.verify, name="second_factor_verify"),
    path("accounts/two-step/set-up/", views.enrol, name="second_factor_enrol"),
    path("accounts/two-step/set-up/app/", views.enrol_totp, name="second_factor_enrol_totp"),
    path("accounts/two-step/recovery-codes/", views.recovery_codes, name="second_factor_recovery_codes"),
    path("accounts/two-step/devices/", views.manage, name="second_factor_manage"),
    path("accounts/session/keepalive/", views.keepalive, name="session_keepalive"),
    path("staff/sign-in-devices/", views.staff_devices, name="staff_devices"),
    path("staff/sign-in-devices/<int:pk>/reset/", views.reset_user_devices, name="reset_user_devices"),
    path("accounts/passkeys/", include("django_otp_webauthn.urls", namespace="otp_webauthn")),
]
