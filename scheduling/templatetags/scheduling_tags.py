from django import template

from scheduling.models import AppointmentType
from scheduling.services.slots import Slot

register = template.Library()


@register.simple_tag
def slot_query(slot: Slot, appointment_type: AppointmentType, **extra: object) -> str:
    return slot.query(appointment_type, **extra)
