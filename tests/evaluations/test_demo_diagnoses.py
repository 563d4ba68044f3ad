"""The demo practice shows a signed note with confirmed ICD-10-CM codes and a plan ready for prior authorization."""

import pytest
from django.core.management import call_command

from evaluations.models import Evaluation, PlanItem

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_signed_note_with_confirmed_codes_and_a_packet_to_send() -> None:
    call_command("load_demo", verbosity=0)
    call_command("load_demo", verbosity=0)
    (note,) = Evaluation.objects.filter(patient__last_name="Oakhollow")
    assert note.is_signed
    assert sorted(note.diagnoses.values_list("code__code", flat=True)) == ["I83.812", "I87.2", "R25.2"]
    assert PlanItem.objects.procedures().filter(plan__evaluation=note, plan__status="signed").count() == 1
