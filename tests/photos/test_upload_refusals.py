"""What is not a photo is refused with a message beside the field, and the leg, visit and caption stay filled in."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from photos import pipeline
from photos.models import LegPhoto
from tests.conftest import client_for
from tests.factories import PatientFactory
from tests.factories.scheduling import AppointmentFactory
from tests.photos import images

pytestmark = pytest.mark.django_db


def refused(physician, content: bytes, *, name: str = "leg.jpg"):
    """Posts ``content`` with the other fields filled in; returns the page and the visit chosen."""
    patient = PatientFactory()
    visit = AppointmentFactory(patient=patient, start=timezone.now() - datetime.timedelta(days=7), status="completed")
    data = {
        "side": "L",
        "visit": str(visit.pk),
        "caption": "lateral ankle, seated",
        "photos": SimpleUploadedFile(name, content, "image/jpeg"),
    }
    response = client_for(physician).post(reverse("photos:patient_photos", args=[patient.pk]), data)
    assert response.status_code == 400
    assert not LegPhoto.objects.filter(patient=patient).exists()
    form = response.context["form"]
    assert form["side"].value() == "L"
    assert form["visit"].value() == str(visit.pk)
    assert form["caption"].value() == "lateral ankle, seated"
    html = response.content.decode()
    assert 'value="lateral ankle, seated"' in html
    assert f'<option value="{visit.pk}" selected>' in html
    return form.errors["photos"], html


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (images.NOT_AN_IMAGE, "notes.jpg", pipeline.NOT_A_PHOTO),
        (images.WINDOWS_PROGRAM, "photo.jpg", pipeline.NOT_A_PHOTO),
        (images.LINUX_PROGRAM, "photo.png", pipeline.NOT_A_PHOTO),
        (images.encoded("GIF"), "leg.gif", pipeline.NOT_A_PHOTO),
        (images.encoded("BMP"), "leg.jpg", pipeline.NOT_A_PHOTO),
        (images.HEIC_START, "IMG_0001.HEIC", pipeline.HEIC_MESSAGE),
        (images.truncated_jpeg(), "leg.jpg", pipeline.DAMAGED),
    ],
    ids=["text-renamed-jpg", "windows-program", "linux-program", "gif", "bmp", "heic", "truncated-jpeg"],
)
def test_a_file_that_is_not_a_readable_photo_is_refused(physician, content, name, message) -> None:
    errors, html = refused(physician, content, name=name)
    assert errors == [message]
    assert "This file is" in html or "photo" in html


def test_a_decompression_bomb_is_refused_before_it_is_decoded(physician) -> None:
    errors, _html = refused(physician, images.huge_png(12_000, 9_000))
    assert errors == ["This picture is too large to open (108 megapixels; at most 50)."]


def test_a_picture_just_past_the_pixel_limit_is_refused_too(physician) -> None:
    errors, _html = refused(physician, images.huge_png(8_000, 8_000))
    assert errors == ["This picture is too large to open (64 megapixels; at most 50)."]


def test_a_file_over_the_size_limit_is_refused_with_both_sizes(physician, settings) -> None:
    settings.CLINICAL_PHOTO_MAX_MB = 1
    content = images.camera_jpeg() + b"\x00" * 1_200_000
    errors, _html = refused(physician, content)
    assert errors == [f"This photo is {len(content) / 1_000_000:.1f} MB; photos may be up to 1 MB."]


def test_an_empty_file_is_refused(physician) -> None:
    errors, _html = refused(physician, b"")
    assert errors == ["This file is empty."]


def test_one_bad_file_among_several_names_it_and_stores_none(physician) -> None:
    patient = PatientFactory()
    files = [
        SimpleUploadedFile("good.jpg", images.camera_jpeg(), "image/jpeg"),
        SimpleUploadedFile("minutes.jpg", images.NOT_AN_IMAGE, "image/jpeg"),
    ]
    response = client_for(physician).post(
        reverse("photos:patient_photos", args=[patient.pk]), {"side": "R", "photos": files}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["photos"] == [f"minutes.jpg: {pipeline.NOT_A_PHOTO}"]
    assert not LegPhoto.objects.exists()


def test_no_leg_chosen_says_so(physician) -> None:
    patient = PatientFactory()
    response = client_for(physician).post(
        reverse("photos:patient_photos", args=[patient.pk]),
        {"photos": SimpleUploadedFile("a.jpg", images.camera_jpeg(), "image/jpeg")},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["side"] == ["Choose the leg in the photo."]


def test_another_patients_visit_is_refused(physician) -> None:
    patient = PatientFactory()
    elsewhere = AppointmentFactory(start=timezone.now() - datetime.timedelta(days=3), status="completed")
    response = client_for(physician).post(
        reverse("photos:patient_photos", args=[patient.pk]),
        {"side": "L", "visit": str(elsewhere.pk), "photos": SimpleUploadedFile("a.jpg", images.camera_jpeg())},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["visit"] == ["Choose one of this patient's visits."]


def test_a_truncated_photo_is_refused_even_after_the_pdf_library_has_loaded(physician) -> None:
    # WeasyPrint (the packet PDF) turns on Pillow's "load truncated images" for the whole process.
    import weasyprint  # noqa: F401
    from PIL import ImageFile

    assert ImageFile.LOAD_TRUNCATED_IMAGES
    errors, _html = refused(physician, images.truncated_jpeg())
    assert errors
    assert ImageFile.LOAD_TRUNCATED_IMAGES, "the PDF library's setting is put back afterwards"
