"""Photos have no public address: each read asks a permission, is audited, and is never cached."""

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from clinic.models import AuditEntry
from photos.models import LegPhoto
from tests.conftest import client_for
from tests.factories.photos import LegPhotoFactory

pytestmark = pytest.mark.django_db


def reads_of(photo: LegPhoto) -> int:
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(LegPhoto),
        object_pk=str(photo.pk),
        action=AuditEntry.Action.ACCESS,
    ).count()


@pytest.mark.parametrize("view", ["photos:image", "photos:thumbnail"])
def test_each_read_is_audited_and_streamed_uncached(view, sonographer) -> None:
    photo = LegPhotoFactory()
    client = client_for(sonographer)
    for expected in (1, 2):
        response = client.get(reverse(view, args=[photo.pk]))
        assert response.status_code == 200
        assert response["Content-Type"] == "image/jpeg"
        assert response["Cache-Control"] == "private, no-store"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Disposition"].startswith("inline")
        assert photo.patient.last_name not in response["Content-Disposition"]
        assert b"".join(response.streaming_content)[:3] == b"\xff\xd8\xff"
        assert reads_of(photo) == expected
    entry = AuditEntry.objects.filter(object_pk=str(photo.pk), action=AuditEntry.Action.ACCESS).latest("pk")
    assert entry.actor == sonographer


@pytest.mark.parametrize("view", ["photos:image", "photos:thumbnail"])
def test_anonymous_readers_are_sent_to_sign_in_and_nothing_is_audited(view, client) -> None:
    photo = LegPhotoFactory()
    response = client.get(reverse(view, args=[photo.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse(settings.LOGIN_URL))
    assert reads_of(photo) == 0


@pytest.mark.parametrize("view", ["photos:image", "photos:thumbnail"])
def test_a_photo_that_is_not_there_answers_404_like_any_unseen_one(view, physician) -> None:
    photo = LegPhotoFactory()
    response = client_for(physician).get(reverse(view, args=[photo.pk + 1000]))
    assert response.status_code == 404


@pytest.mark.parametrize("role_fixture", ["front_desk", "clinic_admin", "patient_user"])
def test_staff_without_the_permission_and_patients_read_nothing(role_fixture, request) -> None:
    photo = LegPhotoFactory()
    user = request.getfixturevalue(role_fixture)
    response = client_for(user).get(reverse("photos:image", args=[photo.pk]))
    assert response.status_code == 403
    assert reads_of(photo) == 0


def test_no_one_without_the_permission_sees_any_photo_through_the_queryset(front_desk, patient_user) -> None:
    LegPhotoFactory(patient=patient_user.patient)
    assert not LegPhoto.objects.visible_to(patient_user).exists()
    assert not LegPhoto.objects.visible_to(front_desk).exists()


def test_the_stored_files_have_no_public_address(physician) -> None:
    photo = LegPhotoFactory()
    client = client_for(physician)
    for prefix in ("/no-public-url/", "/media/", "/static/", "/"):
        assert client.get(prefix + photo.image_name).status_code == 404


def test_the_pages_listing_photos_audit_the_patient_and_each_photo(physician) -> None:
    photo = LegPhotoFactory()
    client = client_for(physician)
    for url in (
        reverse("photos:patient_photos", args=[photo.patient_id]),
        reverse("photos:compare", args=[photo.patient_id]),
    ):
        before = reads_of(photo)
        assert client.get(url).status_code == 200
        assert reads_of(photo) == before + 1
    patient_reads = AuditEntry.objects.filter(object_pk=str(photo.patient_id), action=AuditEntry.Action.ACCESS)
    assert patient_reads.count() >= 2


def test_a_photo_whose_file_is_missing_answers_404_not_500(physician) -> None:
    from photos.models import photo_storage

    photo = LegPhotoFactory()
    photo_storage().delete(photo.image_name)
    assert client_for(physician).get(reverse("photos:image", args=[photo.pk])).status_code == 404
