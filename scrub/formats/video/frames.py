"""Text burnt into a video's picture (subtitles drawn on the frames, a phone number on a sign
or on the card itself), read by the same OCR path and the same rules and case file as a
poster photo (scrub/vision/visible.py); each detail says its box and the time range it is
shown in.

Which frames are read: two a second are looked at (every frame is decoded, as phones and AI
tools put a key frame only every 1 to 10 seconds), and a frame is read only when its picture
changed since the last frame read: a small grey copy is cut into a grid of cells, and the
frame is read when at least ``CHANGED_CELLS`` cells changed by more than ``CELL_CHANGE``
grey levels. A talking photo moves its mouth (a cell or two); a new subtitle line changes a
band of cells, and only that band is read (the rest was read before), eight bands to one
Tesseract call (``_read_bands``). Measured in bench/media.py on a 720p talking card with a
new subtitle line every 3 seconds (40 frames read a minute): 22.5 s a minute reading each
frame on its own, 6.9 s reading the bands eight at a time (1.4 s of it decoding).

What this does not do: text shown for less than half a second between two looks may be
missed. What is found is covered by ``clean`` (recode.py) over its time range.
"""
from __future__ import annotations

from scrub.policy import ErrorCode, Unverified

LOOKS_PER_SECOND = 2
GRID = (16, 9)  # cells across and down a frame
CELL = 4  # pixels a side of a cell in the small grey copy
CELL_CHANGE = 12  # mean grey-level change of a cell that counts as a change
CHANGED_CELLS = 3
# frames read by OCR in one video: at least this many, and READ_PER_MINUTE for each minute
# (a card's subtitles change every 2-3 seconds); a video whose picture changes more often
# is not checked (--no-ocr checks the rest), so its cost stays bounded
MIN_READ = 40
READ_PER_MINUTE = 40
BANDS_PER_READING = 8  # bands read by one Tesseract call (see _read_bands)
SHEET_GAP = 48  # white pixels between two bands on the sheet


def _small_grey(frame):
    import numpy as np

    width, height = GRID[0] * CELL, GRID[1] * CELL
    small = frame.reformat(width=width, height=height, format="gray").to_ndarray().astype(np.int16)
    return small.reshape(GRID[1], CELL, GRID[0], CELL).mean(axis=(1, 3))


def changed_frames(data: bytes, whole: bool = False):
    """(seconds, picture, top) of each looked-at frame whose picture changed since the last
    one given: the first whole, the others cut to the band of rows that changed (with a row
    of cells above and below), ``top`` its place in the frame; what did not change was read
    already. ``whole``: every picture given whole (faces are looked for in the whole frame).
    The last item is (the end of the video, None, 0)."""
    import numpy as np

    from scrub.formats.video.streams import load_av, open_movie

    av = load_av()
    given, last_cells, next_look, end = 0, None, 0.0, 0.0
    with open_movie(data) as container:
        duration = (container.duration or 0) / av.time_base
        limit = max(MIN_READ, int(READ_PER_MINUTE * duration / 60))
        stream = next(s for s in container.streams.video if not s.disposition & av.stream.Disposition.attached_pic)
        stream.thread_type = "AUTO"
        for frame in container.decode(stream):
            if frame.time is None:
                continue
            end = max(end, frame.time)
            if frame.time < next_look:
                continue
            next_look = frame.time + 1 / LOOKS_PER_SECOND
            cells = _small_grey(frame)
            top, bottom = 0, frame.height
            if last_cells is not None:
                rows = np.flatnonzero((np.abs(cells - last_cells) > CELL_CHANGE).sum(axis=1))
                if np.count_nonzero(np.abs(cells - last_cells) > CELL_CHANGE) < CHANGED_CELLS:
                    continue
                row = frame.height / GRID[1]
                if not whole:
                    top, bottom = max(0, int((rows[0] - 1) * row)), min(frame.height, int((rows[-1] + 2) * row))
            last_cells = cells
            given += 1
            if given > limit:
                raise Unverified(ErrorCode.TOO_MANY_FRAMES, f"the picture changes more than {limit} times")
            picture = frame.to_image()
            yield frame.time, picture.crop((0, top, picture.width, bottom)) if (top, bottom) != (0, frame.height) else picture, top
    yield max(end, duration), None, 0


