"""Sound, video and PDF files built at run time, with private values planted where phones,
editors and AI tools really put them. Nothing here is copied from a real person's file.

Videos are encoded with PyAV (x264, x265, AAC) and then edited box by box, the way the
writers do: QuickTime Keys in ``moov/meta`` (iPhone), ``©xyz`` in ``udta`` (Android), an
XMP and a C2PA ``uuid`` box (Adobe tools, AI video generators), a timed-metadata ``mebx``
track (iPhone), a WebVTT ``wvtt`` track (packagers). FFmpeg writes the movie box last, so
a new box or track only needs the movie box rebuilt (its sample data goes in a second
``mdat`` just before it): no existing offset moves.
"""
from __future__ import annotations

import io
import json
import struct
from fractions import Fraction
from pathlib import Path

import numpy as np

from imagefixtures import exiftool_command  # noqa: F401 - the oracle of bench/media.py too

PHONE = "33 1234 5678"
PHONE2 = "55 2345 6789"
PHONE3 = "81 3456 7890"
OWNER = "Rosa Gómez Díaz"
EMAIL = "rosa.gomez.diaz@gmail.com"
ISO6709 = "+20.6597-103.3496+1550.000/"
SERIAL = "C39XK2PQ8H7L"
STREET = "Calle Hidalgo 512"
SEI_TEXT = "x264"  # x264 names itself in every stream it writes
UUID_XMP = bytes.fromhex("be7acfcb97a942e89c71999491e3afac")
UUID_C2PA = bytes.fromhex("d8fec3d61b0e483c92975828877ec481")


# --- boxes ---------------------------------------------------------------------------------

def box(kind: bytes, *parts: bytes) -> bytes:
    body = b"".join(parts)
    return struct.pack(">I", 8 + len(body)) + kind + body


def full(kind: bytes, version: int, flags: int, *parts: bytes) -> bytes:
    return box(kind, bytes([version]) + flags.to_bytes(3, "big"), *parts)


def boxes(data: bytes, start: int = 0, end: int | None = None) -> list[tuple[bytes, int, int]]:
    end = len(data) if end is None else end
    out, pos = [], start
    while pos + 8 <= end:
        size = int.from_bytes(data[pos:pos + 4], "big")
        if size == 1:
            size = int.from_bytes(data[pos + 8:pos + 16], "big")
        out.append((data[pos + 4:pos + 8], pos, pos + size))
        pos += size
    return out


def qt_text(kind: bytes, text: str) -> bytes:
    """A QuickTime udta text atom (©xyz, ©cmt...): length, language, text."""
    raw = text.encode("utf-8")
    return box(kind, struct.pack(">HH", len(raw), 0x15C7), raw)


def ilst_item(kind: bytes, value: str | bytes, type_code: int = 1) -> bytes:
    raw = value.encode("utf-8") if isinstance(value, str) else value
    return box(kind, box(b"data", struct.pack(">II", type_code, 0), raw))


def hdlr(handler: bytes, name: bytes = b"") -> bytes:
    return full(b"hdlr", 0, 0, b"\x00" * 4, handler, b"\x00" * 12, name + b"\x00")


def itunes_meta(*items: bytes) -> bytes:
    """udta/meta with an iTunes-style list (what Android, editors and iTunes write)."""
    return full(b"meta", 0, 0, hdlr(b"mdir", b""), box(b"ilst", *items))


def keys_meta(values: dict[str, str]) -> bytes:
    """moov/meta with QuickTime Keys (what an iPhone writes): a key list and a value list."""
    keys = full(b"keys", 0, 0, struct.pack(">I", len(values)), *[box(b"mdta", k.encode()) for k in values])
    items = [ilst_item(struct.pack(">I", i), v) for i, v in enumerate(values.values(), start=1)]
    return box(b"meta", hdlr(b"mdta"), keys, box(b"ilst", *items))


