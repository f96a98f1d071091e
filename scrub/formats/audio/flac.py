"""FLAC: the copy is STREAMINFO, SEEKTABLE and the audio frames as they were; Vorbis
comments, PICTURE, APPLICATION, CUESHEET and padding blocks go."""
from __future__ import annotations

from scrub.formats.audio import SoundFormat, SoundInspection
from scrub.formats.audio.tags import id3_items, id3v2_size, trailing_tags, vorbis_items
from scrub.formats.meta.items import (
    OTHER,
    PICTURE,
    MetaItem,
    printable,
    unknown_container,
)
from scrub.policy import ErrorCode, Unverified

_FLAC_KEEP = {0, 3}  # STREAMINFO, SEEKTABLE


def flac_blocks(data: bytes, start: int) -> tuple[list[tuple[int, int, int]], int]:
    """[(type, body start, body end)] of the metadata blocks, and where the frames start."""
    if data[start:start + 4] != b"fLaC":
        raise Unverified(ErrorCode.MEDIA_DAMAGED, "no FLAC stream marker")
    pos = start + 4
    blocks = []
    while True:
        if pos + 4 > len(data):
            raise Unverified(ErrorCode.MEDIA_DAMAGED, "the FLAC metadata is cut off")
        header = data[pos]
        length = int.from_bytes(data[pos + 1:pos + 4], "big")
        if pos + 4 + length > len(data):
            raise Unverified(ErrorCode.MEDIA_DAMAGED, "a FLAC metadata block runs past the end")
        blocks.append((header & 0x7F, pos + 4, pos + 4 + length))
        pos += 4 + length
        if header & 0x80:
            return blocks, pos


class FlacFormat(SoundFormat):
    name = "flac"
    suffixes = frozenset((".flac",))

    def sniff(self, data: bytes) -> str | None:
        # a tagger may put an ID3 tag before the stream marker
        return self.name if data[id3v2_size_or_zero(data):][:4] == b"fLaC" else None

    def inspect(self, data: bytes) -> SoundInspection:
        from mutagen.flac import Picture

        result = SoundInspection()
        start = id3v2_size(data)
        if start:
            result.items.extend(id3_items(data[:start], "ID3v2"))
        blocks, frames_start = flac_blocks(data, start)
        if not blocks or blocks[0][0] != 0:
            raise Unverified(ErrorCode.MEDIA_DAMAGED, "no FLAC STREAMINFO")
        for kind, a, b in blocks:
            body = data[a:b]
            if kind == 4:
                result.items.extend(vorbis_items(body, "FLAC Vorbis comment"))
            elif kind == 6:
                picture = Picture(body)
                label = " · ".join(filter(None, (picture.desc, picture.mime, f"{len(picture.data)} bytes")))
                result.items.append(MetaItem("FLAC PICTURE", f"picture type {picture.type}", label, PICTURE))
            elif kind == 2:
                app = body[:4].decode("latin-1")
                result.items.append(unknown_container(f"FLAC APPLICATION {app}", "application data", body[4:]))
            elif kind == 5:
                result.items.append(MetaItem("FLAC CUESHEET", "cue sheet", printable(body[:128]), OTHER))
            elif kind == 1:
                if body.strip(b"\x00"):
                    result.items.append(unknown_container("FLAC PADDING", "padding", body))
            elif kind not in _FLAC_KEEP:
                result.items.append(unknown_container(f"FLAC block {kind}", "block", body))
        end, trailing = trailing_tags(data, frames_start)
        result.items.extend(trailing)
        if frames_start + 2 > end or data[frames_start] != 0xFF or data[frames_start + 1] & 0xFE != 0xF8:
            raise Unverified(ErrorCode.MEDIA_DAMAGED, "no FLAC audio frame after the metadata")
        result.sound = [(frames_start, end)]
        result.layout = blocks
        return result

    def strip(self, data: bytes, inspection) -> bytes:
        found = inspection if isinstance(inspection, SoundInspection) and inspection.layout else self.inspect(data)
        kept = [(kind, a, b) for kind, a, b in found.layout if kind in _FLAC_KEEP]
        out = [b"fLaC"]
        for i, (kind, a, b) in enumerate(kept):
            last = 0x80 if i == len(kept) - 1 else 0
            out.append(bytes([kind | last]) + (b - a).to_bytes(3, "big") + data[a:b])
        out.extend(data[a:b] for a, b in found.sound)
        return b"".join(out)


def id3v2_size_or_zero(data: bytes) -> int:
    try:
        return id3v2_size(data)
    except Unverified:
        return 0


FORMAT = FlacFormat()
