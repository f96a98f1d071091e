"""What FFmpeg (through PyAV) reads in a movie's streams, beside the box walker
(scrub/formats/video/atoms.py), as neither sees everything alone: subtitle cues (mov_text
``tx3g``, WebVTT ``wvtt``) as timed text, timed-metadata and data tracks, chapters, attached
pictures, and the video packets whose SEI/user data hold encoder strings.

PyAV's wheels bundle FFmpeg, so nothing is needed from apt at run time, and the same FFmpeg
reads and writes (scrub/formats/video/remux.py); the system ffprobe would add a process per
file and a second FFmpeg whose version no one pins.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

from scrub.formats.media import Inspection, Passage, spans, which
from scrub.formats.meta.items import (
    CUE,
    DATE,
    OTHER,
    OTHER_TEXT,
    PICTURE,
    SOFTWARE,
    SUBTITLES,
    TIMED_METADATA,
    UNREADABLE,
    MetaItem,
    named_kind,
    printable,
)
from scrub.formats.video import atoms, nal
from scrub.policy import ErrorCode, Unverified
from scrub.text.reader import read_text_bytes

# one finding's worth of subtitle or data text read per track (a feature film's subtitles
# are ~100 kB; a search card's are a few lines)
MAX_TRACK_TEXT = 200_000
MAX_DATA_PACKETS = 2_000

# what removes the in-band user data of each video codec without decoding a frame
SEI_FILTER = {"h264": "filter_units=remove_types=6", "hevc": "filter_units=remove_types=39|40",
               "av1": "filter_units=remove_types=5"}
# codecs whose packets carry no user data of their own
_PLAIN_VIDEO = {"vp8", "vp9", "h263", "prores"}
USER_DATA_VIDEO = {"mpeg4", "mpeg2video", "mpeg1video"}
# sample entry types FFmpeg may leave without a codec
_TRACK_CODECS = {"wvtt": "webvtt", "tx3g": "mov_text", "text": "mov_text"}
_TEXT_SUBTITLES = {"mov_text", "webvtt", "subrip", "text", "ass", "ssa"}
# FFmpeg's names for what the box walker reads itself, or for structure
_FFMPEG_DERIVED = {"major_brand", "minor_version", "compatible_brands", "creation_time", "handler_name",
                   "vendor_id", "language"}


@dataclass
class VideoInspection(Inspection):
    width: int = 0
    height: int = 0
    # subtitle cues by track, as (start seconds, end seconds, text), checked like an .srt
    cues: dict[str, list[tuple[float, float, str]]] = field(default_factory=dict)
    streams: list[str] = field(default_factory=list)  # "video h264 1920x1080", "audio aac"...


def load_av():
    try:
        import av
    except ImportError as exc:  # pragma: no cover - a dependency of the project
        raise Unverified(ErrorCode.MEDIA_UNSUPPORTED, "PyAV (the 'av' package) is not installed") from exc
    av.logging.set_level(av.logging.PANIC)
    return av


def open_movie(data: bytes):
    av = load_av()
    try:
        return av.open(io.BytesIO(data), format="mov,mp4,m4a,3gp,3g2,mj2", mode="r")
    except av.FFmpegError as exc:
        raise Unverified(ErrorCode.MEDIA_DAMAGED, f"FFmpeg cannot read it: {exc}") from exc


def _seconds(value, time_base) -> float:
    return float(value * time_base) if value is not None and time_base else 0.0


def _mov_text(payload: bytes) -> str:
    """A 3GPP timed-text sample: a 16-bit length and the text (UTF-8, or UTF-16 with a BOM)."""
    if len(payload) < 2:
        return ""
    n = int.from_bytes(payload[:2], "big")
    text = payload[2:2 + n]
    if text.startswith((b"\xfe\xff", b"\xff\xfe")):
        return text.decode("utf-16", "replace").strip()
    return printable(text)


def _wvtt(payload: bytes) -> str:
    """A WebVTT-in-MP4 sample (ISO 14496-30): vttc boxes whose payl box is the cue text;
    FFmpeg may also hand the cue text over as it is."""
    texts, pos = [], 0
    while pos + 8 <= len(payload):
        size, kind = int.from_bytes(payload[pos:pos + 4], "big"), payload[pos + 4:pos + 8]
        if size < 8 or pos + size > len(payload) or kind not in (b"vttc", b"vtte", b"vtta", b"payl", b"sttg", b"iden"):
            return printable(payload)
        if kind == b"vttc":
            texts.append(_wvtt(payload[pos + 8:pos + size]))
        elif kind in (b"payl", b"vtta"):
            texts.append(printable(payload[pos + 8:pos + size]))
        pos += size
    return "\n".join(t for t in texts if t)


def _cue_text(codec: str, payload: bytes) -> str:
    if codec in ("mov_text", "text"):
        return _mov_text(payload)
    if codec == "webvtt":
        return _wvtt(payload)
    return printable(payload)


def _clock(seconds: float) -> str:
    whole = int(seconds)
    return f"{whole // 3600:02d}:{whole // 60 % 60:02d}:{whole % 60:02d}.{int((seconds - whole) * 1000):03d}"


def inspect(data: bytes) -> VideoInspection:
    """Every box (atoms), every stream, SEI message and subtitle cue (FFmpeg) of a movie."""
    boxes = atoms.parse(data)
    reading = atoms.read(data, boxes)
    result = VideoInspection(items=list(reading.items))
    tracks = {t.track_id: t for t in reading.tracks}
    av = load_av()
    with open_movie(data) as container:
        try:
            _read_streams(container, tracks, result, av)
        except av.FFmpegError as exc:
            raise Unverified(ErrorCode.MEDIA_DAMAGED, f"FFmpeg cannot read its packets: {exc}") from exc
        _cross_check(container, result)
    result.passages = [subtitle_passage(track, cues) for track, cues in result.cues.items()]
    return result


def subtitle_passage(track: str, cues: list[tuple[float, float, str]]) -> Passage:
    """A subtitle track's cues as the .srt a person would write, read as an .srt is (its
    cue numbers and timings are structure, never flagged): each finding says its track and
    its cue's time range."""
    blocks = [f"{n}\n{_clock(start)} --> {_clock(end)}\n{text}\n" for n, (start, end, text) in enumerate(cues, start=1)]
    text, bounds = spans(blocks, "\n")
    doc = read_text_bytes(text.encode("utf-8"), ".srt")

    def locate(offset: int) -> dict:
        start, end, _text = cues[which(bounds, offset)]
        return {"segment": track, "tag": f"{_clock(start)} --> {_clock(end)}", "time": [round(start, 3), round(end, 3)]}

    return Passage(doc, locate, why="subtitles")


