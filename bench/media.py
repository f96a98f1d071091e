"""Sound, PDF and video: what checking and cleaning cost, next to `exiftool -all=`.

    uv run python bench/media.py [--files 40] [--minutes 1]

1. Sound and PDF, per file: `scrub check` and `scrub clean` (one process, `--jobs 1`) on
   folders of 10 and N tagged files of each kind (30 seconds of sound: an MP3 with ID3, a
   FLAC, a WhatsApp-style Opus note, a WAV from a recorder, a Voice Memos M4A; a poster PDF
   with an incremental update), next to ExifTool reading them (`-a -G1 -ee3`) and writing
   them with `-all=` (ExifTool 13 cannot write MP3, FLAC, Ogg or WAV at all); the PDF's
   page with a photo is read by OCR, so its check is also timed with `--no-ocr`. The per-file
   cost is the slope between the two folder sizes, so start-up (Python, the text rules,
   Perl) cancels out. The in-process cost of the format alone (inspect; strip and the
   re-inspection of the copy) is printed too.
2. Video, per minute: a 720p H.264/AAC phone video (Keys, ©xyz, a subtitle track),
   `inspect` (every box, every SEI message, every subtitle cue) and `clean` (remux and the
   re-inspection), metadata only; then the text shown in the picture of a "talking card"
   (one photo, a burnt-in subtitle line changing every 3 seconds): seconds per minute to
   decode every frame, look at two a second and read the changed ones by OCR (the issue's
   budget: about 10 s a minute), and what covering the details found costs (the video
   encoded again, recode.py).
Prints figures; asserts nothing.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import mediafixtures as fx  # noqa: E402


def exiftool() -> list[str] | None:
    return fx.exiftool_command()


def _builders():
    import test_audio
    import test_pdf

    return {
        "mp3": lambda: _long(test_audio.tagged_mp3), "flac": lambda: _long(test_audio.tagged_flac),
        "opus": lambda: _long(test_audio.voice_note), "wav": lambda: _long(test_audio.field_recording),
        "m4a": lambda: _long(test_audio.voice_memo),
        "pdf": lambda: test_pdf.incremental_update(test_pdf.writer_poster(), "<< /Producer (LibreOffice 7.5) >>"),
    }


def _long(build):
    """The fixture's tags on 30 seconds of sound, as a real voice note is long."""
    original = fx.encode
    fx.encode = lambda *a, **k: original(*a, **{**k, "seconds": 30.0})
    try:
        return build()
    finally:
        fx.encode = original


