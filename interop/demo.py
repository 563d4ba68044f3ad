"""A demo FHIR API client with a published, demo-only token, so `make run` can be tried with curl:

    curl -H "Authorization: Bearer vf_veinflow-demo-token-not-for-production" \
         http://127.0.0.1:8000/fhir/Patient?_count=5

Anyone can read this token, exactly like the demo passwords: never load the demo data into a
database that holds real patients.
"""

from django.contrib.auth import get_user_model
from django.db import transaction

from interop.fhir import registry
from interop.models import ApiClient

DEMO_CLIENT = "Demo health information exchange"
DEMO_TOKEN = "vf_veinflow-demo-token-not-for-production"


@transaction.atomic
def load_demo() -> dict[str, int]:
    users = get_user_model()
    admin = users.objects.filter(username="admin").first() or users.objects.filter(is_superuser=True).first()
    if admin is None:
        return {"fhir_clients": 0}
    user, _ = users.objects.get_or_create(
        username="fhir-demo-client", defaults={"first_name": DEMO_CLIENT, "last_name": "(FHIR client)"}
    )
    if user.has_usable_password():
        user.set_unusable_password()
        user.save(update_fields=["password"])
    client = ApiClient.objects.filter(name=DEMO_CLIENT).first() or ApiClient(
        name=DEMO_CLIENT, user=user, created_by=admin
    )
    client.set_token(DEMO_TOKEN)
    client.resource_types = registry.resource_types()
    client.all_offices = True
    client.revoked_at = client.revoked_by = None
    client.save()
    return {"fhir_clients": 1}
