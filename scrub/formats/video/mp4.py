"""Video (MP4, MOV, M4V, 3GP) and M4A sound: one format, as they are all ISO media files.

Two readers, because neither sees everything alone: the box walker (atoms.py) reads every
box of the container (QuickTime Keys ``com.apple.quicktime.location.ISO6709``, make, model,
software, creation date; udta ``©`` atoms, ``loci``, iTunes-style ``ilst``, XMP and C2PA
``uuid`` boxes, the mvhd/tkhd/mdhd dates) and reports any box it does not know; FFmpeg
(streams.py) reads the streams: subtitle cues, read as an .srt with the case file and the
names model; timed-metadata and data tracks, chapters, attached pictures, and the SEI/user
data of the video packets. The text shown in the picture is read by OCR (frames.py). The
clean copy (remux.py) is the audio and video packets in a new container, read again by both
readers. When the picture shows a detail to hide (text, or with ``--faces`` a face), the
video is encoded again with it covered (recode.py) and the report says so; otherwise the
packets are copied as they are.

M4A (iTunes, phone recorders) is the same container, so it is read here too: mutagen would
read its ``ilst`` but not udta, Keys, XMP or ``uuid`` boxes.

With ``--faces``, faces other than the largest are looked for in the same frames
(frames.faces_in) and reported with their box and time range; ``clean`` covers them with a
mosaic on every frame of that range.

Not covered: what the voice says (the report says so), and the
contents of AAC/AC-3 packets (copied as they are: FFmpeg's own AAC encoder names itself,
"Lavc", inside its first packet).
"""
from __future__ import annotations

import dataclasses

from scrub.formats.base import fail_closed
from scrub.formats.media import MediaFormat, MediaItem
from scrub.formats.meta.boxes import ftyp_brands
from scrub.formats.video import frames, recode, remux, streams
from scrub.policy import ErrorCode, Unverified, to_cover

# boxes an old QuickTime movie (no ftyp) starts with
_QUICKTIME_FIRST_BOXES = (b"moov", b"mdat", b"wide", b"free", b"skip", b"pnot")


class VideoFormat(MediaFormat):
    name = "mp4"
    family = "video"
    suffixes = frozenset((".mp4", ".m4v", ".mov", ".qt", ".3gp", ".3g2", ".m4a", ".m4b", ".m4p"))
    # a minute of phone video is 100-200 MB; the file is held in memory once, and its copy
    # once more
    max_bytes = 2 * 1024 * 1024 * 1024
    shows_pictures = True
    looks_for_faces = True

    def sniff(self, data: bytes) -> str | None:
        # HEIC and AVIF pictures are ISO files too: their formats are asked first
        return self.name if ftyp_brands(data) or _quicktime_without_ftyp(data) else None

    def read(self, data, source) -> MediaItem:
        item = super().read(data, source)
        if not _has_video(item):
            item.notes.insert(0, "sound-not-heard")
        return item

    def look(self, item: MediaItem, ctx) -> None:
        """Faces (``--faces``) and the text shown in the picture (frames.py), looked for as
        in a poster; what is found is reported with its box and time range."""
        from scrub.vision import faces, ocr

        if not _has_video(item) or item.failure:
            return
        if ctx.faces:
            if not faces.available():
                item.fail(Unverified(ErrorCode.FACES_UNAVAILABLE))
                return
            try:
                with fail_closed(ErrorCode.MEDIA_DAMAGED):
                    item.findings += frames.faces_in(item.data)
            except Unverified as exc:
                item.fail(exc)
                return
        if not ctx.ocr:
            item.notes.insert(0, "video-frames-faces-only" if ctx.faces else "video-frames-not-read")
            return
        item.notes.insert(0, "video-speech-not-checked" if ctx.faces else "video-faces-speech-not-checked")
        if not ocr.available():
            item.fail(Unverified(ErrorCode.OCR_UNAVAILABLE))
            return
        try:
            with fail_closed(ErrorCode.MEDIA_DAMAGED):
                item.findings += frames.burnt_in(item.data, item.case, item.language, ctx.analyzer())
        except Unverified as exc:
            item.fail(exc)

    def inspect(self, data: bytes) -> streams.VideoInspection:
        return streams.inspect(data)

    def strip(self, data: bytes, inspection) -> bytes:
        return remux.remux(data)

    def clean(self, item: MediaItem, ctx) -> bytes:
        """What the picture shows that must go is covered first (the video encoded again,
        said in the report); then the copy loses its metadata and is read again."""
        shown = recode.regions(to_cover(item.findings))
        if shown:
            with fail_closed(ErrorCode.MEDIA_DAMAGED):
                data = recode.cover(item.data, shown)
            item.notes.append("video-re-encoded")
            item = dataclasses.replace(item, data=data)
        return super().clean(item, ctx)


def _has_video(item: MediaItem) -> bool:
    return any(s.startswith("video") for s in item.inspection.streams)


def _quicktime_without_ftyp(head: bytes) -> bool:
    """An old QuickTime movie: its first box is moov, mdat or free space. A small first box
    has a size starting with a zero byte, which no text has ("Get free food")."""
    size = int.from_bytes(head[:4], "big")
    return head[4:8] in _QUICKTIME_FIRST_BOXES and size >= 8 and (head[0] == 0 or head[4:8] in (b"mdat", b"moov"))


FORMAT = VideoFormat()
