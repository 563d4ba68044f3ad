"""The demo practice shows leg photos: Marguerite Oakhollow's left leg at two visits, drawn at load time."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from PIL import Image

from photos.models import LegPhoto, photo_storage
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def test_the_demo_has_two_visits_of_one_leg_to_compare_and_loads_once() -> None:
    call_command("load_demo", verbosity=0)
    photos = list(LegPhoto.objects.order_by("visit_date"))
    assert [(p.patient.last_name, p.side) for p in photos] == [("Oakhollow", "L"), ("Oakhollow", "L")]
    assert photos[0].visit_date < photos[1].visit_date
    assert list(LegPhoto.objects.for_packet(photos[0].patient, "L")) == [photos[0]]
    with photo_storage().open(photos[0].image_name, "rb") as stored:
        assert Image.open(stored).size == (480, 720)
    call_command("load_demo", verbosity=0)
    assert LegPhoto.objects.count() == 2


def test_the_demo_physician_sees_them_side_by_side() -> None:
    from django.contrib.auth import get_user_model

    call_command("load_demo", verbosity=0)
    patient = LegPhoto.objects.first().patient
    response = client_for(get_user_model().objects.get(username="physician")).get(
        reverse("photos:compare", args=[patient.pk])
    )
    assert len(response.context["columns"]) == 2
