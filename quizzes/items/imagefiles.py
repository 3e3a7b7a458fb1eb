"""Verifying an uploaded or imported image, and stripping what it says about where it was taken.

Pure module: Pillow and the standard library, no Django. :func:`verify`
sniffs the type from the bytes (never the name), refuses files over the size
or pixel limits before decoding them (so a decompression bomb costs nothing),
decodes the whole image to prove it is one, and returns bytes without
metadata: EXIF (camera, GPS position, time), XMP, IPTC, comments and text
chunks are removed. Clinical photographs often carry a location and a device.

JPEG and PNG are stripped at the byte level, keeping the pixels exactly (no
re-compression), so stripping is idempotent: a stripped file verifies to the
same bytes and the same checksum, which is what round trips compare. A JPEG
whose EXIF orientation turns the picture is re-encoded upright first. GIF
and WebP are converted to PNG (their first frame).
"""

from __future__ import annotations

import hashlib
import io
import struct
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

MEDIA_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png"}
EXTENSIONS = {"image/jpeg": "jpg", "image/png": "png"}
ACCEPTED = ("JPEG", "PNG", "GIF", "WEBP")

# PNG chunks that affect how pixels look; everything else (tEXt, zTXt, iTXt,
# eXIf, tIME, and private chunks) is dropped.
_PNG_KEEP = {b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"sBIT", b"bKGD"}
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


class ImageRefused(ValueError):
    """The bytes are not an image we accept; the message says why, for the person who sent it."""


@dataclass(frozen=True)
class VerifiedImage:
    data: bytes
    media_type: str
    width: int
    height: int

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @property
    def extension(self) -> str:
        return EXTENSIONS[self.media_type]


def verify(data: bytes, *, max_bytes: int, max_pixels: int) -> VerifiedImage:
    """The image in ``data``, verified and without metadata; raises :class:`ImageRefused`."""
    if not data:
        raise ImageRefused("the file is empty")
    if len(data) > max_bytes:
        raise ImageRefused(f"the file is {len(data):,} bytes; the limit is {max_bytes:,}")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # damaged EXIF: stripped anyway
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data), formats=ACCEPTED) as image:
                width, height = image.size
                if width * height > max_pixels:
                    raise ImageRefused(
                        f"the image is {width} x {height} pixels; the limit is {max_pixels:,} pixels"
                    )
                image_format = image.format
                image.load()
                return _clean(data, image, image_format)
        except ImageRefused:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise ImageRefused(
                f"the image has far too many pixels (a decompression bomb); the limit is {max_pixels:,} pixels"
            ) from None
        except UnidentifiedImageError:
            raise ImageRefused("it is not a JPEG, PNG, GIF or WebP image") from None
        except (OSError, SyntaxError, ValueError, struct.error, EOFError) as error:
            raise ImageRefused(f"the image is damaged ({error})") from None


def _clean(data: bytes, image: Image.Image, image_format: str) -> VerifiedImage:
    width, height = image.size
    if image_format == "JPEG":
        orientation = image.getexif().get(0x0112, 1)
        if orientation not in (None, 1):
            upright = ImageOps.exif_transpose(image)
            return _encoded(upright, "JPEG")
        return VerifiedImage(_strip_jpeg(data), "image/jpeg", width, height)
    if image_format == "PNG":
        return VerifiedImage(_strip_png(data), "image/png", width, height)
    image.seek(0)
    frame = image.convert("RGBA" if "transparency" in image.info or image.mode in ("RGBA", "LA") else "RGB")
    return _encoded(frame, "PNG")


def _encoded(image: Image.Image, image_format: str) -> VerifiedImage:
    out = io.BytesIO()
    if image_format == "JPEG":
        image.convert("RGB").save(out, "JPEG", quality=92)
    else:
        image.save(out, "PNG")
    data = out.getvalue()
    stripped = _strip_jpeg(data) if image_format == "JPEG" else _strip_png(data)
    return VerifiedImage(stripped, MEDIA_TYPES[image_format], image.width, image.height)


def _strip_jpeg(data: bytes) -> bytes:
    """The JPEG without APP1 to APP15 (EXIF, XMP, ICC, IPTC) and COM segments; APP0 (JFIF) is kept."""
    if data[:2] != b"\xff\xd8":
        raise ImageRefused("the JPEG has no start marker")
    out = bytearray(b"\xff\xd8")
    pos = 2
    while pos + 4 <= len(data):
        if data[pos] != 0xFF:
            raise ImageRefused("the JPEG's segments are damaged")
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker == 0xDA:  # start of scan: the compressed picture runs to the end
            out += data[pos:]
            return bytes(out)
        length = struct.unpack(">H", data[pos + 2 : pos + 4])[0]
        segment = data[pos : pos + 2 + length]
        if 0xE1 <= marker <= 0xEF or marker == 0xFE:
            pos += 2 + length
            continue
        out += segment
        pos += 2 + length
    raise ImageRefused("the JPEG has no picture data")


def _strip_png(data: bytes) -> bytes:
    """The PNG with only the chunks that draw the picture (no text, EXIF or time chunks)."""
    if not data.startswith(_PNG_SIGNATURE):
        raise ImageRefused("the PNG has no signature")
    out = bytearray(_PNG_SIGNATURE)
    pos = len(_PNG_SIGNATURE)
    while pos + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        end = pos + 12 + length
        if kind in _PNG_KEEP:
            out += data[pos:end]
        pos = end
        if kind == b"IEND":
            return bytes(out)
    raise ImageRefused("the PNG has no end chunk")
