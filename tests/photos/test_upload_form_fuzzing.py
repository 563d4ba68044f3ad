"""Whatever a browser sends to the photo form, the answer is a stored photo or a message, never a server error."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from clinic.roles import Role
from photos.models import LegPhoto
from tests.conftest import make_staff
from tests.factories import PatientFactory
from tests.helpers import verify_second_factor
from tests.photos import images

FUZZ = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
VALID = [images.camera_jpeg(), images.encoded("PNG"), images.encoded("WEBP"), images.encoded("PNG", mode="RGBA")]


@st.composite
def damaged(draw) -> bytes:
    """A real photo with a few bytes changed or cut short: what a flaky upload or a hostile file looks like."""
    content = bytearray(draw(st.sampled_from(VALID)))
    for _ in range(draw(st.integers(1, 6))):
        content[draw(st.integers(0, len(content) - 1))] = draw(st.integers(0, 255))
    return bytes(content[: draw(st.integers(1, len(content)))])


contents = st.one_of(st.sampled_from(VALID), damaged(), st.binary(max_size=600))
text = st.text(max_size=220)


class PhotoFormFuzzing(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.physician = make_staff(Role.PHYSICIAN)
        cls.patient = PatientFactory()

    @FUZZ
    @given(
        side=st.one_of(st.sampled_from(["R", "L"]), text),
        visit=st.one_of(st.just(""), text, st.integers(-5, 10**12).map(str)),
        caption=text,
        files=st.lists(st.tuples(st.text(max_size=30), contents), min_size=0, max_size=3),
    )
    def test_the_upload_form_never_errors(self, side: str, visit: str, caption: str, files: list) -> None:
        self.client.force_login(self.physician)
        verify_second_factor(self.client, self.physician)
        before = LegPhoto.objects.count()
        data = {"side": side, "visit": visit, "caption": caption}
        data["photos"] = [SimpleUploadedFile(name or "x", content) for name, content in files]
        response = self.client.post(reverse("photos:patient_photos", args=[self.patient.pk]), data)
        assert response.status_code in (302, 400)
        stored = LegPhoto.objects.count() - before
        assert stored == (len(files) if response.status_code == 302 else 0)
