"""The fuzz harness of issue 14: valid files of every format scrub reads, each holding a
planted phone (in its text, its metadata or its pixels), mutated at random; scrub is asked
about each mutant through its public API, and judged against an oracle that does not use
scrub:

- no uncaught exception (and no hang: an alarm stops an input after ``TIME_LIMIT`` s);
- a mutant that still holds the planted phone is never called clean. "Still holds" is
  decided from the bytes (the phone's digits, not glued to other digits, anywhere in the
  file, or in any member a zip reader can inflate), and for a picture from its pixels: a
  mutant Pillow cannot decode, or that decodes to the very pixels of the seed (where the
  phone is drawn), must not be clean either ("whatever could not be read makes the file
  not checked");
- a clean copy written from a mutant holds no planted phone.

Used by ``test_fuzz.py`` (a short, derandomised CI run) and ``bench/fuzz.py`` (long runs).
Hypothesis draws the seeds and the mutations: ``mutants()`` is the strategy.
"""
from __future__ import annotations

import io
import os
import re
import signal
import sys
import tempfile
import traceback
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import hostile_inputs as H
from hostile_support import DIGITS, PHONE

TIME_LIMIT = 60  # seconds for one input (the issue's proposed per-file default)
_PLANTED = re.compile(rb"(?<![0-9])(?:" + re.escape(PHONE.encode()) + rb"|" + DIGITS.encode() + rb")(?![0-9])")


@dataclass(frozen=True)
class Seed:
    name: str  # format-where, e.g. "jpeg-exif", "png-pixels"
    suffix: str
    data: bytes
    pixels: bool = False  # the phone is drawn in the picture (needs OCR)
    kind: str = ""  # the Pillow-side kind, for the pixel oracle

    @property
    def format(self) -> str:
        return self.name.split("-")[0]


def _srt() -> str:
    return (f"1\n00:00:01,000 --> 00:00:04,000\n{H.CARD}\n\n"
            f"2\n00:00:04,500 --> 00:00:08,000\nInformes al {PHONE}\n")


def _vtt() -> str:
    return f"WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n{H.CARD}\n\n00:00:04.500 --> 00:00:08.000\nInformes al {PHONE}\n"


def _ass() -> str:
    return H.ass_file(events=H.ASS_DIALOGUE + f"Dialogue: 0,0:00:04.00,0:00:08.00,Default,,0,0,0,,Informes al {PHONE}\n")


def _docx(stored: bool) -> bytes:
    data = H.docx(H._para(H.CARD) + H._para(f"Informes al {PHONE}"))
    if not stored:
        return data
    # the same package with its members stored: a mutation then hits the XML itself
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info))
    return out.getvalue()


def _png_text() -> bytes:
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Comment", f"Informes al {PHONE}")
    return H.encode(H.picture(), "PNG", pnginfo=info)


def _tiff_text() -> bytes:
    from PIL import TiffImagePlugin

    tags = TiffImagePlugin.ImageFileDirectory_v2()
    tags[270] = f"Informes al {PHONE}"
    return H.encode(H.picture(), "TIFF", tiffinfo=tags)


# ---- sound, video, PDF: small files built with PyAV, mutagen and pikepdf ---------------------

def _movie(subtitles: bool) -> bytes:
    """Half a second of x264 video and AAC sound; the phone in a tag FFmpeg writes as text
    in udta (``comment``), or in a mov_text subtitle cue."""
    import av

    buffer = io.BytesIO()
    out = av.open(buffer, "w", format="mp4")
    if not subtitles:
        out.metadata["comment"] = f"Informes al {PHONE}"
    video = out.add_stream("libx264", rate=10)
    video.width, video.height, video.pix_fmt = 64, 48, "yuv420p"
    cues = None
    if subtitles:
        from fractions import Fraction

        cues = out.add_mux_stream("mov_text")
        cues.time_base = Fraction(1, 1000)
        raw = f"Informes al {PHONE}".encode()
        packet = av.Packet(len(raw).to_bytes(2, "big") + raw)
        packet.stream, packet.time_base, packet.pts, packet.dts, packet.duration = cues, Fraction(1, 1000), 0, 0, 400
        out.mux(packet)
    import numpy as np

    for i in range(5):
        frame = av.VideoFrame.from_ndarray(np.full((48, 64, 3), 40 * i, np.uint8), format="rgb24")
        for packet in video.encode(frame):
            out.mux(packet)
    for packet in video.encode():
        out.mux(packet)
    out.close()
    return buffer.getvalue()