def subtitle_cues(data: bytes) -> list[tuple[float, float, str]]:
    """The subtitle cues of a movie, every track's in turn."""
    return [cue for cues in inspect(data).cues.values() for cue in cues]


def _read_streams(container, tracks: dict, result: VideoInspection, av) -> None:
    wanted = {}
    for stream in container.streams:
        track = tracks.get(stream.id) or atoms.Track()
        where = f"track {stream.id}"
        codec = stream.codec_context.name if stream.codec_context else _TRACK_CODECS.get(track.codec, track.codec or "?")
        attached = bool(stream.disposition & av.stream.Disposition.attached_pic) if hasattr(av.stream, "Disposition") else False
        if stream.type == "video" and attached:
            if not any(i.kind == PICTURE for i in result.items):
                result.items.append(MetaItem(where, "attached picture", codec, PICTURE))
            continue
        if stream.type == "video":
            if stream.codec_context is None or codec not in (*SEI_FILTER, *_PLAIN_VIDEO, *USER_DATA_VIDEO):
                raise Unverified(ErrorCode.MEDIA_UNSUPPORTED, f"video codec {codec}: scrub cannot check its frames for hidden data")
            result.width = result.width or stream.codec_context.width
            result.height = result.height or stream.codec_context.height
            result.streams.append(f"video {codec} {stream.codec_context.width}x{stream.codec_context.height}")
            wanted[stream.index] = ("video", codec, stream)
        elif stream.type == "audio":
            result.streams.append(f"audio {codec}")
        elif stream.type == "subtitle" or track.codec in _TRACK_CODECS or track.handler in ("sbtl", "subt"):
            codec = _TRACK_CODECS.get(track.codec, codec) if stream.type != "subtitle" else codec
            kind = SUBTITLES if codec in _TEXT_SUBTITLES else UNREADABLE
            label = "subtitles" if kind == SUBTITLES else "subtitles that scrub cannot read (pictures or captions)"
            result.items.append(MetaItem(f"{where} ({codec})", label, "", kind))
            wanted[stream.index] = ("subtitle", codec, stream)
        else:
            # data, timed metadata (mebx), timecode (tmcd), GPS (gpmd, camm), anything else
            keys = ", ".join(track.keys)
            if track.codec == "tmcd" or codec == "tmcd":
                kind = DATE  # a camera's timecode is often its clock
            elif track.keys:
                kind = named_kind(keys, keys)
                kind = TIMED_METADATA if kind in (OTHER, OTHER_TEXT) else kind
            else:
                kind = TIMED_METADATA
            label = f"{track.handler or stream.type} track ({track.codec or codec})"
            result.items.append(MetaItem(where, label, keys or track.codec or codec, kind))
            wanted[stream.index] = ("data", track.codec or codec, stream)
    _read_packets(container, wanted, result)