def burnt_in(data: bytes, case, language: str, analyzer) -> list:
    """The details in the text shown in the picture, each with its box and its time range;
    one detail shown in the same place over several frames read is one finding."""
    from scrub.vision.visible import same_place

    found: list = []
    open_ones: list = []  # findings of the frames read so far that are still shown
    batch: list = []

    def read_batch() -> None:
        nonlocal open_ones
        for (seconds, picture, top), here in zip(batch, _read_bands(batch, case, language, analyzer)):
            for f in open_ones:
                f.location["time"][1] = round(seconds, 3)
            current = []
            for f in here:
                same = next((o for o in open_ones if o.entity == f.entity and same_place(o, f)), None)
                if same is None:
                    f.location["time"] = [round(seconds, 3), round(seconds, 3)]
                    found.append(f)
                current.append(same or f)
            # what is shown outside the band that changed is still shown
            open_ones = current + [o for o in open_ones if o not in current and not _in_band(o, top, picture.height)]
        batch.clear()

    for seconds, picture, top in changed_frames(data):
        if picture is None:
            read_batch()
            for f in open_ones:
                f.location["time"][1] = round(seconds, 3)
            break
        batch.append((seconds, picture, top))
        if len(batch) == BANDS_PER_READING:
            read_batch()
    return found


def faces_in(data: bytes) -> list:
    """Faces other than the largest (the missing person's) in the frames looked at (two a
    second, when the picture changed, as for the text), each with its box and the time range
    it is shown in: the same face in about the same place over the frames looked at is one
    finding. The largest face is chosen frame by frame, as in a photo. Cost: about 0.5 s a
    frame looked at (faces.py), so at most about 20 s a minute of video, as a video whose
    picture changes more than READ_PER_MINUTE times a minute is not checked."""
    from scrub.vision import faces

    found: list = []
    open_ones: list = []  # the faces of the last frame looked at, still shown
    for seconds, picture, _top in changed_frames(data, whole=True):
        for f in open_ones:
            f.location["time"][1] = round(seconds, 3)
        if picture is None:
            break
        current = []
        for f in faces.findings(picture):
            same = next((o for o in open_ones if o not in current and _overlap(o, f) > FACE_SAME_PLACE), None)
            if same is None:
                f.location["time"] = [round(seconds, 3), round(seconds, 3)]
                found.append(f)
            elif f.location["box"] not in same.location["boxes"]:
                # where it is now: ``clean`` covers every place the face was seen in
                same.location["boxes"].append(f.location["box"])
            current.append(same or f)
        open_ones = current
    return found


FACE_SAME_PLACE = 0.3  # overlap (IoU) of two boxes on frames looked at one after the other: the same face


def _overlap(a, b) -> float:
    ax, ay, aw, ah = a.location["box"]
    bx, by, bw, bh = b.location["box"]
    w = max(0, min(ax + aw, bx + bw) - max(ax, bx))
    h = max(0, min(ay + ah, by + bh) - max(ay, by))
    union = aw * ah + bw * bh - w * h
    return w * h / union if union else 0.0


def _read_bands(batch: list, case, language: str, analyzer) -> list[list]:
    """The findings of each band of a batch, read by OCR together: the bands are stacked on
    one sheet, white between them, and each variant of Tesseract reads the sheet once (a
    Tesseract process costs ~0.23 s to start with Spanish and English, more than reading a
    band); each word goes back to its band and frame by where it stands."""
    from concurrent.futures import ThreadPoolExecutor

    from PIL import Image

    from scrub.vision.ocr import VARIANTS, read_words
    from scrub.vision.visible import findings_in_words, same_place

    if not batch:
        return []
    offsets, y = [], 0
    for _seconds, picture, _top in batch:
        offsets.append(y)
        y += picture.height + SHEET_GAP
    sheet = Image.new("RGB", (max(p.width for _s, p, _t in batch), y - SHEET_GAP), "white")
    for (_seconds, picture, _top), offset in zip(batch, offsets):
        sheet.paste(picture.convert("RGB"), (0, offset))
    with ThreadPoolExecutor(max_workers=len(VARIANTS)) as pool:
        readings = list(pool.map(lambda variant: read_words(sheet, variant), VARIANTS))
    out: list[list] = [[] for _ in batch]
    for words in readings:
        by_band: list[list] = [[] for _ in batch]
        for word in words:
            band = max(i for i, offset in enumerate(offsets) if offset <= word.top + word.height / 2)
            word.top += batch[band][2] - offsets[band]  # in the frame's coordinates
            by_band[band].append(word)
        for band, band_words in enumerate(by_band):
            for f in findings_in_words(band_words, case, language, analyzer):
                if not any(o.entity == f.entity and same_place(o, f) for o in out[band]):
                    out[band].append(f)
    return out


def _in_band(finding, top: int, height: int) -> bool:
    _x, y, _w, h = finding.location["box"]
    return y < top + height and top < y + h