def _silence_wav(seconds: float = 0.2) -> bytes:
    import wave

    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(8000)
        w.writeframes(b"\x00\x00" * int(8000 * seconds))
    return buffer.getvalue()


def _mp3() -> bytes:
    """MPEG audio frames (FFmpeg's MP3 encoder through PyAV) behind an ID3v2 comment."""
    from mutagen.id3 import COMM, ID3

    def tag(path: str) -> None:
        tags = ID3()
        tags.add(COMM(encoding=0, lang="spa", desc="", text=f"Informes al {PHONE}"))
        tags.save(path, v2_version=3)

    return _tagged_sound("mp3", "libmp3lame", 22050, ".mp3", tag)


def _tagged_sound(container: str, codec: str, rate: int, suffix: str, tagger) -> bytes:
    """A quarter second of tone encoded by FFmpeg (PyAV), then tagged by mutagen with the
    phone in a comment, as a tagger or a messaging app writes it."""
    import av

    buffer = io.BytesIO()
    out = av.open(buffer, "w", format=container)
    stream = out.add_stream(codec, rate=rate)
    stream.layout = "mono"
    _tone(stream, out)
    out.close()
    path = Path(tempfile.mkdtemp()) / f"seed{suffix}"
    path.write_bytes(buffer.getvalue())
    tagger(str(path))
    data = path.read_bytes()
    path.unlink()
    path.parent.rmdir()
    return data


def _vorbis_comment(cls):
    def tag(path: str) -> None:
        tags = cls(path)
        tags["comment"] = f"Informes al {PHONE}"
        tags.save()
    return tag


def _flac() -> bytes:
    from mutagen.flac import FLAC

    return _tagged_sound("flac", "flac", 8000, ".flac", _vorbis_comment(FLAC))


def _tone(stream, out) -> None:
    import av
    import numpy as np

    rate = stream.codec_context.sample_rate
    samples = (np.sin(np.arange(rate // 4) * 0.1) * 8000).astype(np.int16).reshape(1, -1)
    frame = av.AudioFrame.from_ndarray(samples, format="s16", layout="mono")
    frame.sample_rate = rate
    for packet in stream.encode(frame):
        out.mux(packet)
    for packet in stream.encode():
        out.mux(packet)


def _opus() -> bytes:
    """A voice note (Ogg Opus, as WhatsApp records them) with a comment in its OpusTags."""
    from mutagen.oggopus import OggOpus

    return _tagged_sound("ogg", "libopus", 48000, ".opus", _vorbis_comment(OggOpus))


def _wav() -> bytes:
    """A WAV file with a LIST/INFO comment (ICMT), as field recorders write."""
    data = _silence_wav()
    text = f"Informes al {PHONE}".encode() + b"\x00"
    if len(text) % 2:
        text += b"\x00"
    info = b"INFO" + b"ICMT" + len(text).to_bytes(4, "little") + text
    chunk = b"LIST" + len(info).to_bytes(4, "little") + info
    body = data[12:] + chunk
    return b"RIFF" + (len(body) + 4).to_bytes(4, "little") + b"WAVE" + body


def _pdf(in_text: bool) -> bytes:
    """A one-page PDF, its content stream not compressed (a mutation then hits the text):
    the phone in the page's text, or in the document's Info (Subject)."""
    import pikepdf

    pdf = pikepdf.new()
    font = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                                                BaseFont=pikepdf.Name.Helvetica))
    lines = [H.CARD[:60], f"Informes al {PHONE}" if in_text else "Comparte esta ficha."]
    ops = "BT /F1 12 Tf 72 720 Td " + " ".join(f"({line}) Tj 0 -16 Td" for line in lines) + " ET"
    content = pikepdf.Stream(pdf, ops.encode("latin-1"))
    page = pikepdf.Dictionary(Type=pikepdf.Name.Page, MediaBox=[0, 0, 612, 792],
                              Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font)), Contents=content)
    pdf.pages.append(pikepdf.Page(page))
    if not in_text:
        pdf.docinfo["/Subject"] = f"Informes al {PHONE}"
    out = io.BytesIO()
    pdf.save(out, object_stream_mode=pikepdf.ObjectStreamMode.disable, compress_streams=False)
    return out.getvalue()


