from django.apps import AppConfig


class InteropConfig(AppConfig):
    name = "interop"
    verbose_name = "FHIR interoperability"

    def ready(self) -> None:
        from clinic import audit
        from interop import navigation
        from interop.fhir import mappings
        from interop.models import ApiClient, BulkExport

        # Who holds a key to the records, and every export of them, belong in the trail.
        audit.register(ApiClient, exclude_fields=["token_hash"])
        audit.register(BulkExport)
        mappings.load()
        navigation.register_interop()
