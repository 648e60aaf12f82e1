import io
import re
import xml.etree.ElementTree as ET

import pytest
import qrcode
import zxingcpp
from qrcode.constants import ERROR_CORRECT_M

from qr.codes import QUIET_ZONE, qr_matrix, qr_png, qr_svg

URL = "https://feedback.example.gov.uk/f/FD-B12-0173-3"


@pytest.mark.parametrize(
    "data",
    [URL, "https://example.gov.uk/f/FD", "HTTPS://X.GOV.UK/F/AB-B1-0001-0", "12345678", "é" * 40]
    + [f"https://feedback.example.gov.uk/f/FD-B{b}-{n:04d}-X" for b in (1, 77) for n in range(40)],
)
def test_matrix_is_the_one_qrcode_makes(data):
    encoder = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0)
    encoder.add_data(data)
    encoder.make()
    assert qr_matrix(data) == tuple(tuple(row) for row in encoder.get_matrix())


def decode(image) -> list:
    return zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)


def test_png_decodes_to_the_url_with_quiet_zone():
    image_module = pytest.importorskip("PIL.Image", reason="Pillow is needed to read the PNG")
    image = image_module.open(io.BytesIO(qr_png(URL, scale=6)))
    assert image.format == "PNG"
    (result,) = decode(image)
    assert result.text == URL
    assert result.ec_level in ("M", "Q", "H")
    grey = image.convert("L")
    width, _ = grey.size
    border = QUIET_ZONE * 6
    assert width == (len(qr_matrix(URL)) + 2 * QUIET_ZONE) * 6
    for i in range(width):
        for j in range(border):
            for x, y in ((i, j), (j, i), (i, width - 1 - j), (width - 1 - j, i)):
                assert grey.getpixel((x, y)) == 255


def test_svg_is_vector_and_decodes_to_the_url():
    svg = qr_svg(URL)
    root = ET.fromstring(svg.split("\n", 1)[1])
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert not root.findall(".//{http://www.w3.org/2000/svg}image")
    size = len(qr_matrix(URL)) + 2 * QUIET_ZONE
    assert root.get("viewBox") == f"0 0 {size} {size}"
    path = root.find("{http://www.w3.org/2000/svg}path").get("d")

    # Paint the path's unit-high runs into a bitmap, 5 pixels a module.
    scale = 5
    pixels = bytearray(b"\xff" * (size * scale) ** 2)
    for x, y, length in re.findall(r"M(\d+) (\d+)h(\d+)v1h-\d+z", path):
        x, y, length = int(x), int(y), int(length)
        assert x >= QUIET_ZONE and x + length <= size - QUIET_ZONE
        assert QUIET_ZONE <= y < size - QUIET_ZONE
        for row in range(y * scale, (y + 1) * scale):
            start = row * size * scale + x * scale
            pixels[start : start + length * scale] = bytes(length * scale)
    image = memoryview(bytes(pixels)).cast("B", (size * scale, size * scale))
    (result,) = decode(image)
    assert result.text == URL
    assert result.ec_level in ("M", "Q", "H")
