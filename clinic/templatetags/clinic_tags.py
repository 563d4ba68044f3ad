from datetime import timedelta

from django import template

from clinic.models import Office
from clinic.validators import format_phone

register = template.Library()


@register.filter
def whole_minutes(value: timedelta | None) -> int:
    """A cool-off period in whole minutes (at least one), for a translated sentence."""
    if not value:
        return 15
    return max(1, round(value.total_seconds() / 60))


@register.filter
def phone(value: str) -> str:
    return format_phone(value)


@register.simple_tag(takes_context=True)
def draft_autosave(context: dict, name: str, path: str = "") -> str:
    """htmx attributes for a <form>: what is typed is kept as a draft (clinic.drafts)."""
    import json

    from django.urls import reverse
    from django.utils.html import format_html

    from clinic.drafts import key_for

    key = key_for(path or context["request"].path, name)
    return format_html(
        'hx-post="{}" hx-trigger="input changed delay:1s, change delay:1s" hx-vals="{}" '
        'hx-target="find .draft-status" hx-swap="innerHTML"',
        reverse("draft_autosave"),
        json.dumps({"draft": key}),
    )


@register.inclusion_tag("clinic/_draft_status.html")
def draft_status(draft: object = None) -> dict:
    return {"draft": draft}


@register.inclusion_tag("clinic/_office_phones.html")
def office_phones(office: Office | None = None) -> dict:
    """The number to call: the patient's office when one is known, otherwise every open office's."""
    if office is not None:
        return {"offices": [office]}
    return {
        "offices": list(Office.objects.filter(is_active=True).order_by("name").only("name", "city", "state", "phone"))
    }
