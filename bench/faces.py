"""Faces: OpenCV's Haar cascade (the detector scrub used before) against CenterFace (the
one it uses now, scrub/vision/faces.py), on the same poster.

    uv run python bench/faces.py [--runs 10]

The poster is built at run time (tests/imagefixtures.py: face_poster, five faces from
scikit-image's sample pictures). For each detector: faces found, how many of the five
pasted pictures hold one, and milliseconds per picture (median of --runs, after a warm-up
run that loads the model). Also CenterFace on the poster scaled up to a 4000 px phone
photo, which scrub scales down to faces.MAX_SIDE first. Prints figures; asserts nothing.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))


def haar(image):
    """The cascade exactly as scrub ran it before CenterFace."""
    import cv2
    import numpy as np

    cascade = cv2.CascadeClassifier(cv2.data.haarcascades + "haarcascade_frontalface_default.xml")
    grey = cv2.equalizeHist(cv2.cvtColor(np.asarray(image.convert("RGB")), cv2.COLOR_RGB2GRAY))
    smallest = max(20, int(min(image.size) * 0.025))
    found = cascade.detectMultiScale(grey, scaleFactor=1.1, minNeighbors=5, minSize=(smallest, smallest))
    return sorted((tuple(int(v) for v in b) for b in found), key=lambda b: -b[2] * b[3])


def inside(box, region) -> bool:
    x, y, w, h = box
    cx, cy = x + w / 2, y + h / 2
    rx, ry, rw, rh = region
    return rx <= cx < rx + rw and ry <= cy < ry + rh


def measure(name, detect, image, regions, runs):
    detect(image)  # warm-up: model loading is not per picture
    times, found = [], []
    for _ in range(runs):
        start = time.perf_counter()
        found = detect(image)
        times.append((time.perf_counter() - start) * 1000)
    hits = sum(any(inside(b, r) for b in found) for r in regions)
    print(f"{name:34} {image.width}x{image.height}  found {len(found)}, "
          f"{hits} of {len(regions)} faces  {statistics.median(times):7.0f} ms/picture")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()

    import cv2
    from imagefixtures import face_poster
    from scrub.vision import faces

    print(f"OpenCV {cv2.__version__}, {cv2.getNumThreads()} threads")
    poster, regions = face_poster()
    measure("Haar cascade (before)", haar, poster, regions, args.runs)
    measure("CenterFace (now)", faces.detect, poster, regions, args.runs)
    big = poster.resize((4000, 2500))
    scaled = [tuple(v * 2.5 for v in r) for r in regions]
    measure("Haar cascade, phone size", haar, big, scaled, max(1, args.runs // 5))
    measure(f"CenterFace, scaled to {faces.MAX_SIDE} px", faces.detect, big, scaled, max(1, args.runs // 5))


if __name__ == "__main__":
    main()
