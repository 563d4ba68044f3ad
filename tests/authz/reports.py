from tests.authz import ADMIN, PRACTICE_MANAGER, Case, staff_only

CASES = [
    Case("reports:dashboard", staff_only(ADMIN, PRACTICE_MANAGER)),
    Case(
        "reports:dashboard_csv",
        staff_only(ADMIN, PRACTICE_MANAGER),
        kwargs=lambda user: {"key": "visits-by-type"},
        note="one chart's table as CSV",
    ),
]
