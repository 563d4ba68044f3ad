"""The second step of signing in, enrolment, recovery codes, device resets, and the
throttled password pages (reset and change)."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from clinic.access import permission_required
from clinic.roles import STAFF_ROLES, Role, has_role, is_staff_member
from clinic.signin import devices, lockout
from clinic.signin.forms import CodeForm, ThrottledPasswordChangeForm
from clinic.signin.policy import has_second_factor, is_verified
from clinic.throttle import over_limit

SESSION_NEW_CODES = "veinflow_new_recovery_codes"
# Resetting a lost device removes every kind of second factor the person has.
DEVICE_RESET_PERMISSIONS = (
    "otp_totp.delete_totpdevice",
    "otp_static.delete_staticdevice",
    "django_otp_webauthn.delete_webauthncredential",
)

# Second-factor guesses per person, across every address: django-otp's own
# per-device back-off and axes' per-(username, address) lock-out sit beside it.
VERIFY_RATE = (10, 15 * 60)
# Password reset: per client address, and per address typed (account) so one
# mailbox cannot be flooded from many places.
RESET_RATE_PER_CLIENT = (10, 60 * 60)
RESET_RATE_PER_ACCOUNT = (3, 60 * 60)


def base_template(request: HttpRequest) -> str:
    """Patients see these pages inside the portal; everyone else inside the staff site."""
    user = request.user
    if user.is_authenticated and has_role(user, Role.PATIENT) and not is_staff_member(user):
        return "portal/base.html"
    return "base.html"


def _next_url(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse(settings.LOGIN_REDIRECT_URL)


def _render(request: HttpRequest, template: str, context: dict[str, Any], status: int = 200) -> HttpResponse:
    context = {"base_template": base_template(request), "next": _next_url(request), **context}
    return render(request, template, context, status=status)


def too_many(request: HttpRequest, message: str) -> HttpResponse:
    return _render(request, "registration/too_many_attempts.html", {"message": message}, status=429)


# ---------------------------------------------------------------------------
# The second step
# ---------------------------------------------------------------------------
def _pause_message(seconds: int) -> str:
    return _("After a wrong code, please wait a moment (%(seconds)s s) before typing the next one.") % {
        "seconds": seconds
    }


def _code_guessing(request: HttpRequest, user: Any) -> bool:
    """Counts one code typed by ``user``; True once they are past VERIFY_RATE."""
    return over_limit(request, group="signin.verify", rate=VERIFY_RATE, key=str(user.pk))


@login_required
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    user = request.user
    if is_verified(user):
        return redirect(_next_url(request))
    if not has_second_factor(user):
        return redirect(f"{reverse('second_factor_enrol')}?{urlencode({'next': _next_url(request)})}")
    if lockout.is_locked(request, user):
        return lockout.locked_out(request, user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if _code_guessing(request, user):
            return too_many(request, _("Too many codes were tried. Please wait a few minutes and try again."))
        if wait := devices.pause_for(user):
            # django-otp's back-off after wrong codes; no code is checked, none is counted.
            form.add_error("code", _pause_message(wait))
        elif device := devices.verify(request=request, user=user, token=form.cleaned_data["code"]):
            if device.__class__.__name__ == "StaticDevice":
                left = devices.recovery_codes_left(user)
                messages.warning(
                    request,
                    _("You used a recovery code; %(left)s are left. Make new ones from your account page.")
                    % {"left": left},
                )
            return redirect(_next_url(request))
        else:
            lockout.record_failure(request, user)
            if lockout.is_locked(request, user):
                return lockout.locked_out(request, user)
            form.add_error(
                "code", _("That code is not right, or it was already used. Try the newest code in your app.")
            )
    summary = devices.device_summary(user)
    return _render(request, "registration/second_factor_verify.html", {"form": form, **summary})


@login_required
@require_GET
def enrol(request: HttpRequest) -> HttpResponse:
    """Choose a second factor: an authenticator app, or a passkey."""
    if has_second_factor(request.user) and not is_verified(request.user):
        return redirect(f"{reverse('second_factor_verify')}?{urlencode({'next': _next_url(request)})}")
    return _render(request, "registration/second_factor_enrol.html", devices.device_summary(request.user))


@login_required
@require_http_methods(["GET", "POST"])
def enrol_totp(request: HttpRequest) -> HttpResponse:
    user = request.user
    if has_second_factor(user) and not is_verified(user):
        return redirect(f"{reverse('second_factor_verify')}?{urlencode({'next': _next_url(request)})}")
    device = devices.pending_totp(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if _code_guessing(request, user):
            return too_many(request, _("Too many codes were tried. Please wait a few minutes and try again."))
        if wait := devices.seconds_to_wait(device):
            form.add_error("code", _pause_message(wait))
            codes = None
        else:
            codes = devices.confirm_totp(request=request, device=device, token=form.cleaned_data["code"])
        if codes is not None:
            request.session[SESSION_NEW_CODES] = codes
            messages.success(request, _("Your authenticator app is set up."))
            return redirect(f"{reverse('second_factor_recovery_codes')}?{urlencode({'next': _next_url(request)})}")
        if not form.errors:
            form.add_error("code", _("That code is not right. Type the six digits your app shows now."))
    uri = device.config_url
    return _render(
        request,
        "registration/second_factor_totp.html",
        {"form": form, "secret": devices.totp_secret(device), "uri": uri, "qr": devices.qr_svg(uri)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """New codes are shown once, right after they are made; POST makes a new set."""
    if request.method == "POST":
        request.session[SESSION_NEW_CODES] = devices.new_recovery_codes(user=request.user)
        return redirect(f"{reverse('second_factor_recovery_codes')}?{urlencode({'next': _next_url(request)})}")
    codes = request.session.pop(SESSION_NEW_CODES, None)
    if codes is None and not devices.has_recovery_codes(request.user) and has_second_factor(request.user):
        # Set up with a passkey (the ceremony is the library's): the codes come now.
        codes = devices.new_recovery_codes(user=request.user)
    return _render(
        request,
        "registration/second_factor_recovery_codes.html",
        {"codes": codes, "left": devices.recovery_codes_left(request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def manage(request: HttpRequest) -> HttpResponse:
    """A person's own sign-in devices. Patients turn the second factor on and off here."""
    user = request.user
    if request.method == "POST" and "turn_off" in request.POST:
        if is_staff_member(user) or user.is_staff or user.is_superuser:
            messages.error(request, _("Staff accounts must keep a second factor."))
        else:
            devices.turn_off(user=user)
            messages.success(request, _("Two-step sign-in is off."))
        return redirect("second_factor_manage")
    return _render(request, "registration/second_factor_manage.html", devices.device_summary(user))


