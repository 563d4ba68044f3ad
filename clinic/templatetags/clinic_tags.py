from datetime import timedelta

from django import template

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