def build_seeds() -> list[Seed]:
    """One seed per format and place (text, metadata, pixels)."""
    exif = H.exif_with_phone()
    gif_comment = H.gif_with_extension(b"\x21\xfe" + H.gif_sub_blocks(f"Informes al {PHONE}".encode()))
    seeds = [
        Seed("txt-text", ".txt", f"{H.CARD}\nInformes al {PHONE}\n".encode()),
        Seed("srt-text", ".srt", _srt().encode()),
        Seed("vtt-text", ".vtt", _vtt().encode()),
        Seed("ass-text", ".ass", _ass().encode()),
        Seed("docx-stored", ".docx", _docx(stored=True)),
        Seed("docx-deflated", ".docx", _docx(stored=False)),
        Seed("jpeg-exif", ".jpg", H.encode(H.picture(), "JPEG", quality=85, exif=exif)),
        Seed("png-text", ".png", _png_text()),
        Seed("webp-exif", ".webp", H.encode(H.picture(), "WEBP", quality=80, exif=exif)),
        Seed("gif-comment", ".gif", gif_comment),
        Seed("tiff-text", ".tif", _tiff_text()),
        Seed("heic-exif", ".heic", H.heic_with_exif()),
        Seed("avif-exif", ".avif", H.avif_with_exif()),
        Seed("mp4-udta", ".mp4", _movie(subtitles=False)),
        Seed("mp4-subtitles", ".mp4", _movie(subtitles=True)),
        Seed("mp3-id3", ".mp3", _mp3()),
        Seed("flac-vorbis", ".flac", _flac()),
        Seed("wav-info", ".wav", _wav()),
        Seed("ogg-opus", ".opus", _opus()),
        Seed("pdf-info", ".pdf", _pdf(in_text=False)),
        Seed("pdf-text", ".pdf", _pdf(in_text=True)),
    ]
    poster = H.poster()
    for fmt, suffix, kw in (("png", ".png", {}), ("jpeg", ".jpg", {"quality": 90}), ("webp", ".webp", {"quality": 90}),
                            ("gif", ".gif", {}), ("tiff", ".tif", {}), ("heic", ".heic", {"quality": 95}),
                            ("avif", ".avif", {"quality": 90})):
        seeds.append(Seed(f"{fmt}-pixels", suffix, H.encode(poster, fmt.upper(), **kw), pixels=True, kind=fmt))
    return seeds


# ---- mutations ------------------------------------------------------------------------------

INTERESTING = [b"\x00", b"\xff", b"\x7f", b"\x80", b"\x00\x00\x00\x00", b"\xff\xff\xff\xff", b"\x7f\xff\xff\xff",
               b"\x00\x00\x00\x01", b"\xff\xfe", b"\xef\xbb\xbf", b"\n", b"\r\n", b"\x1b[8m", b"-->", b",", b":",
               b"[Events]", b"Dialogue:", b"NOTE ", b"<", b"&", b"\xe2\x80\x8b"]


