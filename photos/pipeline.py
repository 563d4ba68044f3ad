"""From an uploaded file to a clean photo: judged by its content, upright, without metadata.

A file is a photo only if Pillow decodes it, whole, as JPEG, PNG or WebP, whatever its
name or declared type says. It is then turned upright (its EXIF orientation applied)
and re-encoded from its pixels alone, so nothing of the camera's metadata survives:
no GPS position, camera serial number or time stamp. The colour profile is kept (it
describes the colours, not the patient). A thumbnail is made from the upright photo.

Nothing here touches the database or the storage: ``process`` takes bytes and gives bytes.
"""

import contextlib
import io
import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

from PIL import Image, ImageFile, ImageOps

# Twice a 24-megapixel phone photo; a 48-megapixel sensor's full-resolution JPEG still fits.
# Pillow refuses outright past twice this; a warning between the two is refused here too.
MAX_PIXELS = 50_000_000
Image.MAX_IMAGE_PIXELS = MAX_PIXELS

ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP")
THUMBNAIL_BOX = (320, 320)
JPEG_QUALITY = 90

# HEIC/HEIF: the 'ftyp' box at byte 4 and one of these brands. iPhones save photos this
# way, but Safari sends JPEG for an <input type="file" accept="image/*">; a HEIC file
# reaches us only when copied off the phone, and gets a message saying what to do.
HEIF_BRANDS = (b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1", b"avif")

NOT_A_PHOTO = "This file is not a photo VeinFlow can read. Choose a JPEG, PNG or WebP picture."
HEIC_MESSAGE = (
    "This is an iPhone HEIC photo, which VeinFlow cannot read. Take it with the camera button on this page, "
    "or export it as JPEG (Settings › Camera › Formats › Most Compatible)."
)
DAMAGED = "This photo is incomplete or damaged. Take it again, or choose another copy."
TOO_MANY_PIXELS = "This picture is too large to open ({megapixels} megapixels; at most {limit})."


class PhotoRefused(ValueError):
    """The upload is not a photo we keep; ``str()`` says why, in a clinician's words."""


@dataclass(frozen=True)
class ProcessedPhoto:
    content: bytes
    content_type: str
    extension: str
    width: int
    height: int
    thumbnail: bytes
    thumbnail_width: int
    thumbnail_height: int


def too_large_message(size: int, limit_mb: int) -> str:
    return f"This photo is {size / 1_000_000:.1f} MB; photos may be up to {limit_mb} MB."


def _looks_like_heif(head: bytes) -> bool:
    return head[4:8] == b"ftyp" and head[8:12] in HEIF_BRANDS


@contextlib.contextmanager
def _truncated_images_refused() -> Iterator[None]:
    """Pillow fills a truncated image with grey when ImageFile.LOAD_TRUNCATED_IMAGES is on, and
    WeasyPrint turns it on for the whole process when it is imported (the packet PDF). A photo
    is part of the record: while one is decoded, a truncated file is an error again. Gunicorn's sync
    workers and the Celery worker's processes do one thing at a time, so no render is under way meanwhile."""
    previous = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        yield
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = previous


def _decode(source: IO[bytes]) -> Image.Image:
    """The whole image, decoded, or PhotoRefused: never a half-read or oversized one."""
    with warnings.catch_warnings(), _truncated_images_refused():
        # Between MAX_PIXELS and twice it Pillow only warns; a photo that large is refused too.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(source, formats=ACCEPTED_FORMATS)
            image.load()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as bomb:
            raise PhotoRefused(
                TOO_MANY_PIXELS.format(megapixels=_megapixels(bomb), limit=MAX_PIXELS // 1_000_000)
            ) from bomb
        except Image.UnidentifiedImageError as unknown:
            raise PhotoRefused(NOT_A_PHOTO) from unknown
        # Pillow's decoders raise many kinds of error on a damaged file (OSError for a
        # truncated one, SyntaxError, struct.error, ValueError...); each is the same answer.
        except Exception as damaged:
            raise PhotoRefused(DAMAGED) from damaged
    return image


def _megapixels(bomb: Exception) -> str:
    # Pillow's message: "Image size (108000000 pixels) exceeds limit of ...".
    found = re.search(r"\((\d+) pixels\)", str(bomb))
    return f"{int(found.group(1)) / 1_000_000:.0f}" if found else "too many"


def _pixels_only(image: Image.Image, *, keep_alpha: bool) -> Image.Image:
    """A new image holding only the pixels: no EXIF, XMP, comments or text chunks."""
    if image.mode in ("I", "I;16", "I;16B", "I;16L", "F"):
        # 16-bit or float greyscale: scaled to 8 bits, not clipped to white.
        image = image.convert("I").point(lambda value: value * (1 / 256)).convert("L")
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
    if keep_alpha and has_alpha:
        target = "RGBA"
    elif image.mode == "L":
        target = "L"
    else:
        target = "RGB"
    if has_alpha and target != "RGBA":
        # Transparent areas become white rather than black in a JPEG.
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", image.size, "white")
        flat.paste(rgba, mask=rgba.getchannel("A"))
        converted = flat
    else:
        converted = image.convert(target) if image.mode != target else image
    return Image.frombytes(converted.mode, converted.size, converted.tobytes())


def _encode(image: Image.Image, fmt: str, icc_profile: bytes | None) -> bytes:
    out = io.BytesIO()
    options: dict = {"icc_profile": icc_profile} if icc_profile else {}
    if fmt == "JPEG":
        options.update(quality=JPEG_QUALITY, optimize=True)
    else:
        options.update(optimize=True)
    image.save(out, format=fmt, **options)
    return out.getvalue()


def process(source: IO[bytes]) -> ProcessedPhoto:
    """Decode ``source`` by its content and return the clean photo and its thumbnail."""
    source.seek(0)
    head = source.read(16)
    source.seek(0)
    if _looks_like_heif(head):
        raise PhotoRefused(HEIC_MESSAGE)
    image = _decode(source)
    icc_profile = image.info.get("icc_profile")
    # PNG stays lossless (a screenshot, a drawing); camera pictures are stored as JPEG.
    fmt = "PNG" if image.format == "PNG" else "JPEG"
    try:
        upright = ImageOps.exif_transpose(image)
    except Exception as damaged:  # a malformed EXIF block: refuse rather than guess the orientation
        raise PhotoRefused(DAMAGED) from damaged
    try:
        clean = _pixels_only(upright, keep_alpha=fmt == "PNG")
        thumbnail = _pixels_only(clean, keep_alpha=False)
        thumbnail.thumbnail(THUMBNAIL_BOX, Image.Resampling.LANCZOS)
        content = _encode(clean, fmt, icc_profile)
        thumbnail_content = _encode(thumbnail, "JPEG", icc_profile)
    except (OSError, ValueError) as unusable:  # a mode or colour profile no encoder takes
        raise PhotoRefused(DAMAGED) from unusable
    return ProcessedPhoto(
        content=content,
        content_type="image/png" if fmt == "PNG" else "image/jpeg",
        extension="png" if fmt == "PNG" else "jpg",
        width=clean.width,
        height=clean.height,
        thumbnail=thumbnail_content,
        thumbnail_width=thumbnail.width,
        thumbnail_height=thumbnail.height,
    )
