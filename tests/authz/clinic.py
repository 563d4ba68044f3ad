from tests.authz import ADMIN, ANON, FRONT_DESK, LOGIN, PATIENT, PHYSICIAN, SONOGRAPHER, STAFF, Case, grid, staff_only
from tests.factories import OfficeFactory

CASES = [
    Case(
        "home",
        {ANON: LOGIN, FRONT_DESK: 200, SONOGRAPHER: 200, PHYSICIAN: 200, ADMIN: 200, PATIENT: 302},
        note="patients are sent on to the portal",
    ),
    Case("healthz", grid(200)),
    Case("login", grid(200)),
    Case("logout", grid(302), method="post"),
    Case("password_change", grid(200, anonymous=LOGIN)),
    Case("password_change_done", grid(200, anonymous=LOGIN)),
    Case("password_reset", grid(200)),
    Case("password_reset_done", grid(200)),
    Case(
        "password_reset_confirm",
        grid(200),
        kwargs=lambda user: {"uidb64": "MQ", "token": "set-password"},
        note="an invalid link renders its own explanation",
    ),
    Case("password_reset_complete", grid(200)),
    Case("office_list", staff_only(*STAFF)),
    Case("office_detail", staff_only(*STAFF), kwargs=lambda user: {"slug": OfficeFactory().slug}),
    Case("audit_log", staff_only(ADMIN)),
    Case(
        "draft_autosave",
        staff_only(*STAFF),
        method="post",
        data=lambda user: {"draft": "/offices/#note", "notes": "typed"},
        note="a draft is only ever read back by its author, on the page it came from",
    ),
    Case(
        "admin:index",
        {ANON: 302, FRONT_DESK: 403, SONOGRAPHER: 403, PHYSICIAN: 403, ADMIN: 200, PATIENT: 403},
    ),
    Case("set_language", grid(302), method="post", data=lambda user: {"language": "es", "next": "/"}),
]
