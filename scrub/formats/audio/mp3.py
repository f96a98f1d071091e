"""MP3: the MPEG frames are walked one by one and the copy is those frames only: ID3v2 at
the start, APEv2, Lyrics3 and ID3v1 at the end and anything between the frames go
(mutagen's ``delete`` removes ID3 but keeps APEv2 tags and stray data). An MP3's LAME/Xing
header frame is kept: it is part of the sound stream and names the encoder version, not a
person.
"""
from __future__ import annotations

from scrub.formats.audio import SoundFormat, SoundInspection
from scrub.formats.audio.tags import id3_items, id3v2_size, trailing_tags
from scrub.formats.meta.items import unknown_container
from scrub.policy import ErrorCode, Unverified

_BITRATES = {
    (1, 1): (0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448),
    (1, 2): (0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384),
    (1, 3): (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320),
    (2, 1): (0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256),
    (2, 2): (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),
}
_BITRATES[(2, 3)] = _BITRATES[(2, 2)]
_SAMPLE_RATES = {3: (44100, 48000, 32000), 2: (22050, 24000, 16000), 0: (11025, 12000, 8000)}


def mpeg_frame_length(data: bytes, pos: int) -> int:
    """Length of the MPEG audio frame starting at ``pos``, or 0 if none starts there."""
    if pos + 4 > len(data) or data[pos] != 0xFF or data[pos + 1] & 0xE0 != 0xE0:
        return 0
    b1, b2 = data[pos + 1], data[pos + 2]
    version, layer_bits = (b1 >> 3) & 3, (b1 >> 1) & 3
    bitrate_index, rate_index, padding = b2 >> 4, (b2 >> 2) & 3, (b2 >> 1) & 1
    if version == 1 or layer_bits == 0 or bitrate_index in (0, 15) or rate_index == 3:
        return 0  # reserved values, or free-format bit rate (not walkable)
    layer = 4 - layer_bits
    v = 1 if version == 3 else 2
    bitrate = _BITRATES[(v, layer)][bitrate_index] * 1000
    rate = _SAMPLE_RATES[version][rate_index]
    if layer == 1:
        return (12 * bitrate // rate + padding) * 4
    if layer == 3 and v == 2:
        return 72 * bitrate // rate + padding
    return 144 * bitrate // rate + padding


def mp3_frames(data: bytes, start: int, end: int) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(frame ranges, ranges of anything else) between ``start`` and ``end``."""
    frames: list[tuple[int, int]] = []
    other: list[tuple[int, int]] = []
    pos = start
    while pos < end:
        length = mpeg_frame_length(data, pos)
        if length and pos + length <= end and (pos + length == end or mpeg_frame_length(data, pos + length)
                                               or pos + length + 4 > end or frames):
            frames.append((pos, pos + length))
            pos += length
            continue
        if length and pos + length > end and frames:
            other.append((pos, end))  # a last frame cut short
            break
        # not a frame: look for the next frame that is followed by another one
        nxt = pos + 1
        while nxt < end:
            nxt = data.find(b"\xff", nxt, end)
            if nxt < 0:
                nxt = end
                break
            n = mpeg_frame_length(data, nxt)
            if n and (nxt + n == end or mpeg_frame_length(data, nxt + n)):
                break
            nxt += 1
        other.append((pos, nxt))
        pos = nxt
    return frames, other


class Mp3Format(SoundFormat):
    name = "mp3"
    suffixes = frozenset((".mp3", ".mpga"))

    def sniff(self, data: bytes) -> str | None:
        # an ID3v2 header names its version (2, 3 or 4): a text that starts with "ID3" is no tag
        return self.name if (data[:3] == b"ID3" and data[3:4] in (b"\x02", b"\x03", b"\x04")) \
            or _mpeg_audio_frame(data) else None

    def inspect(self, data: bytes) -> SoundInspection:
        result = SoundInspection()
        pos = 0
        while (size := id3v2_size(data, pos)):  # some taggers stack several
            result.items.extend(id3_items(data[pos:pos + size], "ID3v2"))
            pos += size
        end, trailing = trailing_tags(data, pos)
        result.items.extend(trailing)
        frames, other = mp3_frames(data, pos, end)
        if not frames:
            raise Unverified(ErrorCode.MEDIA_DAMAGED, "no MPEG audio frames")
        for a, b in other:
            payload = data[a:b]
            if payload.strip(b"\x00\xff"):
                result.items.append(unknown_container("between the sound frames", f"{b - a} bytes", payload))
        result.sound = frames
        return result

    def strip(self, data: bytes, inspection) -> bytes:
        sound = inspection.sound if isinstance(inspection, SoundInspection) and inspection.sound else self.inspect(data).sound
        return b"".join(data[a:b] for a, b in sound)


def _mpeg_audio_frame(head: bytes) -> bool:
    """An MPEG audio (MP3, MP2) frame header with no tag before it. Layer I is left out:
    its sync bytes are a UTF-16 text's byte-order mark (FF FE)."""
    if len(head) < 4 or head[0] != 0xFF or head[1] & 0xE0 != 0xE0:
        return False
    version, layer = (head[1] >> 3) & 3, (head[1] >> 1) & 3
    return version != 1 and layer in (1, 2) and head[2] >> 4 not in (0, 15) and (head[2] >> 2) & 3 != 3


FORMAT = Mp3Format()
