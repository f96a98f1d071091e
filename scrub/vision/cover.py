"""Covering what must not be published: text with a solid patch of the colour around it,
faces with a coarse mosaic. Never a blur, which can be undone; a mosaic of letters can still
be guessed, so text is never turned into one.
"""
from __future__ import annotations

MARGIN = 0.35  # of the text height, added around each box before filling
CELLS = 5  # mosaic cells across a hidden face


def fill(image, boxes: list[list[int]]):
    """Solid boxes, a margin around each: never a blur, which can be undone. The fill is
    the colour around the box, so the card stays clean to look at and text next to the
    box (a tilted line above or below) is not touched where the boxes overlap."""
    from PIL import ImageDraw

    out = image.copy()
    draw = ImageDraw.Draw(out)
    for x, y, w, h in boxes:
        m = max(3, round(h * MARGIN))
        x0, y0 = max(0, x - m), max(0, y - m)
        x1, y1 = min(out.width - 1, x + w + m), min(out.height - 1, y + h + m)
        draw.rectangle([x0, y0, x1, y1], fill=_surrounding_colour(image, x0, y0, x1, y1))
    return out


def _surrounding_colour(image, x0: int, y0: int, x1: int, y1: int):
    """The median colour of a thin frame just outside the box."""
    from PIL import ImageStat

    pad = 3
    frame = []
    for box in ((x0 - pad, y0 - pad, x1 + pad, y0), (x0 - pad, y1, x1 + pad, y1 + pad),
                (x0 - pad, y0, x0, y1), (x1, y0, x1 + pad, y1)):
        bx0, by0 = max(0, box[0]), max(0, box[1])
        bx1, by1 = min(image.width, box[2]), min(image.height, box[3])
        if bx1 > bx0 and by1 > by0:
            frame.append(image.crop((bx0, by0, bx1, by1)))
    if not frame:
        return (0, 0, 0) if image.mode == "RGB" else 0
    strip_width = sum(f.width * f.height for f in frame)
    from PIL import Image

    strip = Image.new(image.mode, (strip_width, 1))
    pos = 0
    for f in frame:
        flat = f.resize((f.width * f.height, 1))
        strip.paste(flat, (pos, 0))
        pos += flat.width
    median = ImageStat.Stat(strip).median
    return tuple(median) if len(median) > 1 else median[0]


def mosaic(image, boxes: list[list[int]]):
    """A copy of ``image`` with each box turned into a coarse mosaic."""
    from PIL import Image

    out = image.copy()
    for x, y, w, h in boxes:
        # wider than the detector's box, which stops at the hairline, the chin and the
        # cheeks: with w // 6 and h // 5, CenterFace still saw a face in the mosaic of a
        # 23 px face (the copy failed its re-check); a quarter each side it does not
        pad_x, pad_y = w // 4, h // 4
        left, top = max(0, x - pad_x), max(0, y - pad_y)
        right, bottom = min(out.width, x + w + pad_x), min(out.height, y + h + pad_y)
        region = out.crop((left, top, right, bottom))
        small = region.resize((CELLS, CELLS), Image.Resampling.BOX)
        out.paste(small.resize(region.size, Image.Resampling.NEAREST), (left, top))
    return out
