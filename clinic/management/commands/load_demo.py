from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import module_has_submodule


class Command(BaseCommand):
    help = "Load the fictional demo practice. Safe to run again: a second run changes nothing."

    def handle(self, *args, **options) -> None:
        # clinic comes first in INSTALLED_APPS among ours; each app's demo.load_demo()
        # builds on what the apps before it created.
        with transaction.atomic():
            for config in apps.get_app_configs():
                if not module_has_submodule(config.module, "demo"):
                    continue
                module = import_module(f"{config.name}.demo")
                loader = getattr(module, "load_demo", None)
                if loader is None:
                    continue
                summary = loader()
                self.stdout.write(f"{config.label}: {summary}")
        self.stdout.write(self.style.SUCCESS("Demo practice ready."))
