"""Files a clinician's phone (or a mistaken click) might send, built in memory."""

import io

from PIL import Image

GPS_IFD = 0x8825
EXIF_IFD = 0x8769
ORIENTATION = 0x0112
MAKE = 0x010F
BODY_SERIAL = 0xA431
TAKEN_AT = 0x9003


def camera_jpeg(*, size: tuple[int, int] = (60, 40), orientation: int = 6) -> bytes:
    """A phone photo held sideways: left half red, right half blue, with GPS, serial and time in its EXIF."""
    image = Image.new("RGB", size, (220, 30, 30))
    image.paste((30, 30, 220), (size[0] // 2, 0, size[0], size[1]))
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[MAKE] = "AcmePhone"
    exif.get_ifd(EXIF_IFD).update({BODY_SERIAL: "SN-7781-XQ", TAKEN_AT: "2030:06:04 10:30:00"})
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (37.0, 48.0, 30.0), 3: "W", 4: (122.0, 16.0, 12.0)})
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif, quality=95)
    return out.getvalue()


def encoded(fmt: str, *, size: tuple[int, int] = (50, 30), mode: str = "RGB") -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, (10, 120, 60) if mode.startswith("RGB") else 128).save(out, format=fmt)
    return out.getvalue()


def huge_png(pixels_wide: int, pixels_high: int) -> bytes:
    """A tiny file that claims a vast picture (1-bit, all black: compresses to almost nothing)."""
    out = io.BytesIO()
    Image.new("1", (pixels_wide, pixels_high)).save(out, format="PNG")
    return out.getvalue()


NOT_AN_IMAGE = b"Patient asked about compression stockings.\nCall back Tuesday.\n" * 20
# The first bytes of a Windows program and of a Linux one, padded.
WINDOWS_PROGRAM = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 2000
LINUX_PROGRAM = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 2000
# An iPhone HEIC file's opening box.
HEIC_START = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 500


def truncated_jpeg() -> bytes:
    whole = camera_jpeg(size=(400, 300))
    return whole[: len(whole) // 2]