def _resolve(buf: bytearray, pos) -> int:
    """A position: an offset, or an anchor ("@phone", delta) near the planted phone, or
    ("@line", k), the start of the k-th line: where structure and the value meet."""
    if isinstance(pos, int):
        return pos
    anchor, k = pos
    if anchor == "@phone":
        m = _PLANTED.search(bytes(buf))
        return max(0, (m.start() if m else 0) + k)
    starts = [0] + [i + 1 for i, b in enumerate(buf) if b == 10]
    return starts[k % len(starts)]


def apply(data: bytes, ops: list[tuple]) -> bytes:
    """Apply mutation operations; positions are taken modulo the current length."""
    buf = bytearray(data)
    for op in ops:
        n = max(1, len(buf))
        op = (op[0], _resolve(buf, op[1]), *op[2:]) if len(op) > 1 else op
        if op[0] == "duplicate":
            op = (*op[:3], _resolve(buf, op[3]))
        kind = op[0]
        if kind == "flip":
            _, pos, mask = op
            if buf:
                buf[pos % n] ^= mask or 1
        elif kind == "set":
            _, pos, value = op
            if buf:
                buf[pos % n] = value
        elif kind == "insert":
            _, pos, blob = op
            p = pos % (len(buf) + 1)
            buf[p:p] = blob
        elif kind == "delete":
            _, pos, length = op
            p = pos % n
            del buf[p:p + length]
        elif kind == "truncate":
            _, pos = op
            del buf[pos % n:]
        elif kind == "duplicate":
            _, pos, length, dest = op
            p = pos % n
            chunk = bytes(buf[p:p + length])
            d = dest % (len(buf) + 1)
            buf[d:d] = chunk
        elif kind == "overwrite":
            _, pos, blob = op
            p = pos % n
            buf[p:p + len(blob)] = blob
    return bytes(buf)


def mutation_ops():
    """A Hypothesis strategy: one to four mutation operations."""
    from hypothesis import strategies as st

    pos = st.one_of(st.integers(min_value=0, max_value=2 ** 31),
                    st.tuples(st.just("@phone"), st.integers(-48, 16)),
                    st.tuples(st.just("@line"), st.integers(0, 64)))
    op = st.one_of(
        st.tuples(st.just("flip"), pos, st.integers(1, 255)),
        st.tuples(st.just("set"), pos, st.integers(0, 255)),
        st.tuples(st.just("insert"), pos, st.one_of(st.binary(min_size=1, max_size=16), st.sampled_from(INTERESTING))),
        st.tuples(st.just("delete"), pos, st.integers(1, 64)),
        st.tuples(st.just("truncate"), pos),
        st.tuples(st.just("duplicate"), pos, st.integers(1, 256), pos),
        st.tuples(st.just("overwrite"), pos, st.sampled_from(INTERESTING)),
    )
    return st.lists(op, min_size=1, max_size=4)


def mutants(seeds: list[Seed]):
    """A Hypothesis strategy of (seed, operations, also clean?)."""
    from hypothesis import strategies as st

    return st.tuples(st.sampled_from(seeds), mutation_ops(), st.booleans())


# ---- the oracle -----------------------------------------------------------------------------

def holds_planted(data: bytes) -> bool:
    """Whether the bytes, or any member a zip reader inflates from them, hold the phone."""
    if _PLANTED.search(data):
        return True
    if data[:2] == b"PK":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                for info in z.infolist():
                    if info.file_size > 50 * 1024 * 1024:
                        continue
                    try:
                        if _PLANTED.search(z.read(info)):
                            return True
                    except Exception:
                        continue
        except Exception:
            return False
    return False


