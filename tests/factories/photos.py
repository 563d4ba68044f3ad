import io

import factory
from django.utils import timezone
from PIL import Image

from clinic.roles import Role
from photos.models import LegPhoto
from photos.pipeline import process
from tests.factories.clinic import UserFactory
from tests.factories.intake import PatientFactory


def jpeg_bytes(size: tuple[int, int] = (64, 48), colour: tuple[int, int, int] = (200, 160, 140), **save) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format="JPEG", **save)
    return out.getvalue()


class LegPhotoFactory(factory.django.DjangoModelFactory):
    """A stored photo, written through the pipeline into the (temporary) clinical photo storage."""

    class Meta:
        model = LegPhoto

    patient = factory.SubFactory(PatientFactory)
    side = "L"
    visit_date = factory.LazyFunction(timezone.localdate)
    caption = ""
    taken_by = factory.SubFactory(UserFactory, role=Role.PHYSICIAN)

    @classmethod
    def _create(cls, model_class, *args, include_in_packet: bool = False, **kwargs):
        photo = model_class.store(processed=process(io.BytesIO(jpeg_bytes())), by=kwargs.pop("taken_by"), **kwargs)
        if include_in_packet:
            photo.include_in_packet = True
            photo.save(update_fields=["include_in_packet"])
        return photo
