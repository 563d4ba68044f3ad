"""An uploaded photo is stored upright, without its camera metadata, with a thumbnail, in the private storage."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from photos.models import LegPhoto, photo_storage
from photos.pipeline import THUMBNAIL_BOX, process
from photos.services import add_leg_photos
from tests.conftest import client_for
from tests.factories import PatientFactory
from tests.factories.scheduling import AppointmentFactory
from tests.photos import images

pytestmark = pytest.mark.django_db


def upload(client, patient, content: bytes, *, name: str = "IMG_0042.JPG", **fields):
    data = {"side": "L", "visit": "", "caption": "", **fields}
    data["photos"] = SimpleUploadedFile(name, content, "image/jpeg")
    return client.post(reverse("photos:patient_photos", args=[patient.pk]), data)


def stored_image(name: str) -> Image.Image:
    with photo_storage().open(name, "rb") as stored:
        image = Image.open(io.BytesIO(stored.read()))
        image.load()
    return image


def test_the_test_photo_really_carries_gps_serial_and_time() -> None:
    exif = Image.open(io.BytesIO(images.camera_jpeg())).getexif()
    assert exif.get_ifd(images.GPS_IFD)[1] == "N"
    assert exif.get_ifd(images.EXIF_IFD)[images.BODY_SERIAL] == "SN-7781-XQ"


def test_gps_serial_and_time_are_gone_after_upload(physician) -> None:
    patient = PatientFactory()
    response = upload(client_for(physician), patient, images.camera_jpeg(), caption="medial calf")
    assert response.status_code == 302
    photo = LegPhoto.objects.get(patient=patient)
    with photo_storage().open(photo.image_name, "rb") as stored:
        raw = stored.read()
    assert b"SN-7781-XQ" not in raw and b"AcmePhone" not in raw and b"2030:06:04" not in raw
    image = stored_image(photo.image_name)
    assert not image.getexif()
    assert "exif" not in image.info
    assert not stored_image(photo.thumbnail_name).getexif()


def test_the_photo_is_turned_upright_by_its_orientation(physician) -> None:
    patient = PatientFactory()
    upload(client_for(physician), patient, images.camera_jpeg(size=(60, 40), orientation=6))
    photo = LegPhoto.objects.get(patient=patient)
    image = stored_image(photo.image_name).convert("RGB")
    # Held sideways (orientation 6: turn 90 degrees clockwise): the red left half ends on top.
    assert (photo.width, photo.height) == image.size == (40, 60)
    top, bottom = image.getpixel((20, 5)), image.getpixel((20, 55))
    assert top[0] > 150 > top[2] and bottom[2] > 150 > bottom[0]


def test_a_thumbnail_is_made_within_its_box_keeping_the_shape() -> None:
    processed = process(io.BytesIO(images.camera_jpeg(size=(1200, 800), orientation=1)))
    thumbnail = Image.open(io.BytesIO(processed.thumbnail))
    assert thumbnail.format == "JPEG"
    assert thumbnail.size == (processed.thumbnail_width, processed.thumbnail_height) == (THUMBNAIL_BOX[0], 213)


def test_a_small_photo_is_not_enlarged_for_its_thumbnail() -> None:
    processed = process(io.BytesIO(images.camera_jpeg(size=(60, 40), orientation=1)))
    assert (processed.thumbnail_width, processed.thumbnail_height) == (60, 40)


def test_the_files_go_to_the_private_storage_under_random_names(physician, _clinical_photo_folder) -> None:
    patient = PatientFactory(first_name="Ottoline", last_name="Quarrington")
    upload(client_for(physician), patient, images.camera_jpeg(), name="quarrington-left-leg.jpg")
    photo = LegPhoto.objects.get(patient=patient)
    storage = photo_storage()
    assert storage.location == str(_clinical_photo_folder)
    for name in (photo.image_name, photo.thumbnail_name):
        assert storage.exists(name)
        assert "quarrington" not in name.lower() and "ottoline" not in name.lower()
        assert len(name.split(".")[0]) == 32
    assert photo.image_name != photo.thumbnail_name


@pytest.mark.parametrize(
    ("content", "stored_type"),
    [
        (images.encoded("PNG"), "image/png"),
        (images.encoded("PNG", mode="RGBA"), "image/png"),
        (images.encoded("WEBP"), "image/jpeg"),
        (images.encoded("JPEG", mode="L"), "image/jpeg"),
        (images.encoded("JPEG", mode="CMYK"), "image/jpeg"),
        (images.encoded("PNG", mode="I;16"), "image/png"),
        (images.encoded("PNG", mode="P"), "image/png"),
    ],
    ids=["png", "png-with-transparency", "webp", "greyscale-jpeg", "cmyk-jpeg", "16-bit-png", "palette-png"],
)
def test_png_webp_and_odd_jpegs_are_accepted(physician, content: bytes, stored_type: str) -> None:
    patient = PatientFactory()
    assert upload(client_for(physician), patient, content, name="photo.bin").status_code == 302
    photo = LegPhoto.objects.get(patient=patient)
    assert photo.content_type == stored_type
    assert stored_image(photo.image_name).size == (50, 30)


def test_several_photos_at_once_each_become_a_photo_of_the_chosen_leg_and_visit(physician) -> None:
    patient = PatientFactory()
    files = [SimpleUploadedFile(f"leg{i}.jpg", images.camera_jpeg(), "image/jpeg") for i in range(3)]
    response = client_for(physician).post(
        reverse("photos:patient_photos", args=[patient.pk]), {"side": "R", "caption": "standing", "photos": files}
    )
    assert response.status_code == 302
    photos = LegPhoto.objects.filter(patient=patient)
    assert photos.count() == 3
    assert {(p.side, p.caption, p.taken_by_id) for p in photos} == {("R", "standing", physician.pk)}


def test_a_photo_can_belong_to_a_booked_visit_and_takes_its_day(physician) -> None:
    patient = PatientFactory()
    visit = AppointmentFactory(patient=patient, start=timezone.now() - datetime.timedelta(days=14), status="completed")
    response = upload(client_for(physician), patient, images.camera_jpeg(), visit=str(visit.pk))
    assert response.status_code == 302
    photo = LegPhoto.objects.get(patient=patient)
    assert photo.appointment == visit
    assert photo.visit_date == visit.local_start.date()


def test_when_one_of_several_photos_cannot_be_saved_none_is_kept_files_included(physician, monkeypatch) -> None:
    patient = PatientFactory()
    storage = photo_storage()
    files_before = set(storage.listdir("")[1])
    create = LegPhoto.objects.create
    calls = []

    def failing_second(**fields):
        calls.append(fields)
        if len(calls) == 2:
            raise RuntimeError("database went away")
        return create(**fields)

    monkeypatch.setattr(LegPhoto.objects, "create", failing_second)
    processed = [process(io.BytesIO(images.camera_jpeg())) for _ in range(3)]
    with pytest.raises(RuntimeError):
        add_leg_photos(
            patient=patient,
            side="L",
            visit_date=timezone.localdate(),
            appointment=None,
            caption="",
            photos=processed,
            by=physician,
        )
    assert not LegPhoto.objects.filter(patient=patient).exists()
    assert set(storage.listdir("")[1]) == files_before