def _decoded(data: bytes, kind: str):
    """The picture's pixels as Pillow (pillow-heif for HEIC) decodes them, every frame; None
    if it cannot."""
    from PIL import Image

    try:
        if kind == "heic":
            import pillow_heif

            return [pillow_heif.open_heif(io.BytesIO(data))[0].to_pillow().convert("RGB").tobytes()]
        im = Image.open(io.BytesIO(data))
        frames = []
        for i in range(min(getattr(im, "n_frames", 1), 64)):
            im.seek(i)
            frames.append(im.convert("RGB").tobytes())
        return frames
    except Exception:
        return None


@dataclass
class Outcome:
    seed: str
    ops: list
    verdict: str  # clean / findings / error / exception / timeout
    failure: str | None = None
    detail: str = ""
    data: bytes = field(default=b"", repr=False)


class _Timeout(BaseException):
    """Not an Exception: scrub's own ``except Exception`` (a decoder that refused) must not
    turn an input that hangs into an ordinary "not checked"."""


def _alarm(_signum, _frame):
    raise _Timeout()


def _verdict(report) -> str:
    code = report.exit_code()
    return {0: "clean", 1: "findings", 2: "error"}.get(code, f"exit-{code}")


def _status_kb(field_name: str) -> int:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith(field_name + ":"):
                return int(line.split()[1])
    return 0


class _MemoryWatch:
    """The resident memory this process reaches while one input is checked (sampled every
    20 ms by a thread), and an address-space ceiling for that input (RLIMIT_AS, soft) so
    that a mutant asking for 24 GB fails with MemoryError instead of taking the machine."""

    def __init__(self, budget_mb: int):
        import threading

        self.budget_mb = budget_mb
        self.peak_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self):
        while not self._stop.is_set():
            self.peak_kb = max(self.peak_kb, _status_kb("VmRSS"))
            self._stop.wait(0.02)

    def __enter__(self):
        import resource

        self.start_kb = _status_kb("VmRSS")
        self._maxrss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        self._limits = resource.getrlimit(resource.RLIMIT_AS)
        ceiling = (_status_kb("VmSize") + 4 * self.budget_mb * 1024) * 1024  # virtual, so generous
        hard = self._limits[1]
        if hard == resource.RLIM_INFINITY or ceiling < hard:
            resource.setrlimit(resource.RLIMIT_AS, (ceiling, hard))
        self._thread.start()
        return self

    def __exit__(self, *exc):
        import resource

        self._stop.set()
        self._thread.join()
        resource.setrlimit(resource.RLIMIT_AS, self._limits)
        self.peak_kb = max(self.peak_kb, _status_kb("VmRSS"))
        # a single C allocation holds the GIL past the sampler: the process's lifetime peak
        # (ru_maxrss) sees it, when this input raised it
        maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        if maxrss > self._maxrss_before:
            self.peak_kb = max(self.peak_kb, maxrss)
        return False

    @property
    def grew_mb(self) -> float:
        return (self.peak_kb - self.start_kb) / 1024


