from datetime import date, datetime, timedelta

from django import template
from django.template.defaultfilters import date as date_filter

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


# Dates on the staff pages, one way everywhere (dates of birth keep m/d/Y, as they are typed).
# Like Django's |date they show an aware datetime in the current time zone.
DAY = "M j, Y"
WEEKDAY = "D, M j, Y"
SHORT_DAY = "D, M j"
MOMENT = "D, M j, Y, g:i A"
SHORT_MOMENT = "D, M j, g:i A"


@register.filter(expects_localtime=True)
def day(value: date | datetime | None) -> str:
    """Jun 4, 2030"""
    return date_filter(value, DAY)


@register.filter(expects_localtime=True)
def weekday(value: date | datetime | None) -> str:
    """Tue, Jun 4, 2030"""
    return date_filter(value, WEEKDAY)


@register.filter(expects_localtime=True)
def short_day(value: date | datetime | None) -> str:
    """Tue, Jun 4"""
    return date_filter(value, SHORT_DAY)


@register.filter(expects_localtime=True)
def moment(value: datetime | None) -> str:
    """Tue, Jun 4, 2030, 9:00 AM"""
    return date_filter(value, MOMENT)


@register.filter(expects_localtime=True)
def short_moment(value: datetime | None) -> str:
    """Tue, Jun 4, 9:00 AM"""
    return date_filter(value, SHORT_MOMENT)


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
