"""The prior-authorization packet carries what the physician chose and decided: photos, overrides, the authorization."""

import io

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from clinic.models import AuditEntry
from evaluations.models import AuthorizationStatus, GateOverride, PriorAuthorization
from photos.models import LegPhoto
from photos.pipeline import process
from photos.services import add_leg_photos
from tests.conftest import client_for
from tests.evaluations.test_prior_authorization_packet import pdf_text
from tests.evaluations.test_prior_authorization_packet import rfa as rfa  # the fixture
from tests.photos import images

pytestmark = pytest.mark.django_db


def photo_of(item, side: str, *, caption: str, chosen: bool, by) -> LegPhoto:
    [photo] = add_leg_photos(
        patient=item.plan.patient,
        side=side,
        visit_date=timezone.localdate(),
        appointment=None,
        caption=caption,
        photos=[process(io.BytesIO(images.camera_jpeg(size=(120, 80))))],
        by=by,
    )
    if chosen:
        photo.include_in_packet = True
        photo.save(update_fields=["include_in_packet"])
    return photo


def test_the_chosen_photos_of_the_treated_leg_are_in_the_pdf_and_no_others(rfa, physician) -> None:
    photo_of(rfa, "R", caption="Medial thigh varicosities", chosen=True, by=physician)
    photo_of(rfa, "R", caption="Blurred, not chosen", chosen=False, by=physician)
    photo_of(rfa, "L", caption="Other leg", chosen=True, by=physician)

    response = client_for(physician).get(reverse("evaluations:packet_pdf", args=[rfa.pk]))

    reader = PdfReader(io.BytesIO(response.content))
    # WeasyPrint lists a document's images among every page's resources: count the distinct ones.
    assert len({image.data for page in reader.pages for image in page.images}) == 1
    text = pdf_text(response.content)
    assert "Medial thigh varicosities" in text
    assert "Blurred, not chosen" not in text and "Other leg" not in text


def test_a_photo_sent_in_a_packet_is_in_the_audit_trail_as_read_by_whoever_made_the_packet(rfa, physician) -> None:
    photo = photo_of(rfa, "R", caption="Ankle", chosen=True, by=physician)

    client_for(physician).get(reverse("evaluations:packet_pdf", args=[rfa.pk]))

    assert AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(LegPhoto), object_pk=str(photo.pk), actor=physician
    ).exists()


def test_the_front_desk_sees_in_the_packet_page_that_photos_go_but_not_the_photos(rfa, physician, front_desk) -> None:
    photo = photo_of(rfa, "R", caption="Ankle", chosen=True, by=physician)

    page = client_for(front_desk).get(reverse("evaluations:prior_authorization", args=[rfa.pk])).content.decode()

    assert "Ankle (in the PDF)" in page
    assert reverse("photos:thumbnail", args=[photo.pk]) not in page


def test_the_pdf_names_the_authorization_and_every_safety_check_booked_past_with_its_reason(rfa, physician) -> None:
    PriorAuthorization.objects.create(
        item=rfa,
        required=True,
        status=AuthorizationStatus.APPROVED,
        submitted_on=timezone.localdate(),
        payer_reference="REF-77",
        number="AUTH-5521",
        units=1,
        valid_until=timezone.localdate().replace(year=timezone.localdate().year + 1),
        updated_by=physician,
    )
    GateOverride.objects.create(
        item=rfa,
        gates=["pregnancy"],
        refusals="The patient is pregnant.",
        reason="Delivered last week; the intake answer is out of date.",
        procedure_on=timezone.localdate(),
        overridden_by=physician,
    )

    text = pdf_text(client_for(physician).get(reverse("evaluations:packet_pdf", args=[rfa.pk])).content)

    assert "AUTH-5521" in text and "REF-77" in text
    assert "Delivered last week" in text
