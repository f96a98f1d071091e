"""Image metadata: corpus coverage and speed against ExifTool, in one run.

    uv run python bench/images.py [CORPUS_DIR] [--files 200]

1. On the image corpus (default ../shared/corpus/images, with its manifest.jsonl): is every
   leak class of every file reported by `scrub check`, is every planted value gone after
   `scrub clean` (asked of a current ExifTool), do the files marked "error" exit 2?
2. Speed: `scrub check --no-ocr` and `scrub clean --no-ocr` (metadata only, as ExifTool)
   on batches of JPEGs (phone photos with GPS, device, owner and comment EXIF, each with
   its own values), next to `exiftool -all=` on the same files, with scrub's default
   workers (every core) and with one process (`--jobs 1`, as ExifTool runs).
   The per-file cost is the slope through 200, 400, 800 and 1600 files, so start-up
   (the intercept) cancels out.
Prints figures; asserts nothing.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

# which finding shows which leak class of the corpus manifest
LEAK_EVIDENCE = {
    "exif_gps": lambda f: f["rule"] == "img-gps" and "Exif" in f["location"]["segment"],
    "exif_device_serial": lambda f: f["rule"] == "img-device-serial",
    "exif_owner_text": lambda f: f["rule"] in ("img-owner", "img-text") and "Exif" in f["location"]["segment"],
    "exif_thumbnail_differs": lambda f: f["rule"] == "img-thumbnail-differs",
    "xmp_gps": lambda f: f["rule"] == "img-gps" and "XMP" in f["location"]["segment"],
    "xmp_history": lambda f: f["rule"] == "img-edit-history",
    "xmp_text": lambda f: f["rule"] in ("img-owner", "img-text", "img-place") and "XMP" in f["location"]["segment"],
    "iptc_text": lambda f: "IPTC" in f["location"]["segment"],
    "jpeg_comment": lambda f: f["location"]["segment"] == "COM",
    "jpeg_trailer": lambda f: f["rule"] == "img-trailer",
    "icc_device": lambda f: f["rule"] == "img-icc-device",
    "c2pa_box": lambda f: f["rule"] == "img-c2pa",
    "png_text": lambda f: f["location"]["segment"] in ("tEXt", "iTXt", "zTXt"),
    "png_ai_prompt": lambda f: f["location"]["tag"] == "parameters",
    "png_exif_gps": lambda f: f["rule"] == "img-gps" and "eXIf" in f["location"]["segment"],
    "webp_exif": lambda f: "EXIF chunk" in f["location"]["segment"],
    "webp_xmp": lambda f: "XMP chunk" in f["location"]["segment"],
    "tiff_gps": lambda f: f["rule"] == "img-gps",
    "gif_comment": lambda f: f["location"]["segment"] == "Comment extension",
    "heic_exif": lambda f: "Exif item" in f["location"]["segment"],
}
NOT_METADATA = {"orientation", "visible_text"}  # kept on purpose / needs OCR (a later issue)


def exiftool() -> list[str]:
    if os.environ.get("EXIFTOOL"):
        return os.environ["EXIFTOOL"].split()
    vendored = Path.home() / ".cache" / "scrub-tools" / "node_modules" / "exiftool-vendored.pl" / "bin" / "exiftool"
    if vendored.exists():
        return ["perl", str(vendored)]
    return ["exiftool"]


def scrub(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scrub", *args], capture_output=True, text=True)


def corpus(folder: Path) -> None:
    manifest = [json.loads(line) for line in (folder / "manifest.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    et = exiftool()
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp) / "in", Path(tmp) / "out"
        src.mkdir()
        for m in manifest:
            shutil.copy(folder / m["file"], src / m["file"])
            stem = m["file"].split(".")[0]
            (src / f"{stem}.case.toml").write_text(
                f"subject = {json.dumps(m.get('subject') or [], ensure_ascii=False)}\n"
                f"public_contacts = {json.dumps(m.get('public_contacts') or [], ensure_ascii=False)}\n",
                encoding="utf-8",
            )
        report = json.loads(scrub("check", "--format", "json", str(src)).stdout)
        by_name = {Path(f["path"]).name: f for f in report["files"]}
        scrub("clean", "--out", str(out), str(src))
        reported = [0, 0]
        gone = [0, 0]
        errors = [0, 0]
        missing = []
        for m in manifest:
            if m["expect"] == "error":
                errors[1] += 1
                errors[0] += scrub("check", str(src / m["file"])).returncode == 2
                continue
            findings = by_name.get(m["file"], {}).get("findings", [])
            for leak in m["leaks"]:
                if leak in NOT_METADATA:
                    continue
                reported[1] += 1
                ok = any(LEAK_EVIDENCE[leak](f) for f in findings if f.get("location"))
                reported[0] += ok
                if not ok:
                    missing.append(f"not reported: {m['file']} {leak}")
            planted = [p for p in m.get("planted", []) if p.get("leak") not in NOT_METADATA]
            if not planted:
                continue
            cleaned = out / m["file"]
            meta = json.loads(subprocess.run([*et, "-j", "-a", "-G1", "-n", str(cleaned)], capture_output=True,
                                             text=True).stdout or "[{}]")[0] if cleaned.exists() else None
            blob = cleaned.read_bytes() if cleaned.exists() else b""
            for p in planted:
                gone[1] += 1
                if meta is None:
                    missing.append(f"no clean copy: {m['file']}")
                    continue
                if p.get("tag") is None:
                    left = p.get("raw", "").encode() in blob
                else:
                    v = meta.get(p["tag"])
                    left = v is not None and (p.get("value") is None or str(p["value"]) in str(v))
                gone[0] += not left
                if left:
                    missing.append(f"left after clean: {m['file']} {p.get('tag') or p.get('raw')}")
        for line in missing:
            print("  " + line)
        print(f"corpus: leak classes reported {reported[0]}/{reported[1]}, planted values gone {gone[0]}/{gone[1]}, "
              f"error files exit 2 {errors[0]}/{errors[1]}")


def make_batch(folder: Path, count: int) -> None:
    import imagefixtures as fx

    folder.mkdir(parents=True, exist_ok=True)
    import piexif

    picture = fx.jpeg_bytes(fx.picture((640, 480)))
    for i in range(count):
        # every photo carries its own values (serial, phone, position, time), as a real
        # batch does, so no cache inside scrub can answer for a file it has already seen
        exif = piexif.load(fx.full_exif())
        exif["Exif"][piexif.ExifIFD.BodySerialNumber] = f"R58T{i:07d}".encode()
        exif["Exif"][piexif.ExifIFD.UserComment] = b"ASCII\x00\x00\x00" + f"llamar al 33 18{i % 100:02d} {i:04d}".encode()
        exif["0th"][piexif.ImageIFD.ImageDescription] = f"Calle Jacarandas {100 + i}, Col. Las Huertas".encode()
        exif["0th"][piexif.ImageIFD.DateTime] = f"2024:03:14 18:{i % 60:02d}:{i % 59:02d}".encode()
        exif["GPS"] = fx.gps_ifd(20.6 + i / 10000, -103.3 - i / 10000)
        exif.pop("thumbnail", None)
        app1 = piexif.dump(exif)
        segment = b"\xff\xe1" + len(app1 + b"..").to_bytes(2, "big") + app1
        (folder / f"foto_{i:04d}.jpg").write_bytes(picture[:2] + segment + picture[2:])


def speed(n: int, rounds: int = 5) -> None:
    """Wall times on n, 2n, 4n and 8n files; the per-file cost is the slope of a straight line
    through them (start-up, the same in every run, is the intercept). The rounds take turns
    (every tool at every size, then again), so that all of them meet the same disk and CPU
    conditions on a shared machine; the best of the rounds counts."""
    et = exiftool()
    sizes = (n, 2 * n, 4 * n, 8 * n)
    py = [sys.executable, "-m", "scrub"]
    tools = {
        # metadata only: reading the pictures' text (OCR) is measured by bench/ocr.py
        "check": lambda src, out: [*py, "check", "--no-ocr", "--format", "json", str(src)],
        "check -j1": lambda src, out: [*py, "check", "--no-ocr", "--jobs", "1", "--format", "json", str(src)],
        "clean": lambda src, out: [*py, "clean", "--no-ocr", "--format", "json", "--out", str(out), str(src)],
        "clean -j1": lambda src, out: [*py, "clean", "--no-ocr", "--jobs", "1", "--format", "json", "--out", str(out), str(src)],
        "exiftool": lambda src, out: [*et, "-q", "-all=", "-overwrite_original", str(out)],
    }
    best = {(tool, count): float("inf") for tool in tools for count in sizes}
    with tempfile.TemporaryDirectory() as tmp:
        for count in sizes:
            make_batch(Path(tmp) / f"b{count}", count)
        for _ in range(rounds):
            for count in sizes:
                src = Path(tmp) / f"b{count}"
                for tool, command in tools.items():
                    out = Path(tmp) / f"o-{count}"
                    shutil.rmtree(out, ignore_errors=True)
                    if tool == "exiftool":
                        shutil.copytree(src, out)  # ExifTool cleans in place: a fresh copy each time
                    t = time.perf_counter()
                    subprocess.run(command(src, out), capture_output=True)
                    best[tool, count] = min(best[tool, count], time.perf_counter() - t)
    for count in sizes:
        print(f"{count:5} JPEGs:  " + ", ".join(f"{tool} {best[tool, count]:.2f} s" for tool in tools))

    def slope(tool: str) -> float:
        ys = [best[tool, x] for x in sizes]
        mx, my = sum(sizes) / len(sizes), sum(ys) / len(ys)
        return sum((x - mx) * (y - my) for x, y in zip(sizes, ys)) / sum((x - mx) ** 2 for x in sizes) * 1000

    per_file = {tool: slope(tool) for tool in tools}
    two_point = {tool: (best[tool, 2 * n] - best[tool, n]) / n * 1000 for tool in tools}
    print(f"per file between {n} and {2 * n} files only (noisier): " + ", ".join(
        f"{tool} {ms:.2f} ms" + ("" if tool == "exiftool" else f" ({ms / two_point['exiftool']:.2f}x)")
        for tool, ms in two_point.items()))
    print(f"per file (slope over {', '.join(map(str, sizes))} files; {os.cpu_count()} cores; scrub's default is "
          f"every core, -j1 is one process):")
    for tool, ms in per_file.items():
        ratio = "" if tool == "exiftool" else f"  = {ms / per_file['exiftool']:.2f}x exiftool"
        print(f"  {tool:10} {ms:.2f} ms  ({1000 / ms:.0f} images/s){ratio}")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", type=Path, default=ROOT.parent / "shared" / "corpus" / "images")
    ap.add_argument("--files", type=int, default=200)
    a = ap.parse_args()
    if (a.corpus / "manifest.jsonl").exists():
        corpus(a.corpus)
    else:
        print(f"no corpus at {a.corpus}: coverage skipped")
    speed(a.files)
    return 0


if __name__ == "__main__":
    sys.exit(main())
