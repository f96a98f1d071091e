"""Sound files (MP3, FLAC, Ogg Vorbis/Opus, WAV): their tags, and a copy whose sound is byte
for byte the original's. M4A is an MP4 file: scrub/formats/video reads it.

mutagen reads the tag formats themselves (scrub/formats/audio/tags.py) and rewrites Ogg
files (their comment packet, with the pages renumbered and the audio packets untouched).
Where mutagen's own writers would keep data scrub must remove, each format's copy is built
from the sound itself, which is small and lossless (its module says how).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from scrub.formats.media import Inspection, MediaFormat


@dataclass
class SoundInspection(Inspection):
    # where the sound is: (start, end) byte ranges, copied as they are on clean
    sound: list[tuple[int, int]] = field(default_factory=list)


class SoundFormat(MediaFormat):
    family = "audio"
    not_read = ("sound-not-heard",)  # what is said in the recording is never checked: said plainly
