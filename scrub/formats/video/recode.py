"""Covering what a video's picture shows: the frames are decoded, every box to hide is
covered on every frame it may be shown in, and the video is encoded again; the sound's
packets are copied as they are. The result then goes through remux.py like any copy (no
metadata, no SEI, so not the encoder's settings either) and is read again, OCR and faces
included: whatever still shows blocks the copy.

Covered as in a picture (scrub/vision/cover.py): text with a solid patch, faces with a
coarse mosaic. When: the picture is looked at twice a second (frames.py), so a detail first
seen at a look may have appeared just after the look before it; its range is widened by that
much before, and by a frame after. Where: every box the detail was seen in, on every frame of
its range (a face that moves is covered along the whole of its path for that time: more is
hidden than needed, never less).

Encoder: H.264 (x264 in PyAV's FFmpeg, ``crf`` 18, close to the original to the eye), into
the same container family; every frame is encoded again, not only the covered ones (an
H.264 stream cannot mix copied and new frames without matching the original's encoder
settings, which nothing reads reliably). The display rotation (the tkhd matrix) is kept.
What is lost: HDR and 10-bit colour (the copy is 8-bit), and a little sharpness. Cost,
measured in bench/media.py: 8 s a minute of 720p here (28 s through RGB pictures).
"""
from __future__ import annotations

import io
from dataclasses import dataclass

from scrub.formats.video import frames, remux
from scrub.formats.video.streams import load_av, open_movie
from scrub.policy import ErrorCode, Unverified

CRF = "18"  # constant quality: FFmpeg's H.264 guide calls 17-18 visually lossless
PRESET = "veryfast"  # the slower presets shrink the file, not the covered details
EARLIER = 1 / frames.LOOKS_PER_SECOND  # a detail may be shown this long before it is first seen


@dataclass
class Region:
    start: float
    end: float
    boxes: list[list[int]]
    face: bool


def regions(findings: list) -> list[Region]:
    """What to cover and when: the findings shown in the picture at a time range."""
    out = []
    for f in findings:
        location = f.location or {}
        if "time" not in location:
            continue
        start, end = location["time"]
        out.append(Region(start - EARLIER, end, location.get("boxes") or [location["box"]], f.entity == "FACE"))
    return out


def cover(data: bytes, to_cover: list[Region]) -> bytes:
    """The movie with ``to_cover`` covered, the video encoded again, the sound copied."""
    from scrub.vision import cover as covering

    av = load_av()
    out_buffer = io.BytesIO()
    with open_movie(data) as source:
        video = next((s for s in source.streams.video if not s.disposition & av.stream.Disposition.attached_pic), None)
        if video is None:
            raise Unverified(ErrorCode.MEDIA_DAMAGED, "no picture to cover")
        codec = video.codec_context
        if codec.width % 2 or codec.height % 2:
            raise Unverified(ErrorCode.MEDIA_UNSUPPORTED, f"a picture of odd size ({codec.width}x{codec.height}) cannot be encoded again")
        encoder = "libx264" if "libx264" in av.codecs_available else "mpeg4"
        sounds = list(source.streams.audio)
        with remux.writing(out_buffer, remux.muxer(data), "encode the covered video") as target:
            rate = video.average_rate or video.guessed_rate or 30
            new = target.add_stream(encoder, rate=rate)
            new.width, new.height, new.pix_fmt = codec.width, codec.height, "yuv420p"
            new.time_base = video.time_base
            new.codec_context.time_base = video.time_base
            if encoder == "libx264":
                new.codec_context.options = {"crf": CRF, "preset": PRESET}
            else:
                new.codec_context.options = {"qscale": "2"}
            matrix = _display_matrix(data, video.id)
            if matrix:
                new.set_display_matrix(matrix)
            try:
                copies = {s.index: target.add_stream_from_template(s) for s in sounds}
            except ValueError as exc:
                raise Unverified(ErrorCode.MEDIA_UNSUPPORTED, f"the sound cannot be copied: {exc}") from exc
            last_pts = None
            step = 1 / float(rate)
            video.thread_type = "AUTO"
            for packet in source.demux([video, *sounds]):
                if packet.stream.index in copies:
                    if packet.size:
                        packet.stream = copies[packet.stream.index]
                        target.mux(packet)
                    continue
                for frame in packet.decode():
                    seconds = frame.time or 0.0
                    shown = [r for r in to_cover if r.start <= seconds <= r.end + step]
                    edited = frame.reformat(format="yuv420p")
                    if shown:
                        edited = _covered(av, covering, edited, shown)
                    # the encoder needs rising times: a frame without one (or out of
                    # order) comes one tick after the last
                    pts = frame.pts
                    if pts is None or (last_pts is not None and pts <= last_pts):
                        pts = 0 if last_pts is None else last_pts + 1
                    last_pts = pts
                    edited.pts, edited.time_base = pts, video.time_base
                    for p in new.encode(edited):
                        target.mux(p)
            for p in new.encode():
                target.mux(p)
    return out_buffer.getvalue()


def _covered(av, covering, frame, shown: list[Region]):
    """A yuv420p frame with the regions shown on it covered, on its planes."""
    array = frame.to_ndarray()
    flat = array.reshape(-1)
    height, width = frame.height, frame.width
    luma, chroma = height * width, (height // 2) * (width // 2)
    planes = [flat[:luma].reshape(height, width), flat[luma:luma + chroma].reshape(height // 2, width // 2),
              flat[luma + chroma:luma + 2 * chroma].reshape(height // 2, width // 2)]
    covering.cover_planes(planes, [b for r in shown if not r.face for b in r.boxes],
                          [b for r in shown if r.face for b in r.boxes])
    return av.VideoFrame.from_ndarray(array, format="yuv420p")


def _display_matrix(data: bytes, track_id: int) -> tuple[int, ...] | None:
    """The picture track's display matrix (a phone filming upright stores the picture
    sideways and this rotation), as FFmpeg's muxer writes it back; None when it is the
    identity. PyAV cannot read a stream's display matrix, so it is taken from the tkhd box."""
    from scrub.formats.video import atoms

    track = next((t for t in atoms.read(data, atoms.parse(data)).tracks if t.track_id == track_id), None)
    if track is None or not track.matrix or track.matrix == _IDENTITY:
        return None
    return track.matrix


_IDENTITY = (0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000)