class Harness:
    """Runs mutants through scrub in this process (the language model loads once).
    ``memory_mb``: what one input may add to the resident memory (the issue's 1 GB)."""

    def __init__(self, workdir: Path | None = None, time_limit: int = TIME_LIMIT, memory_mb: int = 1024):
        import scrub

        self.scrub = scrub
        self.seeds = build_seeds()
        self.workdir = Path(workdir or tempfile.mkdtemp(prefix="scrub-fuzz-"))
        self.time_limit = time_limit
        self.memory_mb = memory_mb
        self._seed_pixels = {s.name: _decoded(s.data, s.kind) for s in self.seeds if s.pixels}
        # the model and decoders load before any input is watched
        warm = self.workdir / "warm.txt"
        warm.write_text(f"{H.CARD}\n", encoding="utf-8")
        scrub.check([str(warm)], lang="es", jobs=1)
        warm.unlink()

    def seed_named(self, name: str) -> Seed:
        return next(s for s in self.seeds if s.name == name)

    def must_not_be_clean(self, seed: Seed, data: bytes) -> str | None:
        """Why the oracle says this mutant must not be called clean (None: no claim)."""
        if seed.pixels:
            pixels = _decoded(data, seed.kind)
            if pixels is None:
                return "its pixels cannot be decoded"
            if pixels[:1] == self._seed_pixels[seed.name][:1]:
                return "it shows the seed's picture, with the phone drawn"
            return None  # another picture: whether the phone still shows is not decided here
        if holds_planted(data):
            return "the planted phone is still in its bytes"
        return None

    def run_one(self, seed: Seed, ops: list, also_clean: bool = False) -> Outcome:
        data = apply(seed.data, ops)
        folder = Path(tempfile.mkdtemp(dir=self.workdir))
        path = folder / f"fuzz{seed.suffix}"
        path.write_bytes(data)
        outcome = Outcome(seed.name, ops, "?", data=data)
        previous = signal.signal(signal.SIGALRM, _alarm)
        watch = _MemoryWatch(self.memory_mb)
        signal.alarm(self.time_limit)
        try:
            with watch:
                self._check_one(seed, path, folder, data, also_clean, outcome)
        except _Timeout:
            outcome.verdict, outcome.failure = "timeout", f"no answer within {self.time_limit} s"
        except MemoryError:
            outcome.verdict, outcome.failure = "exception", "MemoryError (past the address-space ceiling)"
        except Exception:
            outcome.verdict, outcome.failure = "exception", "uncaught exception"
            outcome.detail = traceback.format_exc(limit=8)
        finally:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, previous)
            self._remove(folder)
        if outcome.failure is None and watch.grew_mb > self.memory_mb:
            outcome.failure = "memory"
            outcome.detail = f"resident memory grew by {watch.grew_mb:.0f} MB (bound {self.memory_mb} MB)"
        return outcome

    @staticmethod
    def _remove(folder: Path) -> None:
        for p in sorted(folder.rglob("*"), reverse=True):
            try:
                p.unlink() if not p.is_dir() or p.is_symlink() else p.rmdir()
            except OSError:
                pass
        try:
            folder.rmdir()
        except OSError:
            pass

    def _check_one(self, seed: Seed, path: Path, folder: Path, data: bytes, also_clean: bool, outcome: Outcome) -> None:
        report = self.scrub.check([str(path)], lang="es", ocr=seed.pixels, jobs=1)
        outcome.verdict = _verdict(report)
        claim = self.must_not_be_clean(seed, data)
        if outcome.verdict == "clean" and claim:
            outcome.failure = "called clean"
            outcome.detail = claim
        elif also_clean and outcome.verdict != "error":
            out = folder / "limpio"
            self.scrub.clean([str(path)], out_dir=str(out), lang="es", ocr=seed.pixels, jobs=1)
            for copy in (p for p in out.rglob("*") if p.is_file()) if out.exists() else []:
                if not seed.pixels and holds_planted(copy.read_bytes()):
                    outcome.failure = "clean copy holds the phone"
                    outcome.detail = copy.name


def describe(outcome: Outcome) -> str:
    return (f"[{outcome.seed}] {outcome.failure}: {outcome.detail.strip()[:1500]}\n"
            f"  ops={outcome.ops!r}\n  verdict={outcome.verdict}")


def save(outcome: Outcome, folder: Path, index: int, suffix: str = ".bin") -> Path:
    """Keep a failing mutant (and how it was made) to replay it."""
    import json

    folder.mkdir(parents=True, exist_ok=True)
    base = folder / f"{index:07d}-{outcome.seed}"
    base.with_suffix(suffix).write_bytes(outcome.data)
    base.with_suffix(".json").write_text(json.dumps({"seed": outcome.seed, "ops": outcome.ops, "verdict": outcome.verdict,
                                                     "failure": outcome.failure, "detail": outcome.detail},
                                                    ensure_ascii=False, indent=1, default=repr))
    return base


if os.environ.get("SCRUB_FUZZ_DEBUG"):
    print(f"harness: {len(build_seeds())} seeds", file=sys.stderr)
