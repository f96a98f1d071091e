"""The clean copy of a movie: the audio and video packets in a new container, nothing else.

FFmpeg's MP4/MOV muxer (through PyAV) writes a new file from the audio and video packets
only (no re-encoding; ``bitexact`` so it adds no "Lavf" tag; no creation_time, so the
mvhd/tkhd/mdhd dates are 0), through ``filter_units`` to drop SEI NAL units. Subtitle,
data, timed-metadata, cover-art and chapter tracks are left out. What FFmpeg's bitstream
filters do not reach is removed here: the SEI arrays of an hvcC box, and the user data of
an MPEG-4 Part 2 VOL header in the esds box.
"""
from __future__ import annotations

import contextlib
import io
import struct

from scrub.formats.video import atoms, nal
from scrub.formats.video.streams import SEI_FILTER, USER_DATA_VIDEO, load_av, open_movie
from scrub.policy import ErrorCode, Unverified


def muxer(data: bytes) -> str:
    brand = atoms.brand(data)
    if brand == b"qt  ":
        return "mov"
    if brand.startswith(b"3g2"):
        return "3g2"
    if brand.startswith((b"3gp", b"3ge", b"3gg", b"3gr", b"3gs")):
        return "3gp"
    if brand in (b"M4A ", b"M4B ", b"M4P ", b"M4V ", b"M4VH", b"M4VP"):
        return "ipod"
    return "mp4"


@contextlib.contextmanager
def writing(buffer: io.BytesIO, family: str, what: str):
    """A new FFmpeg container of ``family`` written into ``buffer``: what FFmpeg cannot
    write, or fails at while writing (``what``) or finishing it, leaves the file not checked."""
    av = load_av()
    try:
        target = av.open(buffer, mode="w", format=family)
    except ValueError as exc:
        raise Unverified(ErrorCode.MEDIA_UNSUPPORTED, f"FFmpeg cannot write {family}: {exc}") from exc
    try:
        target.flags |= av.container.Flags.bitexact.value  # no "Lavf" encoder tag
        yield target
    except av.FFmpegError as exc:
        raise Unverified(ErrorCode.MEDIA_DAMAGED, f"FFmpeg could not {what}: {exc}") from exc
    finally:
        try:
            target.close()
        except av.FFmpegError as exc:
            raise Unverified(ErrorCode.MEDIA_DAMAGED, f"FFmpeg could not finish ({what}): {exc}") from exc


def remux(data: bytes) -> bytes:
    """The audio and video packets in a new container: no metadata, no other track, no
    SEI/user data in the video, no dates."""
    load_av()  # fails closed when PyAV is missing
    import av
    import av.bitstream

    family = muxer(data)
    out_buffer = io.BytesIO()
    with open_movie(data) as source:
        kept = [s for s in source.streams
                if s.type == "audio" or (s.type == "video" and not (s.disposition & av.stream.Disposition.attached_pic))]
        if not kept:
            raise Unverified(ErrorCode.MEDIA_DAMAGED, "no audio or video stream to keep")
        with writing(out_buffer, family, "copy the streams") as target:
            routes = {}
            for stream in kept:
                try:
                    copy = target.add_stream_from_template(stream)
                except ValueError as exc:
                    raise Unverified(ErrorCode.MEDIA_UNSUPPORTED, f"{stream.codec_context.name} cannot be written into {family}") from exc
                codec = stream.codec_context.name
                bsf = av.bitstream.BitStreamFilterContext(SEI_FILTER[codec], stream, copy) if codec in SEI_FILTER else None
                routes[stream.index] = (copy, bsf, codec)
            configs = [s.codec_context.extradata for s in kept
                       if s.codec_context.name in USER_DATA_VIDEO and s.codec_context.extradata]
            for packet in source.demux(kept):
                copy, bsf, codec = routes[packet.stream.index]
                if bsf is not None:
                    out = bsf.filter(packet if packet.size else None)
                elif packet.size == 0:
                    continue
                elif codec in USER_DATA_VIDEO:
                    out = [_without_user_data(av, packet)]
                else:
                    out = [packet]
                for p in out:
                    p.stream = copy
                    target.mux(p)
            for copy, bsf, _codec in routes.values():
                if bsf is not None:
                    for p in bsf.filter(None):
                        p.stream = copy
                        target.mux(p)
    copy = _hvcc_without_sei(out_buffer.getvalue())
    for config in configs:  # the VOL header travels in the esds box as it was
        if nal.USER_DATA_START in config and config in copy:
            copy = copy.replace(config, nal.blank_user_data(config), 1)
    return copy


