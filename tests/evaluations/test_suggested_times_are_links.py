"""When a procedure's time is taken, the suggested times are links that fill in its booking form."""

import datetime
import html

import pytest
from django.urls import reverse
from django.utils import timezone

from evaluations import services
from tests.conftest import client_for
from tests.evaluations.test_treatment_plans import _clinic_week
from tests.factories import PatientFactory
from tests.factories.evaluations import PlanItemFactory, TreatmentPlanFactory

pytestmark = pytest.mark.django_db


def test_a_taken_procedure_time_offers_clickable_times_that_prefill_the_form(physician, office) -> None:
    _clinic_week(office)
    patient = PatientFactory(preferred_office=office)
    start = datetime.datetime.combine(timezone.localdate() + datetime.timedelta(days=2), datetime.time(9), office.zone)
    taken = PlanItemFactory(plan=TreatmentPlanFactory(patient=PatientFactory(preferred_office=office)))
    services.schedule_procedure(item=taken, office=office, start=start, by=physician)
    item = PlanItemFactory(plan=TreatmentPlanFactory(patient=patient))
    client = client_for(physician)
    data = {"office": office.pk, "start": f"{start:%Y-%m-%dT%H:%M}"}
    page = client.post(reverse("evaluations:plan_item_schedule", args=[item.pk]), data, follow=True)
    content = page.content.decode()
    assert "Next free: <a href=" in content
    link = html.unescape(content.split('Next free: <a href="')[1].split('"')[0])
    prefilled = client.get(link).content.decode()
    suggested = link.split("start=")[1].split("#")[0].replace("%3A", ":")
    assert f'value="{suggested}"' in prefilled
    assert f'<option value="{office.pk}" selected>' in prefilled