def _read_packets(container, wanted: dict, result: VideoInspection) -> None:
    if not wanted:
        return
    video_packets: dict[int, list[bytes]] = {i: [] for i, w in wanted.items() if w[0] == "video"}
    cue_text: dict[int, list[str]] = {i: [] for i, w in wanted.items() if w[0] != "video"}
    sizes: dict[int, int] = dict.fromkeys(wanted, 0)
    for packet in container.demux([w[2] for w in wanted.values()]):
        index = packet.stream.index
        if packet.size == 0:
            continue
        role, codec, stream = wanted[index]
        if role == "video":
            video_packets[index].append(bytes(packet))
            if len(video_packets[index]) >= 64:  # scanned in batches, never all in memory
                _scan_video(stream, codec, video_packets[index], result, partial=True)
                video_packets[index] = []
            continue
        if sizes[index] > MAX_TRACK_TEXT or len(cue_text[index]) > MAX_DATA_PACKETS:
            continue
        payload = bytes(packet)
        sizes[index] += len(payload)
        if role == "subtitle":
            text = _cue_text(codec, payload)
            if text:
                start = _seconds(packet.pts, packet.time_base)
                end = start + _seconds(packet.duration, packet.time_base)
                result.cues.setdefault(f"track {stream.id} ({codec})", []).append((start, end, text))
                cue_text[index].append(text)
        else:
            text = printable(payload)
            if re.search(r"[^\W\d_]{3,}|\d{4,}|[+-]\d+\.\d+", text):
                cue_text[index].append(text)
    for index, packets in video_packets.items():
        _scan_video(wanted[index][2], wanted[index][1], packets, result, partial=False)
    for index, texts in cue_text.items():
        role, codec, stream = wanted[index]
        if role == "data" and texts:
            joined = "\n".join(dict.fromkeys(texts))[:MAX_TRACK_TEXT]
            result.items.append(MetaItem(f"track {stream.id}", "samples", joined, CUE))
        elif role == "subtitle":
            for item in result.items:
                if item.kind == SUBTITLES and item.segment == f"track {stream.id} ({codec})":
                    item.value = f"{len(texts)} cues"


def _scan_video(stream, codec: str, packets: list[bytes], result: VideoInspection, partial: bool) -> None:
    extradata = stream.codec_context.extradata if stream.codec_context else None
    where = f"track {stream.id} video ({codec})"
    for kind_of, text in nal.stream_texts(codec, extradata, packets):
        if any(i.segment == where and i.value == text for i in result.items):
            continue
        if kind_of == "captions":
            result.items.append(MetaItem(where, "closed captions in the video stream", text, UNREADABLE))
        elif kind_of == "encoder":
            result.items.append(MetaItem(where, "SEI user data (encoder)", text, SOFTWARE))
        else:
            result.items.append(MetaItem(where, "user data in the video stream", text, OTHER_TEXT))


def _cross_check(container, result: VideoInspection) -> None:
    """What FFmpeg reads as the file's metadata must be something the box walker found
    too: if not, the walker missed a box, and the value is reported all the same."""
    found = " ".join(i.value for i in result.items)
    for key, value in {**container.metadata, **{f"chapter {c['id']}": " ".join(c["metadata"].values())
                                                for c in _chapters(container)}}.items():
        if key in _FFMPEG_DERIVED or key.split("-")[0] in _FFMPEG_DERIVED or not str(value).strip():
            continue
        if str(value).strip() in found:
            continue
        kind = named_kind(key, str(value)) if not key.startswith("chapter") else "text"
        result.items.append(MetaItem("read by FFmpeg", key, printable(str(value).encode()), kind))


def _chapters(container) -> list[dict]:
    try:
        return list(container.chapters())
    except Exception:  # noqa: BLE001 - an older PyAV: chapters are then read from the boxes only
        return []


