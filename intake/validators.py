"""Validators for intake answers stored as lists of choices."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _


@deconstructible
class ChoiceListValidator:
    """A JSON list whose items all come from one TextChoices, each at most once."""

    def __init__(self, choices: type[models.TextChoices]) -> None:
        self.choices = choices

    def __call__(self, value: object) -> None:
        if not isinstance(value, list):
            raise ValidationError(_("Expected a list of answers."), code="not_a_list")
        allowed = set(self.choices.values)
        unknown = [item for item in value if item not in allowed]
        if unknown:
            raise ValidationError(_("Unknown answer: %(items)s."), code="unknown_choice", params={"items": unknown})
        if len(set(value)) != len(value):
            raise ValidationError(_("An answer is listed twice."), code="repeated_choice")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ChoiceListValidator) and other.choices is self.choices


def labels_for(choices: type[models.TextChoices], values: Iterable[str]) -> list[str]:
    """Human labels for stored values, in the order the choices are declared."""
    wanted = set(values)
    return [str(label) for value, label in choices.choices if value in wanted]
