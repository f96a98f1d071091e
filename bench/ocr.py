"""Posters: recall of visible sensitive items, damage to keep items, seconds per poster,
and what each OCR reading of the picture buys. Prints figures; asserts nothing.

    uv run python bench/ocr.py [CORPUS_DIR]

For every poster in the corpus manifest (files with visible_sensitive / visible_keep):
  - a sensitive item is *found* when the cleaned copy is uniform inside each of its boxes
    (std < 12), a keep item is *damaged* when its boxes changed (mean abs diff >= 3);
  - this is measured for the grey reading alone, the dark-pixel reading alone and both
    (the default), so each preprocessing step shows what it adds;
  - seconds per poster for check and for clean (both readings, clean includes the re-read).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps

ROOT = Path(__file__).resolve().parent.parent


def displayed(data: bytes) -> np.ndarray:
    import io

    with Image.open(io.BytesIO(data)) as im:
        return np.asarray(ImageOps.exif_transpose(im).convert("RGB")).astype(int)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", type=Path, default=ROOT.parent / "shared" / "corpus" / "images")
    a = ap.parse_args()
    manifest = [json.loads(line) for line in (a.corpus / "manifest.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    posters = [m for m in manifest if m.get("visible_sensitive") or m.get("visible_keep")]

    from scrub import formats
    from scrub.case import Case
    from scrub.text.engine import shared_analyzer
    from scrub.vision import cover, visible

    analyzer = shared_analyzer()
    for variants in (("grey",), ("dark",), ("grey", "dark")):
        found = total = damaged = keeps = 0
        t_check = t_clean = 0.0
        misses = []
        for m in posters:
            data = (a.corpus / m["file"]).read_bytes()
            fmt = formats.identify(data)[1]
            case = Case(subject=m.get("subject") or [], public_contacts=m.get("public_contacts") or [], language="es")
            t = time.perf_counter()
            image = fmt.displayed(data)
            findings = visible.visible_findings(image, case, "es", analyzer, variants=variants)
            t_check += time.perf_counter() - t
            t = time.perf_counter()
            boxes = [b for f in findings if f.severity.rank >= 1 for b in f.location["boxes"]]
            filled = cover.fill(image, boxes)
            encoded = fmt.encode(filled, data)
            cleaned = fmt.strip(encoded, fmt.inspected(encoded))
            visible.visible_findings(fmt.displayed(cleaned), case, "es", analyzer, variants=variants)
            t_clean += time.perf_counter() - t
            before, after = displayed(data), displayed(cleaned)
            for item in m.get("visible_sensitive", []):
                total += 1
                ok = all(after[y0:y1, x0:x1].mean(axis=2).std() < 12 for x0, y0, x1, y1 in item["boxes"])
                found += ok
                if not ok:
                    misses.append(f"{m['file']}: {item['label']} {item['text']!r}")
            for item in m.get("visible_keep", []):
                keeps += 1
                hurt = any(np.abs(before[y0:y1, x0:x1] - after[y0:y1, x0:x1]).mean() >= 3 for x0, y0, x1, y1 in item["boxes"])
                damaged += hurt
                if hurt:
                    misses.append(f"{m['file']}: keep {item['label']} {item['text']!r} damaged")
        n = len(posters)
        print(f"readings {'+'.join(variants):10} recall {found}/{total} = {found / max(total, 1):.3f}, "
              f"keep damaged {damaged}/{keeps}, s/poster check {t_check / n:.2f}, clean {t_clean / n:.2f}")
        for line in misses:
            print("   " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
