"""FHIR mappings, one module per part of the record. A new module goes into MODULES."""

from importlib import import_module

MODULES = ("administrative", "visits", "clinical", "assessments", "safety", "documents")


def load() -> None:
    for name in MODULES:
        import_module(f"{__name__}.{name}")
