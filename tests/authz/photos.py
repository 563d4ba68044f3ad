from django.core.files.uploadedfile import SimpleUploadedFile

from tests.authz import PHYSICIAN, SONOGRAPHER, Case, staff_only
from tests.authz.evaluations import patient
from tests.factories.photos import LegPhotoFactory, jpeg_bytes

CLINICAL = (SONOGRAPHER, PHYSICIAN)


def photo(user) -> dict:
    return {"pk": LegPhotoFactory().pk}


def own_photo(user) -> dict:
    """The requesting clinician's own photo (anyone else's, for other roles)."""
    mine = user is not None and user.has_perm("photos.add_legphoto")
    return {"pk": (LegPhotoFactory(taken_by=user) if mine else LegPhotoFactory()).pk}


def upload(user) -> dict:
    return {"side": "L", "caption": "", "photos": SimpleUploadedFile("leg.jpg", jpeg_bytes(), "image/jpeg")}


CASES = [
    Case("photos:patient_photos", staff_only(*CLINICAL), kwargs=patient),
    Case("photos:patient_photos", staff_only(*CLINICAL, ok=302), kwargs=patient, method="post", data=upload),
    Case("photos:compare", staff_only(*CLINICAL), kwargs=patient),
    Case("photos:image", staff_only(*CLINICAL), kwargs=photo),
    Case("photos:thumbnail", staff_only(*CLINICAL), kwargs=photo),
    Case(
        "photos:packet", staff_only(PHYSICIAN, ok=302), kwargs=photo, method="post", data=lambda u: {"include": "yes"}
    ),
    Case("photos:retire", staff_only(*CLINICAL), kwargs=own_photo),
    Case(
        "photos:retire",
        staff_only(*CLINICAL, ok=302),
        kwargs=own_photo,
        method="post",
        data=lambda u: {"reason": "Blurred"},
    ),
]
