"""The Celery application. Tasks carry ids only; see scheduling.tasks."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clinic.settings")

app = Celery("veinflow")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