def _hvcc_without_sei(data: bytes) -> bytes:
    """The copy with the SEI arrays of its hvcC boxes dropped (x265 keeps its options there
    as well as in the first frame; ``filter_units`` rewrites only the packets)."""
    for _ in range(8):  # one hvcC box per HEVC track
        for box in _stsd_boxes(atoms.parse(data)):
            at = data.find(b"hvcC", box.body, box.end)
            if at < 0:
                continue
            start = at - 4
            end = start + int.from_bytes(data[start:start + 4], "big")
            body = data[start + 8:end]
            clean = nal.hvcc_without_sei(body)
            if clean != body:
                data = replace_in_movie(data, start, end, struct.pack(">I", 8 + len(clean)) + b"hvcC" + clean)
                break
        else:
            return data
    return data


def _stsd_boxes(boxes: list) -> list:
    found = []
    for box in boxes:
        if box.type == b"stsd":
            found.append(box)
        found.extend(_stsd_boxes(box.children))
    return found


def _without_user_data(av, packet):
    clean = nal.strip_user_data(bytes(packet))
    if len(clean) == packet.size:
        return packet
    out = av.Packet(clean)
    out.pts, out.dts, out.duration, out.time_base = packet.pts, packet.dts, packet.duration, packet.time_base
    out.is_keyframe = packet.is_keyframe
    return out


def replace_in_movie(data: bytes, start: int, end: int, new: bytes) -> bytes:
    """The file with bytes ``start:end`` inside its movie box replaced by ``new``, and the
    size of every box around them adjusted. Only for a file whose movie box comes last
    (what FFmpeg writes): no sample offset moves."""
    top = atoms.parse(data)
    moov = top[-1]
    if moov.type != b"moov" or not moov.start <= start <= end <= moov.end:
        raise Unverified(ErrorCode.MEDIA_DAMAGED, "the movie box is not the last box of the copy")
    delta = len(new) - (end - start)
    out = bytearray(data[:start] + new + data[end:])
    pos, limit = moov.start, moov.end
    while pos < limit:  # walk down from moov through every box that holds the range
        size = int.from_bytes(out[pos:pos + 4], "big")
        header = 16 if size == 1 else 8
        if size == 1:
            size = int.from_bytes(out[pos + 8:pos + 16], "big")
        if pos <= start and start < pos + size:
            if pos == start:
                break
            if size == 1:
                out[pos + 8:pos + 16] = (size + delta).to_bytes(8, "big")
            else:
                out[pos:pos + 4] = (size + delta).to_bytes(4, "big")
            kind = bytes(out[pos + 4:pos + 8])
            pos += header + _first_child_offset(kind, out, pos + header)
            limit = pos + size + delta
            continue
        pos += size
    return bytes(out)


def _first_child_offset(kind: bytes, data: bytearray, body: int) -> int:
    """Bytes between a box's header and its first child box."""
    if kind == b"stsd":
        return 8  # version, flags, entry count
    if kind == b"meta" and data[body + 4:body + 8] != b"hdlr":
        return 4
    if kind in (b"hvc1", b"hev1", b"avc1", b"avc3", b"dvh1", b"dvhe"):
        return 78  # the visual sample entry's fields
    return 0
