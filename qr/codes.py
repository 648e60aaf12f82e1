"""QR codes for card URLs: a module matrix, SVG text and PNG bytes.

``qrcode`` encodes the data (modes, version, Reed–Solomon). Placing the modules and
choosing the mask is done here from per-version templates, because ``qrcode``
redraws the whole symbol for each of the eight masks, which made a 1,000-card
batch take several seconds. The matrix is identical to ``qrcode``'s for the same
mask (tested), and the mask is chosen by the ISO/IEC 18004 penalty rules.
"""

from __future__ import annotations

import re
import struct
import zlib
from collections.abc import Iterator, Sequence
from functools import lru_cache

import qrcode
from qrcode import base, util
from qrcode.constants import ERROR_CORRECT_M
from qrcode.exceptions import DataOverflowError

QUIET_ZONE = 4  # modules of light margin on every side, the minimum ISO/IEC 18004 asks for
ERROR_CORRECTION = ERROR_CORRECT_M

Matrix = tuple[tuple[bool, ...], ...]

_RUNS = re.compile(r"0{5,}|1{5,}")
# Neither pattern can overlap itself, so str.count finds every occurrence.
_FINDER_LIKE = ("10111010000", "00001011101")


def qr_matrix(data: str) -> Matrix:
    """The QR symbol for ``data`` as rows of dark (True) modules, without quiet zone."""
    encoder = qrcode.QRCode(error_correction=ERROR_CORRECTION, border=0)
    encoder.add_data(data)
    version = _version_for(tuple((segment.mode, len(segment)) for segment in encoder.data_list))
    layout = _layout(version)
    codewords = _codewords(version, encoder.data_list)

    size = layout.size
    unmasked = [0] * size
    bit_index = 0
    positions = layout.order
    for byte in codewords:
        for shift in range(7, -1, -1):
            if (byte >> shift) & 1:
                row, col = positions[bit_index]
                unmasked[row] |= 1 << col
            bit_index += 1

    best_rows: list[int] = []
    best_penalty = -1
    for mask in range(8):
        data_rows = [u ^ m for u, m in zip(unmasked, layout.mask_bits[mask], strict=True)]
        penalty = _penalty(
            [f | d for f, d in zip(layout.function_blank, data_rows, strict=True)], size
        )
        if best_penalty < 0 or penalty < best_penalty:
            best_penalty = penalty
            best_rows = [f | d for f, d in zip(layout.function[mask], data_rows, strict=True)]
    # format() writes column 0 last, hence the reversal.
    return tuple(tuple(bit == "1" for bit in format(row, f"0{size}b")[::-1]) for row in best_rows)


def dark_runs(matrix: Matrix) -> Iterator[tuple[int, int, int]]:
    """(row, first column, length) for each horizontal run of dark modules."""
    for y, row in enumerate(matrix):
        x = 0
        size = len(row)
        while x < size:
            if row[x]:
                start = x
                while x < size and row[x]:
                    x += 1
                yield y, start, x - start
            else:
                x += 1


def qr_svg(data: str, *, module_mm: float = 1.0) -> str:
    """A standalone SVG of the QR code, quiet zone included, one path of dark runs."""
    matrix = qr_matrix(data)
    full = len(matrix) + 2 * QUIET_ZONE
    path = "".join(
        f"M{x + QUIET_ZONE} {y + QUIET_ZONE}h{length}v1h-{length}z"
        for y, x, length in dark_runs(matrix)
    )
    side = f"{full * module_mm:g}mm"
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{side}" height="{side}" '
        f'viewBox="0 0 {full} {full}" shape-rendering="crispEdges">'
        f'<rect width="{full}" height="{full}" fill="#fff"/>'
        f'<path d="{path}" fill="#000"/></svg>\n'
    )


def qr_png(data: str, *, scale: int = 8) -> bytes:
    """A black-and-white PNG of the QR code, quiet zone included, ``scale`` pixels a module."""
    matrix = qr_matrix(data)
    full = len(matrix) + 2 * QUIET_ZONE
    light_row = b"\xff" * full
    modules = [light_row] * QUIET_ZONE
    modules += [
        b"\xff" * QUIET_ZONE + bytes(0 if dark else 255 for dark in row) + b"\xff" * QUIET_ZONE
        for row in matrix
    ]
    modules += [light_row] * QUIET_ZONE
    raw = b"".join(
        b"\x00" + bytes(value for value in row for _ in range(scale))
        for row in modules
        for _ in range(scale)
    )
    side = full * scale
    header = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)  # 8-bit greyscale
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", zlib.compress(raw, 9))
        + _png_chunk(b"IEND", b"")
    )


