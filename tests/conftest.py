"""Shared fixtures: one signed-in client per role, the browser, and a few defaults."""

import os
import shutil
import time
import uuid

import pytest
import time_machine
from django.test import Client

from clinic.roles import Role
from tests.clock import SUITE_NOW
from tests.factories import OfficeFactory, PatientFactory, StaffFactory, UserFactory
from tests.helpers import totp_code, totp_device_for, verify_second_factor

# Playwright's sync API runs an event loop in the test thread; Django's async
# guard would then refuse ORM calls made by the test itself.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

STAFF_ROLE_NAMES = ["front_desk", "sonographer", "physician", "clinic_admin"]


@pytest.fixture(autouse=True)
def clock(request):
    """Every test starts at ``SUITE_NOW`` (tests/clock.py) and time ticks on from there.

    A test about another moment moves the clock itself (``clock.move_to(...)``).
    Tests marked real_broker are the exception: their Celery workers are separate
    processes on the machine's clock, so those tests compute every time from
    ``timezone.now()`` and switch quiet hours off in the workers' environment.
    """
    if "real_broker" in request.keywords:
        yield None
        return
    with time_machine.travel(SUITE_NOW, tick=True) as traveller:
        yield traveller


@pytest.fixture(autouse=True)
def _in_process_tasks(settings, request):
    """Unit tests run Celery tasks in-process; tests marked real_broker use Redis."""
    from clinic.celery import app

    eager = "real_broker" not in request.keywords
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = eager
    settings.CELERY_TASK_ALWAYS_EAGER = eager
    yield
    app.conf.task_always_eager = previous


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _cache_of_its_own(settings):
    """Each test counts rate limits from zero: its cache keys live under a prefix of their own.

    With REDIS_URL the cache outlives the test (and the run), and the suite clock puts
    every test in the same rate-limit window; a flush would also empty another xdist
    worker's keys mid-test, so each test gets a fresh namespace instead.
    """
    settings.CACHES = {
        name: {**config, "KEY_PREFIX": f"test-{uuid.uuid4().hex}"} for name, config in settings.CACHES.items()
    }


@pytest.fixture(scope="session")
def _clinical_photo_folder(tmp_path_factory):
    """One temporary folder for every test's leg photos, removed when the run ends."""
    folder = tmp_path_factory.mktemp("clinical-photos")
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(autouse=True)
def _clinical_photos_in_a_temporary_folder(settings, _clinical_photo_folder):
    """Leg photos written by any test (uploads, factories, the demo) never land in the project's var/."""
    settings.STORAGES = {
        **settings.STORAGES,
        "clinical_photos": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(_clinical_photo_folder), "base_url": "/no-public-url/"},
        },
    }


@pytest.fixture
def office(db):
    return OfficeFactory(name="Danville", slug="danville")


def make_staff(role: Role, office=None):
    office = office or OfficeFactory(name="Danville", slug="danville")
    return StaffFactory(role=role, home_office=office, offices=[office]).user


@pytest.fixture
def front_desk(db, office):
    return make_staff(Role.FRONT_DESK, office)


@pytest.fixture
def sonographer(db, office):
    return make_staff(Role.SONOGRAPHER, office)


@pytest.fixture
def physician(db, office):
    return make_staff(Role.PHYSICIAN, office)


@pytest.fixture
def clinic_admin(db, office):
    return make_staff(Role.CLINIC_ADMIN, office)


@pytest.fixture
def patient_user(db, office):
    """A portal patient: a Patient row linked to a user in the patient group."""
    user = UserFactory(role=Role.PATIENT)
    PatientFactory(user=user, preferred_office=office)
    return user


def client_for(user, *, verified: bool = True) -> Client:
    """A signed-in client; staff sessions have passed the second factor unless ``verified=False``."""
    client = Client()
    if user is not None:
        client.force_login(user)
        if verified:
            verify_second_factor(client, user)
    return client


@pytest.fixture
def front_desk_client(front_desk):
    return client_for(front_desk)


@pytest.fixture
def physician_client(physician):
    return client_for(physician)


@pytest.fixture
def clinic_admin_client(clinic_admin):
    return client_for(clinic_admin)


@pytest.fixture
def sonographer_client(sonographer):
    return client_for(sonographer)


# ---------------------------------------------------------------------------
# Browser
# ---------------------------------------------------------------------------
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail("CI must run the browser tests, but Debian's chromium is not installed.")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium); browser tests need it.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # A live-server test ends with a flush that also wipes the reference data the
    # migrations seed (drug catalogue, payer rules, appointment types). Serialized
    # rollback puts it back for the tests after it.
    for item in items:
        marker = item.get_closest_marker("django_db")
        transactional = bool(marker and marker.kwargs.get("transaction"))
        fixtures = set(getattr(item, "fixturenames", ()))
        if transactional or item.get_closest_marker("browser") or fixtures & {"transactional_db", "live_server"}:
            item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True), append=False)


