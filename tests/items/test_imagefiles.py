"""Image verification: the type from the bytes, limits before decoding, metadata stripped, idempotent."""

import io

import pytest
from PIL import Image

from quizzes.items.imagefiles import ImageRefused, verify
from tests.factories import png_bytes
from tests.interchange.fixtures.make_images import nodules_jpeg

LIMITS = {"max_bytes": 1_000_000, "max_pixels": 1_000_000}


def _encoded(image: Image.Image, fmt: str, **options) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()


def test_the_type_comes_from_the_bytes_not_the_name():
    verified = verify(png_bytes(), **LIMITS)
    assert (verified.media_type, verified.extension, verified.width, verified.height) == (
        "image/png",
        "png",
        8,
        6,
    )
    with pytest.raises(ImageRefused, match="not a JPEG, PNG, GIF or WebP"):
        verify(b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>", **LIMITS)
    with pytest.raises(ImageRefused, match="not a JPEG, PNG, GIF or WebP"):
        verify(_encoded(Image.new("RGB", (4, 4)), "BMP"), **LIMITS)


def test_jpeg_exif_with_gps_is_removed_and_the_pixels_kept():
    original = nodules_jpeg()
    verified = verify(original, **LIMITS)
    assert b"Exif" in original and b"Exif" not in verified.data and b"PhoneMaker" not in verified.data
    assert Image.open(io.BytesIO(verified.data)).tobytes() == Image.open(io.BytesIO(original)).tobytes()
    assert not Image.open(io.BytesIO(verified.data)).getexif()


def test_a_rotated_photo_is_turned_upright_before_its_exif_goes():
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise to display
    data = _encoded(Image.new("RGB", (30, 10), (200, 10, 10)), "JPEG", exif=exif)
    verified = verify(data, **LIMITS)
    assert (verified.width, verified.height) == (10, 30)
    assert not Image.open(io.BytesIO(verified.data)).getexif()


def test_png_text_chunks_are_removed():
    verified = verify(png_bytes(Comment="Patient Jane Doe", Location="51.5N 0.1W"), **LIMITS)
    assert b"Jane Doe" not in verified.data and b"51.5N" not in verified.data
    assert Image.open(io.BytesIO(verified.data)).size == (8, 6)


@pytest.mark.parametrize("fmt", ["GIF", "WEBP"])
def test_gif_and_webp_become_png(fmt):
    verified = verify(_encoded(Image.new("RGB", (5, 7), (1, 2, 3)), fmt), **LIMITS)
    assert verified.media_type == "image/png" and (verified.width, verified.height) == (5, 7)


def test_stripping_is_idempotent_so_checksums_survive_round_trips():
    for data in (nodules_jpeg(), png_bytes(Comment="x"), _encoded(Image.new("RGB", (3, 3)), "GIF")):
        once = verify(data, **LIMITS)
        assert verify(once.data, **LIMITS).sha256 == once.sha256


def test_limits_are_checked_before_decoding():
    with pytest.raises(ImageRefused, match=r"the limit is 20$"):
        verify(png_bytes(), max_bytes=20, max_pixels=1_000_000)
    with pytest.raises(ImageRefused, match="is 2000 x 1000 pixels; the limit is 1,000,000"):
        verify(_encoded(Image.new("1", (2000, 1000)), "PNG"), **LIMITS)


def test_a_truncated_image_is_refused():
    with pytest.raises(ImageRefused):
        verify(png_bytes()[:60], **LIMITS)
    with pytest.raises(ImageRefused, match="empty"):
        verify(b"", **LIMITS)
