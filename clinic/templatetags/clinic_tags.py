from datetime import timedelta

from django import template

from clinic.models import Office
from clinic.validators import format_phone

register = template.Library()


@register.filter
def minutes_text(value: timedelta | None) -> str:
    """A cool-off period as people say it: '15 minutes', '1 minute'."""
    if not value:
        return "a few minutes"
    minutes = max(1, round(value.total_seconds() / 60))
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


@register.filter
def phone(value: str) -> str:
    return format_phone(value)


@register.filter
def describe_change(change: object) -> str:
    """One audit change as text: 'old → new', or for many-to-many 'added: A, B'."""
    if isinstance(change, dict) and change.get("type") == "m2m":
        objects = ", ".join(str(o) for o in change.get("objects", []))
        return f"{change.get('operation', 'changed')}: {objects or '—'}"
    if isinstance(change, list | tuple) and len(change) == 2:
        before, after = (str(v) if v not in (None, "", "None") else "—" for v in change)
        return f"{before[:40]} → {after[:40]}"
    return str(change)[:80]


@register.inclusion_tag("clinic/_office_phones.html")
def office_phones(office: Office | None = None) -> dict:
    """The number to call: the patient's office when one is known, otherwise every open office's."""
    if office is not None:
        return {"offices": [office]}
    return {
        "offices": list(Office.objects.filter(is_active=True).order_by("name").only("name", "city", "state", "phone"))
    }