def _timed(command: list[str], repeat: int = 3) -> float:
    """The best of ``repeat`` runs: a process's start-up varies by a second here, more than
    the files' own cost over a few dozen files."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True)
        best = min(best, time.perf_counter() - start)
    return best


def _folder(base: Path, kind: str, data: bytes, count: int) -> Path:
    folder = base / f"{kind}-{count}"
    folder.mkdir()
    for i in range(count):
        (folder / f"f{i:04d}.{kind}").write_bytes(data)
    return folder


def per_file(files: int) -> None:
    scrub = [sys.executable, "-m", "scrub"]
    tool = exiftool()
    print(f"sound and PDF, seconds per file (slope 10 -> {files} files, one process):")
    print(f"  {'kind':5} {'size':>8}  {'check':>7} {'clean':>7}  {'exiftool':>8} {'-all=':>12}   in-process: inspect, clean+recheck")
    from scrub import formats

    for kind, build in _builders().items():
        data = build()
        fmt = formats.identify(data)[1]
        start = time.perf_counter()
        for _ in range(20):
            found = fmt.inspect(data)
        inspect_s = (time.perf_counter() - start) / 20
        start = time.perf_counter()
        for _ in range(5):
            fmt.inspect(fmt.strip(data, found))
        clean_s = (time.perf_counter() - start) / 5
        with tempfile.TemporaryDirectory() as tmp:
            base = Path(tmp)
            small, big = _folder(base, kind, data, 10), _folder(base, kind, data, files)
            out = base / "out"
            check = (_timed([*scrub, "check", "--jobs", "1", str(big)]) - _timed([*scrub, "check", "--jobs", "1", str(small)]))
            if kind == "pdf":  # its pages with pictures are read by OCR; without it:
                no_ocr = (_timed([*scrub, "check", "--no-ocr", "--jobs", "1", str(big)])
                          - _timed([*scrub, "check", "--no-ocr", "--jobs", "1", str(small)]))
                print(f"  (pdf: check --no-ocr {no_ocr / (files - 10):.4f} s a file)")
            clean = (_timed([*scrub, "clean", "--jobs", "1", "--out", str(out / "b"), str(big)])
                     - _timed([*scrub, "clean", "--jobs", "1", "--out", str(out / "s"), str(small)]))
            n = files - 10
            if tool:
                read = (_timed([*tool, "-a", "-G1", "-ee3", str(big)]) - _timed([*tool, "-a", "-G1", "-ee3", str(small)])) / n
                probe = subprocess.run([*tool, "-all=", "-o", str(out / "probe") + "/", str(small / f"f0000.{kind}")],
                                       capture_output=True, text=True)
                if "not yet supported" in probe.stdout + probe.stderr or probe.returncode:
                    et_text = f"{read:8.4f} {'cannot write':>12}"
                else:
                    write = (_timed([*tool, "-q", "-all=", "-o", str(out / "eb") + "/", str(big)])
                             - _timed([*tool, "-q", "-all=", "-o", str(out / "es") + "/", str(small)])) / n
                    et_text = f"{read:8.4f} {write:12.4f}"
            else:
                et_text = f"{'(no exiftool)':>21}"
        print(f"  {kind:5} {len(data):>8}  {check / n:7.4f} {clean / n:7.4f}  {et_text}   {inspect_s:.4f}, {clean_s:.4f}")


def per_minute(minutes: float) -> None:
    from scrub.formats.video.mp4 import FORMAT as video

    seconds = minutes * 60
    start = time.perf_counter()
    # noisy frames at a phone's bit rate (~8 Mb/s, 60 MB a minute): the cost of a remux is
    # in the bytes and packets it copies, and flat test frames would compress to nothing
    data = fx.encode("mp4", size=(1280, 720), seconds=seconds, rate=30, noise=True,
                     video_options={"preset": "ultrafast", "b": "8M", "maxrate": "8M", "bufsize": "16M"},
                     cues=[(i * 2.0, i * 2.0 + 1.5, f"Frase {i}") for i in range(int(seconds // 2))])
    data = fx.edit_moov(data, add=[fx.keys_meta({"com.android.version": "14"})],
                        udta=[fx.qt_text(b"\xa9xyz", "+20.6597-103.3496/")])
    built = time.perf_counter() - start
    start = time.perf_counter()
    found = video.inspect(data)
    inspect_s = time.perf_counter() - start
    start = time.perf_counter()
    copy = video.strip(data, found)
    video.inspect(copy)
    clean_s = time.perf_counter() - start
    print(f"video, 720p H.264 + AAC, {minutes:g} min, {len(data) / 1e6:.1f} MB (built in {built:.0f} s):")
    print(f"  check (inspect): {inspect_s / minutes:.2f} s per minute of video")
    print(f"  clean (remux + re-inspect): {clean_s / minutes:.2f} s per minute ({len(copy) / 1e6:.1f} MB copy)")
    tool = exiftool()
    if tool:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "v.mp4"
            path.write_bytes(data)
            t = _timed([*tool, "-q", "-all=", "-o", str(Path(tmp) / "o.mp4"), str(path)])
        print(f"  exiftool -all= (keeps the subtitle track and the SEI): {t / minutes:.2f} s per minute")
    burnt_in(minutes)


def burnt_in(minutes: float) -> None:
    from scrub.formats.video import frames
    from scrub.text.engine import shared_analyzer
    from scrub.vision import ocr

    if not ocr.available():
        print("  burnt-in text: (no Tesseract)")
        return
    seconds = minutes * 60
    lines = [(i * 3.0, i * 3.0 + 2.5, f"Frase {i} de la ficha, llama al 33 1234 {5600 + i}") for i in range(int(seconds // 3))]
    data = fx.encode("mp4", size=(1280, 720), seconds=seconds, rate=30, audio=None, still=True, burnt_in=lines,
                     video_options={"preset": "ultrafast"})
    analyzer = shared_analyzer()
    start = time.perf_counter()
    read = sum(1 for _s, picture, _top in frames.changed_frames(data) if picture is not None)
    looked = time.perf_counter() - start
    start = time.perf_counter()
    found = frames.burnt_in(data, None, "es", analyzer)
    total = time.perf_counter() - start
    print(f"  burnt-in text, a talking card ({len(lines)} subtitle lines a minute): {total / minutes:.1f} s per minute "
          f"({looked / minutes:.1f} s to decode and compare, {read} frames read by OCR, {len(found)} details found)")
    from scrub.formats.video import recode

    start = time.perf_counter()
    covered = recode.cover(data, recode.regions(found))
    cover_s = time.perf_counter() - start
    print(f"  clean, covering those {len(found)} details: {cover_s / minutes:.1f} s per minute to encode the video again "
          f"(x264 crf {recode.CRF} {recode.PRESET}; {len(data) / 1e6:.1f} MB -> {len(covered) / 1e6:.1f} MB), "
          f"then the remux and the re-check as above")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=40)
    parser.add_argument("--minutes", type=float, default=1.0)
    args = parser.parse_args()
    os.environ.setdefault("PYTHONWARNINGS", "ignore")
    per_file(max(args.files, 20))
    per_minute(args.minutes)


if __name__ == "__main__":
    main()
