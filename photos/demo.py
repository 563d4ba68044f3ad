"""Demo leg photos: drawn here with Pillow (no downloads), put through the same pipeline as an upload.

Marguerite Oakhollow's left leg (varicose veins on the left in her screening) at two visits,
before and after six weeks of compression, so the comparison page has something to show.
"""

import datetime
import io
import random

from django.contrib.auth import get_user_model
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFilter

from intake.models import Patient
from photos.models import LegPhoto
from photos.pipeline import process

SKIN = (224, 182, 150)
BACKDROP = (214, 220, 226)
VEIN = (74, 88, 140)


def draw_leg(*, veins: int, thickness: int, seed: int, size: tuple[int, int] = (480, 720)) -> bytes:
    """A lower leg seen from behind (calf, ankle, heel) with ``veins`` tortuous surface veins, as JPEG."""
    width, height = size
    picture = Image.new("RGB", size, BACKDROP)
    draw = ImageDraw.Draw(picture)
    cx = width // 2
    outline = [
        (cx - 120, 0),
        (cx + 120, 0),
        (cx + 140, int(height * 0.30)),
        (cx + 95, int(height * 0.70)),
        (cx + 60, int(height * 0.88)),
        (cx + 75, height),
        (cx - 75, height),
        (cx - 60, int(height * 0.88)),
        (cx - 95, int(height * 0.70)),
        (cx - 145, int(height * 0.30)),
    ]
    draw.polygon(outline, fill=SKIN)
    rng = random.Random(seed)
    for _ in range(veins):
        x = cx + rng.randint(-80, 80)
        y = rng.randint(int(height * 0.10), int(height * 0.35))
        points = [(x, y)]
        for _step in range(rng.randint(8, 14)):
            x += rng.randint(-14, 14)
            y += rng.randint(14, 30)
            points.append((x, min(y, int(height * 0.85))))
        draw.line(points, fill=VEIN, width=thickness, joint="curve")
    softened = picture.filter(ImageFilter.GaussianBlur(1.2))
    out = io.BytesIO()
    softened.save(out, format="JPEG", quality=88)
    return out.getvalue()


def load_demo() -> dict[str, int]:
    patient = Patient.objects.filter(first_name="Marguerite", last_name="Oakhollow").first()
    physician = get_user_model().objects.filter(username="physician").first()
    if patient is None or physician is None or LegPhoto.objects.filter(patient=patient).exists():
        return {"leg photos": LegPhoto.objects.count()}
    today = timezone.localdate()
    visits = [
        (today - datetime.timedelta(weeks=6), 7, 6, "Posterior calf, standing: before compression", True),
        (today, 4, 4, "Posterior calf, standing: after six weeks of compression", False),
    ]
    for visit_date, veins, thickness, caption, for_packet in visits:
        # One seed: the later photo shows fewer of the same veins, thinner.
        processed = process(io.BytesIO(draw_leg(veins=veins, thickness=thickness, seed=11)))
        photo = LegPhoto.store(
            processed=processed, patient=patient, side="L", visit_date=visit_date, caption=caption, by=physician
        )
        if for_packet:
            photo.include_in_packet = True
            photo.save(update_fields=["include_in_packet"])
    return {"leg photos": LegPhoto.objects.count()}
