"""A valid public screening POST, to which each test adds the answers it is about."""

from intake.models.answers import SIDED_FIELDS


def screening_post(**overrides: object) -> dict:
    data = {
        "first_name": "Lorna",
        "last_name": "Fenwick",
        "date_of_birth": "1966-07-30",
        "sex_at_birth": "F",
        "phone": "(925) 555-0130",
        "email": "lorna@example.test",
        "preferred_office": "",
        "preferred_language": "en",
        "pregnancy": "no",
        "smoking": "never",
        "compression_use": "never",
        "consent_to_contact": "on",
        **dict.fromkeys(SIDED_FIELDS, "none"),
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}
