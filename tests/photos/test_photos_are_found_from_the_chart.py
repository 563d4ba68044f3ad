"""Clinicians reach a patient's leg photos from the chart and the vein record; the front desk sees no way in."""

import pytest
from django.urls import reverse

from tests.conftest import client_for
from tests.factories import PatientFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url_name", ["patient_chart", "evaluations:patient_overview"])
def test_clinicians_see_the_leg_photos_button(url_name, sonographer, physician) -> None:
    patient = PatientFactory()
    target = reverse("photos:patient_photos", args=[patient.pk])
    for user in (sonographer, physician):
        assert target in client_for(user).get(reverse(url_name, args=[patient.pk])).content.decode()


def test_the_front_desk_sees_no_leg_photos_button(front_desk) -> None:
    patient = PatientFactory()
    page = client_for(front_desk).get(reverse("patient_chart", args=[patient.pk])).content.decode()
    assert reverse("photos:patient_photos", args=[patient.pk]) not in page


def test_a_sonographer_sees_no_packet_buttons_and_a_physician_does(sonographer, physician) -> None:
    from tests.factories.photos import LegPhotoFactory

    photo = LegPhotoFactory()
    url = reverse("photos:patient_photos", args=[photo.patient_id])
    packet = reverse("photos:packet", args=[photo.pk])
    retire = reverse("photos:retire", args=[photo.pk])
    as_sonographer = client_for(sonographer).get(url).content.decode()
    assert packet not in as_sonographer and retire not in as_sonographer  # not their photo
    as_physician = client_for(physician).get(url).content.decode()
    assert packet in as_physician and retire in as_physician