def xmp_packet(**fields: str) -> bytes:
    props = "".join(f"<{k}>{v}</{k}>" for k, v in fields.items())
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/">'
        f"{props}</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end=\"w\"?>"
    ).encode("utf-8")


def c2pa_box() -> bytes:
    """A C2PA manifest store in a uuid box (as Adobe's and OpenAI's tools write into MP4)."""
    manifest = box(b"jumb", box(b"jumd", b"c2pa\x00\x11\x00\x10\x80\x00\xaa\x00\x38\x9b\x71\x03c2pa\x00"),
                   box(b"json", f'{{"author": "{OWNER}", "claim_generator": "Sora"}}'.encode()))
    return box(b"uuid", UUID_C2PA, b"\x00\x00\x00\x00", b"manifest\x00", b"\x00" * 8, manifest)


def _moov(data: bytes) -> tuple[int, int]:
    top = boxes(data)
    kind, start, end = top[-1]
    assert kind == b"moov", "FFmpeg writes the movie box last"
    return start, end


def edit_moov(data: bytes, add: list[bytes] = (), udta: list[bytes] | None = None, before_moov: bytes = b"") -> bytes:
    """The file with boxes added to moov, its udta replaced (when given), and
    ``before_moov`` (more media data, a uuid box) inserted before the movie box."""
    start, end = _moov(data)
    children = [data[s:e] for k, s, e in boxes(data, start + 8, end) if not (udta is not None and k == b"udta")]
    children += list(add)
    if udta is not None:
        children.append(box(b"udta", *udta))
    return data[:start] + before_moov + box(b"moov", *children)


