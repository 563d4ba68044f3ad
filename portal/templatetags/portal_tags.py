from django import template

from portal import labels

register = template.Library()


@register.filter
def status_label(status: str) -> str:
    return labels.status_label(status)


@register.filter
def translated(text: str) -> str:
    return labels.translated(text)
