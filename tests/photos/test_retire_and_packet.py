"""Photos are part of the record: retired with a reason, never deleted; physicians choose those for the packet."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from clinic.roles import Role
from photos.models import LegPhoto, PhotoIsPartOfTheRecord, photo_storage
from tests.conftest import client_for, make_staff
from tests.factories import PatientFactory
from tests.factories.photos import LegPhotoFactory

pytestmark = pytest.mark.django_db


def test_a_physician_adds_a_photo_to_the_packet_and_takes_it_out(physician) -> None:
    photo = LegPhotoFactory()
    client = client_for(physician)
    url = reverse("photos:packet", args=[photo.pk])
    assert client.post(url, {"include": "yes"}).status_code == 302
    photo.refresh_from_db()
    assert photo.include_in_packet
    client.post(url, {"include": "no"})
    photo.refresh_from_db()
    assert not photo.include_in_packet


def test_the_packet_takes_a_patients_chosen_current_photos_of_a_leg_oldest_first(physician) -> None:
    patient = PatientFactory()
    today = timezone.localdate()
    later = LegPhotoFactory(patient=patient, side="L", visit_date=today, include_in_packet=True)
    earlier = LegPhotoFactory(
        patient=patient, side="L", visit_date=today - datetime.timedelta(days=40), include_in_packet=True
    )
    LegPhotoFactory(patient=patient, side="L", visit_date=today)  # not chosen
    right = LegPhotoFactory(patient=patient, side="R", visit_date=today, include_in_packet=True)
    LegPhotoFactory(side="L", include_in_packet=True)  # another patient's
    retired = LegPhotoFactory(patient=patient, side="L", include_in_packet=True)
    retired.retire(reason="duplicate", by=physician)
    assert list(LegPhoto.objects.for_packet(patient, "L")) == [earlier, later]
    assert list(LegPhoto.objects.for_packet(patient)) == [earlier, later, right]


def test_a_sonographer_retires_their_own_photo_with_a_reason_and_the_file_stays(sonographer) -> None:
    photo = LegPhotoFactory(taken_by=sonographer, include_in_packet=True)
    client = client_for(sonographer)
    url = reverse("photos:retire", args=[photo.pk])
    page = client.post(url, {"reason": "   "})
    assert page.status_code == 200
    assert page.context["form"].errors["reason"]
    assert client.post(url, {"reason": "Wrong leg: this is the right"}).status_code == 302
    photo.refresh_from_db()
    assert photo.is_retired and photo.retired_by == sonographer
    assert photo.retired_reason == "Wrong leg: this is the right"
    assert not photo.include_in_packet
    assert photo_storage().exists(photo.image_name)
    listing = client.get(reverse("photos:patient_photos", args=[photo.patient_id])).content.decode()
    assert "Wrong leg: this is the right" in listing
    assert reverse("photos:thumbnail", args=[photo.pk]) not in listing


def test_a_sonographer_may_not_retire_anothers_photo_but_a_physician_may(sonographer, physician) -> None:
    photo = LegPhotoFactory()
    assert client_for(sonographer).post(reverse("photos:retire", args=[photo.pk]), {"reason": "x"}).status_code == 403
    assert client_for(physician).post(reverse("photos:retire", args=[photo.pk]), {"reason": "x"}).status_code == 302


def test_a_retired_photo_cannot_go_in_the_packet(physician) -> None:
    photo = LegPhotoFactory()
    photo.retire(reason="blurred", by=physician)
    client_for(physician).post(reverse("photos:packet", args=[photo.pk]), {"include": "yes"})
    photo.refresh_from_db()
    assert not photo.include_in_packet


def test_a_photo_cannot_be_deleted() -> None:
    photo = LegPhotoFactory()
    with pytest.raises(PhotoIsPartOfTheRecord):
        photo.delete()
    assert LegPhoto.objects.filter(pk=photo.pk).exists()


@pytest.mark.parametrize(
    "change",
    [
        {"side": "B"},
        {"width": 0},
        {"byte_size": 0},
        {"thumbnail_width": 10_000},
        {"content_type": "text/html"},
        {"retired_reason": "no date or person"},
        {"image_name": ""},
    ],
)
def test_the_database_refuses_an_impossible_photo(change) -> None:
    photo = LegPhotoFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        LegPhoto.objects.filter(pk=photo.pk).update(**change)


def test_the_database_refuses_a_retired_photo_in_the_packet() -> None:
    photo = LegPhotoFactory()
    by = make_staff(Role.PHYSICIAN)
    with pytest.raises(IntegrityError), transaction.atomic():
        LegPhoto.objects.filter(pk=photo.pk).update(
            retired_at=timezone.now(), retired_by=by, retired_reason="x", include_in_packet=True
        )