def add_track(data: bytes, handler: bytes, media_header: bytes, sample_entry: bytes, samples: list[bytes],
              track_id: int, timescale: int = 1000, delta: int = 1000) -> bytes:
    """A new track whose samples sit in a second mdat just before the movie box."""
    start, _end = _moov(data)
    first = start + 8  # the samples, one chunk, right after the new mdat's header
    n = len(samples)
    tkhd = full(b"tkhd", 0, 3, struct.pack(">IIIII", 0, 0, track_id, 0, n * delta * 1000 // timescale),
                b"\x00" * 8, b"\x00" * 8, struct.pack(">9I", 0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000),
                b"\x00" * 8)
    mdhd = full(b"mdhd", 0, 0, struct.pack(">IIII", 0, 0, timescale, n * delta), struct.pack(">HH", 0x55C4, 0))
    stbl = box(
        b"stbl",
        full(b"stsd", 0, 0, struct.pack(">I", 1), sample_entry),
        full(b"stts", 0, 0, struct.pack(">III", 1, n, delta)),
        full(b"stsc", 0, 0, struct.pack(">IIII", 1, 1, n, 1)),
        full(b"stsz", 0, 0, struct.pack(">II", 0, n), *[struct.pack(">I", len(s)) for s in samples]),
        full(b"stco", 0, 0, struct.pack(">II", 1, first)),
    )
    dinf = box(b"dinf", full(b"dref", 0, 0, struct.pack(">I", 1), full(b"url ", 0, 1)))
    trak = box(b"trak", tkhd, box(b"mdia", mdhd, hdlr(handler), box(b"minf", media_header, dinf, stbl)))
    return edit_moov(data, add=[trak], before_moov=box(b"mdat", *samples))


def mebx_track(data: bytes, key: str, values: list[str], track_id: int) -> bytes:
    """An iPhone-style timed-metadata track: one key, one UTF-8 value per second."""
    keys = box(b"keys", box(struct.pack(">I", 1), box(b"keyd", b"mdta" + key.encode()),
                            box(b"dtyp", struct.pack(">II", 0, 1))))
    entry = box(b"mebx", b"\x00" * 6, b"\x00\x01", keys)
    samples = [box(struct.pack(">I", 1), v.encode()) for v in values]
    return add_track(data, b"meta", full(b"nmhd", 0, 0), entry, samples, track_id)


def wvtt_track(data: bytes, cues: list[str], track_id: int) -> bytes:
    """A WebVTT subtitle track as ISO 14496-30 stores it (one cue per second)."""
    entry = box(b"wvtt", b"\x00" * 6, b"\x00\x01", box(b"vttC", b"WEBVTT"))
    samples = [box(b"vttc", box(b"payl", c.encode())) for c in cues]
    return add_track(data, b"text", full(b"sthd", 0, 0), entry, samples, track_id)


# --- encoding ------------------------------------------------------------------------------

def encode(fmt: str, video: str | None = "libx264", audio: str | None = "aac", seconds: float = 2.0,
           size: tuple[int, int] = (160, 120), metadata: dict | None = None, cues: list[tuple[float, float, str]] = (),
           container_options: dict | None = None, rotation: int | None = None, rate: int = 25,
           pix_fmt: str = "yuv420p", noise: bool = False, video_options: dict | None = None,
           chapters: list[tuple[float, float, str]] = (), burnt_in: list[tuple[float, float, str]] = (),
           still: bool = False) -> bytes:
    """A short file: moving grey frames, a tone, optional mov_text cues, chapters, FFmpeg tags
    and text drawn on the picture from a start to an end second (``burnt_in``); ``still``: one
    picture throughout (a photo that "speaks"), but for the drawn text."""
    import av

    buffer = io.BytesIO()
    out = av.open(buffer, "w", format=fmt, container_options=container_options or {})
    for k, v in (metadata or {}).items():
        out.metadata[k] = v
    v_stream = a_stream = s_stream = None
    if video:
        v_stream = out.add_stream(video, rate=rate)
        v_stream.width, v_stream.height, v_stream.pix_fmt = size[0], size[1], pix_fmt
        if video == "libx265":
            v_stream.codec_context.options = {"x265-params": "log-level=none"}
        if video_options:
            v_stream.codec_context.options = dict(video_options)
        if rotation is not None:
            v_stream.set_display_rotation(rotation)
    if audio:
        a_stream = out.add_stream(audio, rate=48000 if audio == "libopus" else 44100)
        a_stream.layout = "mono"
    if cues:
        s_stream = out.add_mux_stream("mov_text")
        s_stream.time_base = Fraction(1, 1000)
    for start, end, text in cues:
        raw = text.encode()
        packet = __import__("av").Packet(struct.pack(">H", len(raw)) + raw)
        packet.stream, packet.time_base = s_stream, Fraction(1, 1000)
        packet.pts = packet.dts = int(start * 1000)
        packet.duration = int((end - start) * 1000)
        out.mux(packet)
    if v_stream is not None:
        noisy = [np.random.default_rng(i).integers(0, 255, (size[1], size[0], 3), np.uint8) for i in range(15)] if noise else []
        for i in range(int(seconds * rate)):
            if noisy:
                picture = noisy[i % len(noisy)]
            else:
                picture = np.zeros((size[1], size[0], 3), np.uint8)
                picture[:, :, 0] = 90 if still else (i * 7) % 255
                picture[(0 if still else (i * 3) % size[1]):, : size[0] // 2, 1] = 200
            shown = [text for start, end, text in burnt_in if start <= i / rate < end]
            if shown:
                picture = _drawn(picture, shown)
            for packet in v_stream.encode(av.VideoFrame.from_ndarray(picture, format="rgb24")):
                out.mux(packet)
        for packet in v_stream.encode():
            out.mux(packet)
    if a_stream is not None:
        _encode_tone(a_stream, out, seconds)
    if chapters:
        out.set_chapters([{"id": i, "start": int(a * 1000), "end": int(b * 1000), "time_base": Fraction(1, 1000),
                           "metadata": {"title": title}} for i, (a, b, title) in enumerate(chapters, start=1)])
    out.close()
    return buffer.getvalue()


def _drawn(picture, lines: list[str]):
    """The frame with subtitle lines drawn in its lower third, white on a dark band, as a
    video editor burns them in."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.fromarray(picture)
    draw = ImageDraw.Draw(image)
    size = max(12, image.height // 16)
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", size)
    top = image.height - (len(lines) + 1) * size * 3 // 2
    draw.rectangle([0, top - size // 2, image.width, image.height], fill=(20, 20, 30))
    for n, line in enumerate(lines):
        draw.text((size, top + n * size * 3 // 2), line, fill="white", font=font)
    return np.asarray(image)


def _encode_tone(stream, out, seconds: float) -> None:
    import av

    rate = stream.codec_context.sample_rate
    frame_size = stream.codec_context.frame_size or 1024
    total = int(seconds * rate)
    t = np.arange(total) / rate
    tone = (0.3 * np.sin(2 * np.pi * 440 * t) * (1 + 0.5 * np.sin(2 * np.pi * 3 * t))).astype(np.float32)
    fmt = stream.codec_context.format.name
    for pos in range(0, total, frame_size):
        chunk = tone[pos:pos + frame_size]
        if fmt.startswith("s16"):
            array = (chunk * 32767).astype(np.int16).reshape(1, -1)
        elif fmt.startswith("s32"):
            array = (chunk * 2**31 * 0.99).astype(np.int32).reshape(1, -1)
        else:
            array = chunk.reshape(1, -1)
        frame = av.AudioFrame.from_ndarray(array, format=fmt, layout="mono")
        frame.sample_rate, frame.pts = rate, pos
        for packet in stream.encode(frame):
            out.mux(packet)
    for packet in stream.encode():
        out.mux(packet)


def jpeg_with_gps(text: str = "") -> bytes:
    """A small JPEG with EXIF GPS, the phone's make and serial, and an owner."""
    import piexif
    from PIL import Image

    exif = piexif.dump({
        "0th": {piexif.ImageIFD.Make: b"samsung", piexif.ImageIFD.Model: b"SM-A546E",
                piexif.ImageIFD.Artist: OWNER.encode("utf-8")},
        "Exif": {piexif.ExifIFD.BodySerialNumber: SERIAL.encode(),
                 piexif.ExifIFD.UserComment: b"ASCII\x00\x00\x00" + (text or f"llamar al {PHONE}").encode()},
        "GPS": {piexif.GPSIFD.GPSLatitudeRef: b"N", piexif.GPSIFD.GPSLatitude: ((20, 1), (39, 1), (3515, 100)),
                piexif.GPSIFD.GPSLongitudeRef: b"W", piexif.GPSIFD.GPSLongitude: ((103, 1), (20, 1), (5856, 100))},
    })
    picture = Image.new("RGB", (64, 48), (180, 120, 90))
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=85, exif=exif)
    return out.getvalue()


# --- what a test compares ------------------------------------------------------------------

def packets(data: bytes) -> list[tuple[str, str, list[bytes]]]:
    """(type, codec, every demuxed packet) of each audio and video stream, in order."""
    import av

    with av.open(io.BytesIO(data)) as container:
        kept = [s for s in container.streams if s.type == "audio" or (s.type == "video" and not _attached(s))]
        out = {s.index: (s.type, s.codec_context.name, []) for s in kept}
        for packet in container.demux(kept):
            if packet.size:
                out[packet.stream.index][2].append(bytes(packet))
    return list(out.values())


def _attached(stream) -> bool:
    """Cover art: FFmpeg shows it as a one-picture video stream."""
    import av

    return bool(stream.disposition & av.stream.Disposition.attached_pic)


def without_sei(packet: bytes, codec: str, length_size: int = 4) -> bytes:
    """A length-prefixed H.264/HEVC sample without its SEI NAL units (what clean removes)."""
    out, pos = [], 0
    while pos + length_size <= len(packet):
        n = int.from_bytes(packet[pos:pos + length_size], "big")
        unit = packet[pos:pos + length_size + n]
        header = packet[pos + length_size]
        sei = header & 0x1F == 6 if codec == "h264" else (header >> 1) & 0x3F in (39, 40)
        if not sei:
            out.append(unit)
        pos += length_size + n
    return b"".join(out)


def decoded_frames(data: bytes) -> tuple[int, int]:
    """(video frames, audio samples) a decoder gets out of the file."""
    import av

    frames = samples = 0
    with av.open(io.BytesIO(data)) as container:
        kept = [s for s in container.streams if s.type == "audio" or (s.type == "video" and not _attached(s))]
        for frame in container.decode(*kept):
            if isinstance(frame, av.VideoFrame):
                frames += 1
            else:
                samples += frame.samples
    return frames, samples


# --- what the test modules share -----------------------------------------------------------

CASE = 'subject = ["Ana Lucía Pérez Gómez"]\npublic_contacts = ["911"]\n'


def family_folder(factory, name: str, builders: dict) -> Path:
    """A folder of the files ``builders`` make ({file name: build()}) and their case file."""
    folder = factory.mktemp(name)
    (folder / "case.toml").write_text(CASE, encoding="utf-8")
    for file_name, build in builders.items():
        (folder / file_name).write_bytes(build())
    return folder


def checked(folder, *options: str) -> dict:
    """``scrub check --format json`` of a folder (which holds details: exit 1)."""
    from typer.testing import CliRunner

    from scrub.cli import app

    result = CliRunner().invoke(app, ["check", *options, "--format", "json", str(folder)], catch_exceptions=False)
    assert result.exit_code == 1, result.stdout
    return json.loads(result.stdout)


def cleaned(folder, factory, *options: str) -> tuple:
    """``scrub clean --format json`` of a folder: (the output folder, the report, the exit code)."""
    from typer.testing import CliRunner

    from scrub.cli import app

    out = factory.mktemp(folder.name + "-clean")
    result = CliRunner().invoke(app, ["clean", *options, "--format", "json", "--out", str(out), str(folder)],
                                catch_exceptions=False)
    return out, json.loads(result.stdout), result.exit_code


def assert_copies_check_clean(cleaned: tuple, *options: str) -> None:
    """``clean`` of a folder succeeded, and each copy checked again holds nothing but what
    is kept on purpose (info)."""
    from typer.testing import CliRunner

    from scrub.cli import app

    out, report, code = cleaned
    assert code == 0, [(f["path"], f.get("message"), f.get("remaining")) for f in report["files"] if f["status"] != "clean"]
    again = json.loads(CliRunner().invoke(app, ["check", *options, "--format", "json", str(out)]).stdout)
    for f in again["files"]:
        assert [x for x in f["findings"] if x["severity"] != "info"] == [], f


def need_tesseract() -> None:
    """Skip (or fail on CI) a test that reads pictures when Tesseract is missing."""
    import os

    import pytest

    from scrub.vision import ocr

    if not ocr.available():
        if os.environ.get("SCRUB_REQUIRE_TESSERACT"):
            pytest.fail("Tesseract with Spanish and English is required here: .ci/run installs it")
        pytest.skip("Tesseract with Spanish and English is not installed")


def of(report: dict, name: str) -> dict:
    """The report of the file called ``name``."""
    return next(f for f in report["files"] if Path(f["path"]).name == name)


# --- the oracle ----------------------------------------------------------------------------

def exiftool_fixture():
    """``meta(path) -> {"Group:Tag": value}`` with every group, embedded data and unknown
    tags ExifTool can find (-ee3, RequestAll=3, -U); skipped (or failed on CI) without it."""
    import json
    import os
    import subprocess

    import pytest

    cmd = exiftool_command()
    if cmd is None:
        if os.environ.get("SCRUB_REQUIRE_EXIFTOOL"):
            pytest.fail("a current ExifTool is required: .ci/run installs exiftool-vendored.pl")
        pytest.skip("no current ExifTool installed")

    def meta(path) -> dict:
        out = subprocess.run([*cmd, "-j", "-a", "-G1", "-s", "-ee3", "-U", "-api", "RequestAll=3", str(path)],
                             capture_output=True, text=True, check=True)
        return json.loads(out.stdout)[0]

    return meta


STRUCTURE_GROUPS = ("System", "File", "Composite", "ExifTool", "SourceFile")



# what ExifTool may still list in a clean copy: the structure FFmpeg writes, nothing else
STRUCTURE_TAGS = {
    "MajorBrand", "MinorVersion", "CompatibleBrands", "Free", "Wide", "MediaDataSize", "MediaDataOffset", "MediaData",
    "MovieHeaderVersion", "CreateDate", "ModifyDate", "TimeScale", "Duration", "PreferredRate", "PreferredVolume",
    "MatrixStructure", "PreviewTime", "PreviewDuration", "PosterTime", "SelectionTime", "SelectionDuration",
    "CurrentTime", "NextTrackID", "HandlerType", "HandlerVendorID", "HandlerClass", "HandlerDescription",
    "TrackHeaderVersion", "TrackCreateDate", "TrackModifyDate", "TrackID", "TrackDuration", "TrackLayer", "TrackVolume",
    "ImageWidth", "ImageHeight", "Unknown_edts", "MediaHeaderVersion", "MediaCreateDate", "MediaModifyDate",
    "MediaTimeScale", "MediaDuration", "MediaLanguageCode", "GraphicsMode", "OpColor", "CompressorID", "VendorID",
    "SourceImageWidth", "SourceImageHeight", "XResolution", "YResolution", "BitDepth", "AVCConfiguration",
    "Unknown_hvcC", "HEVCConfiguration", "BufferSize", "MaxBitrate", "AverageBitrate", "VideoFrameRate",
    "SyncSampleTable", "IdependentAndDisposableSamples", "CompositionTimeToSample", "SampleToChunk", "SampleSizes",
    "ChunkOffset", "Balance", "AudioFormat", "AudioChannels", "AudioBitsPerSample", "AudioSampleRate",
    "PurchaseFileFormat", "Unknown_mp4a", "Unknown_esds", "LayoutFlags", "TimeToSampleTable", "SampleGroupDescription",
    "SampleToGroup", "PixelAspectRatio",
}
SOUND_STRUCTURE = {
    "FLAC": {"BlockSizeMin", "BlockSizeMax", "FrameSizeMin", "FrameSizeMax", "SampleRate", "Channels", "BitsPerSample",
             "TotalSamples", "MD5Signature"},
    "Opus": {"OpusVersion", "AudioChannels", "SampleRate", "OutputGain"},
    "Vorbis": {"Vendor"},  # empty
    "RIFF": {"Encoding", "NumChannels", "SampleRate", "AvgBytesPerSec", "BitsPerSample"},
    "MPEG": {"MPEGAudioVersion", "AudioLayer", "AudioBitrate", "SampleRate", "ChannelMode", "MSStereo", "IntensityStereo",
             "CopyrightFlag", "OriginalMedia", "Emphasis", "ModeExtension"},
}
DATE_TAGS = {"CreateDate", "ModifyDate", "TrackCreateDate", "TrackModifyDate", "MediaCreateDate", "MediaModifyDate"}


def oracle_leaks(meta: dict, planted: list[str]) -> list[str]:
    """What ExifTool finds in a copy beyond the structure of its format (a video and an
    audio track, a sound file's stream header), and any planted value it shows."""
    left = []
    for key, value in meta.items():
        group, _, tag = key.partition(":")
        if group in STRUCTURE_GROUPS:
            continue
        if group in SOUND_STRUCTURE:
            if tag not in SOUND_STRUCTURE[group] or (group == "Vorbis" and value != ""):
                left.append(f"{key}={value}")
        elif group not in ("QuickTime", "Track1", "Track2") or not (tag in STRUCTURE_TAGS or tag.startswith("QuickTime_ChannelLayout")):
            left.append(f"{key}={value}")
        elif tag in DATE_TAGS and value != "0000:00:00 00:00:00":
            left.append(f"{key}={value}")
    text = json.dumps(meta, ensure_ascii=False)
    left += [f"value {raw!r}" for raw in planted if raw in text]
    return left