@pytest.fixture(scope="session", autouse=True)
def _test_flush_lifts_sqlite_triggers():
    """Let Django's test reset run past SQLite's append-only and signed-record triggers.

    Between transactional tests Django empties SQLite tables with DELETE (PostgreSQL
    uses TRUNCATE, which row triggers never see), then re-inserts the data the
    migrations seeded. The triggers rightly refuse both: deleting audit entries and
    signed notes, and inserting entries stamped at set-up time. Around those two steps
    only, and in one transaction with them, the triggers are dropped and put back
    exactly as they were; the application's own paths never go through here.
    """
    from django.db import connection, transaction

    if connection.vendor != "sqlite":
        yield
        return
    from django.db.backends.base.creation import BaseDatabaseCreation
    from django.db.backends.sqlite3.base import DatabaseWrapper

    DatabaseOperations = DatabaseWrapper.ops_class

    def lifting_triggers(method):
        def wrapper(self, *args, **kwargs):
            connection = self.connection
            if connection.vendor != "sqlite":
                return method(self, *args, **kwargs)
            with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
                cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
                saved = cursor.fetchall()
                for name, _ in saved:
                    cursor.execute(f'DROP TRIGGER "{name}"')
                result = method(self, *args, **kwargs)
                for _, sql in saved:
                    cursor.execute(sql)
                return result

        return wrapper

    flush, deserialize = DatabaseOperations.execute_sql_flush, BaseDatabaseCreation.deserialize_db_from_string
    DatabaseOperations.execute_sql_flush = lifting_triggers(flush)
    BaseDatabaseCreation.deserialize_db_from_string = lifting_triggers(deserialize)
    yield
    DatabaseOperations.execute_sql_flush, BaseDatabaseCreation.deserialize_db_from_string = flush, deserialize


@pytest.fixture(scope="session", autouse=True)
def _test_flush_retries_a_postgres_deadlock():
    """A browser test's flush (TRUNCATE) can deadlock with a request the live server is still
    serving after the browser closed: PostgreSQL aborts one of the two, once seen to be the flush.
    The flush rolls back whole, so it is tried again when that request has ended."""
    from django.db import OperationalError
    from django.db.backends.postgresql.operations import DatabaseOperations

    flush = DatabaseOperations.execute_sql_flush

    def retrying(self, sql_list):
        for attempt in range(5):
            try:
                return flush(self, sql_list)
            except OperationalError as error:
                if "deadlock detected" not in str(error) or attempt == 4:
                    raise
                time.sleep(0.5 * (attempt + 1))
        return None

    DatabaseOperations.execute_sql_flush = retrying
    yield
    DatabaseOperations.execute_sql_flush = flush


@pytest.fixture(scope="session", autouse=True)
def _serialized_rollback_moves_postgres_sequences_on():
    """After a transactional test puts the migrations' seeded rows back (with their ids), move
    PostgreSQL's sequences past them, as loaddata does; otherwise the next row a test adds to a
    seeded table (a payer rule set, an appointment type) takes an id already in use."""
    from auditlog.context import disable_auditlog
    from django.apps import apps
    from django.core.management.color import no_style
    from django.db.backends.base.creation import BaseDatabaseCreation

    deserialize = BaseDatabaseCreation.deserialize_db_from_string

    def and_reset_sequences(self, *args, **kwargs):
        # django-auditlog would log each restored row as a new one, looking up its content type
        # before the content types themselves are restored: with a cold cache that lookup
        # inserts a content type under a new id, and the restore then clashes with it.
        with disable_auditlog():
            result = deserialize(self, *args, **kwargs)
        connection = self.connection
        if connection.vendor == "postgresql":
            tables = [m for m in apps.get_models(include_auto_created=True) if m._meta.managed and not m._meta.proxy]
            statements = connection.ops.sequence_reset_sql(no_style(), tables)
            with connection.cursor() as cursor:
                for statement in statements:
                    cursor.execute(statement)
        return result

    BaseDatabaseCreation.deserialize_db_from_string = and_reset_sequences
    yield
    BaseDatabaseCreation.deserialize_db_from_string = deserialize


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup):
    """Keep serialized rollback working inside Playwright's greenlet.

    Django keeps connections per context; Playwright's sync API runs tests in
    another greenlet, so they get fresh connection wrappers that lack the snapshot
    Django took at setup. Hand the snapshot to every wrapper created later.
    """
    from django.db import connections

    snapshots = {alias: getattr(connections[alias], "_test_serialized_contents", None) for alias in connections}
    create_connection = connections.create_connection

    def create_with_snapshot(alias: str):
        wrapper = create_connection(alias)
        if snapshots.get(alias) is not None:
            wrapper._test_serialized_contents = snapshots[alias]
        return wrapper

    connections.create_connection = create_with_snapshot
    yield
    connections.create_connection = create_connection


@pytest.fixture
def page(browser, live_server):
    """A phone-sized page: the smallest screen our users work on."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def browser_log_out(page, menu_name: str) -> None:
    """Log out as a person on a phone does: open the menu, then the account menu, then "Log out".

    Bootstrap's script is deferred and the menu slides open; a tap on the account menu while it
    is still sliding can be lost, so the tap is repeated until "Log out" shows."""
    page.get_by_role("button", name="Toggle navigation").click()
    page.locator("#mainnav.show").wait_for()
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    log_out = page.get_by_role("button", name="Log out")
    for _ in range(5):
        page.get_by_role("button", name=menu_name).click()
        try:
            log_out.wait_for(state="visible", timeout=2_000)
            break
        except PlaywrightTimeout:
            continue
    log_out.click()
    page.get_by_role("button", name="Log in").wait_for()


def browser_login(page, username: str, password: str) -> None:
    """Log in; a staff member then types the code from their (test) authenticator app."""
    from django.contrib.auth import get_user_model

    from clinic.signin.policy import second_factor_required

    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    user = get_user_model().objects.filter(username=username).first()
    device = totp_device_for(user) if user is not None and second_factor_required(user) else None
    page.get_by_role("button", name="Log in").click()
    if device is not None and "/accounts/two-step/" in page.url:
        device.refresh_from_db()
        # The app shows the next step's code if this step's was already used (a second log-in).
        page.get_by_label("Code").fill(totp_code(device, at=max(time.time(), (device.last_t + 1) * device.step)))
        page.get_by_role("button", name="Confirm").click()
