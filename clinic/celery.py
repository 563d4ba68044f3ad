"""The Celery application. Tasks carry ids only; see scheduling.tasks."""

import os
from typing import Any

from celery import Celery
from celery.signals import beat_init, worker_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clinic.settings")

app = Celery("veinflow")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_init.connect
@beat_init.connect
def refuse_to_start_misconfigured(**kwargs: Any) -> None:
    """Stop a worker or beat whose SMS or mail backend is unusable (clinic.checks) before it takes a task.

    The settings module has already refused malformed variables by then. Celery logs and
    swallows an exception from a signal receiver, so this leaves with SystemExit.
    """
    import django
    from django.apps import apps
    from django.core.exceptions import ImproperlyConfigured

    if not apps.ready:
        django.setup()
    from clinic.checks import refuse_to_start

    try:
        refuse_to_start()
    except ImproperlyConfigured as error:
        raise SystemExit(str(error)) from error
