"""The printed width of a line of text, for the rules whose length follows the text above them.

Word draws a paragraph border across the whole paragraph, so the motto's underline "as long as the
line" and the short rules under the issuing body and the subject are paragraph borders between
indents computed from the text's width. Times New Roman and Liberation Serif share their advance
widths, so the Liberation files measure both; without them an average glyph width stands in.
"""

from __future__ import annotations

import functools
from pathlib import Path

from thidua.lib.vietnamese import nfc

FONT_DIRS = (
    Path("/usr/share/fonts/truetype/liberation2"),
    Path("/usr/share/fonts/truetype/liberation"),
)
FACES = {
    (False, False): "LiberationSerif-Regular.ttf",
    (True, False): "LiberationSerif-Bold.ttf",
    (False, True): "LiberationSerif-Italic.ttf",
    (True, True): "LiberationSerif-BoldItalic.ttf",
}
# Times New Roman's average advance for Vietnamese capitals and lower case, in em.
_AVERAGE_EM = {False: 0.47, True: 0.52}
_MM_PER_PT = 25.4 / 72


@functools.cache
def _advances(bold: bool, italic: bool) -> tuple[dict[int, int], int] | None:
    for directory in FONT_DIRS:
        path = directory / FACES[(bold, italic)]
        if path.exists():
            from fontTools.ttLib import TTFont

            font = TTFont(str(path), lazy=True)
            metrics = font["hmtx"].metrics
            widths = {code: metrics[name][0] for code, name in font.getBestCmap().items()}
            return widths, int(font["head"].unitsPerEm)
    return None


def text_width_mm(text: str, size_pt: float, *, bold: bool = False, italic: bool = False) -> float:
    text = nfc(text)
    advances = _advances(bold, italic)
    if advances is None:
        return len(text) * _AVERAGE_EM[text.isupper()] * size_pt * _MM_PER_PT
    widths, units = advances
    fallback = units // 2
    return sum(widths.get(ord(char), fallback) for char in text) / units * size_pt * _MM_PER_PT