@login_required
@require_POST
def keepalive(request: HttpRequest) -> HttpResponse:
    """'Stay signed in': always writes the session, so its idle expiry starts again from now
    (IdleTimeoutMiddleware moves the last-activity mark with any write)."""
    request.session.modified = True
    return HttpResponse(status=204)


# ---------------------------------------------------------------------------
# The clinic admin's side: reset a lost device
# ---------------------------------------------------------------------------
@permission_required("otp_totp.view_totpdevice")
@require_GET
def staff_devices(request: HttpRequest) -> HttpResponse:
    """Every staff login with what second factor it has; one query for the whole list."""
    totp = TOTPDevice.objects.filter(confirmed=True).values("user_id")
    passkeys = WebAuthnCredential.objects.filter(confirmed=True).values("user_id")
    users = (
        get_user_model()
        .objects.filter(groups__name__in=[r.value for r in STAFF_ROLES], is_active=True)
        .distinct()
        .annotate(
            has_app=Count("pk", filter=Q(pk__in=totp)),
            has_passkey=Count("pk", filter=Q(pk__in=passkeys)),
        )
        .order_by("last_name", "first_name", "username")
    )
    return render(request, "registration/staff_devices.html", {"users": users})


@permission_required(*DEVICE_RESET_PERMISSIONS)
@require_POST
def reset_user_devices(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(get_user_model(), pk=pk, is_active=True)
    if person.pk == request.user.pk:
        messages.error(request, "Ask another clinic admin to reset your own devices.")
        return redirect("staff_devices")
    removed = devices.reset_devices(user=person)
    messages.success(
        request,
        f"Removed {removed} sign-in device(s) of {person.get_full_name() or person.get_username()}. "
        "They set up a new one at their next sign-in.",
    )
    return redirect("staff_devices")


# ---------------------------------------------------------------------------
# Throttled password pages
# ---------------------------------------------------------------------------
class ThrottledPasswordResetView(auth_views.PasswordResetView):
    """Per client address (a page saying so) and per typed address (silently, so the
    page never tells whether an account exists)."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if over_limit(request, group="signin.reset.client", rate=RESET_RATE_PER_CLIENT):
            return too_many(request, _("Too many password resets were asked from here. Please try again in an hour."))
        return super().post(request, *args, **kwargs)

    def form_valid(self, form: Any) -> HttpResponse:
        email = form.cleaned_data["email"].strip().lower()
        if over_limit(self.request, group="signin.reset.account", rate=RESET_RATE_PER_ACCOUNT, key=email):
            # Same page as a sent link: the limit must not reveal the account either.
            return redirect(self.get_success_url())
        return super().form_valid(form)


class ThrottledPasswordChangeView(auth_views.PasswordChangeView):
    form_class = ThrottledPasswordChangeForm
    success_url = reverse_lazy("password_change_done")

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated and lockout.is_locked(request, request.user):
            return lockout.locked_out(request, request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "request": self.request}

    def form_invalid(self, form: Any) -> HttpResponse:
        if lockout.is_locked(self.request, self.request.user):
            return lockout.locked_out(self.request, self.request.user)
        return super().form_invalid(form)
