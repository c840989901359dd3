"""Bar charts of the summary report, drawn with Pillow as PNG at 200 dpi.

No plotting library: two kinds of bars are all a báo cáo tổng kết needs, and drawing them here keeps
the same Liberation Serif face (Times New Roman's metrics, full Vietnamese) as the documents around
them. Sizes are given in centimetres and points, as the printed page states them.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Callable, Sequence
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from thidua.documents.metrics import FACES, FONT_DIRS
from thidua.lib.vietnamese import nfc

DPI = 200
BAR = (31, 78, 121)  # dark blue, legible in grey when printed in black and white
GRID = (200, 200, 200)
INK = (0, 0, 0)

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont


def _px(cm: float) -> int:
    return round(cm / 2.54 * DPI)


@functools.cache
def _font(size_pt: float, bold: bool = False) -> Font:
    pixels = round(size_pt / 72 * DPI)
    for directory in FONT_DIRS:
        path = Path(directory) / FACES[(bold, False)]
        if path.exists():
            return ImageFont.truetype(str(path), pixels)
    return ImageFont.load_default(pixels)


def percent(value: float) -> str:
    """ "78,5%": one decimal with the Vietnamese decimal comma."""
    return f"{value:.1f}%".replace(".", ",")


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", dpi=(DPI, DPI), optimize=True)
    return buffer.getvalue()


def _text_width(draw: ImageDraw.ImageDraw, text: str, font: Font) -> float:
    return draw.textlength(text, font=font)


def _fit(draw: ImageDraw.ImageDraw, text: str, font: Font, width: float) -> str:
    """The text, shortened with "…" to fit ``width`` pixels."""
    if _text_width(draw, text, font) <= width:
        return text
    while text and _text_width(draw, text + "…", font) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _nice_max(value: float) -> float:
    """The top of the value axis: 100 for shares that reach it, else a round number above the largest."""
    if value <= 0:
        return 1.0
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000, 2000, 5000, 10000):
        top = step * (int(value / step) + (0 if value % step == 0 else 1))
        if top / step <= 10:
            return float(top)
    return float(value)


def column_chart(
    title: str,
    labels: Sequence[str],
    values: Sequence[float],
    *,
    maximum: float | None = None,
    formatter: Callable[[float], str] = percent,
    width_cm: float = 15.0,
    height_cm: float = 7.5,
) -> bytes:
    """Vertical bars, one per label (the years), the value printed on each bar."""
    width, height = _px(width_cm), _px(height_cm)
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    title_font, label_font, value_font = _font(11, bold=True), _font(10), _font(9.5, bold=True)
    top = _nice_max(maximum if maximum is not None else max(values, default=0))
    draw.text((width / 2, _px(0.15)), nfc(title), font=title_font, fill=INK, anchor="ma")
    left, right = _px(1.6), width - _px(0.4)
    plot_top, plot_bottom = _px(1.2), height - _px(1.0)
    _grid(draw, top, formatter, left, right, plot_top, plot_bottom)
    slot = (right - left) / max(len(values), 1)
    bar = slot * 0.6
    for index, (label, value) in enumerate(zip(labels, values, strict=True)):
        centre = left + slot * (index + 0.5)
        y = plot_bottom - (plot_bottom - plot_top) * (value / top)
        draw.rectangle((centre - bar / 2, y, centre + bar / 2, plot_bottom), fill=BAR)
        draw.text((centre, y - _px(0.08)), formatter(value), font=value_font, fill=INK, anchor="md")
        draw.text((centre, plot_bottom + _px(0.15)), _fit(draw, nfc(label), label_font, slot), font=label_font,
                  fill=INK, anchor="ma")  # fmt: skip
    draw.line((left, plot_bottom, right, plot_bottom), fill=INK, width=2)
    return _png(image)


def _grid(
    draw: ImageDraw.ImageDraw,
    top: float,
    formatter: Callable[[float], str],
    left: int,
    right: int,
    plot_top: int,
    plot_bottom: int,
) -> None:
    axis_font = _font(9)
    for step in range(5):
        value = top * step / 4
        y = plot_bottom - (plot_bottom - plot_top) * step / 4
        draw.line((left, y, right, y), fill=GRID, width=1)
        text = formatter(value) if formatter is percent else f"{value:g}"
        draw.text((left - _px(0.1), y), text.replace(",0%", "%"), font=axis_font, fill=INK, anchor="rm")


def bar_chart(
    title: str,
    labels: Sequence[str],
    values: Sequence[float],
    *,
    maximum: float | None = None,
    formatter: Callable[[float], str] = percent,
    value_labels: Sequence[str] | None = None,
    width_cm: float = 15.0,
) -> bytes:
    """Horizontal bars, one per label (the communes, whose names are long), the value at each bar's end."""
    row = _px(0.75)
    width = _px(width_cm)
    height = _px(1.3) + row * max(len(values), 1) + _px(0.3)
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    title_font, label_font, value_font = _font(11, bold=True), _font(10), _font(9.5, bold=True)
    top = _nice_max(maximum if maximum is not None else max(values, default=0))
    draw.text((width / 2, _px(0.15)), nfc(title), font=title_font, fill=INK, anchor="ma")
    label_width = min(width * 0.38, max((_text_width(draw, nfc(label), label_font) for label in labels), default=0))
    left = round(label_width + _px(0.3))
    texts = list(value_labels) if value_labels is not None else [formatter(value) for value in values]
    right = width - round(max((_text_width(draw, text, value_font) for text in texts), default=0)) - _px(0.4)
    plot_top = _px(1.1)
    for step in range(5):
        x = left + (right - left) * step / 4
        draw.line((x, plot_top, x, plot_top + row * len(values)), fill=GRID, width=1)
    for index, (label, value, text) in enumerate(zip(labels, values, texts, strict=True)):
        y = plot_top + row * index
        middle = y + row / 2
        end = left + (right - left) * (value / top)
        draw.rectangle((left, y + row * 0.18, end, y + row * 0.82), fill=BAR)
        draw.text((left - _px(0.15), middle), _fit(draw, nfc(label), label_font, label_width), font=label_font,
                  fill=INK, anchor="rm")  # fmt: skip
        draw.text((end + _px(0.12), middle), text, font=value_font, fill=INK, anchor="lm")
    draw.line((left, plot_top, left, plot_top + row * len(values)), fill=INK, width=2)
    return _png(image)