def _codewords(version: int, data_list: Sequence[util.QRData]) -> list[int]:
    """Data and error-correction codewords, interleaved (same result as util.create_data)."""
    bits = _BitBuffer()
    for segment in data_list:
        bits.put(segment.mode, 4)
        bits.put(len(segment), util.length_in_bits(segment.mode, version))
        segment.write(bits)
    blocks = base.rs_blocks(version, ERROR_CORRECTION)
    capacity = sum(block.data_count for block in blocks)
    if bits.length > capacity * 8:
        raise DataOverflowError(f"{bits.length} bits of data do not fit in version {version}")
    bits.put(0, min(capacity * 8 - bits.length, 4))  # terminator
    bits.put(0, -bits.length % 8)
    data = list(bits.value.to_bytes(bits.length // 8, "big"))
    data = (data + [util.PAD0, util.PAD1] * capacity)[:capacity]

    data_blocks: list[list[int]] = []
    ec_blocks: list[list[int]] = []
    offset = 0
    for block in blocks:
        chunk = data[offset : offset + block.data_count]
        offset += block.data_count
        data_blocks.append(chunk)
        ec_blocks.append(_rs_remainder(chunk, block.total_count - block.data_count))
    return [
        block[i]
        for blocks_of_a_kind in (data_blocks, ec_blocks)
        for i in range(max(len(block) for block in blocks_of_a_kind))
        for block in blocks_of_a_kind
        if i < len(block)
    ]


class _BitBuffer:
    """The part of util.BitBuffer that QRData.write uses, kept in one integer."""

    def __init__(self) -> None:
        self.value = 0
        self.length = 0

    def put(self, number: int, length: int) -> None:
        self.value = (self.value << length) | (number & ((1 << length) - 1))
        self.length += length


def _rs_remainder(data: Sequence[int], ec_count: int) -> list[int]:
    """Reed–Solomon check codewords: data * x**ec_count mod the generator polynomial."""
    generator = _generator_logs(ec_count)
    remainder = [0] * ec_count
    for byte in data:
        factor = byte ^ remainder[0]
        remainder = remainder[1:] + [0]
        if factor:
            log_factor = base.LOG_TABLE[factor]
            for i, log_coefficient in generator:
                remainder[i] ^= base.EXP_TABLE[(log_factor + log_coefficient) % 255]
    return remainder


@lru_cache(maxsize=32)
def _generator_logs(ec_count: int) -> tuple[tuple[int, int], ...]:
    """(index, log of coefficient) of the generator's non-zero terms below the leading 1."""
    poly = [1]
    for i in range(ec_count):
        # Multiply by (x + a**i); poly[0] is the highest power.
        poly = [
            (poly[k] if k < len(poly) else 0)
            ^ (base.gexp(base.glog(poly[k - 1]) + i) if k and poly[k - 1] else 0)
            for k in range(len(poly) + 1)
        ]
    return tuple((k - 1, base.LOG_TABLE[c]) for k, c in enumerate(poly) if k and c)


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def _penalty(rows: Sequence[int], size: int) -> int:
    """ISO/IEC 18004 mask penalty (N1 runs, N2 blocks, N3 finder-like, N4 balance)."""
    # Rows and columns as text, so that C-speed regexes count runs and patterns.
    grid = "".join(format(row, f"0{size}b") for row in rows)
    lines = " ".join([grid[i : i + size] for i in range(0, size * size, size)])
    lines += " " + " ".join([grid[i::size] for i in range(size)])
    runs = _RUNS.findall(lines)
    score = sum(map(len, runs)) - 2 * len(runs)
    score += 40 * sum(lines.count(pattern) for pattern in _FINDER_LIKE)
    inner = (1 << (size - 1)) - 1
    for upper, lower in zip(rows, rows[1:], strict=False):
        same_down = ~(upper ^ lower)
        same_across = ~(upper ^ (upper >> 1))
        score += 3 * (same_down & (same_down >> 1) & same_across & inner).bit_count()
    dark = sum(row.bit_count() for row in rows)
    score += 10 * (abs(dark * 100 // (size * size) - 50) // 5)
    return score


class _Layout:
    """Where a version's modules go: fixed patterns per mask and the data module order."""

    def __init__(self, version: int) -> None:
        recorder = _PlacementRecorder(version=version, error_correction=ERROR_CORRECTION)
        self.function: list[list[int]] = []
        for mask in range(8):
            recorder.makeImpl(False, mask)
            self.function.append(_rows_as_ints(recorder.modules))
        # The penalty is scored with format and version bits blank, as qrcode does.
        recorder.makeImpl(True, 0)
        self.function_blank = _rows_as_ints(recorder.modules)
        self.order = recorder.order
        self.size = len(recorder.modules)
        self.mask_bits = []
        for mask in range(8):
            applies = util.mask_func(mask)
            rows = [0] * self.size
            for row, col in self.order:
                if applies(row, col):
                    rows[row] |= 1 << col
            self.mask_bits.append(rows)


class _PlacementRecorder(qrcode.QRCode):
    """Lays out the fixed patterns and records the zigzag order of the data modules."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.data_cache = []
        self.order: list[tuple[int, int]] = []

    def map_data(self, data, mask_pattern) -> None:
        # Same walk as qrcode.QRCode.map_data, recording positions instead of bits.
        order: list[tuple[int, int]] = []
        count = self.modules_count
        row, step = count - 1, -1
        for col in range(count - 1, 0, -2):
            if col <= 6:
                col -= 1
            while 0 <= row < count:
                for c in (col, col - 1):
                    if self.modules[row][c] is None:
                        self.modules[row][c] = False
                        order.append((row, c))
                row += step
            row -= step
            step = -step
        self.order = order


def _rows_as_ints(modules: Sequence[Sequence[bool | None]]) -> list[int]:
    return [sum(1 << col for col, dark in enumerate(row) if dark) for row in modules]


@lru_cache(maxsize=64)
def _version_for(segments: tuple[tuple[int, int], ...]) -> int:
    """The smallest version that holds segments of these modes and lengths."""
    sizer = qrcode.QRCode(error_correction=ERROR_CORRECTION)
    # Digits are valid in every mode, and only the modes and lengths matter here.
    sizer.data_list = [
        util.QRData(b"1" * length, mode=mode, check_data=False) for mode, length in segments
    ]
    return sizer.best_fit()


@lru_cache(maxsize=8)
def _layout(version: int) -> _Layout:
    return _Layout(version)
