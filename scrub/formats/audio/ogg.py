"""Ogg Vorbis and Opus (WhatsApp voice notes): mutagen rewrites the comment header packet
(the pages renumbered, the audio packets untouched) with no field and no vendor string."""
from __future__ import annotations

import io

from scrub.formats.audio import SoundFormat
from scrub.formats.audio.tags import vorbis_items
from scrub.formats.media import Inspection
from scrub.policy import ErrorCode, Unverified


def _ogg_file(data: bytes):
    from mutagen.oggopus import OggOpus
    from mutagen.oggvorbis import OggVorbis

    for cls in (OggOpus, OggVorbis):
        try:
            return cls(io.BytesIO(data))
        except Exception:  # noqa: BLE001 - not this codec
            continue
    raise Unverified(ErrorCode.MEDIA_UNSUPPORTED, "an Ogg file that is neither Opus nor Vorbis (Ogg FLAC, Speex, Theora...)")


def ogg_serials(data: bytes) -> list[int]:
    """The logical streams of an Ogg file, in order of their first page."""
    from mutagen.ogg import OggPage

    serials: list[int] = []
    stream = io.BytesIO(data)
    while stream.tell() < len(data):
        try:
            page = OggPage(stream)
        except Exception as exc:
            raise Unverified(ErrorCode.MEDIA_DAMAGED, f"a damaged Ogg page at byte {stream.tell()}") from exc
        if page.serial not in serials:
            serials.append(page.serial)
    return serials


# what starts the comment header packet, before the Vorbis comment itself
_COMMENT_MAGIC = {"Opus": b"OpusTags", "Vorbis": b"\x03vorbis"}


def _comment_packet(data: bytes, codec: str) -> bytes:
    """The Vorbis comment of the stream's second packet (its comment header), from the
    pages themselves: mutagen's reading of it drops fields (tags.vorbis_fields)."""
    from mutagen.ogg import OggPage

    stream, pages = io.BytesIO(data), []
    while stream.tell() < len(data) and len(pages) < 256:
        pages.append(OggPage(stream))
        packets = OggPage.to_packets(pages, strict=False)
        if len(packets) >= 2 and (pages[-1].complete or len(packets) > 2):
            packet = packets[1]
            magic = _COMMENT_MAGIC[codec]
            if not packet.startswith(magic):
                raise Unverified(ErrorCode.MEDIA_DAMAGED, "the second packet is not a comment header")
            return packet[len(magic):]
    raise Unverified(ErrorCode.MEDIA_DAMAGED, "no comment header packet")


class OggFormat(SoundFormat):
    name = "ogg"
    suffixes = frozenset((".ogg", ".oga", ".opus", ".spx"))
    magic = (b"OggS",)

    def inspect(self, data: bytes) -> Inspection:
        result = Inspection()
        serials = ogg_serials(data)
        if len(serials) != 1:
            raise Unverified(ErrorCode.MEDIA_UNSUPPORTED, f"{len(serials)} streams in one Ogg file (a chained or multiplexed file)")
        audio = _ogg_file(data)
        codec = type(audio).__name__.replace("Ogg", "")
        result.items.extend(vorbis_items(_comment_packet(data, codec), f"{codec} comment header"))
        return result

    def strip(self, data: bytes, inspection) -> bytes:
        audio = _ogg_file(data)
        audio.tags.clear()
        audio.tags.vendor = ""
        buffer = io.BytesIO(data)
        audio.save(buffer, padding=lambda info: 0)
        return buffer.getvalue()


FORMAT = OggFormat()
