"""Covering what must not be published: text with a solid patch of the colour around it,
faces with a coarse mosaic. Never a blur, which can be undone; a mosaic of letters can still
be guessed, so text is never turned into one.
"""
from __future__ import annotations

MARGIN = 0.35  # of the text height, added around each box before filling
CELLS = 5  # mosaic cells across a hidden face


def _fill_rect(box, width: int, height: int) -> tuple[int, int, int, int]:
    """The rectangle (inclusive corners) a text box is filled over: the box and its margin."""
    x, y, w, h = box
    m = max(3, round(h * MARGIN))
    return max(0, x - m), max(0, y - m), min(width - 1, x + w + m), min(height - 1, y + h + m)


def _mosaic_rect(box, width: int, height: int) -> tuple[int, int, int, int]:
    """The rectangle (right and bottom exclusive) a face becomes a mosaic over. Wider than
    the detector's box, which stops at the hairline, the chin and the cheeks: with w // 6
    and h // 5, CenterFace still saw a face in the mosaic of a 23 px face (the copy failed
    its re-check); a quarter each side it does not."""
    x, y, w, h = box
    pad_x, pad_y = w // 4, h // 4
    return max(0, x - pad_x), max(0, y - pad_y), min(width, x + w + pad_x), min(height, y + h + pad_y)


def fill(image, boxes: list[list[int]]):
    """Solid boxes, a margin around each: never a blur, which can be undone. The fill is
    the colour around the box, so the card stays clean to look at and text next to the
    box (a tilted line above or below) is not touched where the boxes overlap."""
    from PIL import ImageDraw

    out = image.copy()
    draw = ImageDraw.Draw(out)
    for box in boxes:
        x0, y0, x1, y1 = _fill_rect(box, out.width, out.height)
        draw.rectangle([x0, y0, x1, y1], fill=_surrounding_colour(image, x0, y0, x1, y1))
    return out


def cover_planes(planes: list, text_boxes: list[list[int]], face_boxes: list[list[int]]) -> None:
    """The same covers, drawn in place on a video frame's planes (numpy arrays: the full-size
    luma first, then chroma planes at any fraction of its size): a decoded frame needs no
    trip to RGB and back, which cost a covered 720p frame three times its encoding. Each
    plane gets the median of its own values around a text box, and its own mosaic."""
    import numpy as np

    height, width = planes[0].shape
    for plane in planes:
        sy, sx = height / plane.shape[0], width / plane.shape[1]
        originals = plane.copy()
        for box in text_boxes:
            x0, y0, x1, y1 = _fill_rect(box, width, height)
            left, top, right, bottom = _in_plane((x0, y0, x1 + 1, y1 + 1), sx, sy)
            pad = max(1, round(3 / sx))
            wy, wx = max(0, top - pad), max(0, left - pad)
            around = originals[wy:bottom + pad, wx:right + pad]
            inside = np.zeros(around.shape, bool)
            inside[top - wy:bottom - wy, left - wx:right - wx] = True
            ring = around[~inside]
            plane[top:bottom, left:right] = int(np.median(ring)) if ring.size else 0
        for box in face_boxes:
            left, top, right, bottom = _in_plane(_mosaic_rect(box, width, height), sx, sy)
            region = plane[top:bottom, left:right]
            for rows in np.array_split(np.arange(region.shape[0]), CELLS):
                for cols in np.array_split(np.arange(region.shape[1]), CELLS):
                    if rows.size and cols.size:
                        cell = region[rows[0]:rows[-1] + 1, cols[0]:cols[-1] + 1]
                        cell[...] = int(round(float(cell.mean())))


def _in_plane(rect, sx: float, sy: float) -> tuple[int, int, int, int]:
    """A rectangle (right and bottom exclusive) of the full-size picture in a plane that is
    ``sx`` by ``sy`` times smaller, covering at least one sample."""
    x0, y0, x1, y1 = rect
    left, top = int(x0 // sx), int(y0 // sy)
    return left, top, max(left + 1, int(-(-x1 // sx))), max(top + 1, int(-(-y1 // sy)))


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
    for box in boxes:
        left, top, right, bottom = _mosaic_rect(box, out.width, out.height)
        region = out.crop((left, top, right, bottom))
        small = region.resize((CELLS, CELLS), Image.Resampling.BOX)
        out.paste(small.resize(region.size, Image.Resampling.NEAREST), (left, top))
    return out
